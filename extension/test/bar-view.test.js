import { test } from "node:test";
import assert from "node:assert/strict";
import { barFor, checkingBar, oneLine } from "../lib/bar-view.js";
import { reportView, errorView } from "../lib/report-view.js";

const ALL = ["safe", "suspicious", "dangerous"];
const report = (verdict, extra = {}) => ({
  verdict, score: 120, summary: "The sender pretends to be KAGOYA but writes from aica-interior.co.jp",
  flags: [{ id: "sender.brand_impersonation", severity: "high", score: 45, title: "t" }],
  message: { from: "a@b.jp", subject: "s" }, ...extra,
});

test("dangerous and suspicious mail: a coloured bar with the reason", () => {
  const bar = barFor(reportView(report("dangerous"), { bannerLevels: ALL }));
  assert.equal(bar.level, "dangerous");
  assert.equal(bar.labelKey, "barDangerous");
  assert.deepEqual(bar.labelArgs, ["The sender pretends to be KAGOYA but writes from aica-interior.co.jp"]);
  assert.equal(bar.details, true);
  assert.equal(barFor(reportView(report("suspicious"), { bannerLevels: ALL })).level, "suspicious");
});

test("the bar stays on dangerous and suspicious mail even with banners turned off", () => {
  for (const verdict of ["dangerous", "suspicious"]) {
    const bar = barFor(reportView(report(verdict), { bannerLevels: [] }));
    assert.equal(bar?.level, verdict);
  }
});

test("safe mail: a quiet line, gone when the user turned the safe line off", () => {
  const safe = report("safe", { summary: "No signs of phishing found", flags: [] });
  assert.equal(barFor(reportView(safe, { bannerLevels: ALL })).labelKey, "barSafe");
  assert.equal(barFor(reportView(safe, { bannerLevels: ["dangerous"] })), null);
});

test("a message marked not phishing, and a trusted sender, say so instead of a verdict", () => {
  const dismissed = barFor(reportView(report("dangerous"), { bannerLevels: ALL, dismissed: true }));
  assert.equal(dismissed.labelKey, "barDismissed");
  const trusted = report("safe", { settings: { trusted_sender: true } });
  assert.equal(barFor(reportView(trusted, { bannerLevels: ALL })).labelKey, "barTrusted");
});

test("a failed check always gets a bar that says why", () => {
  const bar = barFor(errorView({ code: "host_missing" }));
  assert.equal(bar.level, "error");
  assert.equal(bar.labelKey, "errorHostMissing");
});

test("no view (automatic checks off): no bar; checking: its own level", () => {
  assert.equal(barFor(null), null);
  assert.equal(checkingBar().level, "checking");
});

test("the reason is one line and bounded", () => {
  assert.equal(oneLine("a\n  b\tc "), "a b c");
  const long = oneLine("x".repeat(500));
  assert.equal(long.length, 160);
  assert.ok(long.endsWith("…"));
  assert.equal(oneLine(undefined), "");
});
