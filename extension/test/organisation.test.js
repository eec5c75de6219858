// The organisation's verdict (issue 13): the policy's gateway id reaches the host,
// and the report's `organisation` section is shown as the organisation's, beside
// this computer's own verdict, in the view, the bar and the copied report.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mergeSettings, defaultSettings, cleanSetting } from "../lib/settings.js";
import { analyzeRequest } from "../lib/request.js";
import { reportView, organisationView, reportText } from "../lib/report-view.js";
import { barFor } from "../lib/bar-view.js";

const ALL = ["safe", "suspicious", "dangerous"];

/** A report as the host writes it with `gateway_id` set (docs/protocol.md). */
const report = (verdict, org) => ({
  verdict, score: 0, summary: "Your organisation's mail server judged this dangerous",
  flags: [{ id: "org.dangerous", severity: "critical", score: 0, title: "Your organisation's mail server judged this dangerous",
    evidence: { server: "mx.example.co.jp", verdict: "dangerous", score: "160" } }],
  message: { from: "info@shop.example", subject: "s" },
  settings: { trusted_sender: false, gateway_id: "mx.example.co.jp" },
  ...(org ? { organisation: org } : {}),
});
const orgDangerous = { server: "mx.example.co.jp", verdict: "dangerous", score: 160,
  flags: ["online.feed_listed", "links.text_mismatch"], local_verdict: "safe" };

test("gateway_id: a policy (managed) value wins, is cleaned and locked; the user's default is none", () => {
  assert.equal(defaultSettings().gateway_id, "");
  const { values, locked } = mergeSettings({ gateway_id: "user.example" }, { gateway_id: " MX.Example.co.jp " });
  assert.equal(values.gateway_id, "mx.example.co.jp");
  assert.ok(locked.includes("gateway_id"));
  assert.equal(cleanSetting("gateway_id", "bad id!"), undefined);
  assert.equal(cleanSetting("gateway_id", 5), undefined);
});

test("the analyze request names the gateway only when one is set", () => {
  const none = analyzeRequest(new ArrayBuffer(0), defaultSettings(), "en");
  assert.equal("gateway_id" in none.options, false);
  const set = analyzeRequest(new ArrayBuffer(0), { ...defaultSettings(), gateway_id: "mx.example.co.jp" }, "ja");
  assert.equal(set.options.gateway_id, "mx.example.co.jp");
});

test("the organisation's verdict is read beside the local one; decided when it is the worse", () => {
  const v = reportView(report("dangerous", orgDangerous), { bannerLevels: ALL });
  assert.equal(v.level, "dangerous");
  assert.deepEqual(v.organisation, { server: "mx.example.co.jp", verdict: "dangerous", score: 160,
    flags: ["online.feed_listed", "links.text_mismatch"], localVerdict: "safe", decided: true });
  const agree = organisationView(report("dangerous", { ...orgDangerous, local_verdict: "dangerous" }));
  assert.equal(agree.decided, false);
  const safeOrg = organisationView(report("dangerous", { ...orgDangerous, verdict: "safe", local_verdict: "dangerous" }));
  assert.equal(safeOrg.decided, false);
});

test("no organisation section, or a malformed one: nothing is shown as the organisation's", () => {
  assert.equal(reportView(report("safe"), { bannerLevels: ALL }).organisation, null);
  assert.equal(organisationView(report("safe", { server: "x", verdict: "fine" })), null);
  assert.equal(organisationView(report("safe", "dangerous")), null);
  const noScore = organisationView(report("safe", { server: "x", verdict: "safe", score: "lots" }));
  assert.equal(noScore.score, null);
  assert.equal(noScore.localVerdict, null);
});

test("the bar adds the organisation's verdict and this computer's, as level words", () => {
  const bar = barFor(reportView(report("dangerous", orgDangerous), { bannerLevels: ALL }));
  assert.equal(bar.labelKey, "barDangerous");
  // The organisation's verdict is the one shown (its flag is the reason): this computer's beside it.
  assert.deepEqual(bar.note, { key: "barLocalNote", args: ["levelSafe"] });
  const agree = report("dangerous", { ...orgDangerous, local_verdict: "dangerous" });
  assert.deepEqual(barFor(reportView(agree, { bannerLevels: ALL })).note,
    { key: "barOrgNote", args: ["levelDangerous", "levelDangerous"] });
  const safe = { ...report("safe", { ...orgDangerous, verdict: "safe" }), summary: "No known warning signs", flags: [] };
  assert.deepEqual(barFor(reportView(safe, { bannerLevels: ALL })).note.args, ["levelSafe", "levelSafe"]);
  assert.equal(barFor(reportView(report("dangerous"), { bannerLevels: ALL })).note, undefined);
  // The user's own decision is shown as such, without a verdict beside it.
  const dismissed = barFor(reportView(report("dangerous", orgDangerous), { bannerLevels: ALL, dismissed: true }));
  assert.equal(dismissed.labelKey, "barDismissed");
  assert.equal(dismissed.note, undefined);
});

test("the copied report says what the organisation's server judged", () => {
  const text = reportText(report("dangerous", orgDangerous));
  assert.match(text, /Organisation's mail server mx\.example\.co\.jp: dangerous \(score 160; online\.feed_listed, links\.text_mismatch\); this computer: safe/);
  assert.doesNotMatch(reportText(report("dangerous")), /Organisation/);
});
