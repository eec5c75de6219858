// request.js — builds the `analyze` request of docs/protocol.md from the raw
// message and the user's settings.

// @ts-check
/** @import { AnalyzeRequest, AnalyzeOptions, EnrichRequest, Cut, Lang } from "../types/protocol" */
/** @import { Settings } from "../types/messages" */

import { bytesToBase64 } from "./base64.js";

/** The settings a request carries (lib/settings.js). */
/** @typedef {Pick<Settings, "own_domains"|"trusted_senders"|"online"> & Partial<Pick<Settings, "authserv_id"|"gateway_id">>} RequestSettings */

/**
 * @param {ArrayBuffer|Uint8Array} raw the message bytes exactly as stored
 * @param {RequestSettings} settings merged settings (lib/settings.js)
 * @param {Lang} lang report language
 * @returns {AnalyzeRequest}
 */
export function analyzeRequest(raw, settings, lang) {
  /** @type {AnalyzeOptions} */
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
 * @param {AnalyzeRequest} analyze a request from analyzeRequest
 * @returns {EnrichRequest}
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
 * @param {RequestSettings} settings merged settings (lib/settings.js)
 * @param {Lang} lang report language
 * @param {Cut|null} [cut]
 * @returns {AnalyzeRequest}
 */
export function analyzeRequestBinary(raw, settings, lang, cut = null) {
  /** @type {AnalyzeRequest} */
  const request = { ...analyzeRequest(new Uint8Array(0), settings, lang), raw, encoding: "binary" };
  if (cut) request.cut = cut;
  return request;
}
