// base64.js — raw message bytes to base64 for the host (protocol `encoding: "base64"`).
// Works on several-MB messages: converts in chunks so no call gets a huge
// argument list, and never decodes the bytes as text (8-bit mail stays intact).

// @ts-check

const CHUNK = 0x8000; // bytes per String.fromCharCode call

/**
 * @param {ArrayBuffer|Uint8Array} buffer the raw bytes
 * @returns {string} standard base64 (with padding)
 */
export function bytesToBase64(buffer) {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  // Uint8Array.prototype.toBase64 (TB 133+) is newer than TypeScript's lib.
  const native = /** @type {Uint8Array & {toBase64?: () => string}} */ (bytes);
  if (typeof native.toBase64 === "function") return native.toBase64(); // TB 133+
  const parts = [];
  // Chunks are a multiple of 3 bytes, so each one encodes without padding
  // and the pieces can simply be joined.
  const step = CHUNK - (CHUNK % 3);
  for (let i = 0; i < bytes.length; i += step) {
    const slice = bytes.subarray(i, i + step);
    parts.push(btoa(String.fromCharCode.apply(null, /** @type {number[]} */ (/** @type {unknown} */ (slice)))));
  }
  return parts.join("");
}
