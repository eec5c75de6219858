import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeRequest, enrichRequest } from "../lib/request.js";
import { bytesToBase64 } from "../lib/base64.js";
import { hostLang } from "../lib/lang.js";
import { defaultSettings } from "../lib/settings.js";

test("base64 keeps every byte value (8-bit and ISO-2022-JP mail)", () => {
  const bytes = new Uint8Array(256 * 3 + 1).map((_, i) => i % 256);
  assert.equal(bytesToBase64(bytes), Buffer.from(bytes).toString("base64"));
  const jis = Buffer.from("Subject: \x1b$B$3$s$K$A$O\x1b(B\r\n\r\n\xe9\xff\r\n", "latin1");
  assert.equal(bytesToBase64(jis), jis.toString("base64"));
});

test("base64 of a several-MB message matches and the chunks join cleanly", () => {
  const big = new Uint8Array(5 * 1024 * 1024 + 7);
  for (let i = 0; i < big.length; i++) big[i] = (i * 7919) & 0xff;
  assert.equal(bytesToBase64(big.buffer), Buffer.from(big).toString("base64"));
});

test("analyze request carries the raw bytes and the user's options", () => {
  const settings = { ...defaultSettings(), own_domains: ["example.co.jp"],
    trusted_senders: ["boss@example.co.jp"], authserv_id: "mx.example.co.jp" };
  const req = analyzeRequest(new TextEncoder().encode("From: a@b.example\r\n\r\nhi").buffer, settings, "ja");
  assert.equal(req.type, "analyze");
  assert.equal(req.encoding, "base64");
  assert.equal(Buffer.from(req.raw, "base64").toString(), "From: a@b.example\r\n\r\nhi");
  assert.deepEqual(req.options, { lang: "ja", own_domains: ["example.co.jp"],
    trusted_senders: ["boss@example.co.jp"], online: false, authserv_id: "mx.example.co.jp" });
});

test("no authserv_id option when the user set none (host uses the topmost header)", () => {
  const req = analyzeRequest(new ArrayBuffer(0), defaultSettings(), "en");
  assert.equal("authserv_id" in req.options, false);
});

test("report language follows Thunderbird's: ja* → ja, else en", () => {
  assert.equal(hostLang("ja"), "ja");
  assert.equal(hostLang("ja-JP"), "ja");
  assert.equal(hostLang("en-US"), "en");
  assert.equal(hostLang("de"), "en");
  assert.equal(hostLang("jam"), "en");
  assert.equal(hostLang(undefined), "en");
});

test("enrich asks for online look-ups on the same bytes and options", () => {
  const analyze = analyzeRequest(new Uint8Array([1, 2, 3]).buffer, { ...defaultSettings(), online: true }, "en");
  const enrich = enrichRequest(analyze);
  assert.equal(enrich.type, "enrich");
  assert.equal(enrich.raw, analyze.raw);
  assert.deepEqual(enrich.options, { ...analyze.options, online: true });
  assert.equal(analyze.type, "analyze"); // the analyze request is not changed
});
