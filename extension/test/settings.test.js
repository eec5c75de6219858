import { test } from "node:test";
import assert from "node:assert/strict";
import { mergeSettings, defaultSettings, cleanSetting } from "../lib/settings.js";

test("defaults: automatic check on, online off, banners for every level", () => {
  const { values, locked } = mergeSettings({}, null);
  assert.deepEqual(values, defaultSettings());
  assert.equal(values.auto_check, true);
  assert.equal(values.online, false);
  assert.deepEqual(values.banner_levels, ["safe", "suspicious", "dangerous"]);
  assert.deepEqual(locked, []);
});

test("user values replace defaults and are cleaned", () => {
  const { values } = mergeSettings({
    auto_check: false,
    own_domains: ["Example.CO.JP", "bad domain", "@corp.example"],
    trusted_senders: "Boss@Example.co.jp, example.org ; nonsense",
    banner_levels: ["dangerous", "bogus"],
    authserv_id: " MX.Example.co.jp ",
  }, null);
  assert.equal(values.auto_check, false);
  assert.deepEqual(values.own_domains, ["corp.example", "example.co.jp"]);
  assert.deepEqual(values.trusted_senders, ["boss@example.co.jp", "example.org"]);
  assert.deepEqual(values.banner_levels, ["dangerous"]);
  assert.equal(values.authserv_id, "mx.example.co.jp");
});

test("wrong types are ignored, not stored", () => {
  const { values } = mergeSettings({ auto_check: "no", online: 1, own_domains: 5 }, null);
  assert.equal(values.auto_check, true);
  assert.equal(values.online, false);
  assert.deepEqual(values.own_domains, []);
});

test("managed (policy) settings win and are locked", () => {
  const { values, locked } = mergeSettings(
    { auto_check: false, online: true, own_domains: ["mine.example"] },
    { auto_check: true, own_domains: ["corp.example"], unknown_key: 1 },
  );
  assert.equal(values.auto_check, true);
  assert.deepEqual(values.own_domains, ["corp.example"]);
  assert.equal(values.online, true); // not managed: the user's value
  assert.deepEqual(locked.sort(), ["auto_check", "own_domains"]);
});

test("an invalid managed value neither wins nor locks", () => {
  const { values, locked } = mergeSettings({ online: true }, { online: "yes" });
  assert.equal(values.online, true);
  assert.deepEqual(locked, []);
});

test("cleanSetting validates one value for the options page", () => {
  assert.equal(cleanSetting("authserv_id", "bad id!"), undefined);
  assert.equal(cleanSetting("nope", true), undefined);
  assert.deepEqual(cleanSetting("own_domains", "a.example\nb.example"), ["a.example", "b.example"]);
});
