// checker.js — checks one message: its raw bytes go to the local host (never
// anywhere else) and the report comes back. Results are cached per message,
// and a check already running is shared by whoever asks next (the banner and
// the toolbar button ask at the same time). When online look-ups are allowed,
// the offline report is shown at once and an `enrich` request follows; its
// report replaces the cached one and listeners are told (onReportUpdated).

// @ts-check
/** @import { CheckResult, Settings, HostVersion } from "../types/messages" */
/** @import { AnalyzeRequest, HostRequest, HostAnswerTo, Report } from "../types/protocol" */

import { HostClient } from "../lib/host-client.js";
import { analyzeRequestBinary, enrichRequest } from "../lib/request.js";
import { trimMessage } from "../lib/trim.js";
import { hostLang } from "../lib/lang.js";
import { senderContext } from "./context.js";
import { errorCode, errorMessage } from "../lib/errors.js";

const host = new HostClient(() => browser.runtime.connectNative("phishcheck"), { timeoutMs: 60000 });
const MAX_CACHED = 50;
/** @type {Map<number, Promise<CheckResult>>} */
const cache = new Map();
/** @type {Set<(messageId: number) => void>} */
const updateListeners = new Set();

/**
 * Call `listener(messageId)` when a message's report was improved by online look-ups.
 * @param {(messageId: number) => void} listener
 */
export function onReportUpdated(listener) {
  updateListeners.add(listener);
}

/**
 * @param {number} messageId Thunderbird's message id
 * @param {Settings} settings merged settings values
 * @param {{force?: boolean}} [options] force: run again even when cached
 * @returns {Promise<CheckResult>}
 */
export function checkMessage(messageId, settings, { force = false } = {}) {
  const cached = force ? undefined : cache.get(messageId);
  if (cached) return cached;
  const result = runCheck(messageId, settings);
  cache.set(messageId, result);
  // A failure is not remembered: the next look tries again.
  result.then((r) => "error" in r && cache.get(messageId) === result && cache.delete(messageId));
  if (cache.size > MAX_CACHED) cache.delete(/** @type {number} */ (cache.keys().next().value));
  return result;
}

/** Forget cached results (after the settings or the trust list changed). */
export function clearCache() {
  cache.clear();
}

/**
 * Any other request to the same host (report, report_targets: background/report.js).
 * @template {HostRequest} R
 * @param {R} body
 * @returns {Promise<HostAnswerTo<R>>}
 */
export function hostRequest(body) {
  return host.request(body);
}

/**
 * The host's version answer, for the options page.
 * @returns {Promise<HostVersion>}
 */
export async function hostVersion() {
  try {
    const answer = await host.request({ type: "version" });
    return { version: answer.version };
  } catch (e) {
    return { error: { code: errorCode(e), message: errorMessage(e) } };
  }
}

/**
 * Start the host and let it load its data (an `analyze` of a tiny message that
 * never leaves the machine), so the first message the user opens does not wait
 * for either. Resolves to {ms} or {error}.
 * @returns {Promise<{ms: number, error?: undefined} | {error: {code: string, message: string}}>}
 */
export async function warmUp() {
  const started = performance.now();
  const raw = "From: warm-up@localhost\r\nSubject: warm-up\r\n\r\nwarm-up\r\n";
  try {
    await host.request(analyzeRequestBinary(raw, { own_domains: [], trusted_senders: [], online: false }, "en"));
    await warmRead().catch(() => {});
    return { ms: Math.round(performance.now() - started) };
  } catch (e) {
    return { error: { code: errorCode(e), message: errorMessage(e) } };
  }
}

/**
 * Read one small message of the folder on screen (kept here, sent nowhere):
 * Thunderbird loads its message-reading code on the first getRaw, and the
 * first message the user opens would otherwise wait for that.
 */
