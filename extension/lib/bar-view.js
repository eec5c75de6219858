// bar-view.js — what Thunderbird's notification bar above the message says for
// a view (lib/report-view.js): its level (the bar's colour) and one line as a
// `_locales` key with substitutions. No browser APIs here; background/pane-bar.js
// resolves the strings and draws. The bar is the sign the message cannot reach,
// so dangerous, suspicious and failed checks always get one; safe mail gets the
// quiet line only when the user keeps "safe" in the banner levels.
// @ts-check

/** @import { BarView, BarLevel, View } from "../types/messages" */

/**
 * The bar while the check runs ("Checking…").
 * @returns {BarView}
 */
export function checkingBar() {
  return { level: "checking", labelKey: "barChecking", labelArgs: [], details: false };
}

/**
 * @param {View|null} view a view from views.js (null: automatic checks off)
 * @returns {BarView|null} null: no bar for this view
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
  return { level: "safe", labelKey: "barSafe", labelArgs: [], details: true };
}

/**
 * @param {BarLevel} level
 * @param {string} labelKey
 * @param {{summary: string}} view
 * @returns {BarView}
 */
function verdictBar(level, labelKey, view) {
  return { level, labelKey, labelArgs: [oneLine(view.summary)], details: true };
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
