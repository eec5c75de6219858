// tagging.js — keeps our tag on dangerous mail in the message list (lib/tagging.js
// decides; this module creates the tag once and updates the message).
// @ts-check

import { DANGER_TAG, tagsAfter } from "../lib/tagging.js";

let ensured = null;

/** Create the tag (localized name, red) unless it exists; a user's renamed or recoloured tag is kept. */
function ensureTag() {
  ensured ??= (async () => {
    const tags = await browser.messages.tags.list();
    if (tags.some((t) => t.key === DANGER_TAG.key)) return;
    await browser.messages.tags.create(DANGER_TAG.key, browser.i18n.getMessage("tagDangerous"), DANGER_TAG.color);
  })().catch((e) => {
    ensured = null;
    throw e;
  });
  return ensured;
}

/**
 * Put our tag on the message, or take it off, after a check.
 * @param {browser.messages.MessageHeader} message (its `tags`)
 * @param {string} level the view's level
 * @returns {Promise<boolean>} whether the message's tags changed
 */
export async function syncTag(message, level) {
  const next = tagsAfter(message.tags, level);
  if (!next) return false;
  if (level === "dangerous") await ensureTag();
  await browser.messages.update(message.id, { tags: next });
  return true;
}
