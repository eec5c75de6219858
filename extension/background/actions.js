// actions.js — what the banner and the popup can do with a message: move it
// to Junk, delete it, trust its sender, mark it "not phishing" (or undo that).

import { addTrusted } from "../lib/trust.js";
import { loadSettings, saveSetting, setDismissed } from "./settings-store.js";

/** Mark as junk (trains the junk filter) and move to the account's Junk folder. */
export async function moveToJunk(messageId) {
  await browser.messages.update(messageId, { junk: true });
  const message = await browser.messages.get(messageId);
  const folder = message.folder;
  if (!folder) return;
  const [junk] = await browser.folders.query({ accountId: folder.accountId, specialUse: ["junk"] });
  if (junk && junk.id !== folder.id) {
    await browser.messages.move([messageId], junk.id, { isUserAction: true });
  }
}

/** Delete the way the user's account deletes (usually to Trash). */
export async function deleteMessage(messageId) {
  await browser.messages.delete([messageId], { isUserAction: true });
}

/** Add an address or domain to the trusted senders (revocable in the options). */
export async function trustSender(entry) {
  const { values } = await loadSettings();
  const result = await saveSetting("trusted_senders", addTrusted(values.trusted_senders, entry));
  if (!result.ok) throw new Error(result.reason);
}

/** "Not phishing" for this one message, or undo it. */
export async function markNotPhishing(headerMessageId, on) {
  await setDismissed(headerMessageId, on);
}
