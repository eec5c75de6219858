// guard.js — the link guard window: where a link of a suspicious or dangerous
// message really goes (registrable domain highlighted, in Unicode with its
// punycode beside it) and why the mail is suspect. "Go back" is the default
// (focused; Enter and Escape take it); the link opens only on "Continue".
// Its data comes in the URL's hash from background/guard.js.

// @ts-check
/** @import { GuardWindowData } from "../types/messages" */

import { splitHost } from "../lib/link-target.js";

const { t } = PhishcheckI18n;
/** @param {string} id an element of this page's HTML */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @type {GuardWindowData} (from background/guard.js) */
const data = JSON.parse(decodeURIComponent(location.hash.slice(1) || "{}"));

/**
 * The host with its registrable domain highlighted: "login." + <mark>example.co.jp</mark>.
 * @param {string} unicodeHost
 * @param {string} unicodeDomain
 */
function domainLine(unicodeHost, unicodeDomain) {
  const { prefix, domain } = splitHost(unicodeHost, unicodeDomain);
  const mark = document.createElement("mark");
  mark.textContent = domain;
  return [prefix, mark];
}

function render() {
  document.documentElement.lang = browser.i18n.getUILanguage();
  $("guard").className = `pc-level-${data.level}`;
  $("level").textContent = t(data.level === "dangerous" ? "guardLevelDangerous" : "guardLevelSuspicious");
  $("domain").replaceChildren(...domainLine(data.unicode, data.domainUnicode));
  // International letters can look exactly like a familiar name: the ASCII
  // (punycode) spelling is shown just as large, its registrable domain marked too.
  const idn = data.unicode !== data.host;
  $("punycode_domain").hidden = !idn;
  if (idn) $("punycode_domain").replaceChildren(...domainLine(data.host, data.domain));
  $("punycode").textContent = idn ? t("guardPunycode") : data.ip ? t("guardIp") : "";
  $("punycode").classList.toggle("pc-warn", idn);
  $("address").textContent = data.href.length > 300 ? `${data.href.slice(0, 300)}…` : data.href;
  $("reasons").replaceChildren(...(data.reasons || []).map((reason) => {
    const li = document.createElement("li");
    li.textContent = reason;
    return li;
  }));
  // The button names the domain as the address spells it (an IDN name could pass for another).
  $("continue").textContent = t("guardContinue", [idn ? data.domain : data.domainUnicode]);
  document.title = t("guardTitle");
}

function back() {
  console.info(`phishcheck-guard-window ${JSON.stringify({ choice: "back" })}`);
  window.close();
}

async function proceed() {
  console.info(`phishcheck-guard-window ${JSON.stringify({ choice: "continue" })}`);
  await browser.runtime.sendMessage({ type: "guard.open", href: data.href });
  window.close();
}

PhishcheckI18n.fill(document);
render();
$("back").addEventListener("click", back);
$("continue").addEventListener("click", proceed);
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape") back();
});
$("back").focus();
console.info(`phishcheck-guard-window ${JSON.stringify({ shown: true, domain: data.domain,
  domainUnicode: data.domainUnicode, host: data.host, focused: document.activeElement?.id ?? null, buttons: buttonCentres() })}`);

/** Where the buttons are (page pixels), for the real-client test's clicks. */
function buttonCentres() {
  /** @type {Record<string, number[]>} */
  const out = {};
  for (const id of ["back", "continue"]) {
    const r = $(id).getBoundingClientRect();
    out[id] = [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
  }
  return out;
}
