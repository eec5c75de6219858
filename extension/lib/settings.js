// settings.js — the user's settings: defaults, validation, and the merge with
// what an administrator set by policy (storage.managed), which always wins and
// is shown as locked in the options page.

// @ts-check
/** @import { MergedSettings, Settings, SettingKey } from "../types/messages" */
/** @import { Verdict } from "../types/protocol" */

import { normalizeEntry, normalizeDomain } from "./trust.js";
import { REPORT_SCHEMA } from "./report-settings.js";

/** @type {Verdict[]} */
export const LEVELS = ["safe", "suspicious", "dangerous"];

/** Every setting, its default and how to clean a stored value. */
const SCHEMA = {
  // Check every message when it is opened.
  auto_check: { def: true, clean: cleanBool },
  // Levels that get a banner; "safe" means the quiet collapsed "checked" line.
  banner_levels: { def: ["safe", "suspicious", "dangerous"], clean: cleanLevels },
  // The user's organisation's domains (example.co.jp).
  own_domains: { def: /** @type {string[]} */ ([]), clean: (/** @type {unknown} */ v) => cleanList(v, normalizeDomain) },
  // Addresses or domains the user trusts.
  trusted_senders: { def: /** @type {string[]} */ ([]), clean: (/** @type {unknown} */ v) => cleanList(v, normalizeEntry) },
  // The receiving server whose Authentication-Results are trusted ("" = topmost).
  authserv_id: { def: "", clean: cleanAuthservId },
  // The organisation's phishcheck gateway (its server id, set by policy): its verdict
  // in the mail's trusted headers is shown as the organisation's ("" = none).
  gateway_id: { def: "", clean: cleanAuthservId },
  // Online look-ups by the host (off: nothing leaves the machine).
  online: { def: false, clean: cleanBool },
  // Check new mail as it arrives and tag the dangerous ones in the message list.
  check_new_mail: { def: true, clean: cleanBool },
  // Move dangerous new mail to Junk on arrival (needs check_new_mail).
  junk_dangerous: { def: false, clean: cleanBool },
  // Issue #12 (lib/report-settings.js): the sender's context from the address books
  // and sent folders, to the local host only; "Report phishing" destinations.
  ...REPORT_SCHEMA,
};

export const SETTING_KEYS = /** @type {SettingKey[]} */ (Object.keys(SCHEMA));

/**
 * A fresh copy of the defaults.
 * @returns {Settings}
 */
export function defaultSettings() {
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const key of SETTING_KEYS) out[key] = structuredClone(SCHEMA[key].def);
  return /** @type {Settings} */ (/** @type {unknown} */ (out));
}

/**
 * Merge stored user settings with managed (policy) settings.
 * Invalid values are ignored (the default or the user's value stays).
 * @param {Record<string, unknown>|null|undefined} local  what storage.local holds (may be partial or empty)
 * @param {Record<string, unknown>|null|undefined} managed  what storage.managed holds (null when none)
 * @returns {MergedSettings}
 */
export function mergeSettings(local, managed) {
  const values = defaultSettings();
  const out = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (values));
  /** @type {SettingKey[]} */
  const locked = [];
  for (const key of SETTING_KEYS) {
    const user = SCHEMA[key].clean(local?.[key]);
    if (user !== undefined) out[key] = user;
    const admin = SCHEMA[key].clean(managed?.[key]);
    if (admin !== undefined) {
      out[key] = admin;
      locked.push(key);
    }
  }
  return { values, locked };
}

/**
 * Clean one value the options page wants to store.
 * @param {string} key
 * @param {unknown} value
 * @returns {unknown} the cleaned value, or undefined when it is not valid for `key`
 */
export function cleanSetting(key, value) {
  return Object.hasOwn(SCHEMA, key) ? SCHEMA[/** @type {SettingKey} */ (key)].clean(value) : undefined;
}

/** @param {unknown} v */
function cleanBool(v) {
  return typeof v === "boolean" ? v : undefined;
}

/**
 * @param {unknown} v
 * @returns {Verdict[]|undefined}
 */
function cleanLevels(v) {
  if (!Array.isArray(v)) return undefined;
  return LEVELS.filter((level) => v.includes(level));
}

/** @param {unknown} v */
function cleanAuthservId(v) {
  if (typeof v !== "string") return undefined;
  const id = v.trim().toLowerCase();
  return /^[a-z0-9.-]*$/.test(id) ? id : undefined;
}

/**
 * A list of strings, each normalised; invalid entries dropped; unique, sorted.
 * @param {unknown} v
 * @param {(text: string) => string|null} normalize
 * @returns {string[]|undefined}
 */
function cleanList(v, normalize) {
  if (typeof v === "string") v = v.split(/[\s,;]+/);
  if (!Array.isArray(v)) return undefined;
  /** @type {Set<string>} */
  const set = new Set();
  for (const item of v) {
    const entry = typeof item === "string" ? normalize(item) : null;
    if (entry) set.add(entry);
  }
  return [...set].sort();
}
