// report-view.js — turns the host's report (docs/protocol.md) or a failure into
// the view model the banner, the popup and the toolbar button draw. No DOM and
// no browser APIs here: UI strings are `_locales` keys, resolved by the UI.

// @ts-check
/** @import { ReportView, ErrorView, FlagView, BannerStyle, Badge, View, OrganisationView } from "../types/messages" */
/** @import { Report, Flag, Verdict, Severity } from "../types/protocol" */

import { parseSender, trustedEntriesFor } from "./trust.js";

/** @type {readonly unknown[]} */
const VERDICTS = /** @type {Verdict[]} */ (["safe", "suspicious", "dangerous"]);
/** @type {readonly unknown[]} */
const SEVERITIES = /** @type {Severity[]} */ (["info", "low", "medium", "high", "critical"]);
/** @type {(v: unknown) => v is Verdict} */
const isVerdict = (v) => VERDICTS.includes(v);
/** @type {(v: unknown) => v is Severity} */
const isSeverity = (v) => SEVERITIES.includes(v);

/**
 * @param {Partial<Report>|null|undefined} report the host's report (read defensively)
 * @param {{bannerLevels: string[], dismissed?: boolean, trusted?: string[]}} options
 *   bannerLevels: levels that show a banner ("safe" = the collapsed line);
 *   dismissed: the user said "not phishing" for this message;
 *   trusted: the user's trusted senders (to name what a trust decision covers)
 */
export function reportView(report, { bannerLevels, dismissed = false, trusted = [] }) {
  const verdict = isVerdict(report?.verdict) ? report.verdict : "suspicious";
  const sender = parseSender(report?.message?.from);
  const trustedSender = Boolean(report?.settings?.trusted_sender);
  const trustedEntries = trustedSender ? trustedEntriesFor(trusted, sender) : [];
  // The user's own decision is shown as such, never as a verdict of ours:
  // "dismissed" (not phishing) or "trusted" (the host lowered it for a trusted sender).
  const decision = dismissed ? "dismissed" : trustedSender && verdict === "safe" && trustedEntries.length ? "trusted" : null;
  const level = decision ? "decided" : verdict;
  const display = report?.display && typeof report.display === "object" ? report.display : {};
  /** @type {ReportView} */
  const view = {
    kind: "report",
    level,
    verdict,
    decision,
    dismissed,
    banner: bannerStyle(level, bannerLevels),
    summary: String(report?.summary ?? ""),
    score: Number(report?.score) || 0,
    flags: (Array.isArray(report?.flags) ? report.flags : []).map((flag) => flagView(flag, display)),
    flagsOmitted: Number(report?.flags_omitted) || 0,
    sender,
    subject: String(report?.message?.subject ?? ""),
    trustedSender,
    trustedEntries,
    links: Array.isArray(report?.links) ? report.links : [],
    organisation: organisationView(report),
  };
  return view;
}

/**
 * The organisation's verdict (the report's `organisation` section: what the
 * organisation's phishcheck gateway wrote when the mail arrived, docs/protocol.md),
 * beside this computer's own; null when the report has none.
 * `decided`: the organisation's verdict is worse than the local one, so it is
 * the one shown.
 * @param {Partial<Report>|null|undefined} report
 * @returns {OrganisationView|null}
 */
export function organisationView(report) {
  const org = report?.organisation;
  if (!org || typeof org !== "object" || !VERDICTS.includes(org.verdict)) return null;
  const local = VERDICTS.includes(org.local_verdict) ? org.local_verdict : null;
  return {
    server: String(org.server ?? ""),
    verdict: org.verdict,
    score: Number.isFinite(org.score) ? org.score : null,
    flags: Array.isArray(org.flags) ? org.flags.map(String) : [],
    localVerdict: local,
    decided: local !== null && VERDICTS.indexOf(org.verdict) > VERDICTS.indexOf(local),
  };
}

/**
 * "none", "line" (quiet collapsed line for safe mail) or "full".
 * @param {ReportView["level"]} level
 * @param {string[]} bannerLevels
 * @returns {BannerStyle}
 */
function bannerStyle(level, bannerLevels) {
  if (level === "decided") return "line"; // the decision and its Undo stay visible
  if (!bannerLevels.includes(level)) return "none";
  return level === "safe" ? "line" : "full";
}

/**
 * One flag for display; evidence as ordered {key, label, value} rows, labelled
 * and worded by the report's "display" section (the user's language), never
 * with the report's internal keys.
 * @param {Partial<Flag>|null|undefined} flag
 * @param {Report["display"]} [display]
 * @returns {FlagView}
 */
