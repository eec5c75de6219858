// bar-view.js — what Thunderbird's notification bar above the message says for
// a view (lib/report-view.js): its level (the bar's colour) and one line as a
// `_locales` key with substitutions. No browser APIs here; background/pane-bar.js
// resolves the strings and draws. The bar is the sign the message cannot reach,
// so dangerous, suspicious and failed checks always get one; safe mail gets the
// quiet line only when the user keeps "safe" in the banner levels.
// @ts-check

/** @import { BarView, BarLevel, View, OrganisationView } from "../types/messages" */
/** @import { Verdict } from "../types/protocol" */

/**
 * The bar while the check runs ("Checking…").
 * @returns {BarView}
 */
export function checkingBar() {
  return { level: "checking", labelKey: "barChecking", labelArgs: [], details: false };
}

/**
 * @param {View|null} view a view from views.js (null: automatic checks off)
 * @returns {BarView|null} null: no bar for this view; note: the organisation's verdict (lib/report-view.js)
 */
export function barFor(view) {
  if (!view) return null;
  if (view.kind === "error") {
    return { level: "error", labelKey: view.messageKey, labelArgs: [], details: true };
  }
  if (view.level === "dangerous") return verdictBar("dangerous", "barDangerous", view);
  if (view.level === "suspicious") return verdictBar("suspicious", "barSuspicious", view);
  if (view.banner === "none") return null; // safe, and the user turned the safe line off
  if (view.dismissed) return { level: "safe", labelKey: "barDismissed", labelArgs: [], details: true };
  if (view.trustedSender) return { level: "safe", labelKey: "barTrusted", labelArgs: [], details: true };
  return { level: "safe", labelKey: "barSafe", labelArgs: [], details: true, ...orgNote(view) };
}

/**
 * @param {BarLevel} level
 * @param {string} labelKey
 * @param {{summary: string, organisation: OrganisationView|null}} view
 * @returns {BarView}
 */
function verdictBar(level, labelKey, view) {
  return { level, labelKey, labelArgs: [oneLine(view.summary)], details: true, ...orgNote(view) };
}

/** @type {Record<Verdict, string>} */
const LEVEL_KEYS = { safe: "levelSafe", suspicious: "levelSuspicious", dangerous: "levelDangerous" };

/**
 * The organisation's verdict beside this computer's, after the bar's line:
 * `note` is a `_locales` key whose arguments are `_locales` keys themselves
 * (the level words), resolved by background/pane-bar.js. When the
 * organisation's verdict is the one shown, the line already says so (its flag
 * is the reason): the note gives this computer's own verdict only.
 * @param {{organisation: OrganisationView|null}} view
 * @returns {{note?: {key: string, args: string[]}}}
 */
function orgNote(view) {
  const org = view.organisation;
  if (!org) return {};
  const local = org.localVerdict ? LEVEL_KEYS[org.localVerdict] : "levelError";
  if (org.decided) return { note: { key: "barLocalNote", args: [local] } };
  return { note: { key: "barOrgNote", args: [LEVEL_KEYS[org.verdict], local] } };
}

/**
 * The reason on one line, not too long for a bar (the popup has everything).
 * @param {unknown} text
 * @param {number} [max]
 */
export function oneLine(text, max = 160) {
  const flat = String(text ?? "").replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
