// confirm.js — asks before a trust decision, naming exactly what will be
// trusted: an address, a whole domain, or this one message ("not phishing").
// "Cancel" is the default. Opened by background/guard.js (action.confirm) in a
// window of its own, outside the message.

// @ts-check
/** @import { UiMessage, ConfirmWindowData } from "../types/messages" */

import { errorMessage } from "../lib/errors.js";

const { t } = PhishcheckI18n;
/** @param {string} id an element of this page's HTML */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @type {ConfirmWindowData} (from background/guard.js) */
const data = JSON.parse(decodeURIComponent(location.hash.slice(1) || "{}"));
const isAddress = data.entry.includes("@");

function render() {
  document.documentElement.lang = browser.i18n.getUILanguage();
  if (data.what === "trust") {
    $("question").textContent = t(isAddress ? "confirmTrustAddress" : "confirmTrustDomain");
    $("entry").textContent = isAddress ? data.entry : `*@${data.entry}`;
    $("effect").textContent = t(isAddress ? "confirmTrustAddressEffect" : "confirmTrustDomainEffect", [data.entry]);
    $("ok").textContent = t("confirmTrustOk", [data.entry]);
  } else {
    $("question").textContent = t("confirmNotPhishing");
    $("entry").textContent = data.subject || data.from;
    $("effect").textContent = t("confirmNotPhishingEffect", [data.from]);
    $("ok").textContent = t("confirmNotPhishingOk");
  }
  document.title = t("confirmTitle");
}

async function ok() {
  try {
    /** @type {UiMessage} */
    const request = data.what === "trust" ? { type: "action.trust", entry: data.entry }
      : { type: "action.notPhishing", on: true, headerMessageId: data.headerMessageId ?? "",
        about: { from: data.from, subject: data.subject } };
    await browser.runtime.sendMessage(request);
    console.info(`phishcheck-confirm-window ${JSON.stringify({ choice: "ok", what: data.what, entry: data.entry })}`);
    window.close();
  } catch (e) {
    $("status").textContent = t("actionFailed", [errorMessage(e)]);
  }
}

function cancel() {
  console.info(`phishcheck-confirm-window ${JSON.stringify({ choice: "cancel" })}`);
  window.close();
}

PhishcheckI18n.fill(document);
render();
$("ok").addEventListener("click", ok);
$("cancel").addEventListener("click", cancel);
document.addEventListener("keydown", (e) => e.key === "Escape" && cancel());
$("cancel").focus();
console.info(`phishcheck-confirm-window ${JSON.stringify({ shown: true, what: data.what, entry: data.entry,
  focused: document.activeElement?.id ?? null, buttons: buttonCentres() })}`);

/** Where the buttons are (page pixels), for the real-client test's clicks. */
function buttonCentres() {
  /** @type {Record<string, number[]>} */
  const out = {};
  for (const id of ["cancel", "ok"]) {
    const r = $(id).getBoundingClientRect();
    out[id] = [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
  }
  return out;
}
