// errors.js — what a caught value says, for logs and answers: whatever was
// thrown (a HostError, a Thunderbird API error, anything else). No browser APIs.
// @ts-check

/**
 * The message of an Error (or of anything with one), else the value as text.
 * @param {unknown} e what was thrown
 * @returns {string}
 */
export function errorMessage(e) {
  return e && typeof e === "object" && "message" in e ? String(e.message) : String(e);
}

/**
 * A HostError's code (lib/host-client.js), or `fallback` for any other failure.
 * @param {unknown} e what was thrown
 * @param {string} [fallback]
 * @returns {string}
 */
export function errorCode(e, fallback = "internal") {
  const code = e && typeof e === "object" && "code" in e ? e.code : null;
  return typeof code === "string" && code ? code : fallback;
}
