// guard.js — the link guard and the confirmations, drawn OUTSIDE the message.
//
// The message document is the attacker's: it can restyle or cover anything
// drawn in it. So the content script (content/link-guard.js) only stops the
// click (capture phase, on the window) and reports the link here; this module
// decides and, for suspicious and dangerous mail, opens the guard as a window
// of its own (guard/guard.html) showing where the link really goes. The link
// opens only when the user presses "Continue" there (windows.openDefaultBrowser).
// Trusting a sender or "not phishing" are confirmed the same way (guard/confirm.html).
//
// Messages (runtime.sendMessage): guard.state, guard.click, guard.open,
// action.confirm — their fields and answers in types/messages.d.ts (UiRequests).

// @ts-check
/** @import { Handlers, GuardWindowData, ConfirmWindowData, UiMessageOf } from "../types/messages" */

import { needsGuard, linkTarget, guardReasons, isGuardedHref } from "../lib/link-target.js";
import { viewForMessage, displayedMessage, senderTab } from "./views.js";
import { loadSettings } from "./settings-store.js";

/** @type {browser.scripting.messageDisplay.RegisteredScript & {js: string[]}} */
const SCRIPT = { id: "phishcheck-link-guard", js: ["content/link-guard.js"], runAt: "document_start" };

/** Register the link guard for every message display (also for messages already open). */
export async function ensureLinkGuard() {
  const api = browser.scripting.messageDisplay;
  const existing = await api.getRegisteredScripts();
  if (!existing.some((script) => script.id === SCRIPT.id)) await api.registerScripts([SCRIPT]);
}

browser.runtime.onInstalled.addListener(async () => {
  for (const tab of await browser.tabs.query({})) {
    if (tab.type !== "mail" && tab.type !== "messageDisplay") continue;
    browser.scripting.executeScript({ target: { tabId: tab.id }, files: SCRIPT.js }).catch(() => {});
  }
});

/**
 * The view of the message shown in a tab (waits for its check); null when none.
 * @param {number} tabId
 */
async function tabView(tabId) {
  const message = await displayedMessage(tabId);
  return message ? viewForMessage(message) : null;
}

/**
 * Open a page of ours as a small window of its own, with its data in the URL's hash.
 * @param {string} page
 * @param {GuardWindowData|ConfirmWindowData} data
 * @param {{width?: number, height?: number}} [size]
 */
async function openWindow(page, data, { width = 560, height = 440 } = {}) {
  const url = `${browser.runtime.getURL(page)}#${encodeURIComponent(JSON.stringify(data))}`;
  return browser.windows.create({ type: "popup", url, width, height, allowScriptsToClose: true });
}

/**
 * Is the guard on for this tab's message? null while its check still runs.
 * @param {number} tabId
 * @returns {Promise<{guard: boolean|null}>}
 */
async function guardState(tabId) {
  const { values } = await loadSettings();
  if (!values.auto_check) return { guard: false };
  const view = await tabView(tabId);
  return { guard: needsGuard(view) };
}

/**
 * A link was followed in a message: open it, or show the guard first.
 * @param {number} tabId
 * @param {string} href
 */
async function guardClick(tabId, href) {
  const view = await tabView(tabId);
  if (!isGuardedHref(href) || !needsGuard(view)) {
    console.info(`phishcheck-guard ${JSON.stringify({ opened: true, guarded: false })}`);
    await browser.windows.openDefaultBrowser(href);
    return { opened: true };
  }
  const target = linkTarget(href, view.links);
  if (!target) return { opened: false };
  /** @type {GuardWindowData} */
  const data = { ...target, level: view.level, subject: view.subject, reasons: guardReasons(view, target) };
  const win = await openWindow("guard/guard.html", data);
  console.info(`phishcheck-guard ${JSON.stringify({ guarded: true, level: view.level, host: target.host,
    domain: target.domain, windowId: win.id })}`);
  return { opened: false, guarded: true };
}

/**
 * The user pressed "Continue" in the guard.
 * @param {string} href
 */
async function guardOpen(href) {
  console.info(`phishcheck-guard ${JSON.stringify({ continued: true })}`);
  await browser.windows.openDefaultBrowser(href);
}

/**
 * Ask before a trust decision; the confirm window carries out the action itself.
 * @param {UiMessageOf<"action.confirm">} msg
 * @returns {Promise<{asked: true}>}
 */
async function confirmDecision(msg) {
  /** @type {ConfirmWindowData} */
  const data = { what: msg.what === "trust" ? "trust" : "notPhishing", entry: String(msg.entry || ""),
    messageId: msg.messageId, headerMessageId: msg.headerMessageId, subject: String(msg.subject || ""),
    from: String(msg.from || "") };
  const win = await openWindow("guard/confirm.html", data, { width: 520, height: 320 });
  console.info(`phishcheck-confirm ${JSON.stringify({ what: data.what, entry: data.entry, windowId: win.id })}`);
  return { asked: true };
}

/**
 * The handlers this module adds to background.js's table.
 * @type {Pick<Handlers, "guard.state" | "guard.click" | "guard.open" | "action.confirm">}
 */
export const guardHandlers = {
  "guard.state": (msg, sender) => guardState(senderTab(sender)),
  "guard.click": (msg, sender) => guardClick(senderTab(sender), String(msg.href || "")),
  // Only the guard window may open a link (never a content script).
  "guard.open": (msg, sender) => String(sender.url || "").startsWith(browser.runtime.getURL("guard/guard.html"))
    && guardOpen(String(msg.href || "")),
  "action.confirm": (msg) => confirmDecision(msg),
};
