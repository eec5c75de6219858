// checker.js — checks one message: its raw bytes go to the local host (never
// anywhere else) and the report comes back. Results are cached per message,
// and a check already running is shared by whoever asks next (the banner and
// the toolbar button ask at the same time). When online look-ups are allowed,
// the offline report is shown at once and an `enrich` request follows; its
// report replaces the cached one and listeners are told (onReportUpdated).

import { HostClient } from "../lib/host-client.js";
import { analyzeRequest, enrichRequest } from "../lib/request.js";
import { hostLang } from "../lib/lang.js";
import { senderContext } from "./context.js";

const host = new HostClient(() => browser.runtime.connectNative("phishcheck"), { timeoutMs: 60000 });
const MAX_CACHED = 50;
const cache = new Map(); // messageId → Promise<{report}|{error}>
const updateListeners = new Set();

/** Call `listener(messageId)` when a message's report was improved by online look-ups. */
export function onReportUpdated(listener) {
  updateListeners.add(listener);
}

/**
 * @param {number} messageId Thunderbird's message id
 * @param {object} settings merged settings values
 * @param {{force?: boolean}} [options] force: run again even when cached
 * @returns {Promise<{report: object}|{error: {code: string, message: string}}>}
 */
export function checkMessage(messageId, settings, { force = false } = {}) {
  if (!force && cache.has(messageId)) return cache.get(messageId);
  const result = runCheck(messageId, settings);
  cache.set(messageId, result);
  // A failure is not remembered: the next look tries again.
  result.then((r) => r.error && cache.get(messageId) === result && cache.delete(messageId));
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value);
  return result;
}

/** Forget cached results (after the settings or the trust list changed). */
export function clearCache() {
  cache.clear();
}

/** Any other request to the same host (report, report_targets: background/report.js). */
export function hostRequest(body) {
  return host.request(body);
}

/** The host's version answer, for the options page. */
export async function hostVersion() {
  try {
    const answer = await host.request({ type: "version" });
    return { version: answer.version };
  } catch (e) {
    return { error: { code: e.code || "internal", message: e.message } };
  }
}

/** Online look-ups after the offline report; a failure leaves the offline report. */
async function enrich(messageId, analyze) {
  try {
    const answer = await host.request(enrichRequest(analyze));
    cache.set(messageId, Promise.resolve({ report: answer.report }));
    console.info(`phishcheck: message ${messageId}: online: ${answer.report.verdict}`);
    for (const listener of updateListeners) listener(messageId);
  } catch (e) {
    console.warn(`phishcheck: message ${messageId}: online look-ups failed: ${e.code || ""} ${e.message}`);
  }
}

/** What Thunderbird knows about the sender (background/context.js); null on failure. */
function contextOf(messageId) {
  return browser.messages.get(messageId).then(senderContext).catch((e) => {
    console.warn(`phishcheck: message ${messageId}: no sender context: ${e.message}`);
    return null;
  });
}

async function runCheck(messageId, settings) {
  const started = performance.now();
  const stamps = [started];
  const stamp = () => stamps.push(performance.now());
  try {
    const context = settings.contacts_context ? contextOf(messageId) : null; // in parallel
    const file = await browser.messages.getRaw(messageId, { data_format: "File" });
    stamp();
    const raw = await file.arrayBuffer(); // bytes, never decoded as text
    stamp();
    const lang = hostLang(browser.i18n.getUILanguage());
    const request = analyzeRequest(raw, settings, lang);
    if (context && (await context)) request.context = await context;
    stamp();
    const answer = await host.request(request);
    stamp();
    const ms = Math.round(performance.now() - started);
    console.info(`phishcheck: message ${messageId}: ${answer.report.verdict} ` +
      `(${raw.byteLength} bytes, ${ms} ms)`);
    logTiming(messageId, stamps, raw.byteLength, request, answer.report);
    if (settings.online) enrich(messageId, request);
    return { report: answer.report };
  } catch (e) {
    console.warn(`phishcheck: message ${messageId}: check failed: ${e.code || ""} ${e.message}`);
    return { error: { code: e.code || "internal", message: e.message } };
  }
}

/**
 * One line per check with the time of each stage (ms), for the real-client
 * test and for anyone reading the console: getRaw, read (File → bytes),
 * encode (the request), host (round trip), of which analysis (the host's own
 * figure) and transfer (the rest: framing, JSON, the host's decoding).
 */
function logTiming(messageId, stamps, bytes, request, report) {
  const d = (i) => Math.round((stamps[i + 1] - stamps[i]) * 10) / 10;
  const analysis = Math.round((Number(report?.timing?.total_ms) || 0) * 10) / 10;
  const sent = typeof request.raw === "string" ? request.raw.length : 0;
  console.info(`phishcheck: timing ${JSON.stringify({ messageId, bytes, sent, getRaw: d(0), read: d(1),
    encode: d(2), host: d(3), analysis, transfer: Math.round((d(3) - analysis) * 10) / 10 })}`);
}
