// background.js — the add-on's entry point: wires Thunderbird's events to the
// checker and answers the banner, the popup and the options page.
//
// How a message flows: the user opens a message → the banner content script
// (content/banner.js) asks "view.displayed" → views.js gets the raw bytes,
// checker.js asks the local host (docs/protocol.md) → the view comes back to
// the banner, and action-button.js shows the verdict on the toolbar button.
// Independently of the banner, onMessagesDisplayed draws "Checking…" and then
// the verdict in Thunderbird's own notification bar above the message
// (pane-bar.js), which the message's HTML and CSS cannot reach.
//
// Messages from the UI (runtime.sendMessage, {type, ...}) are answered by the
// table `handlers` below; every message, its fields and its answer are typed
// in types/messages.d.ts (UiRequests), checked by `tsc --checkJs` (make ext-lint).
// To the banner (tabs.sendMessage): banner.refresh — ask again, something changed.
// @ts-check
/** @import { Handlers, UiMessage } from "../types/messages" */

import { loadSettings, saveSetting } from "./settings-store.js";
import { viewForMessage, viewForTab, displayedMessage, senderTab } from "./views.js";
import { clearCache, hostVersion, onReportUpdated, warmUp } from "./checker.js";
import { showOnButton } from "./action-button.js";
import { moveToJunk, deleteMessage, trustSender, untrust, markNotPhishing } from "./actions.js";
import { ensureBannerScript } from "./banner-script.js";
import { openReport, prepareReport, sendReport, reportLog, registerReportMenu } from "./report.js";
import { guardHandlers, ensureLinkGuard } from "./guard.js";
import { listDismissed } from "./settings-store.js";
import { showChecking, showVerdict } from "./pane-bar.js";
import { startScan, scanStatus, stopScan } from "./scan.js";
import { syncTag } from "./tagging.js";

/** @type {Handlers} */
const handlers = {
  "view.displayed": (msg, sender) => bannerView(senderTab(sender)),
  "view.check": (msg) => checkNow(msg.tabId),
  "action.junk": (msg) => moveToJunk(msg.messageId),
  "action.delete": (msg) => deleteMessage(msg.messageId),
  "action.trust": (msg) => trustSender(msg.entry),
  "action.notPhishing": (msg) => markNotPhishing(msg.headerMessageId, msg.on, msg.about),
  "action.untrust": (msg) => untrust(msg.entries),
  "dismissed.list": () => listDismissed(),
  ...guardHandlers,
  "banner.css": () => fetch(browser.runtime.getURL("content/banner.css")).then((r) => r.text()),
  "settings.get": () => loadSettings(),
  "settings.set": (msg) => saveSetting(msg.key, msg.value),
  "host.version": () => hostVersion(),
  "scan.start": (msg) => startScan({ folderId: msg.folderId }),
  "scan.status": (msg) => scanStatus(msg.job),
  "scan.stop": (msg) => stopScan(msg.job),
  // Report phishing (background/report.js, issue #12)
  "report.open": (msg) => openReport(msg),
  "report.prepare": (msg) => prepareReport(msg.messageId),
  "report.send": (msg) => sendReport(msg),
  "report.log": () => reportLog(),
};

/**
 * The banner's view: null when automatic checks are off or nothing single is shown.
 * @param {number} tabId
 */
async function bannerView(tabId) {
  const { values } = await loadSettings();
  if (!values.auto_check) return null;
  const message = await displayedMessage(tabId);
  if (!message) return null;
  const view = await viewForMessage(message);
  await showOnButton(tabId, view);
  return view;
}

/**
 * "Check this email": run now, show on the button, refresh the banner.
 * @param {number} tabId
 */
async function checkNow(tabId) {
  const view = await viewForTab(tabId, { force: true });
  await showOnButton(tabId, view);
  if (view.messageId !== undefined) await showVerdict(tabId, view.messageId, view);
  refreshBanner(tabId);
  console.info(`phishcheck: on-demand check in tab ${tabId}: ${view.level}`);
  return view;
}

/**
 * Ask a tab's banner to redraw; a tab without our banner simply does not answer.
 * @param {number} tabId
 */
function refreshBanner(tabId) {
  browser.tabs.sendMessage(tabId, { type: "banner.refresh" }).catch(() => {});
}

/** Redraw every open message (after the settings or the trust list changed). */
async function refreshAll() {
  clearCache();
  const tabs = await browser.tabs.query({});
  for (const tab of tabs) {
    if (tab.type !== "mail" && tab.type !== "messageDisplay") continue;
    refreshBanner(tab.id);
    redrawBar(tab.id);
  }
}

