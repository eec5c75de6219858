// report-mail.js — what "Report phishing" sends, built without browser APIs so
// it can be tested: the list of destinations (the user's and the policy's
// addresses and endpoint, the optional brand and national addresses), the
// e-mail's subject, text and JSON attachment, and the entry kept in the
// add-on's report log. background/report.js sends it; report/report.js shows it
// to the user first.

// @ts-check
/** @import { Destination, Settings, SendResult, AfterAction, ReportLogEntry } from "../types/messages" */
/** @import { Report, ReportTarget } from "../types/protocol" */

import { reportText } from "./report-view.js";

export const MAX_LOG = 200;

/**
 * Where a report can go.
 * @param {Pick<Settings, "report_emails"|"report_url"|"report_brand"|"report_antiphishing_jp">} values
 *        merged settings (lib/settings.js)
 * @param {string[]} locked settings set by policy
 * @param {ReportTarget[]} targets the host's report_targets answer (brand and national addresses)
 * @returns {Destination[]}
 */
export function reportDestinations(values, locked, targets = []) {
  /** @type {Destination[]} */
  const out = [];
  for (const to of values.report_emails || []) {
    const policy = locked.includes("report_emails");
    out.push({ key: `email:${to}`, kind: "email", to, origin: policy ? "policy" : "user", locked: policy, checked: true });
  }
  if (values.report_url) {
    const policy = locked.includes("report_url");
    out.push({ key: `url:${values.report_url}`, kind: "url", to: values.report_url,
      origin: policy ? "policy" : "user", locked: policy, checked: true });
  }
  for (const t of targets) {
    const on = t.kind === "brand" ? values.report_brand : t.kind === "national-jp" && values.report_antiphishing_jp;
    if (!on || out.some((d) => d.to === t.address)) continue;
    // Optional extras: offered, never pre-selected; the user ticks them.
    out.push({ key: `email:${t.address}`, kind: "email", to: t.address, origin: t.kind, locked: false,
      checked: false, name: t.name, source: t.source });
  }
  return out;
}

/**
 * The brands a report's flags name (evidence "brand"), once each.
 * @param {Report} report
 */
export function reportedBrands(report) {
  /** @type {Set<string>} */
  const set = new Set();
  for (const f of report?.flags || []) if (f.evidence?.brand) set.add(f.evidence.brand);
  return [...set];
}

/**
 * Subject of the report e-mail.
 * @param {Report} report
 * @param {(key: string, subs?: string[]) => string} t UI texts
 */
export function reportSubject(report, t) {
  return t("reportMailSubject", [report?.message?.subject || "(no subject)"]);
}

/**
 * Text of the report e-mail: what it is, the user's comment, phishcheck's report.
 * @param {Report} report the host's report
 * @param {string} comment the user's comment ("" when none)
 * @param {(key: string, subs?: string[]) => string} t UI texts
 */
export function reportBody(report, comment, t) {
  const lines = [t("reportMailIntro"), ""];
  if (comment.trim()) lines.push(t("reportMailComment"), comment.trim(), "");
  lines.push(reportText(report), "", t("reportMailFooter"));
  return lines.join("\n");
}

/**
 * The JSON attachment: the same shape as the host's HTTPS post, without the raw message (attached).
 * @param {Report} report
 * @param {{comment: string, sha256: string, size: number, reporter: string|null, when: string}} about
 */
export function reportJson(report, { comment, sha256, size, reporter, when }) {
  return JSON.stringify({
    type: "phishcheck-report", version: 1, reported_at: when, reporter: reporter || null,
    comment: comment.trim() || null, client: { name: "phishcheck", version: report?.version ?? null },
    message: { attached: "message/rfc822", size, sha256, from: report?.message?.from ?? null,
      subject: report?.message?.subject ?? null, message_id: report?.message?.message_id ?? null },
    analysis: report,
  }, null, 2);
}

/**
 * One row of the report log (options page): what, when, where, with what result.
 * @param {{when: string, report: Report, headerMessageId: string,
 *          results: SendResult[], after: AfterAction}} r
 * @returns {ReportLogEntry}
 */
export function logEntry({ when, report, headerMessageId, results, after }) {
  return {
    when, headerMessageId: headerMessageId || null, subject: report?.message?.subject ?? null,
    from: report?.message?.from ?? null, verdict: report?.verdict ?? null,
    sent: results.map(({ kind, to, ok, error }) => ({ kind, to, ok, ...(error ? { error } : {}) })), after,
  };
}

/**
 * The log with `entry` first, at most MAX_LOG long.
 * @param {unknown} log what storage holds
 * @param {ReportLogEntry} entry
 * @returns {ReportLogEntry[]}
 */
export function appendLog(log, entry) {
  return [entry, ...(Array.isArray(log) ? log : [])].slice(0, MAX_LOG);
}
