// dismissed.js — messages the user marked "not phishing", remembered by their
// Message-ID header (Thunderbird's numeric message ids change between sessions).
// The list is capped so it cannot grow without bound.

export const MAX_DISMISSED = 2000;

/** Key under which a message is remembered; null when it has no Message-ID. */
export function dismissKey(headerMessageId) {
  const id = String(headerMessageId || "").trim().replace(/^<|>$/g, "");
  return id || null;
}

/** The list with `key` added at the end (the oldest entries drop off past the cap). */
export function addDismissed(list, key) {
  if (!key) return [...list];
  const next = list.filter((k) => k !== key);
  next.push(key);
  return next.slice(-MAX_DISMISSED);
}

export function removeDismissed(list, key) {
  return list.filter((k) => k !== key);
}
