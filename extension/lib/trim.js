// trim.js — what of a big message crosses the port to the host. The host's
// checks read an attachment's name, declared type, first bytes (magic numbers,
// the ISO 9660 one at 32 KiB) and, for ZIP files, the central directory at its
// end (native-host/src/parse/attach.c); the body of a multi-MB attachment is
// otherwise never read, but base64-encoding it, framing it and parsing it
// again cost seconds. So the middle of each long base64 attachment body is
// cut out, on line boundaries (whole base64 quads), keeping its head and its
// tail; the request says so (`cut`, docs/protocol.md). Text parts, HTML/SVG/XML
// attachments (the host parses those), message/* and anything that does not
// look like plain base64 lines are always sent whole.
//
// Works on the "binary string" of messages.getRaw (one char per byte).
// @ts-check

/** Encoded characters (base64) kept at each end, and the run length worth cutting. */
export const TRIM = {
  head: 48 * 1024, // ≥ 32 KiB + 5 decoded: the ISO 9660 magic at 0x8001
  tail: 64 * 1024, // ZIP central directory (names of up to 200 entries)
  minRun: 160 * 1024,
};

const MARKUP_NAME = /\.(?:s?html?|xht(?:ml)?|svgz?|xml|hta|mht(?:ml)?)$/i;

/**
 * @param {string} raw the message as a binary string
 * @param {{head?: number, tail?: number, minRun?: number}} [limits]
 * @returns {{raw: string, cut: {parts: number, bytes: number}|null}}
 *   bytes: encoded characters removed
 */
export function trimMessage(raw, limits = {}) {
  const { head, tail, minRun } = { ...TRIM, ...limits };
  if (raw.length < minRun) return { raw, cut: null };
  const cuts = [];
  for (const run of base64Runs(raw)) {
    if (run.end - run.start < minRun || !cuttable(run.headers, raw, run.start)) continue;
    const from = lineEndAfter(raw, run.start + head);
    const to = lineStartBefore(raw, run.end - tail);
    if (to - from > 0) cuts.push([from, to]);
  }
  if (!cuts.length) return { raw, cut: null };
  const pieces = [];
  let at = 0;
  let bytes = 0;
  for (const [from, to] of cuts) {
    pieces.push(raw.slice(at, from));
    bytes += to - from;
    at = to;
  }
  pieces.push(raw.slice(at));
  return { raw: pieces.join(""), cut: { parts: cuts.length, bytes } };
}

/**
 * Runs of base64 body lines that start right after a blank line, each with
 * the header lines above that blank line. A run whose lines are not all a
 * multiple of 4 characters long (but the last) is not reported: cutting it on
 * line boundaries would shift the decoding. Inside a run, lines are matched in
 * place (sticky regex), so a 5 MB body is not copied line by line.
 */
/**
 * @param {string} raw
 * @returns {Generator<{start: number, end: number, headers: string[], aligned: boolean}>}
 */
function* base64Runs(raw) {
  const line = /([A-Za-z0-9+/]+={0,2})\r?(?:\n|$)/y;
  /** @type {string[]} */
  let block = []; // lines since the last blank line (a part's headers, bounded)
  /** @type {string[]|null} */
  let headers = null; // the block above the last blank line
  let pos = 0;
  while (pos < raw.length) {
    line.lastIndex = pos;
    const first = headers && !block.length ? line.exec(raw) : null;
    if (first) {
      const run = { start: pos, end: line.lastIndex, headers: /** @type {string[]} */ (headers), aligned: true };
      let lastLen = first[1].length;
      for (let m = line.exec(raw); m; m = line.exec(raw)) {
        if (lastLen % 4) run.aligned = false; // a short line before this one
        lastLen = m[1].length;
        run.end = line.lastIndex;
      }
      if (run.aligned) yield run;
      headers = null;
      pos = run.end;
      continue;
    }
    let nl = raw.indexOf("\n", pos);
    if (nl < 0) nl = raw.length;
    const text = raw.slice(pos, raw[nl - 1] === "\r" ? nl - 1 : nl);
    if (!text.length) {
      headers = block;
      block = [];
    } else {
      headers = null;
      if (block.length < 200) block.push(text);
    }
    pos = nl + 1;
  }
}

/**
 * Header lines → {name: value} (lower-case names, folded lines joined).
 * @param {string[]} lines
 * @returns {Record<string, string>}
 */
export function headerFields(lines) {
  /** @type {Record<string, string>} */
  const fields = {};
  /** @type {string|null} */
  let last = null;
  for (const line of lines) {
    if (/^[ \t]/.test(line) && last) {
      fields[last] += ` ${line.trim()}`;
      continue;
    }
    const m = line.match(/^([!-9;-~]+):\s*(.*)$/);
    last = m ? m[1].toLowerCase() : null;
    if (m && last) fields[last] = m[2];
  }
  return fields;
}

/**
 * May this part's body be cut? Only a base64 attachment whose content the checks do not parse.
 * @param {string[]} lines the part's header lines
 * @param {string} raw
 * @param {number} start where its body starts
 */
function cuttable(lines, raw, start) {
  const h = headerFields(lines);
  if ((h["content-transfer-encoding"] || "").trim().toLowerCase() !== "base64") return false;
  const type = (h["content-type"] || "").split(";")[0].trim().toLowerCase();
  if (!type || /^(text|message|multipart)\//.test(type) || /html|svg|xml/.test(type)) return false;
  const names = `${h["content-type"] || ""};${h["content-disposition"] || ""}`;
  for (const m of names.matchAll(/\b(?:file)?name\*?=\s*(?:"([^"]*)"|([^;\s]*))/gi)) {
    if (MARKUP_NAME.test((m[1] ?? m[2] ?? "").trim())) return false;
  }
  return !looksLikeMarkup(raw, start);
}

/**
 * Does the body start like HTML or SVG (after a BOM and blanks)? The host sniffs and parses those.
 * @param {string} raw
 * @param {number} start
 */
function looksLikeMarkup(raw, start) {
  const encoded = raw.slice(start, start + 2048).replace(/[\r\n]/g, "");
  let text;
  try {
    text = atob(encoded.slice(0, encoded.length - (encoded.length % 4)));
  } catch {
    return true; // not plain base64 after all: send it whole
  }
  return /^(?:\xef\xbb\xbf)?\s*</.test(text);
}

/** @param {string} raw @param {number} at */
function lineEndAfter(raw, at) {
  const nl = raw.indexOf("\n", at);
  return nl < 0 ? raw.length : nl + 1;
}

/** @param {string} raw @param {number} at */
function lineStartBefore(raw, at) {
  return raw.lastIndexOf("\n", at - 1) + 1;
}
