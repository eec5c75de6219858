// request.js — builds the `analyze` request of docs/protocol.md from the raw
// message and the user's settings.

import { bytesToBase64 } from "./base64.js";

/**
 * @param {ArrayBuffer} raw the message bytes exactly as stored
 * @param {object} settings merged settings (lib/settings.js)
 * @param {"en"|"ja"} lang report language
 */
export function analyzeRequest(raw, settings, lang) {
  const options = {
    lang,
    own_domains: settings.own_domains,
    trusted_senders: settings.trusted_senders,
    online: settings.online,
  };
  if (settings.authserv_id) options.authserv_id = settings.authserv_id;
  if (settings.gateway_id) options.gateway_id = settings.gateway_id;
  return { type: "analyze", raw: bytesToBase64(raw), encoding: "base64", options };
}

/**
 * The `enrich` request (online look-ups, docs/protocol.md) for the same
 * message and options; sent only when the user or the policy allowed them.
 * @param {object} analyze a request from analyzeRequest
 */
export function enrichRequest(analyze) {
  return { ...analyze, type: "enrich", options: { ...analyze.options, online: true } };
}

/**
 * The `analyze` request for a message read as a binary string (messages.getRaw
 * `data_format: "BinaryString"`, one char per byte), sent as `encoding: "binary"`
 * (no base64 step on either side). `cut` (lib/trim.js) tells the host that
 * the middle of long attachment bodies was left out.
 * @param {string} raw
 * @param {object} settings merged settings (lib/settings.js)
 * @param {"en"|"ja"} lang report language
 * @param {{parts: number, bytes: number}|null} [cut]
 */
export function analyzeRequestBinary(raw, settings, lang, cut = null) {
  const request = { ...analyzeRequest(new Uint8Array(0), settings, lang), raw, encoding: "binary" };
  if (cut) request.cut = cut;
  return request;
}
