import { test } from "node:test";
import assert from "node:assert/strict";
import { normalizeEntry, normalizeDomain, parseSender, addTrusted, removeTrusted } from "../lib/trust.js";

test("entries are addresses or domains, lower-case", () => {
  assert.equal(normalizeEntry(" Boss@Example.CO.JP "), "boss@example.co.jp");
  assert.equal(normalizeEntry("@Example.org"), "example.org");
  assert.equal(normalizeEntry("example.org."), "example.org");
  assert.equal(normalizeEntry("not a domain"), null);
  assert.equal(normalizeEntry("localhost"), null);
  assert.equal(normalizeEntry("a b@example.org"), null);
  assert.equal(normalizeDomain("xn--eckwd4c7c.jp"), "xn--eckwd4c7c.jp");
});

test("parseSender takes the address of a From header", () => {
  assert.deepEqual(parseSender('"Kagoya Active! Mail" <postmaster@aica-interior.co.jp>'),
    { address: "postmaster@aica-interior.co.jp", domain: "aica-interior.co.jp" });
  assert.deepEqual(parseSender("info@kagoya.net"), { address: "info@kagoya.net", domain: "kagoya.net" });
  assert.deepEqual(parseSender('"a@b.example" <Real@Sender.Example>'),
    { address: "real@sender.example", domain: "sender.example" });
  assert.equal(parseSender("Undisclosed"), null);
  assert.equal(parseSender(undefined), null);
});

test("trust list: add is unique and sorted, remove is revocation", () => {
  let list = addTrusted([], "News@Shop.example");
  list = addTrusted(list, "alpha.example");
  list = addTrusted(list, "news@shop.example");
  assert.deepEqual(list, ["alpha.example", "news@shop.example"]);
  assert.deepEqual(addTrusted(list, "???"), list);
  assert.deepEqual(removeTrusted(list, "NEWS@shop.example"), ["alpha.example"]);
});

test("trustedEntriesFor names the entries that cover a sender (what Undo removes)", async () => {
  const { trustedEntriesFor } = await import("../lib/trust.js");
  const sender = { address: "a@mail.example.org", domain: "mail.example.org" };
  assert.deepEqual(trustedEntriesFor(["example.org", "a@mail.example.org", "b@mail.example.org", "ample.org"], sender),
    ["example.org", "a@mail.example.org"]);
  assert.deepEqual(trustedEntriesFor(["example.org"], null), []);
});
