// popup.js — "Check this email": runs the check on the message of the current
// tab and shows the full report with every flag and the actions.

// @ts-check
/** @import { View } from "../types/messages" */

const { t } = PhishcheckI18n;
/** @param {string} id an element of this page's HTML */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** The tab whose message this popup reports on (`?tab=ID` when opened as a page by the bar). */
const tabFromUrl = Number(new URLSearchParams(location.search).get("tab"));
const tabIdPromise = tabFromUrl ? Promise.resolve(tabFromUrl)
  : browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => tab.id);

/** @param {string} text */
function say(text) {
  $("status").textContent = text;
}

/**
 * Draw the view: level, headline, sender, flags and actions.
 * @param {View} view
 */
function render(view) {
  $("report").className = `pc-level-${view.level}`;
  $("level").textContent = PhishcheckDom.levelLabel(view);
  $("headline").textContent = PhishcheckDom.headline(view);
  $("sender").textContent = view.kind === "report" && view.sender ? t("popupFrom", [view.sender.address]) : "";
  const org = view.kind === "report" ? PhishcheckDom.organisationBox(view) : null;
  $("organisation").replaceChildren(...(org ? [org] : []));
  $("flags").replaceChildren(PhishcheckDom.flagList(view));
  // Trust and "not phishing" change the verdict: check again to show it.
  /** @type {(action: {changesVerdict?: boolean}, ok: boolean) => unknown} */
  const after = (action, ok) => ok && action.changesVerdict && check();
  $("actions").replaceChildren(PhishcheckDom.actionBar(view, say, after));
  document.body.dataset.level = view.level; // for the real-client test
  document.body.dataset.org = view.kind === "report" ? view.organisation?.verdict ?? "" : "";
}

async function check() {
  const tabId = await tabIdPromise;
  render(await browser.runtime.sendMessage({ type: "view.check", tabId }));
}

/** The report belongs to the message shown when the popup opened: close when another one shows. */
async function closeOnOtherMessage() {
  const tabId = await tabIdPromise;
  browser.messageDisplay.onMessagesDisplayed.addListener((tab) => tab.id === tabId && window.close());
}

PhishcheckI18n.fill(document);
closeOnOtherMessage();
$("recheck").addEventListener("click", check);
$("options").addEventListener("click", () => browser.runtime.openOptionsPage());
check();
