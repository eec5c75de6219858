// settings-store.js — reads and writes the settings in storage.local, merged
// with the administrator's storage.managed (lib/settings.js decides who wins),
// and the per-message "not phishing" list.

// @ts-check
/** @import { MergedSettings, SaveResult, DismissedItem, LocalData } from "../types/messages" */

import { mergeSettings, cleanSetting } from "../lib/settings.js";
import { addDismissed, removeDismissed, dismissKey, dismissedInfo } from "../lib/dismissed.js";

/** storage.managed throws when no policy exists: that simply means "none". */
async function managedSettings() {
  try {
    return await browser.storage.managed.get();
  } catch {
    return null;
  }
}

/** @returns {Promise<MergedSettings>} */
export async function loadSettings() {
  const [local, managed] = await Promise.all([browser.storage.local.get(), managedSettings()]);
  return mergeSettings(local, managed);
}

/**
 * Store one setting after cleaning it. Locked (managed) settings are refused.
 * @param {string} key
 * @param {unknown} value
 * @returns {Promise<SaveResult>}
 */
export async function saveSetting(key, value) {
  const { locked } = await loadSettings();
  if (locked.some((k) => k === key)) return { ok: false, reason: "locked" };
  const clean = cleanSetting(key, value);
  if (clean === undefined) return { ok: false, reason: "invalid" };
  await browser.storage.local.set({ [key]: clean });
  return { ok: true, value: clean };
}

/**
 * Is the message with this Message-ID marked "not phishing"?
 * @param {string} headerMessageId
 */
export async function isDismissed(headerMessageId) {
  const key = dismissKey(headerMessageId);
  const { dismissed = [] } = /** @type {LocalData} */ (await browser.storage.local.get("dismissed"));
  return key !== null && dismissed.includes(key);
}

/**
 * Mark or unmark a message as "not phishing". What the user saw (sender,
 * subject, when) is kept beside it so the options page can list the decision.
 * @param {string} headerMessageId
 * @param {boolean} on
 * @param {{from?: string, subject?: string}} [about]
 */
export async function setDismissed(headerMessageId, on, about = {}) {
  const key = dismissKey(headerMessageId);
  const { dismissed = [], dismissed_info: info = {} } =
    /** @type {LocalData} */ (await browser.storage.local.get(["dismissed", "dismissed_info"]));
  const next = on ? addDismissed(dismissed, key) : removeDismissed(dismissed, key);
  await browser.storage.local.set({ dismissed: next, dismissed_info: dismissedInfo(info, next, key, on ? about : null) });
}

/**
 * The "not phishing" decisions, newest first.
 * @returns {Promise<DismissedItem[]>}
 */
export async function listDismissed() {
  const { dismissed = [], dismissed_info: info = {} } =
    /** @type {LocalData} */ (await browser.storage.local.get(["dismissed", "dismissed_info"]));
  return dismissed.map((key) => ({ key, ...(info[key] || {}) })).reverse();
}
