// punycode.js — RFC 3492 Punycode decoding, to show an "xn--" label in
// Unicode when the report did not already give its Unicode form.
// @ts-check

const BASE = 36, TMIN = 1, TMAX = 26, SKEW = 38, DAMP = 700, INITIAL_BIAS = 72, INITIAL_N = 128;

/** @param {number} delta @param {number} numPoints @param {boolean} first */
function adapt(delta, numPoints, first) {
  delta = first ? Math.floor(delta / DAMP) : delta >> 1;
  delta += Math.floor(delta / numPoints);
  let k = 0;
  for (; delta > ((BASE - TMIN) * TMAX) >> 1; k += BASE) delta = Math.floor(delta / (BASE - TMIN));
  return Math.floor(k + ((BASE - TMIN + 1) * delta) / (delta + SKEW));
}

/** @param {number} code */
function digit(code) {
  if (code >= 48 && code <= 57) return code - 22; // 0-9 → 26-35
  if (code >= 65 && code <= 90) return code - 65; // A-Z
  if (code >= 97 && code <= 122) return code - 97; // a-z
  throw new RangeError("invalid punycode");
}

/**
 * Decode the part of a label after "xn--".
 * @param {string} input e.g. "r8jz45g"
 * @returns {string} e.g. "例え"
 * @throws {RangeError} on input that is not valid Punycode
 */
export function punycodeToUnicode(input) {
  const out = [];
  const cut = input.lastIndexOf("-");
  for (let j = 0; j < Math.max(cut, 0); j++) {
    if (input.charCodeAt(j) >= 0x80) throw new RangeError("invalid punycode");
    out.push(input.charCodeAt(j));
  }
  let n = INITIAL_N, i = 0, bias = INITIAL_BIAS;
  for (let pos = cut > 0 ? cut + 1 : 0; pos < input.length;) {
    const oldi = i;
    for (let w = 1, k = BASE; ; k += BASE) {
      if (pos >= input.length) throw new RangeError("invalid punycode");
      const d = digit(input.charCodeAt(pos++));
      i += d * w;
      const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
      if (d < t) break;
      w *= BASE - t;
      if (w > 0x7fffffff || i > 0x7fffffff) throw new RangeError("punycode overflow");
    }
    bias = adapt(i - oldi, out.length + 1, oldi === 0);
    n += Math.floor(i / (out.length + 1));
    i %= out.length + 1;
    if (n > 0x10ffff) throw new RangeError("invalid punycode");
    out.splice(i++, 0, n);
  }
  return String.fromCodePoint(...out);
}
