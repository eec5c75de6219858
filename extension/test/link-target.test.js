import { test } from "node:test";
import assert from "node:assert/strict";
import { needsGuard, isGuardedHref, linkTarget, guardReasons, hostToUnicode, splitHost } from "../lib/link-target.js";
import { punycodeToUnicode } from "../lib/punycode.js";
import { reportView } from "../lib/report-view.js";

const ALL = ["safe", "suspicious", "dangerous"];
const report = (verdict, extra = {}) => ({
  verdict, summary: "The sender pretends to be KAGOYA but writes from aica-interior.co.jp",
  flags: [
    { id: "content.urgency", severity: "low", title: "Pushes you to act at once", evidence: { phrase: "now" } },
    { id: "links.brand_in_url", severity: "high", title: "KAGOYA's name is dressed onto another site's link",
      evidence: { host: "login.sgogoj.com" } },
  ],
  links: [{ host: "login.sgogoj.com", unicode: "login.sgogoj.com", domain: "sgogoj.com", domain_unicode: "sgogoj.com" },
    { host: "xn--80ak6aa92e.com", unicode: "аррӏе.com", domain: "xn--80ak6aa92e.com", domain_unicode: "аррӏе.com" }],
  message: { from: "x@aica-interior.co.jp" }, settings: { trusted_sender: false }, ...extra,
});

test("the guard stops links of suspicious and dangerous mail only", () => {
  assert.equal(needsGuard(reportView(report("dangerous"), { bannerLevels: ALL })), true);
  assert.equal(needsGuard(reportView(report("suspicious"), { bannerLevels: [] })), true, "banner settings do not matter");
  assert.equal(needsGuard(reportView(report("safe"), { bannerLevels: ALL })), false);
  assert.equal(needsGuard(reportView(report("dangerous"), { bannerLevels: ALL, dismissed: true })), false,
    "the user's own decision is respected");
  assert.equal(needsGuard({ kind: "error", level: "error" }), false);
  assert.equal(needsGuard(null), false);
});

test("in-message anchors and mail addresses are never stopped", () => {
  assert.equal(isGuardedHref("#top"), false);
  assert.equal(isGuardedHref("mailto:a@b.c"), false);
  assert.equal(isGuardedHref("MAILTO:a@b.c"), false);
  assert.equal(isGuardedHref("https://x.example/"), true);
  assert.equal(isGuardedHref("ftp://x.example/"), true);
  assert.equal(isGuardedHref("javascript:alert(1)"), true);
  assert.equal(isGuardedHref(""), false);
});

test("the target comes from the report's links: registrable domain in Unicode and punycode", () => {
  const t = linkTarget("https://LOGIN.sgogoj.com./a?b=c", report("dangerous").links);
  assert.equal(t.host, "login.sgogoj.com");
  assert.equal(t.domain, "sgogoj.com");
  assert.equal(t.listed, true);
  const idn = linkTarget("http://аррӏе.com/login", report("dangerous").links);
  assert.equal(idn.host, "xn--80ak6aa92e.com", "the URL parser gives punycode, as the host's report does");
  assert.equal(idn.unicode, "аррӏе.com");
  assert.equal(idn.domainUnicode, "аррӏе.com");
  assert.equal(linkTarget("not a url", []), null);
});

test("a host the report did not list is still shown, decoded", () => {
  const t = linkTarget("https://www.xn--r8jz45g.jp/", []);
  assert.equal(t.listed, false);
  assert.equal(t.unicode, "www.例え.jp");
  const ip = linkTarget("http://198.51.100.7/x", []);
  assert.equal(ip.ip, true);
  assert.equal(ip.unicode, "198.51.100.7");
});

test("punycode decoding (RFC 3492 samples) and bad input", () => {
  assert.equal(punycodeToUnicode("r8jz45g"), "例え");
  assert.equal(punycodeToUnicode("bcher-kva"), "bücher");
  assert.equal(punycodeToUnicode("80ak6aa92e"), "аррӏе");
  assert.equal(hostToUnicode("xn--bcher-kva.example.xn--r8jz45g"), "bücher.example.例え");
  assert.equal(hostToUnicode("xn--!!!.com"), "xn--!!!.com", "invalid labels stay as they are");
});

test("reasons: the headline first, then findings about this link, at most three, no repeats", () => {
  const view = reportView(report("dangerous"), { bannerLevels: ALL });
  const reasons = guardReasons(view, { host: "login.sgogoj.com", domain: "sgogoj.com" });
  assert.deepEqual(reasons, [view.summary, "KAGOYA's name is dressed onto another site's link",
    "Pushes you to act at once"]);
  assert.equal(guardReasons(view, { host: "other.example", domain: "other.example" }, 2).length, 2);
});

test("the registrable domain is split off for highlighting", () => {
  assert.deepEqual(splitHost("login.sgogoj.com", "sgogoj.com"), { prefix: "login.", domain: "sgogoj.com" });
  assert.deepEqual(splitHost("sgogoj.com", "sgogoj.com"), { prefix: "", domain: "sgogoj.com" });
  assert.deepEqual(splitHost("evil-sgogoj.com", "sgogoj.com"), { prefix: "", domain: "evil-sgogoj.com" });
});
