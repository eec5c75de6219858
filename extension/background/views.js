// views.js — the view of a message (lib/report-view.js) for the banner, the
// popup and the toolbar button: runs or reuses the check, applies the user's
// banner levels and "not phishing" marks.

// @ts-check
/** @import { View } from "../types/messages" */

import { reportView, errorView, reportText } from "../lib/report-view.js";
import { checkMessage } from "./checker.js";
import { loadSettings, isDismissed } from "./settings-store.js";

/**
 * The one message shown in a tab, or null (none, or several selected).
 * @param {number} tabId
 */
export async function displayedMessage(tabId) {
  const list = await browser.messageDisplay.getDisplayedMessages(tabId);
  const messages = list?.messages ?? [];
  return messages.length === 1 ? messages[0] : null;
}

/**
 * @param {browser.messages.MessageHeader} message
 * @param {{force?: boolean}} [options]
 * @returns {Promise<View>} the view, with the message's ids and the copy text
 */
export async function viewForMessage(message, { force = false } = {}) {
  const { values } = await loadSettings();
  const result = await checkMessage(message.id, values, { force });
  const ids = { messageId: message.id, headerMessageId: message.headerMessageId };
  if ("error" in result) return { ...errorView(result.error), ...ids };
  const dismissed = await isDismissed(message.headerMessageId);
  const view = reportView(result.report, { bannerLevels: values.banner_levels, dismissed,
    trusted: values.trusted_senders });
  return { ...view, ...ids, copyText: reportText(result.report) };
}

/**
 * The view for whatever a tab displays; an error view when it is not one message.
 * @param {number} tabId
 * @param {{force?: boolean}} [options]
 * @returns {Promise<View>}
 */
export async function viewForTab(tabId, options) {
  const message = await displayedMessage(tabId);
  if (!message) return errorView({ code: "no_message" });
  return viewForMessage(message, options);
}

/**
 * The tab a content script wrote from (messages that need one come from a message's tab).
 * @param {browser.runtime.MessageSender} sender
 */
export function senderTab(sender) {
  const id = sender.tab?.id;
  if (id === undefined) throw new Error("phishcheck: this message must come from a tab");
  return id;
}
