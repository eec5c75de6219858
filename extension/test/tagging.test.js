import { test } from "node:test";
import assert from "node:assert/strict";
import { tagsAfter, DANGER_TAG } from "../lib/tagging.js";
import { runPool } from "../lib/pool.js";

const K = DANGER_TAG.key;

test("dangerous mail gets the tag once, keeping the user's own tags", () => {
  assert.deepEqual(tagsAfter(["$label1"], "dangerous"), ["$label1", K]);
  assert.equal(tagsAfter([K, "$label1"], "dangerous"), null);
  assert.deepEqual(tagsAfter(undefined, "dangerous"), [K]);
});

test("the tag comes off when a later check is not dangerous; a failed check changes nothing", () => {
  assert.deepEqual(tagsAfter(["$label1", K], "safe"), ["$label1"]);
  assert.deepEqual(tagsAfter([K], "suspicious"), []);
  assert.equal(tagsAfter([K], "error"), null);
  assert.equal(tagsAfter(["$label2"], "safe"), null);
});

test("the tag key is a valid Thunderbird keyword and the colour a hex colour", () => {
  assert.match(K, /^[a-z0-9_]+$/);
  assert.match(DANGER_TAG.color, /^#[0-9A-F]{6}$/);
});

test("pool: every item runs once, never more than `concurrency` at a time", async () => {
  let running = 0;
  let peak = 0;
  const seen = [];
  const count = await runPool([1, 2, 3, 4, 5, 6, 7], async (n) => {
    running++;
    peak = Math.max(peak, running);
    await new Promise((r) => setTimeout(r, 5 * (n % 3)));
    running--;
    if (n === 4) throw new Error("bad message");
    return n * 2;
  }, { concurrency: 3, onResult: (item, result) => seen.push([item, result.error ? "error" : result]) });
  assert.equal(count, 7);
  assert.ok(peak <= 3 && peak >= 2, `peak ${peak}`);
  assert.deepEqual(seen.sort((a, b) => a[0] - b[0]),
    [[1, 2], [2, 4], [3, 6], [4, "error"], [5, 10], [6, 12], [7, 14]]);
});

test("pool: async iterables (pages of a message list) and cancelling", async () => {
  async function* pages() {
    for (let i = 0; i < 100; i++) yield i;
  }
  let stop = false;
  const count = await runPool(pages(), async (i) => {
    if (i === 9) stop = true;
  }, { concurrency: 2, cancelled: () => stop });
  assert.ok(count >= 10 && count <= 12, `ran ${count}`);
});
