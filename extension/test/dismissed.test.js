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
