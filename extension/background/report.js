// report.js (background) — "Report phishing" (issue #12). The report dialog
// (report/report.html) first shows the user what will be sent and where; only
// its Send button (the user's click) sends:
//   - to each chosen e-mail address: a new message from the user's own account
//     (compose API) with the original attached unchanged (forward as attachment,
//     message/rfc822), phishcheck's report as text and as JSON, and the comment;
//   - to the HTTPS endpoint: through the local host (`report` request, libcurl,
//     certificates checked), the documented JSON with the raw message.
// Then the after-action (Junk, Trash or keep) and a log entry (options page).
//
// Messages (runtime.sendMessage): report.open, report.prepare, report.send,
// report.log — their fields and answers in types/messages.d.ts (UiRequests).

// @ts-check
/** @import { ReportPreparation, SendResult, AfterAction, Settings, LocalData } from "../types/messages" */
/** @import { Report, ReportTarget, ReportRequest, Lang } from "../types/protocol" */

import { checkMessage, hostRequest } from "./checker.js";
import { loadSettings } from "./settings-store.js";
import { moveToJunk, deleteMessage } from "./actions.js";
import { displayedMessage } from "./views.js";
import { bytesToBase64 } from "../lib/base64.js";
import { hostLang } from "../lib/lang.js";
import { errorMessage } from "../lib/errors.js";
import { reportDestinations, reportedBrands, reportBody, reportJson, reportSubject, logEntry, appendLog }
  from "../lib/report-mail.js";

/** @type {(key: string, subs?: string[]) => string} */
const t = (key, subs) => browser.i18n.getMessage(key, subs) || key;

/**
 * Open the report dialog for a message (or the one a tab shows).
 * @param {{messageId?: number, tabId?: number}} which
 * @returns {Promise<{ok: true} | {ok: false, reason: string}>}
 */
export async function openReport({ messageId, tabId }) {
  const id = messageId ?? (tabId === undefined ? undefined : (await displayedMessage(tabId))?.id);
  if (!id) return { ok: false, reason: "no_message" };
  const url = browser.runtime.getURL(`report/report.html?message=${encodeURIComponent(id)}`);
  await browser.windows.create({ url, type: "popup", width: 620, height: 720 });
  return { ok: true };
}

/**
 * @param {number} messageId
 * @param {Settings} values
 * @returns {Promise<Report>}
 */
async function analysis(messageId, values) {
  const result = await checkMessage(messageId, values);
  if ("error" in result) throw new Error(result.error.message || result.error.code);
  return result.report;
}

/**
 * @param {Report} report
 * @param {Settings} values
 * @returns {Promise<ReportTarget[]>}
 */
async function targets(report, values) {
  const brands = values.report_brand ? reportedBrands(report) : [];
  const national = values.report_antiphishing_jp && hostLang(browser.i18n.getUILanguage()) === "ja" ? "jp" : null;
  if (!brands.length && !national) return [];
  /** @type {{targets: ReportTarget[]}} */
  const answer = await hostRequest({ type: "report_targets", brands, national }).catch(() => ({ targets: [] }));
  return answer.targets || [];
}

/**
 * What the dialog shows: the message, phishcheck's verdict, every destination, the after-action.
 * @param {number} messageId
 * @returns {Promise<ReportPreparation>}
 */
export async function prepareReport(messageId) {
  const { values, locked } = await loadSettings();
  const message = await browser.messages.get(messageId);
  const report = await analysis(messageId, values);
  return {
    message: { subject: message.subject, author: message.author, date: message.date, size: message.size },
    verdict: report.verdict, summary: report.summary,
    destinations: reportDestinations(values, locked, await targets(report, values)),
    after: values.report_after, afterLocked: locked.includes("report_after"),
  };
}

