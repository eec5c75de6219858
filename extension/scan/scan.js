// scan.js — the progress window of a folder or selection scan (background/scan.js):
// `?folder=ID` starts a folder scan, `?job=N` follows one already started.
// Shows checked / total and how many were dangerous (tagged in the list).

// @ts-check
/** @import { Send, ScanProgress } from "../types/messages" */

(() => {
  const { t } = PhishcheckI18n;
  /** @param {string} id an element of this page's HTML */
  const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const bar = /** @type {HTMLProgressElement} */ ($("bar"));
  /** @type {Send} */
  const send = (msg) => browser.runtime.sendMessage(msg);
  const params = new URLSearchParams(location.search);

  /** @param {ScanProgress} p */
  function show(p) {
    if (p.name) $("heading").textContent = t("scanTitleFolder", [p.name]);
    bar.max = p.total || Math.max(p.checked, 1);
    bar.value = p.checked;
    $("count").textContent = p.total ? t("scanCount", [String(p.checked), String(p.total)])
      : t("scanCountOpen", [String(p.checked)]);
    $("found").textContent = t("scanFound", [String(p.dangerous), String(p.suspicious), String(p.failed)]);
    $("found").className = p.dangerous ? "danger" : "";
    if (p.finished) {
      $("count").textContent = t(p.stopped ? "scanStopped" : "scanDone", [String(p.checked)]);
      $("stop").hidden = true;
      $("close").hidden = false;
      document.body.dataset.finished = "true"; // for the real-client test
      console.info(`phishcheck-scan ${JSON.stringify(p)}`);
    }
  }

  /** @param {number|null} job */
  async function follow(job) {
    for (;;) {
      const p = await send({ type: "scan.status", job });
      if (!p) return;
      show(p);
      if (p.finished) return;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  async function main() {
    PhishcheckI18n.fill(document);
    let job = Number(params.get("job")) || null;
    const folderId = params.get("folder");
    if (!job && folderId) job = (await send({ type: "scan.start", folderId })).id;
    $("stop").addEventListener("click", () => send({ type: "scan.stop", job }));
    $("close").addEventListener("click", () => window.close());
    await follow(job);
  }

  main().catch((e) => {
    $("count").textContent = t("scanFailed", [e.message]);
  });
})();
