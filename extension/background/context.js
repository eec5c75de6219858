// context.js (background) — gathers the sender's context for an analyze
// request (lib/context.js, docs/protocol.md) with Thunderbird's own APIs: the
// local address books (never remote/LDAP ones: the display name's words would
// leave the machine), the sent folders (has the user written to the address?)
// and the message database (earlier messages from it). Every look-up is
// bounded in time; a failure only leaves a fact out. Answers are cached per
// address for a while. The context goes to the local host and nowhere else.
// @ts-check

import { buildContext, contactOfNode, parseAuthor, searchWords, EARLIER_LIMIT } from "../lib/context.js";

const STEP_MS = 1500; // one look-up at most
const CACHE_MS = 10 * 60 * 1000;
const MAX_CACHED = 200;
/** @type {Map<string, {at: number, value: Promise<unknown>}>} key → when and the look-up's promise */
const cache = new Map();

/**
 * value, or `fallback` when the promise fails or takes longer than STEP_MS.
 * @template T, F
 * @param {Promise<T>} promise
 * @param {F} fallback
 * @returns {Promise<T|F>}
 */
function bounded(promise, fallback) {
  /** @type {ReturnType<typeof setTimeout>|undefined} */
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(() => resolve(fallback), STEP_MS); });
  return Promise.race([Promise.resolve(promise).catch(() => fallback), late])
    .finally(() => clearTimeout(timer));
}

/**
 * @template T
 * @param {string} key
 * @param {() => Promise<T>} make
 * @returns {Promise<T>}
 */
function cached(key, make) {
  const hit = cache.get(key);
  // (Each key is made by one `make`, so its promise is of that type.)
  if (hit && Date.now() - hit.at < CACHE_MS) return /** @type {Promise<T>} */ (hit.value);
  const value = make();
  cache.set(key, { at: Date.now(), value });
  if (cache.size > MAX_CACHED) cache.delete(/** @type {string} */ (cache.keys().next().value));
  return value;
}

/** Forget cached facts (a contact was added, a mail sent ...). */
export function clearContextCache() {
  cache.clear();
}

/**
 * Local address-book contacts matching a search string.
 * @param {string} text
 */
async function searchBooks(text) {
  const api = browser.addressBooks?.contacts;
  if (!api) return [];
  const nodes = api.query
    ? await api.query({ searchString: text, includeLocal: true, includeRemote: false })
    : await api.quickSearch({ searchString: text, includeRemote: false });
  return (nodes || []).filter((n) => !n.remote).map(contactOfNode);
}

/**
 * Messages matching queryInfo, counted up to `limit` (the list is then abandoned).
 * @param {browser.messages.QueryInfo} queryInfo
 * @param {number} limit
 */
async function countMessages(queryInfo, limit) {
  const page = await browser.messages.query({ ...queryInfo, messagesPerPage: limit, autoPaginationTimeout: STEP_MS });
  if (page?.id) browser.messages.abortList?.(page.id).catch(() => {});
  return Math.min(page?.messages?.length ?? 0, limit);
}

/** @param {string} address */
async function writtenTo(address) {
  const sent = await browser.folders.query({ specialUse: ["sent"] });
  for (const folder of sent || []) {
    if (await countMessages({ folderId: folder.id, recipients: address }, 1)) return true;
  }
  return false;
}

/**
 * The context of a message (a MessageHeader), or null when nothing is known.
 * @param {browser.messages.MessageHeader} message
 */
export async function senderContext(message) {
  const { name, address } = parseAuthor(message?.author);
  if (!address) return null;
  const byAddress = cached(`a:${address}`, async () => {
    const [inBook, wrote] = await Promise.all([
      bounded(searchBooks(address).then((list) => list.some((c) => c.emails.includes(address))), null),
      bounded(writtenTo(address), null),
    ]);
    return { inBook, writtenTo: wrote };
  });
  const before = message.date ? new Date(new Date(message.date).getTime() - 1000) : undefined;
  const earlier = bounded(countMessages({ author: address, toDate: before }, EARLIER_LIMIT), null);
  const contacts = Promise.all(searchWords(name).map((w) => cached(`w:${w}`, () => bounded(searchBooks(w), []))));
  const [facts, count, lists] = await Promise.all([byAddress, earlier, contacts]);
  return buildContext({ ...facts, earlier: count, contacts: lists.flat() });
}