/** @param {ArrayBuffer} bytes */
async function sha256Hex(bytes) {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The report e-mail through the user's own account: the original forwarded as an attachment.
 * @param {number} messageId
 * @param {string} to
 * @param {{report: Report, comment: string, raw: ArrayBuffer}} what
 */
async function sendMail(messageId, to, { report, comment, raw }) {
  const json = reportJson(report, { comment, sha256: await sha256Hex(raw), size: raw.byteLength,
    reporter: null, when: new Date().toISOString() });
  const tab = await browser.compose.beginForward(messageId, "forwardAsAttachment", {
    to: [to], subject: reportSubject(report, t), isPlainText: true, plainTextBody: reportBody(report, comment, t),
  });
  await browser.compose.addAttachment(tab.id, {
    file: new File([json], "phishcheck-report.json", { type: "application/json" }),
  });
  await browser.compose.sendMessage(tab.id, { mode: "sendNow" });
}

/**
 * The HTTPS post, made by the local host (docs/protocol.md, `report`).
 * @param {string} url
 * @param {Settings} values
 * @param {{raw: ArrayBuffer, comment: string, lang: Lang}} what
 */
async function sendPost(url, values, { raw, comment, lang }) {
  /** @type {ReportRequest["options"]} */
  const options = { lang, own_domains: values.own_domains };
  if (values.report_ca_file) options.ca_file = values.report_ca_file;
  /** @type {ReportRequest} */
  const request = { type: "report", url, raw: bytesToBase64(raw), encoding: "base64", comment, options };
  if (values.report_token) request.token = values.report_token;
  await hostRequest(request);
}

/**
 * @param {number} messageId
 * @param {AfterAction} after
 */
async function afterAction(messageId, after) {
  if (after === "junk") await moveToJunk(messageId);
  else if (after === "trash") await deleteMessage(messageId);
}

/**
 * Send the report to the destinations the user chose (locked ones always).
 * @param {{messageId: number, keys?: string[], comment?: string}} request
 * @returns {Promise<{results: SendResult[], after: AfterAction}>}
 */
export async function sendReport({ messageId, keys = [], comment = "" }) {
  const { values, locked } = await loadSettings();
  const report = await analysis(messageId, values);
  const chosen = reportDestinations(values, locked, await targets(report, values))
    .filter((d) => d.locked || keys.includes(d.key));
  const file = await browser.messages.getRaw(messageId, { data_format: "File" });
  const raw = await file.arrayBuffer();
  const lang = hostLang(browser.i18n.getUILanguage());
  /** @type {SendResult[]} */
  const results = [];
  for (const d of chosen) {
    try {
      if (d.kind === "email") await sendMail(messageId, d.to, { report, comment, raw });
      else await sendPost(d.to, values, { raw, comment, lang });
      results.push({ kind: d.kind, to: d.to, ok: true });
      console.info(`phishcheck: reported message ${messageId} to ${d.to}`);
    } catch (e) {
      results.push({ kind: d.kind, to: d.to, ok: false, error: errorMessage(e) || String(e) });
      console.warn(`phishcheck: report of message ${messageId} to ${d.to} failed: ${errorMessage(e)}`);
    }
  }
  const message = await browser.messages.get(messageId);
  const sentAny = results.some((r) => r.ok);
  /** @type {AfterAction} */
  const after = sentAny ? values.report_after : "keep";
  await afterAction(messageId, after).catch((e) => console.warn(`phishcheck: after-action failed: ${e.message}`));
  const { report_log: log } = /** @type {LocalData} */ (await browser.storage.local.get("report_log"));
  const entry = logEntry({ when: new Date().toISOString(), report, headerMessageId: message.headerMessageId, results, after });
  await browser.storage.local.set({ report_log: appendLog(log, entry) });
  console.info(`phishcheck-report ${JSON.stringify({ messageId, results, after })}`);
  return { results, after };
}

/** @returns {Promise<import("../types/messages").ReportLogEntry[]>} */
export async function reportLog() {
  const { report_log: log = [] } = /** @type {LocalData} */ (await browser.storage.local.get("report_log"));
  return log;
}

/** "Report phishing" in the message list's context menu. */
export function registerReportMenu() {
  browser.menus.create({ id: "phishcheck-report", title: t("reportAction"), contexts: ["message_list"] }, () => {
    if (browser.runtime.lastError) { /* already there after a background restart */ }
  });
  browser.menus.onClicked.addListener((info) => {
    if (info.menuItemId !== "phishcheck-report") return;
    const first = info.selectedMessages?.messages?.[0];
    if (first) openReport({ messageId: first.id });
  });
}
