// dismissed.js — messages the user marked "not phishing", remembered by their
// Message-ID header (Thunderbird's numeric message ids change between sessions).
// The list is capped so it cannot grow without bound.
// @ts-check

export const MAX_DISMISSED = 2000;

/**
 * Key under which a message is remembered; null when it has no Message-ID.
 * @param {string|null|undefined} headerMessageId
 */
export function dismissKey(headerMessageId) {
  const id = String(headerMessageId || "").trim().replace(/^<|>$/g, "");
  return id || null;
}

/**
 * The list with `key` added at the end (the oldest entries drop off past the cap).
 * @param {string[]} list
 * @param {string|null} key
 */
export function addDismissed(list, key) {
  if (!key) return [...list];
  const next = list.filter((k) => k !== key);
  next.push(key);
  return next.slice(-MAX_DISMISSED);
}

/**
 * @param {string[]} list
 * @param {string|null} key
 */
export function removeDismissed(list, key) {
  return list.filter((k) => k !== key);
}

/**
 * The details kept for the options page's list of decisions: only the keys
 * still in `list`; `about` (from, subject) is recorded for `key` when given.
 * @param {Record<string, DismissedAbout>|null|undefined} info what storage holds
 * @param {string[]} list
 * @param {string|null} key
 * @param {{from?: string, subject?: string}|null} about
 * @param {number} [now]
 * @returns {Record<string, DismissedAbout>} key → {from, subject, at}
 */
export function dismissedInfo(info, list, key, about, now = Date.now()) {
  /** @type {Record<string, DismissedAbout>} */
  const out = {};
  for (const k of list) if (info?.[k]) out[k] = info[k];
  if (key && about && list.includes(key)) {
    out[key] = { from: String(about.from || "").slice(0, 200), subject: String(about.subject || "").slice(0, 200),
      at: new Date(now).toISOString() };
  }
  return out;
}

/** @typedef {{from: string, subject: string, at: string}} DismissedAbout */
