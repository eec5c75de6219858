// report.js — the "Report phishing" dialog: shows where the report goes (the
// administrator's destinations locked and always on, the user's, the optional
// brand and national addresses unticked) and what it holds; nothing is sent
// until the user clicks Send (background/report.js does the sending).

// @ts-check
/** @import { Send, Destination, ReportPreparation, SendResult } from "../types/messages" */

import { errorMessage } from "../lib/errors.js";

const { t } = PhishcheckI18n;
/** @param {string} id an element of this page's HTML */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @param {string} id a button or field of this page's HTML */
const control = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));
const messageId = Number(new URLSearchParams(location.search).get("message"));
/** @type {Send} */
const send = (msg) => browser.runtime.sendMessage(msg);

/** @param {Destination} d */
function destinationItem(d) {
  const li = document.createElement("li");
  const label = document.createElement("label");
  const box = document.createElement("input");
  box.type = "checkbox";
  box.value = d.key;
  box.checked = d.checked || d.locked;
  box.disabled = d.locked;
  const what = d.kind === "url" ? t("reportToUrl", [d.to]) : t("reportToEmail", [d.to]);
  label.append(box, ` ${what}`);
  if (d.name) label.append(` — ${d.name}`);
  li.append(label);
  if (d.locked) {
    const note = document.createElement("span");
    note.className = "lock-note";
    note.textContent = t("optLocked");
    li.append(note);
  }
  if (d.source) {
    const src = document.createElement("span");
    src.className = "source";
    src.textContent = t("reportSource", [d.source]);
    li.append(src);
  }
  box.addEventListener("change", updateSend);
  return li;
}

function chosen() {
  return [.../** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll("#destinations input:checked"))]
    .map((b) => b.value);
}

function updateSend() {
  control("send").disabled = chosen().length === 0;
}

/** @param {ReportPreparation} prep */
function render(prep) {
  $("verdict").textContent = t(`level${prep.verdict[0].toUpperCase()}${prep.verdict.slice(1)}`);
  $("verdict").classList.add(prep.verdict);
  $("subject").textContent = prep.message.subject || "";
  $("author").textContent = t("popupFrom", [prep.message.author || ""]);
  $("destinations").replaceChildren(...prep.destinations.map(destinationItem));
  $("no_destination").hidden = prep.destinations.length > 0;
  const afterKey = { junk: "reportAfterJunk", trash: "reportAfterTrash", keep: "reportAfterKeep" }[prep.after];
  $("after").textContent = t(afterKey) + (prep.afterLocked ? ` (${t("optLocked")})` : "");
  updateSend();
}

/** @param {{results: SendResult[]}} sent */
function showResults({ results }) {
  const lines = results.map((r) => {
    const p = document.createElement("div");
    p.className = r.ok ? "ok" : "fail";
    p.textContent = r.ok ? t("reportSentTo", [r.to]) : t("reportFailedTo", [r.to, r.error || ""]);
    return p;
  });
  $("status").replaceChildren(...lines);
  $("cancel").textContent = t("reportClose");
}

async function main() {
  PhishcheckI18n.fill(document);
  $("cancel").addEventListener("click", () => window.close());
  try {
    const prep = await send({ type: "report.prepare", messageId });
    render(prep);
    const shown = prep.destinations.map(({ kind, to, locked, checked }) => ({ kind, to, locked, checked }));
    const box = $("send").getBoundingClientRect(); // where a click lands (the real-client test clicks there)
    const sendAt = { x: Math.round(window.mozInnerScreenX + box.x + box.width / 2),
      y: Math.round(window.mozInnerScreenY + box.y + box.height / 2) };
    console.info(`phishcheck-report-dialog ${JSON.stringify({ destinations: shown, after: prep.after, send: sendAt })}`);
  } catch (e) {
    $("status").textContent = t("reportFailed", [errorMessage(e)]);
  }
  $("send").addEventListener("click", async () => {
    control("send").disabled = true;
    $("status").textContent = t("reportSending");
    try {
      showResults(await send({ type: "report.send", messageId, keys: chosen(), comment: control("comment").value }));
    } catch (e) {
      $("status").textContent = t("reportFailed", [errorMessage(e)]);
    }
  });
}

main();
