// actions.js — what the banner and the popup can do with a message: move it
// to Junk, delete it, trust its sender, mark it "not phishing" (or undo either).
// @ts-check

import { addTrusted, removeTrusted } from "../lib/trust.js";
import { errorMessage } from "../lib/errors.js";
import { loadSettings, saveSetting, setDismissed } from "./settings-store.js";

/**
 * The account's Junk folder; created (named "Junk" at the account's top) when it has none.
 * @param {string} accountId
 * @returns {Promise<{folder: browser.folders.MailFolder, created: boolean}>}
 */
async function junkFolder(accountId) {
  const [junk] = await browser.folders.query({ accountId, specialUse: ["junk"] });
  if (junk) return { folder: junk, created: false };
  const account = await browser.accounts.get(accountId, false);
  const root = account?.rootFolder;
  if (!root) throw new Error(`account ${accountId} has no folders`);
  const [named] = (await browser.folders.query({ accountId, name: "Junk" })).filter((f) => f.path === "/Junk");
  if (named) return { folder: named, created: false };
  const folder = await browser.folders.create(root.id, "Junk");
  // (The WebExtension API cannot give it Thunderbird's Junk flag: folders.update
  // takes no specialUse. It is a folder named "Junk" that we find again by name.)
  return { folder, created: true };
}

/**
 * Mark as junk (trains the junk filter) and move to the account's Junk folder,
 * creating that folder when the account has none.
 * @param {number} messageId
 * @returns {Promise<import("../types/messages").JunkOutcome>} what happened, as a `_locales` key
 */
export async function moveToJunk(messageId) {
  await browser.messages.update(messageId, { junk: true });
  const message = await browser.messages.get(messageId);
  const from = message.folder;
  if (!from) return { key: "doneJunkMarkedOnly", args: [""] };
  let target;
  try {
    target = await junkFolder(from.accountId);
  } catch (e) {
    console.warn(`phishcheck: no Junk folder and none could be created: ${errorMessage(e)}`);
    return { key: "doneJunkMarkedOnly", args: [from.name || from.path] };
  }
  if (target.folder.id === from.id) return { key: "doneJunkAlready", args: [] };
  await browser.messages.move([messageId], target.folder.id, { isUserAction: true });
  console.info(`phishcheck: moved message to ${target.folder.path}${target.created ? " (created)" : ""}`);
  return { key: target.created ? "doneJunkCreated" : "doneJunk", args: [target.folder.name || "Junk"] };
}

/**
 * Delete the way the user's account deletes (usually to Trash), as the user's
 * own action (undoable) where Thunderbird takes that option: from 137 on;
 * 128–136 take a boolean `skipTrash` in its place and refuse an object.
 * @param {number} messageId
 */
export async function deleteMessage(messageId) {
  const { version } = await browser.runtime.getBrowserInfo();
  if (parseInt(version, 10) >= 137) await browser.messages.delete([messageId], { isUserAction: true });
  else await browser.messages.delete([messageId]);
}

/**
 * Add an address or domain to the trusted senders (revocable in the options).
 * @param {string} entry
 */
export async function trustSender(entry) {
  const { values } = await loadSettings();
  const result = await saveSetting("trusted_senders", addTrusted(values.trusted_senders, entry));
  if (!result.ok) throw new Error(result.reason);
}

/**
 * Undo a trust decision: remove these entries from the trusted senders.
 * @param {string[]|undefined} entries
 */
export async function untrust(entries) {
  const { values } = await loadSettings();
  let list = values.trusted_senders;
  for (const entry of entries || []) list = removeTrusted(list, entry);
  const result = await saveSetting("trusted_senders", list);
  if (!result.ok) throw new Error(result.reason);
}

/**
 * "Not phishing" for this one message (remembered with its sender and subject), or undo it.
 * @param {string} headerMessageId
 * @param {boolean} on
 * @param {{from?: string, subject?: string}} [about]
 */
export async function markNotPhishing(headerMessageId, on, about = {}) {
  await setDismissed(headerMessageId, on, about);
}