async function warmRead() {
  const [tab] = await browser.mailTabs.query({ active: true });
  if (!tab?.displayedFolder) return;
  const page = await browser.messages.list(tab.displayedFolder.id);
  if (page.id) browser.messages.abortList(page.id).catch(() => {});
  const smallest = [...(page.messages ?? [])].sort((a, b) => a.size - b.size)[0];
  if (smallest) await browser.messages.getRaw(smallest.id, { data_format: "BinaryString" });
}

/**
 * Online look-ups after the offline report; a failure leaves the offline report.
 * @param {number} messageId
 * @param {AnalyzeRequest} analyze
 */
async function enrich(messageId, analyze) {
  try {
    const answer = await host.request(enrichRequest(analyze));
    cache.set(messageId, Promise.resolve({ report: answer.report }));
    console.info(`phishcheck: message ${messageId}: online: ${answer.report.verdict}`);
    for (const listener of updateListeners) listener(messageId);
  } catch (e) {
    console.warn(`phishcheck: message ${messageId}: online look-ups failed: ${errorCode(e, "")} ${errorMessage(e)}`);
  }
}

/**
 * What Thunderbird knows about the sender (background/context.js); null on failure.
 * @param {number} messageId
 */
function contextOf(messageId) {
  return browser.messages.get(messageId).then(senderContext).catch((e) => {
    console.warn(`phishcheck: message ${messageId}: no sender context: ${e.message}`);
    return null;
  });
}

/**
 * @param {number} messageId
 * @param {Settings} settings
 * @returns {Promise<CheckResult>}
 */
async function runCheck(messageId, settings) {
  const started = performance.now();
  const stamps = [started];
  const stamp = () => stamps.push(performance.now());
  try {
    const context = settings.contacts_context ? contextOf(messageId) : null; // in parallel
    // One char per byte: never decoded as text (8-bit mail stays intact), and
    // faster than "File" (Thunderbird builds the File from this very string).
    const raw = await browser.messages.getRaw(messageId, { data_format: "BinaryString" });
    stamp();
    const trimmed = trimMessage(raw); // long attachment bodies: head and tail only
    stamp();
    const lang = hostLang(browser.i18n.getUILanguage());
    const request = analyzeRequestBinary(trimmed.raw, settings, lang, trimmed.cut);
    const known = context && (await context);
    if (known) request.context = known;
    stamp();
    const answer = await host.request(request);
    stamp();
    const ms = Math.round(performance.now() - started);
    console.info(`phishcheck: message ${messageId}: ${answer.report.verdict} ` +
      `(${raw.length} bytes, ${ms} ms)`);
    logTiming(messageId, stamps, raw.length, request, answer.report);
    if (settings.online) enrich(messageId, request);
    return { report: answer.report };
  } catch (e) {
    console.warn(`phishcheck: message ${messageId}: check failed: ${errorCode(e, "")} ${errorMessage(e)}`);
    return { error: { code: errorCode(e), message: errorMessage(e) } };
  }
}

/**
 * One line per check with the time of each stage (ms), for the real-client
 * test and for anyone reading the console: getRaw, trim (lib/trim.js),
 * encode (the request), host (round trip), of which analysis (the host's own
 * figure) and transfer (the rest: framing, JSON, the host's decoding).
 * @param {number} messageId
 * @param {number[]} stamps
 * @param {number} bytes
 * @param {AnalyzeRequest} request
 * @param {Report} report
 */
function logTiming(messageId, stamps, bytes, request, report) {
  const d = (/** @type {number} */ i) => Math.round((stamps[i + 1] - stamps[i]) * 10) / 10;
  const analysis = Math.round((Number(report?.timing?.total_ms) || 0) * 10) / 10;
  console.info(`phishcheck: timing ${JSON.stringify({ messageId, bytes, sent: request.raw.length,
    cut: request.cut?.parts ?? 0, getRaw: d(0), trim: d(1), encode: d(2), host: d(3), analysis,
    transfer: Math.round((d(3) - analysis) * 10) / 10 })}`);
}
