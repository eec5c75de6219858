// catalog.test.js — the host's catalogue (native-host/data/catalog.tsv), every
// text a user reads besides the add-on's own _locales: complete in en and ja,
// the same placeholders in both, a label for every evidence key, and Japanese
// written as a Japanese product writes it: no stray English words, no spaces
// between Japanese and a placeholder or a Latin word ("佐川急便 を名乗って"),
// full-width brackets and colons, no "偽装: …を装っています" label prefixes.

import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const rows = fs.readFileSync(path.join(ROOT, "native-host/data/catalog.tsv"), "utf8").split("\n")
  .filter((line) => line && !line.startsWith("#")).map((line) => {
    const [id, lang, title = "", detail = ""] = line.split("\t");
    return { id, lang, title, detail };
  });
const byLang = (lang) => new Map(rows.filter((r) => r.lang === lang).map((r) => [r.id, r]));
const en = byLang("en");
const ja = byLang("ja");

/** Latin words a Japanese text may contain: names, protocols, header names, file sizes. */
const ALLOWED = new Set(`SPF DKIM DMARC DNS MX IP URL URLs HELO RDAP WHOIS HTTPS http https HTML MIME KiB MiB MB
  BCC PC ID Web Office Microsoft Exchange Outlook Google Thunderbird JPRS jp URLhaus abuse.ch IPFS
  null softfail compauth SCL SFV CAT PHSH HPHSH SPOOF MALW X-Spam X-Forefront-Antispam-Report FAX
  X-MS-Exchange-Organization-SCL Authentication-Results phishcheck OpenPhish JPCERT CC VBA`.split(/\s+/));

/** The text without placeholders ({key} → the word "X", a stand-in Latin token). */
const withoutPlaceholders = (text) => text.replace(/\{\w+\}/g, "X");
const JAPANESE = "[\\u3000-\\u303f\\u3040-\\u30ff\\u4e00-\\u9fff\\uff00-\\uffef]";

test("every id has en and ja with the same placeholders", () => {
  for (const [id, row] of en) {
    assert.ok(ja.has(id), `${id}: no ja row`);
    for (const field of ["title", "detail"]) {
      const keys = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      assert.deepEqual([...new Set(keys(ja.get(id)[field]))], [...new Set(keys(row[field]))], `${id} ${field}`);
    }
  }
  for (const id of ja.keys()) assert.ok(en.has(id), `${id}: no en row`);
});

test("every placeholder's evidence key has a label in en and ja", () => {
  const problems = [];
  for (const row of rows) {
    for (const [, key] of `${row.title} ${row.detail}`.matchAll(/\{(\w+)\}/g)) {
      if (!en.has(`label.${key}`) || !ja.has(`label.${key}`)) problems.push(`${row.id}: no label.${key}`);
    }
  }
  assert.deepEqual([...new Set(problems)], []);
});

test("Japanese texts contain no stray English words", () => {
  const problems = [];
  for (const row of ja.values()) {
    for (const text of [row.title, row.detail]) {
      for (const [word] of withoutPlaceholders(text).matchAll(/[A-Za-z][A-Za-z0-9.+-]*[A-Za-z0-9]|[A-Za-z]/g)) {
        if (word === "X") continue;
        if (!ALLOWED.has(word)) problems.push(`${row.id}: English "${word}" in "${text}"`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test("Japanese texts: no space beside Japanese, full-width brackets and colons, no label prefixes", () => {
  const spaced = new RegExp(`${JAPANESE} | ${JAPANESE}`);
  const problems = [];
  const check = (ok, what) => ok || problems.push(what);
  for (const row of ja.values()) {
    for (const text of [row.title, row.detail]) {
      if (row.id.startsWith("value.") || !text) continue;
      const plain = text;
      check(!spaced.test(plain), `${row.id}: space beside Japanese in "${text}"`);
      check(!/[()]/.test(plain), `${row.id}: half-width bracket in "${text}"`);
      check(!new RegExp(`${JAPANESE}:`).test(plain), `${row.id}: half-width colon in "${text}"`);
      check(!/^[^\s{]{1,6}[:：]/.test(plain) || row.id.startsWith("label."), `${row.id}: label prefix in "${text}"`);
    }
  }
  assert.deepEqual(problems, []);
});

test("safe mail never promises safety", () => {
  assert.equal(en.get("summary.safe").title, "No known warning signs");
  assert.doesNotMatch(ja.get("summary.safe").title, /安全です|ありませんでした/);
});
