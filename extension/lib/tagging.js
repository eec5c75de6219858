// tagging.js — the message-list tag that marks dangerous mail before it is
// opened (a coloured row and label in Thunderbird's list). The tag is ours:
// set on dangerous verdicts, taken off when a later check says otherwise (the
// user marked the message "not phishing", trusted the sender, the rules
// changed); other tags of the message are never touched. No browser APIs here.
// @ts-check

/** Our tag: its key (stored in the message) and its colour (red, as the bar). */
export const DANGER_TAG = { key: "phishcheck_dangerous", color: "#C62828" };

/**
 * The tags a message should have after a verdict, or null when they stay as they are.
 * @param {string[]} current the message's tags (MessageHeader.tags)
 * @param {string} level the view's level (safe, suspicious, dangerous, error)
 */
export function tagsAfter(current, level) {
  const tags = Array.isArray(current) ? current : [];
  const has = tags.includes(DANGER_TAG.key);
  if (level === "dangerous") return has ? null : [...tags, DANGER_TAG.key];
  if (level === "error") return null; // not checked: leave it as it was
  return has ? tags.filter((t) => t !== DANGER_TAG.key) : null;
}
