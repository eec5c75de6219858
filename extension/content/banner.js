// banner.js — content script in every displayed message: asks the background
// for the message's view and draws the banner at the top: red for dangerous,
// amber for suspicious, a quiet collapsed line for safe mail, grey when the
// check failed. The banner lives in a closed shadow root so the message's own
// styles cannot restyle or hide its parts. Each drawing is logged to the
// console ("phishcheck-banner {...}"), which the real-client test reads.
// @ts-check

/** @import { View } from "../types/messages" */

(() => {
  const { el } = PhishcheckDom;
  const t = PhishcheckI18n.t;
  const HOST_TAG = "phishcheck-banner";

  /** @type {string|null} The banner's CSS text (content/banner.css, read by the background). */
  let css = null;
  async function bannerCss() {
    css ??= await browser.runtime.sendMessage({ type: "banner.css" });
    return css;
  }

  /**
   * Build the banner for a view (its kind, level and banner style).
   * @param {View} view
   */
  function bannerFor(view) {
    const body = el("div", { class: "pc-body", hidden: "" });
    const status = el("p", { class: "pc-status", role: "status" });
    const say = (/** @type {string} */ text) => { status.textContent = text; };
    // The safe actions (Move to Junk, Delete; Undo of a decision) are visible
    // without expanding; the rest sit under the findings.
    const primary = PhishcheckDom.actionBar(view, say, undefined, (a) => a.primary);
    const org = view.kind === "report" ? PhishcheckDom.organisationBox(view) : null;
    if (org) body.append(org);
    body.append(PhishcheckDom.flagList(view), PhishcheckDom.actionBar(view, say, undefined, (a) => !a.primary));

    const toggle = el("button", { type: "button", class: "pc-toggle", "aria-expanded": "false" }, t("showDetails"));
    toggle.addEventListener("click", () => {
      const open = body.hidden;
      body.hidden = !open;
      toggle.textContent = t(open ? "hideDetails" : "showDetails");
      toggle.setAttribute("aria-expanded", String(open));
    });

    const label = view.level === "safe" ? el("span", { class: "pc-check" }, "✓")
      : el("span", { class: "pc-label" }, PhishcheckDom.levelLabel(view));
    const row = el("div", { class: "pc-row" }, label, el("span", { class: "pc-headline" },
      PhishcheckDom.headline(view)), primary.childElementCount ? primary : null, toggle);
    return el("div", { class: `pc-banner pc-${view.banner} pc-level-${view.level}`,
      lang: browser.i18n.getUILanguage(),
      role: view.level === "safe" || view.level === "decided" ? "status" : "alert" }, row, status, body);
  }

  /**
   * Replace whatever banner is shown by the one for `view` (null: none).
   * @param {View|null} view
   */
  async function draw(view) {
    document.querySelectorAll(HOST_TAG).forEach((old) => old.remove());
    if (!view || view.banner === "none") {
      log(view, false);
      return;
    }
    const host = document.createElement(HOST_TAG);
    // Inline !important beats any rule of the message's own style sheets.
    host.setAttribute("style", "all: initial !important; display: block !important;");
    const shadow = host.attachShadow({ mode: "closed" });
    const style = document.createElement("style");
    style.textContent = await bannerCss();
    shadow.append(style, bannerFor(view));
    document.body.prepend(host);
    log(view, true);
    // The page restyled, covered or moved it: take it away (Thunderbird's bar above stays).
    globalThis.PhishcheckGuard?.watch(host, (reason) => {
      host.remove();
      console.info(`phishcheck-banner-guard ${JSON.stringify({ messageId: view.headerMessageId, reason })}`);
    });
  }

  /**
   * @param {View|null} view
   * @param {boolean} shown
   */
  function log(view, shown) {
    console.info(`phishcheck-banner ${JSON.stringify({ shown, level: view?.level ?? null,
      messageId: view?.headerMessageId ?? null, subject: view?.kind === "report" ? view.subject : null,
      banner: view?.banner ?? null, summary: view ? PhishcheckDom.headline(view) : null,
      flags: view?.kind === "report" ? view.flags.length : 0,
      org: view?.kind === "report" ? view.organisation?.verdict ?? null : null })}`);
  }

  async function refresh() {
    try {
      await draw(await browser.runtime.sendMessage({ type: "view.displayed" }));
    } catch (e) {
      console.warn(`phishcheck: banner failed: ${PhishcheckDom.errorText(e)}`);
    }
  }

  browser.runtime.onMessage.addListener((msg) => {
    if (msg?.type === "banner.refresh") refresh();
  });
  refresh();
})();