/**
 * Draw the bar (and the button) of whatever a tab shows, from the cache when checked already.
 * @param {number} tabId
 */
async function redrawBar(tabId) {
  const { values } = await loadSettings();
  const message = values.auto_check ? await displayedMessage(tabId).catch(() => null) : null;
  if (!message) return;
  const view = await viewForMessage(message);
  await showVerdict(tabId, message.id, view);
  await showOnButton(tabId, view);
}

/**
 * A message was displayed: "Checking…" unless the answer is at hand, then the verdict.
 * @param {number} tabId
 * @param {browser.messages.MessageHeader} message
 */
async function checkDisplayed(tabId, message) {
  const started = performance.now();
  const pending = viewForMessage(message);
  const quick = await Promise.race([pending, new Promise((r) => setTimeout(r, CHECKING_AFTER_MS))]);
  if (!quick) await showChecking(tabId, message.id);
  const view = await pending;
  const drawn = await showVerdict(tabId, message.id, view);
  console.info(`phishcheck: displayed ${message.id} → ${view.level} on screen after ` +
    `${Math.round(performance.now() - started)} ms${drawn ? "" : " (no bar)"}`);
  await showOnButton(tabId, view);
  await syncTag(message, view.level).catch((e) => console.warn(`phishcheck: tag: ${e.message}`));
}

/** Below this, "Checking…" would only flash before the verdict. */
const CHECKING_AFTER_MS = 40;
/** Messages checked from their selection on, before Thunderbird displays them. */
const PREFETCH_MAX_BYTES = 1024 * 1024;

browser.runtime.onMessage.addListener((/** @type {UiMessage} */ msg, sender) => {
  if (!Object.hasOwn(handlers, msg?.type)) return undefined;
  // (Each handler takes its own type of message: `msg.type` picked it.)
  const handler = /** @type {(msg: UiMessage, sender: browser.runtime.MessageSender) => unknown} */ (handlers[msg.type]);
  return Promise.resolve(handler(msg, sender)).then((result) => result ?? null);
});

// The toolbar button follows the displayed message, also when the banner is
// turned off (the content script still asks) or several messages are selected.
browser.messageDisplay.onMessagesDisplayed.addListener(async (tab, list) => {
  const messages = list?.messages ?? [];
  const { values } = await loadSettings();
  if (messages.length !== 1 || !values.auto_check) await showOnButton(tab.id, null);
  else await checkDisplayed(tab.id, messages[0]);
});

// Start the check as soon as one message is selected, while Thunderbird is
// still loading it; onMessagesDisplayed then finds the check running or done.
// (Not for big messages: reading one keeps Thunderbird busy, and "Checking…"
// must appear as soon as the message is displayed.)
browser.mailTabs.onSelectedMessagesChanged.addListener(async (tab, list) => {
  const messages = list?.messages ?? [];
  if (messages.length !== 1 || messages[0].size > PREFETCH_MAX_BYTES) return;
  const { values } = await loadSettings();
  if (values.auto_check) viewForMessage(messages[0]).catch(() => {});
});

// Bars live in each tab's message pane; coming back to a tab redraws its bar
// (a verdict may have arrived, or the settings changed, while it was hidden).
browser.tabs.onActivated.addListener(({ tabId }) => {
  redrawBar(tabId).catch(() => {});
});

// Online look-ups improved a report: redraw the tabs that show that message.
onReportUpdated(async (messageId) => {
  for (const tab of await browser.tabs.query({})) {
    if (tab.type !== "mail" && tab.type !== "messageDisplay") continue;
    const message = await displayedMessage(tab.id).catch(() => null);
    if (message?.id !== messageId) continue;
    const view = await viewForMessage(message);
    await showOnButton(tab.id, view);
    await showVerdict(tab.id, message.id, view);
    refreshBanner(tab.id);
  }
});

browser.storage.onChanged.addListener((changes, area) => {
  if (area === "local") refreshAll();
});

/** Say in the log which settings an administrator's policy fixed. */
async function logPolicy() {
  const { locked } = await loadSettings();
  if (locked.length) console.info(`phishcheck: set by policy: ${locked.join(", ")}`);
}

ensureBannerScript();
ensureLinkGuard();
logPolicy();
registerReportMenu();

// Start the host now, so the first message opened does not wait for it.
warmUp().then((r) => console.info(`phishcheck: host ${r.error ? `not ready: ${r.error.code}` : `ready (${r.ms} ms)`}`));
