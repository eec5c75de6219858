import { test } from "node:test";
import assert from "node:assert/strict";
import { cleanEmails, cleanHttpsUrl, REPORT_SCHEMA } from "../lib/report-settings.js";
import { mergeSettings, cleanSetting } from "../lib/settings.js";

test("report addresses: addresses only, one bad entry refuses the value", () => {
  assert.deepEqual(cleanEmails("Abuse@Example.co.jp, soc@example.org"), ["abuse@example.co.jp", "soc@example.org"]);
  assert.equal(cleanEmails("example.org"), undefined);
  assert.equal(cleanEmails(["a@b.example", "not an address"]), undefined);
  assert.deepEqual(cleanEmails([]), []);
});

test("report endpoint: https only, no credentials", () => {
  assert.equal(cleanHttpsUrl(" https://soc.example.co.jp/phish "), "https://soc.example.co.jp/phish");
  assert.equal(cleanHttpsUrl(""), "");
  assert.equal(cleanHttpsUrl("http://soc.example.co.jp/"), undefined);
  assert.equal(cleanHttpsUrl("https://user:pw@soc.example/"), undefined);
  assert.equal(cleanHttpsUrl("javascript:alert(1)"), undefined);
});

test("policy keys lock the report settings like any other", () => {
  const { values, locked } = mergeSettings({ report_after: "trash", report_emails: ["me@x.example"] },
    { report_emails: ["soc@corp.example"], report_url: "https://soc.corp.example/api", report_after: "bogus" });
  assert.deepEqual(values.report_emails, ["soc@corp.example"]);
  assert.equal(values.report_url, "https://soc.corp.example/api");
  assert.equal(values.report_after, "trash"); // the policy's invalid value is ignored
  assert.deepEqual(locked.sort(), ["report_emails", "report_url"]);
  assert.equal(values.contacts_context, true);
  assert.equal(values.report_brand, false);
  assert.equal(values.report_antiphishing_jp, false);
  assert.equal(cleanSetting("report_after", "keep"), "keep");
  assert.ok(Object.keys(REPORT_SCHEMA).every((k) => k in values));
});
