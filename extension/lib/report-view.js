// report-view.js — turns the host's report (docs/protocol.md) or a failure into
// the view model the banner, the popup and the toolbar button draw. No DOM and
// no browser APIs here: UI strings are `_locales` keys, resolved by the UI.

import { parseSender, trustedEntriesFor } from "./trust.js";

const VERDICTS = ["safe", "suspicious", "dangerous"];
const SEVERITIES = ["info", "low", "medium", "high", "critical"];

/**
 * @param {object} report the host's report
 * @param {{bannerLevels: string[], dismissed?: boolean, trusted?: string[]}} options
 *   bannerLevels: levels that show a banner ("safe" = the collapsed line);
 *   dismissed: the user said "not phishing" for this message;
 *   trusted: the user's trusted senders (to name what a trust decision covers)
 */
export function reportView(report, { bannerLevels, dismissed = false, trusted = [] }) {
  const verdict = VERDICTS.includes(report?.verdict) ? report.verdict : "suspicious";
  const sender = parseSender(report?.message?.from);
  const trustedSender = Boolean(report?.settings?.trusted_sender);
  const trustedEntries = trustedSender ? trustedEntriesFor(trusted, sender) : [];
  // The user's own decision is shown as such, never as a verdict of ours:
  // "dismissed" (not phishing) or "trusted" (the host lowered it for a trusted sender).
  const decision = dismissed ? "dismissed" : trustedSender && verdict === "safe" && trustedEntries.length ? "trusted" : null;
  const level = decision ? "decided" : verdict;
  const display = report?.display && typeof report.display === "object" ? report.display : {};
  return {
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
}

/**
 * The organisation's verdict (the report's `organisation` section: what the
 * organisation's phishcheck gateway wrote when the mail arrived, docs/protocol.md),
 * beside this computer's own; null when the report has none.
 * `decided`: the organisation's verdict is worse than the local one, so it is
 * the one shown.
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

/** "none", "line" (quiet collapsed line for safe mail) or "full". */
function bannerStyle(level, bannerLevels) {
  if (level === "decided") return "line"; // the decision and its Undo stay visible
  if (!bannerLevels.includes(level)) return "none";
  return level === "safe" ? "line" : "full";
}

/**
 * One flag for display; evidence as ordered {key, label, value} rows, labelled
 * and worded by the report's "display" section (the user's language), never
 * with the report's internal keys.
 */
export function flagView(flag, display = {}) {
  const evidence = flag?.evidence && typeof flag.evidence === "object" ? flag.evidence : {};
  const labels = display?.labels || {};
  const values = display?.values || {};
  return {
    id: String(flag?.id ?? ""),
    severity: SEVERITIES.includes(flag?.severity) ? flag.severity : "info",
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

/** A readable stand-in for a key the report has no label for ("reply_to" → "Reply to"). */
function humanKey(key) {
  const words = String(key).replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Protocol/host error codes → the `_locales` key that explains them. */
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
 * @param {{code?: string, message?: string}} error
 */
export function errorView(error) {
  const code = error?.code || "internal";
  return {
    kind: "error",
    level: "error",
    code,
    banner: "full",
    messageKey: ERROR_KEYS[code] || "errorGeneric",
    detail: String(error?.message || code),
  };
}

/** The toolbar button's look for a view (or null: not checked). */
export function badgeFor(view) {
  const look = {
    safe: { text: "✓", color: "#2e7d32", titleKey: "actionTitleSafe" },
    decided: { text: "✓", color: "#455a64", titleKey: "actionTitleDecided" },
    suspicious: { text: "?", color: "#b26a00", titleKey: "actionTitleSuspicious" },
    dangerous: { text: "!", color: "#c62828", titleKey: "actionTitleDangerous" },
    error: { text: "×", color: "#616161", titleKey: "actionTitleError" },
  }[view?.level];
  if (!look) return { text: "", color: null, icon: "icons/phishcheck.svg", titleKey: "actionTitle" };
  return { ...look, icon: `icons/${view.level === "decided" ? "phishcheck" : view.level}.svg` };
}

function organisationLines(org) {
  if (!org) return [];
  return [`Organisation's mail server ${org.server}: ${org.verdict} (score ${org.score ?? "?"}` +
    `${org.flags.length ? `; ${org.flags.join(", ")}` : ""}); this computer: ${org.localVerdict ?? "?"}`];
}

/** Plain-text report for "Copy report" (the user pastes it into a ticket or mail). */
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
  for (const flag of (report?.flags || []).map(flagView)) {
    lines.push(`[${flag.severity}] ${flag.title} (${flag.id}, +${flag.score})`);
    if (flag.detail) lines.push(`  ${flag.detail}`);
    for (const { key, raw } of flag.evidence) lines.push(`  ${key}: ${raw}`);
  }
  if (report?.flags_omitted) lines.push(`(+${report.flags_omitted} more)`);
  return lines.join("\n");
}
