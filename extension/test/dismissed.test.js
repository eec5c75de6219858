import { test } from "node:test";
import assert from "node:assert/strict";
import { dismissKey, addDismissed, removeDismissed, MAX_DISMISSED } from "../lib/dismissed.js";

test("messages are remembered by Message-ID, without angle brackets", () => {
  assert.equal(dismissKey("<abc@example.org>"), "abc@example.org");
  assert.equal(dismissKey(""), null);
  assert.deepEqual(addDismissed(["a"], null), ["a"]);
});

test("the list is unique, capped, and revocable", () => {
  let list = [];
  for (let i = 0; i < MAX_DISMISSED + 5; i++) list = addDismissed(list, `m${i}`);
  assert.equal(list.length, MAX_DISMISSED);
  assert.equal(list[0], "m5");
  list = addDismissed(list, "m5");
  assert.equal(list.at(-1), "m5");
  assert.equal(list.filter((k) => k === "m5").length, 1);
  assert.equal(removeDismissed(list, "m5").includes("m5"), false);
});

test("dismissedInfo keeps sender and subject for listed keys only", async () => {
  const { dismissedInfo } = await import("../lib/dismissed.js");
  const now = Date.UTC(2026, 0, 2);
  const info = dismissedInfo({ old: { from: "x" }, gone: { from: "y" } }, ["old", "new"], "new",
    { from: "a@b.c", subject: "Hello" }, now);
  assert.deepEqual(info, { old: { from: "x" }, new: { from: "a@b.c", subject: "Hello", at: "2026-01-02T00:00:00.000Z" } });
  assert.deepEqual(dismissedInfo(info, ["old"], "new", null), { old: { from: "x" } });
});
