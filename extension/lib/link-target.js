// link-target.js — where a clicked link really goes, for the link guard
// (guard/guard.html): its host and registrable domain, in Unicode with the
// punycode beside it, and the report's reasons that concern it. The host's
// report carries the registrable domain of every link host ("links" in
// docs/protocol.md); a link it did not list (rare) falls back to the host
// itself. No DOM and no browser APIs here.

// @ts-check
/** @import { ReportView, View, LinkTarget, FlagView } from "../types/messages" */
/** @import { ReportLink } from "../types/protocol" */

import { punycodeToUnicode } from "./punycode.js";

/** Levels at which a click is stopped and the guard shown first. */
/** @type {Set<unknown>} */
const GUARDED = new Set(["suspicious", "dangerous"]);
/** @type {(s: string|undefined) => s is string} */
const nonEmpty = (s) => Boolean(s);

/**
 * Should a click on a link of this message be stopped first?
 * @template {Partial<View>} V
 * @param {V|null|undefined} view the message's view (lib/report-view.js)
 * @returns {view is V & ReportView} false for safe mail, failed checks and the user's own decisions
 */
export function needsGuard(view) {
  if (!view || view.kind !== "report" || view.decision) return false;
  return GUARDED.has(view.level);
}

/**
 * Links a guard never stops: mail addresses and places inside the message itself.
 * @param {string} href
 */
export function isGuardedHref(href) {
  const text = String(href || "").trim();
  if (!text || text.startsWith("#")) return false;
  return !/^(mailto|news|snews|nntp|mid|cid):/i.test(text);
}

/**
 * The Unicode form of an ASCII host (labels "xn--..." decoded).
 * @param {string} host
 */
export function hostToUnicode(host) {
  return String(host).split(".").map((label) => {
    if (!/^xn--/i.test(label)) return label;
    try {
      return punycodeToUnicode(label.slice(4).toLowerCase());
    } catch {
      return label;
    }
  }).join(".");
}

/**
 * Where `href` goes.
 * @param {string} href the link's absolute URL
 * @param {ReportLink[]} [links] the report's links
 * @returns {LinkTarget|null} null when href is no URL; listed: the report knew this host
 */
export function linkTarget(href, links = []) {
  let url;
  try {
    url = new URL(String(href));
  } catch {
    return null;
  }
  const scheme = url.protocol.replace(/:$/, "");
  const host = url.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase();
  const known = (links || []).find((l) => l?.host === host);
  if (known) {
    return { href: url.href, scheme, host, unicode: known.unicode || host, domain: known.domain || host,
      domainUnicode: known.domain_unicode || known.domain || host, ip: Boolean(known.ip), listed: true };
  }
  const ip = /^[\d.]+$/.test(host) || host.includes(":");
  return { href: url.href, scheme, host, unicode: ip ? host : hostToUnicode(host), domain: host,
    domainUnicode: ip ? host : hostToUnicode(host), ip, listed: false };
}

/**
 * The reasons to show beside a link: the verdict's headline first, then the
 * findings that name this link's host or domain, then other findings; at most `max`.
 * @param {{summary?: string, flags?: FlagView[]}|null|undefined} view the message's view
 * @param {{host: string, domain: string}|null|undefined} target from linkTarget()
 * @returns {string[]} titles, in the report's language
 */
export function guardReasons(view, target, max = 3) {
  const flags = view?.flags || [];
  const names = [target?.host, target?.domain].filter(nonEmpty);
  /** @param {FlagView} flag */
  const aboutLink = (flag) => flag.evidence.some(({ value }) => names.some((n) => value.toLowerCase().includes(n)));
  const ordered = [...flags.filter(aboutLink), ...flags.filter((f) => !aboutLink(f))];
  const titles = [view?.summary, ...ordered.map((f) => f.title)].filter(nonEmpty);
  return [...new Set(titles)].slice(0, max);
}

/**
 * Split a host into the part before its registrable domain and the domain ("login.", "example.co.jp").
 * @param {string} host
 * @param {string} domain
 */
export function splitHost(host, domain) {
  if (domain && host !== domain && host.endsWith(`.${domain}`)) {
    return { prefix: host.slice(0, host.length - domain.length), domain };
  }
  return { prefix: "", domain: host };
}
