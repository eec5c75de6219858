import { test } from "node:test";
import assert from "node:assert/strict";
import { reportDestinations, reportedBrands, reportBody, reportJson, reportSubject, logEntry, appendLog, MAX_LOG }
  from "../lib/report-mail.js";

const t = (key, subs = []) => `${key}${subs.length ? `(${subs.join(",")})` : ""}`;
const report = {
  version: "0.1.0", verdict: "dangerous", score: 120, summary: "Pretends to be Amazon",
  message: { from: "\"Amazon\" <x@evil.example>", subject: "Verify now", date: "d", message_id: "<m@evil>" },
  flags: [{ id: "sender.brand_impersonation", severity: "high", score: 45, title: "T", detail: "D",
    evidence: { brand: "Amazon", domain: "evil.example" } }, { id: "links.x", severity: "low", score: 5,
    title: "L", detail: "", evidence: { brand: "Amazon" } }],
};
const defaults = { report_emails: [], report_url: "", report_brand: false, report_antiphishing_jp: false };
const targets = [
  { kind: "brand", name: "Amazon", address: "reportascam@amazon.com", source: "https://a" },
  { kind: "national-jp", name: "協議会", address: "info@antiphishing.jp", source: "https://b" },
];

test("destinations: policy ones locked and checked, extras off unless enabled, never pre-selected", () => {
  const values = { ...defaults, report_emails: ["soc@corp.example"], report_url: "https://soc.corp.example/r" };
  const d = reportDestinations(values, ["report_emails"], targets);
  assert.deepEqual(d.map((x) => [x.kind, x.to, x.origin, x.locked, x.checked]), [
    ["email", "soc@corp.example", "policy", true, true],
    ["url", "https://soc.corp.example/r", "user", false, true],
  ]);
  const extra = reportDestinations({ ...values, report_brand: true, report_antiphishing_jp: true }, [], targets);
  assert.deepEqual(extra.slice(2).map((x) => [x.to, x.origin, x.checked, x.source]), [
    ["reportascam@amazon.com", "brand", false, "https://a"], ["info@antiphishing.jp", "national-jp", false, "https://b"]]);
  assert.deepEqual(reportDestinations(defaults, [], targets), []);
});

test("the brands named by the flags", () => {
  assert.deepEqual(reportedBrands(report), ["Amazon"]);
  assert.deepEqual(reportedBrands({ flags: [] }), []);
});

test("mail text: intro, comment, report; JSON attachment has no raw bytes", () => {
  const body = reportBody(report, "  clicked nothing  ", t);
  assert.match(body, /^reportMailIntro\n\nreportMailComment\nclicked nothing\n\nphishcheck: dangerous \(score 120\)/);
  assert.doesNotMatch(reportBody(report, " ", t), /reportMailComment/);
  assert.equal(reportSubject(report, t), "reportMailSubject(Verify now)");
  const j = JSON.parse(reportJson(report, { comment: "", sha256: "ab", size: 10, reporter: null, when: "2026-11-30T00:00:00Z" }));
  assert.equal(j.type, "phishcheck-report");
  assert.equal(j.comment, null);
  assert.equal(j.message.attached, "message/rfc822");
  assert.equal(j.message.raw, undefined);
  assert.equal(j.analysis.verdict, "dangerous");
});

test("the report log keeps what, when, where, newest first, bounded", () => {
  const e = logEntry({ when: "w", report, headerMessageId: "m@evil", after: "junk",
    results: [{ kind: "email", to: "soc@corp.example", ok: true }, { kind: "url", to: "https://x", ok: false, error: "HTTP 500" }] });
  assert.deepEqual(e.sent, [{ kind: "email", to: "soc@corp.example", ok: true }, { kind: "url", to: "https://x", ok: false, error: "HTTP 500" }]);
  assert.equal(e.subject, "Verify now");
  let log = [];
  for (let i = 0; i < MAX_LOG + 5; i++) log = appendLog(log, { n: i });
  assert.equal(log.length, MAX_LOG);
  assert.equal(log[0].n, MAX_LOG + 4);
  assert.deepEqual(appendLog(undefined, { n: 1 }), [{ n: 1 }]);
});
