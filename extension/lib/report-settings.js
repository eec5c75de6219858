// report-settings.js — the settings of issue #12, merged into lib/settings.js's
// schema (so storage.managed policy keys lock them like every other setting):
// the sender's context, and where "Report phishing" sends a report.
//
//   contacts_context        true: tell the local host what the address books and sent
//                           folders know about the sender (never leaves the machine)
//   report_emails           addresses that get the report as an e-mail (the original
//                           attached unchanged, message/rfc822), sent from the user's account
//   report_url              an https:// endpoint the host posts the report to (JSON)
//   report_token            bearer token for report_url (usually set by policy)
//   report_ca_file          extra CA bundle (absolute path) for report_url's certificate
//   report_after            after reporting: "junk" (move to Junk), "trash" or "keep"
//   report_brand            also offer the impersonated brand's published report address
//   report_antiphishing_jp  also offer the Council of Anti-Phishing Japan (info@antiphishing.jp)
// @ts-check

import { normalizeEntry } from "./trust.js";

/** @import { AfterAction } from "../types/messages" */

/** @type {readonly unknown[]} */
export const AFTER_ACTIONS = /** @type {AfterAction[]} */ (["junk", "trash", "keep"]);
/** @type {(v: unknown) => v is AfterAction} */
const isAfter = (v) => AFTER_ACTIONS.includes(v);

export const REPORT_SCHEMA = {
  contacts_context: { def: true, clean: bool },
  report_emails: { def: [], clean: cleanEmails },
  report_url: { def: "", clean: cleanHttpsUrl },
  report_token: { def: "", clean: cleanToken },
  report_ca_file: { def: "", clean: cleanPath },
  report_after: { def: /** @type {AfterAction} */ ("junk"), clean: (/** @type {unknown} */ v) => (isAfter(v) ? v : undefined) },
  report_brand: { def: false, clean: bool },
  report_antiphishing_jp: { def: false, clean: bool },
};

/** @param {unknown} v */
function bool(v) {
  return typeof v === "boolean" ? v : undefined;
}

/**
 * Addresses only (no domains), lower-case, unique; a string may hold several.
 * @param {unknown} v
 * @returns {string[]|undefined}
 */
export function cleanEmails(v) {
  if (typeof v === "string") v = v.split(/[\s,;]+/).filter(Boolean);
  if (!Array.isArray(v)) return undefined;
  /** @type {string[]} */
  const out = [];
  for (const item of v) {
    const e = typeof item === "string" ? normalizeEntry(item) : null;
    if (!e || !e.includes("@")) return undefined; // one bad entry: refuse, the user must see why
    if (!out.includes(e)) out.push(e);
  }
  return out;
}

/**
 * "" (none) or an https:// URL with a host; nothing else (no http, no credentials).
 * @param {unknown} v
 */
export function cleanHttpsUrl(v) {
  if (typeof v !== "string") return undefined;
  const s = v.trim();
  if (!s) return "";
  try {
    const u = new URL(s);
    return u.protocol === "https:" && u.hostname && !u.username && !u.password ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** @param {unknown} v */
function cleanToken(v) {
  return typeof v === "string" && /^[\x21-\x7e]*$/.test(v.trim()) ? v.trim() : undefined;
}

/** @param {unknown} v */
function cleanPath(v) {
  if (typeof v !== "string") return undefined;
  const s = v.trim();
  return s === "" || /^(\/|[A-Za-z]:\\)/.test(s) ? s : undefined;
}