export function flagView(flag, display = {}) {
  const evidence = flag?.evidence && typeof flag.evidence === "object" ? flag.evidence : {};
  const labels = display?.labels || {};
  const values = display?.values || {};
  return {
    id: String(flag?.id ?? ""),
    severity: isSeverity(flag?.severity) ? flag.severity : "info",
    score: Number(flag?.score) || 0,
    title: String(flag?.title ?? flag?.id ?? ""),
    detail: String(flag?.detail ?? ""),
    evidence: Object.entries(evidence).map(([key, value]) => ({
      key,
      label: String(labels[key] ?? humanKey(key)),
      value: String(values[`${key}=${value}`] ?? value),
      raw: String(value),
    })),
  };
}

/**
 * A readable stand-in for a key the report has no label for ("reply_to" → "Reply to").
 * @param {string} key
 */
function humanKey(key) {
  const words = String(key).replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Protocol/host error codes → the `_locales` key that explains them.
 * @type {Record<string, string|undefined>}
 */
const ERROR_KEYS = {
  host_missing: "errorHostMissing",
  host_failed: "errorHostFailed",
  timeout: "errorTimeout",
  too_large: "errorTooLarge",
  message_too_large: "errorTooLarge",
  no_message: "errorNoMessage",
};

/**
 * The view of a failed check. Failures always show a banner: the user must
 * never be left with a silent nothing.
 * @param {{code?: string, message?: string}|null|undefined} error
 * @returns {ErrorView}
 */
export function errorView(error) {
  const code = error?.code || "internal";
  return {
    kind: "error",
    level: "error",
    code,
    banner: "full",
    messageKey: (Object.hasOwn(ERROR_KEYS, code) && ERROR_KEYS[code]) || "errorGeneric",
    detail: String(error?.message || code),
  };
}

/**
 * The toolbar button's look for a view (or null: not checked).
 * @param {Pick<View, "level">|null|undefined} view
 * @returns {Badge}
 */
export function badgeFor(view) {
  /** @type {Record<string, {text: string, color: string, titleKey: string}|undefined>} */
  const looks = {
    safe: { text: "✓", color: "#2e7d32", titleKey: "actionTitleSafe" },
    decided: { text: "✓", color: "#455a64", titleKey: "actionTitleDecided" },
    suspicious: { text: "?", color: "#b26a00", titleKey: "actionTitleSuspicious" },
    dangerous: { text: "!", color: "#c62828", titleKey: "actionTitleDangerous" },
    error: { text: "×", color: "#616161", titleKey: "actionTitleError" },
  };
  const look = view && Object.hasOwn(looks, view.level) ? looks[view.level] : undefined;
  if (!look || !view) return { text: "", color: null, icon: "icons/phishcheck.svg", titleKey: "actionTitle" };
  return { ...look, icon: `icons/${view.level === "decided" ? "phishcheck" : view.level}.svg` };
}

/** @param {OrganisationView|null} org */
function organisationLines(org) {
  if (!org) return [];
  return [`Organisation's mail server ${org.server}: ${org.verdict} (score ${org.score ?? "?"}` +
    `${org.flags.length ? `; ${org.flags.join(", ")}` : ""}); this computer: ${org.localVerdict ?? "?"}`];
}

/**
 * Plain-text report for "Copy report" (the user pastes it into a ticket or mail).
 * @param {Partial<Report>|null|undefined} report
 */
export function reportText(report) {
  const lines = [
    `phishcheck: ${report?.verdict} (score ${report?.score})`,
    `${report?.summary ?? ""}`,
    ...organisationLines(organisationView(report)),
    `From: ${report?.message?.from ?? ""}`,
    `Subject: ${report?.message?.subject ?? ""}`,
    `Date: ${report?.message?.date ?? ""}`,
    `Message-ID: ${report?.message?.message_id ?? ""}`,
    "",
  ];
  for (const flag of (report?.flags || []).map((f) => flagView(f))) {
    lines.push(`[${flag.severity}] ${flag.title} (${flag.id}, +${flag.score})`);
    if (flag.detail) lines.push(`  ${flag.detail}`);
    for (const { key, raw } of flag.evidence) lines.push(`  ${key}: ${raw}`);
  }
  if (report?.flags_omitted) lines.push(`(+${report.flags_omitted} more)`);
  return lines.join("\n");
}
