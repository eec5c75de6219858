// context.js — the sender's context (docs/protocol.md, `context`): what
// Thunderbird knows about the From address that the message cannot tell. Pure
// helpers here (no browser API): reading a contact's vCard, the words of a
// display name to search the address books for, and the request object.
// background/context.js gathers the facts; they go to the local host only.
// @ts-check

export const MAX_CONTACTS = 50; // contacts sent per message
export const MAX_SEARCHES = 4; // address-book searches per display name
export const EARLIER_LIMIT = 10; // earlier messages counted at most

/** Unfold vCard lines and undo value escapes ("\," "\;" "\\" "\n"). */
/** @param {string} vcard */
function vcardLines(vcard) {
  return String(vcard || "").replace(/\r?\n[ \t]/g, "").split(/\r?\n/);
}

/** @param {string} v */
function unescapeValue(v) {
  return v.replace(/\\([,;\\nN])/g, (_, /** @type {string} */ c) => (c === "n" || c === "N" ? " " : c));
}

/**
 * A contact's name and addresses from its vCard (FN, else N "Last;First").
 * @param {string} vcard
 * @returns {{name: string|null, emails: string[]}}
 */
export function vcardContact(vcard) {
  let fn = null;
  let n = null;
  const emails = [];
  for (const line of vcardLines(vcard)) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const key = line.slice(0, colon).replace(/^[^.;:]*\./, "").split(";")[0].toUpperCase();
    const value = line.slice(colon + 1).trim();
    if (key === "FN" && value) fn = unescapeValue(value);
    else if (key === "N" && value) n = value.split(";").slice(0, 2).map(unescapeValue).join(" ").trim();
    else if (key === "EMAIL" && value.includes("@")) emails.push(value.toLowerCase());
  }
  return { name: fn || n || null, emails };
}

/**
 * A ContactNode of Thunderbird 128+ (vCard) or older (properties).
 * @param {Partial<browser.addressBooks.contacts.ContactNode>|null|undefined} node
 * @returns {{name: string|null, emails: string[]}}
 */
export function contactOfNode(node) {
  if (node?.vCard) return vcardContact(node.vCard);
  const p = node?.properties || {};
  const name = p.DisplayName || [p.FirstName, p.LastName].filter(Boolean).join(" ") || null;
  const emails = [p.PrimaryEmail, p.SecondEmail].filter((e) => typeof e === "string" && e !== "")
    .map((e) => String(e).toLowerCase());
  return { name, emails };
}

const TITLES = /(代表取締役社長|代表取締役|副社長|社長|会長|取締役|専務|常務|本部長|事業部長|支店長|部長|次長|課長|係長|室長|所長|理事長|院長|校長|先生|さま|様|さん|殿)$/u;
const LATIN_TITLES = new Set(["ceo", "cfo", "coo", "cto", "cio", "president", "vp", "chairman",
  "director", "manager", "boss", "mr", "mrs", "ms", "dr"]);

/**
 * The words of a display name worth an address-book search: titles and
 * honorifics dropped ("田中 社長" → 田中; "田中部長" → 田中), width folded
 * (NFKC), at most MAX_SEARCHES, each of 2+ characters.
 * @param {string|null} display
 * @returns {string[]}
 */
export function searchWords(display) {
  const words = String(display || "").normalize("NFKC")
    .split(/[\s,、，()（）「」\[\]<>"'/・|]+/u).filter(Boolean);
  /** @type {string[]} */
  const out = [];
  for (let w of words) {
    if (LATIN_TITLES.has(w.toLowerCase().replace(/\.$/, ""))) continue;
    const stripped = w.replace(TITLES, "");
    if (stripped && stripped !== w) w = stripped; // 田中部長 → 田中
    else if (!stripped) continue; // 社長 alone
    if ([...w].length >= 2 && !out.includes(w)) out.push(w);
  }
  return out.slice(0, MAX_SEARCHES);
}

/**
 * '"Name" <a@b.example>' → {name: "Name", address: "a@b.example"}; address null when none.
 * @param {string|null|undefined} author
 * @returns {{name: string|null, address: string|null}}
 */
export function parseAuthor(author) {
  const s = String(author || "").trim();
  const m = s.match(/^(.*?)<([^<>\s]+@[^<>\s]+)>\s*$/);
  if (m) return { name: m[1].trim().replace(/^"(.*)"$/, "$1").trim() || null, address: m[2].toLowerCase() };
  return /^[^\s@]+@[^\s@]+$/.test(s) ? { name: null, address: s.toLowerCase() } : { name: s || null, address: null };
}

/**
 * The `context` of an analyze request. Unknown facts (null/undefined) are
 * left out; contacts are deduplicated and capped.
 * @param {{inBook?: boolean|null, writtenTo?: boolean|null, earlier?: number|null,
 *          contacts?: {name: string|null, emails: string[]}[]}} facts
 */
export function buildContext({ inBook, writtenTo, earlier, contacts = [] }) {
  const context = {};
  if (typeof inBook === "boolean") context.from_in_address_book = inBook;
  if (typeof writtenTo === "boolean") context.from_written_to = writtenTo;
  if (typeof earlier === "number" && Number.isInteger(earlier) && earlier >= 0) context.from_earlier_messages = Math.min(earlier, EARLIER_LIMIT);
  const seen = new Set();
  const list = [];
  for (const c of contacts) {
    if (!c?.name || !c.emails?.length) continue;
    const key = `${c.name}\u0000${c.emails.join(",")}`;
    if (seen.has(key)) continue;
    seen.add(key);
    list.push({ name: c.name, emails: c.emails.slice(0, 16) });
    if (list.length >= MAX_CONTACTS) break;
  }
  context.contacts = list;
  return context;
}
