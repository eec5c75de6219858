import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const EXT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const load = (lang) => JSON.parse(fs.readFileSync(path.join(EXT, "_locales", lang, "messages.json"), "utf8"));
const en = load("en");
const ja = load("ja");

/** Every file of the add-on with this extension, below the shipped folders. */
function sources(ext) {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && !["test", "node_modules"].includes(entry.name)) walk(full);
      else if (entry.name.endsWith(ext)) out.push(full);
    }
  };
  walk(EXT);
  return out;
}

/** UI string keys the code and pages use. */
function usedKeys() {
  const keys = new Set();
  const patterns = [/\bt\("(\w+)"/g, /getMessage\("(\w+)"/g, /data-i18n(?:-title)?="(\w+)"/g,
    /__MSG_(\w+)__/g, /(?:Key|done): "(\w+)"/g, /: "(level\w+|actionTitle\w*|error\w+)"/g];
  for (const file of [...sources(".js"), ...sources(".html"), path.join(EXT, "manifest.json")]) {
    const text = fs.readFileSync(file, "utf8");
    for (const re of patterns) for (const m of text.matchAll(re)) keys.add(m[1]);
  }
  return keys;
}

test("en and ja have the same keys and placeholders (ja is complete)", () => {
  assert.deepEqual(Object.keys(ja).sort(), Object.keys(en).sort());
  for (const key of Object.keys(en)) {
    assert.deepEqual(Object.keys(ja[key].placeholders || {}), Object.keys(en[key].placeholders || {}), key);
    assert.ok(ja[key].message.trim(), `ja ${key} is empty`);
  }
});

test("every placeholder used in a message is defined", () => {
  for (const [lang, messages] of [["en", en], ["ja", ja]]) {
    for (const [key, { message, placeholders = {} }] of Object.entries(messages)) {
      for (const m of message.matchAll(/\$(\w+)\$/g)) {
        assert.ok(m[1].toLowerCase() in placeholders, `${lang} ${key}: $${m[1]}$`);
      }
    }
  }
});

test("every UI string the add-on uses exists", () => {
  const keys = usedKeys();
  assert.ok(keys.size > 40, `found only ${keys.size} keys`);
  for (const key of keys) assert.ok(key in en, `missing in _locales/en: ${key}`);
});

test("level labels exist for every level the views produce", () => {
  for (const level of ["Safe", "Suspicious", "Dangerous", "Error"]) assert.ok(`level${level}` in en);
});

test("ja UI texts are written as a Japanese product writes them", () => {
  const J = "[\\u3000-\\u303f\\u3040-\\u30ff\\u4e00-\\u9fff\\uff00-\\uffef]";
  const problems = [];
  for (const [key, { message }] of Object.entries(ja)) {
    const text = message.replace(/\$\w+\$/g, "X");
    if (new RegExp(`${J} | ${J}`).test(text)) problems.push(`${key}: space beside Japanese: ${message}`);
    if (/[()?]/.test(text) && new RegExp(J).test(text)) problems.push(`${key}: half-width bracket or ?: ${message}`);
    if (new RegExp(`${J}:|:${J}`).test(text)) problems.push(`${key}: half-width colon: ${message}`);
  }
  assert.deepEqual(problems, []);
});
