import { test } from "node:test";
import assert from "node:assert/strict";
import { reportView, errorView, badgeFor, reportText } from "../lib/report-view.js";

const ALL = ["safe", "suspicious", "dangerous"];

const dangerous = {
  version: "0.1.0", verdict: "dangerous", score: 185, lang: "en",
  summary: "The sender pretends to be KAGOYA but writes from aica-interior.co.jp",
  flags: [
    { id: "sender.brand_impersonation", severity: "high", score: 45,
      title: "Sender pretends to be KAGOYA", detail: "The display name names KAGOYA ...",
      evidence: { brand: "KAGOYA", domain: "aica-interior.co.jp" } },
    { id: "links.mismatch", severity: "critical", score: 80, title: "Link goes elsewhere",
      detail: "", evidence: { target: "http://sgogoj.com/kagoya/activemail.kagoya" } },
  ],
  message: { from: '"Kagoya Active! Mail" <postmaster@aica-interior.co.jp>', subject: "s" },
  settings: { trusted_sender: false },
};

test("dangerous report → full red banner with summary and every flag's evidence", () => {
  const v = reportView(dangerous, { bannerLevels: ALL });
  assert.equal(v.level, "dangerous");
  assert.equal(v.banner, "full");
  assert.equal(v.summary, dangerous.summary);
  assert.equal(v.flags.length, 2);
  assert.deepEqual(v.flags[0].evidence.map((e) => [e.key, e.value]), [
    ["brand", "KAGOYA"], ["domain", "aica-interior.co.jp"]]);
  assert.equal(v.flags[1].evidence[0].value, "http://sgogoj.com/kagoya/activemail.kagoya");
  assert.deepEqual(v.sender, { address: "postmaster@aica-interior.co.jp", domain: "aica-interior.co.jp" });
});

test("safe report → collapsed line, or nothing when the line is turned off", () => {
  const safe = { verdict: "safe", score: 0, summary: "No known warning signs", flags: [] };
  assert.equal(reportView(safe, { bannerLevels: ALL }).banner, "line");
  assert.equal(reportView(safe, { bannerLevels: ["suspicious", "dangerous"] }).banner, "none");
});

test("levels turned off in the settings show no banner", () => {
  const v = reportView({ ...dangerous, verdict: "suspicious" }, { bannerLevels: ["dangerous"] });
  assert.equal(v.level, "suspicious");
  assert.equal(v.banner, "none");
});

test("'not phishing' is shown as the user's decision, never as a safe verdict", () => {
  const v = reportView(dangerous, { bannerLevels: ALL, dismissed: true });
  assert.equal(v.level, "decided");
  assert.equal(v.decision, "dismissed");
  assert.equal(v.verdict, "dangerous");
  assert.equal(v.banner, "line");
  assert.equal(badgeFor(v).titleKey, "actionTitleDecided");
  assert.notEqual(badgeFor(v).color, badgeFor(reportView({ verdict: "safe" }, { bannerLevels: ALL })).color);
});

test("a trusted sender's mail says 'trusted by you' and names the entries to undo", () => {
  const report = { ...dangerous, verdict: "safe", settings: { trusted_sender: true } };
  const v = reportView(report, { bannerLevels: [], trusted: ["aica-interior.co.jp", "boss@example.org"] });
  assert.equal(v.level, "decided");
  assert.equal(v.decision, "trusted");
  assert.deepEqual(v.trustedEntries, ["aica-interior.co.jp"]);
  assert.equal(v.banner, "line", "the decision and its Undo stay visible even with banners off");
  // A critical finding keeps the host's verdict: no decision is shown over it.
  const critical = reportView({ ...report, verdict: "dangerous" }, { bannerLevels: ALL, trusted: ["aica-interior.co.jp"] });
  assert.equal(critical.decision, null);
  assert.equal(critical.level, "dangerous");
});

test("evidence is labelled and worded by the report's display section, not internal keys", () => {
  const report = { ...dangerous, display: { labels: { brand: "ブランド", where: "場所" },
    values: { "where=display": "差出人名", "host=xn--pple-43d.com": "аpple.com (xn--pple-43d.com)" } },
  flags: [{ id: "x", severity: "high", title: "t", evidence: { brand: "KAGOYA", where: "display",
    host: "xn--pple-43d.com", reply_to: "a@b.c" } }] };
  const [flag] = reportView(report, { bannerLevels: ALL }).flags;
  assert.deepEqual(flag.evidence.map((e) => [e.label, e.value]), [["ブランド", "KAGOYA"], ["場所", "差出人名"],
    ["Host", "аpple.com (xn--pple-43d.com)"], ["Reply to", "a@b.c"]]);
  assert.equal(flag.evidence[1].raw, "display");
});

test("malformed reports never crash and never look safe", () => {
  const v = reportView({ verdict: "weird", flags: [{ severity: "bogus", evidence: { n: 5 } }] },
    { bannerLevels: ALL });
  assert.equal(v.level, "suspicious");
  assert.equal(v.flags[0].severity, "info");
  assert.equal(v.flags[0].evidence[0].value, "5");
  assert.equal(reportView(null, { bannerLevels: ALL }).flags.length, 0);
});

test("errors always show a banner that explains what to do", () => {
  const missing = errorView({ code: "host_missing", message: "No such native application phishcheck" });
  assert.equal(missing.banner, "full");
  assert.equal(missing.messageKey, "errorHostMissing");
  assert.equal(errorView({ code: "message_too_large" }).messageKey, "errorTooLarge");
  assert.equal(errorView({}).messageKey, "errorGeneric");
});

test("the toolbar badge shows the verdict", () => {
  assert.deepEqual(badgeFor(reportView(dangerous, { bannerLevels: [] })),
    { text: "!", color: "#c62828", titleKey: "actionTitleDangerous", icon: "icons/dangerous.svg" });
  assert.equal(badgeFor(errorView({ code: "timeout" })).icon, "icons/error.svg");
  assert.equal(badgeFor(null).text, "");
});

test("copied report lists verdict, sender and each flag with evidence", () => {
  const text = reportText(dangerous);
  assert.match(text, /^phishcheck: dangerous \(score 185\)/);
  assert.match(text, /From: "Kagoya Active! Mail" <postmaster@aica-interior.co.jp>/);
  assert.match(text, /\[critical\] Link goes elsewhere \(links.mismatch, \+80\)/);
  assert.match(text, /target: http:\/\/sgogoj.com\/kagoya\/activemail.kagoya/);
});
