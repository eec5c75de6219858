// trust.js — the "I trust this sender" list: entries are e-mail addresses
// (boss@example.co.jp) or domains (example.org), lower-case. The host does the
// matching; here we parse senders, validate entries and edit the list.
// @ts-check

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;
const LOCAL = /^[^\s@<>()[\],;:"]+$/;

/**
 * "Example.ORG." or "@example.org" → "example.org"; null when not a domain.
 * @param {unknown} text
 */
export function normalizeDomain(text) {
  const d = String(text).trim().toLowerCase().replace(/^@/, "").replace(/\.$/, "");
  return DOMAIN.test(d) ? d : null;
}

/**
 * An address or a domain, normalised; null when it is neither.
 * @param {unknown} text
 */
export function normalizeEntry(text) {
  const s = String(text).trim().toLowerCase();
  const at = s.lastIndexOf("@");
  if (at <= 0) return normalizeDomain(s);
  const local = s.slice(0, at);
  const domain = normalizeDomain(s.slice(at + 1));
  return domain && LOCAL.test(local) ? `${local}@${domain}` : null;
}

/**
 * The sender address of a From header value.
 * '"Kagoya Active! Mail" <postmaster@aica-interior.co.jp>' →
 *   {address: "postmaster@aica-interior.co.jp", domain: "aica-interior.co.jp"}
 * @param {string|null|undefined} from
 * @returns {{address: string, domain: string}|null}
 */
export function parseSender(from) {
  const text = String(from || "");
  const angle = text.match(/<([^<>]*)>\s*$/);
  const candidate = angle ? angle[1] : text.split(/\s+/).find((w) => w.includes("@"));
  const address = candidate ? normalizeEntry(candidate) : null;
  if (!address || !address.includes("@")) return null;
  return { address, domain: address.slice(address.lastIndexOf("@") + 1) };
}

/**
 * The list with `entry` added (normalised, unique, sorted). Invalid → unchanged.
 * @param {string[]} list
 * @param {string} entry
 */
export function addTrusted(list, entry) {
  const e = normalizeEntry(entry);
  if (!e) return [...list];
  return [...new Set([...list, e])].sort();
}

/**
 * The list without `entry`.
 * @param {string[]} list
 * @param {string} entry
 */
export function removeTrusted(list, entry) {
  const e = normalizeEntry(entry) || String(entry);
  return list.filter((x) => x !== e);
}

/**
 * The entries of the trusted list that cover this sender (its address, its
 * domain or a parent domain): what "Undo" must remove.
 * @param {string[]} list the trusted senders
 * @param {{address: string, domain: string}|null} sender
 */
export function trustedEntriesFor(list, sender) {
  if (!sender) return [];
  return (list || []).filter((entry) => entry === sender.address ||
    (!entry.includes("@") && (sender.domain === entry || sender.domain.endsWith(`.${entry}`))));
}
