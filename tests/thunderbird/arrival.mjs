// arrival.mjs — the real-client test's part for mail that is checked without
// being opened (extension/background/scan.js): new mail delivered into the
// Inbox gets the "Phishing danger" tag in the message list; the folder scan
// window tags the dangerous messages of a folder; with the policy key
// `junk_dangerous`, dangerous new mail lands in Junk.

import fs from "node:fs";
import path from "node:path";
import * as chrome from "./chrome-scripts.mjs";
import { sleep } from "./marionette.mjs";

const TAG = "phishcheck_dangerous";

/** A copy of a message file with its own Message-ID (so it arrives as a new message). */
export function renamed(file, dir, id) {
  const text = fs.readFileSync(file, "latin1").replace(/^Message-ID:.*$/im, `Message-ID: <${id}>`);
  const out = path.join(dir, `${id.replace(/[^\w.-]/g, "_")}.eml`);
  fs.writeFileSync(out, text, "latin1");
  return out;
}

/** Poll the message's state until `accept`; the last state either way. */
async function stateUntil(ctx, id, accept, timeoutMs = ctx.stepMs) {
  return ctx.until(ctx.marionette, chrome.messageState, (s) => Boolean(s && accept(s)), timeoutMs, id)
    .catch(() => ctx.marionette.run(chrome.messageState, id));
}

const tagged = (s) => ` ${s?.keywords ?? ""} `.includes(` ${TAG} `);

/**
 * In the `host` session. files: {dangerous, safe} message files with fresh
 * Message-IDs (renamed()); unopened: Message-IDs in the Inbox that nobody opened
 * yet and the host calls dangerous (the folder scan must tag them).
 */
export async function arrivalSteps(ctx, { dangerous, safe }, unopened) {
  const menus = await ctx.marionette.run(chrome.menuItems);
  ctx.check("context menus: check a folder / the selected messages",
    ["phishcheck-scan-folder", "phishcheck-scan-selected"].every((m) => menus?.includes(m)), JSON.stringify(menus));

  const mark = ctx.tb.lines.length;
  await ctx.marionette.run(chrome.deliverMessage, dangerous.file);
  await ctx.marionette.run(chrome.deliverMessage, safe.file);
  const done = await ctx.tb.waitForLine((l) => l.match(/phishcheck: scan \d+ \(arrival\) done: (\{.*\})/)?.[1],
    ctx.stepMs, mark).catch((e) => e.message);
  const d = await stateUntil(ctx, dangerous.id, tagged);
  const s = await ctx.marionette.run(chrome.messageState, safe.id);
  ctx.check("new mail checked on arrival: the dangerous one tagged in the list", tagged(d),
    `${JSON.stringify(d)}; ${done.replace(/\\"/g, '"')}`);
  ctx.check("new mail checked on arrival: the safe one not tagged", Boolean(s) && !tagged(s), JSON.stringify(s));
  await sleep(400);
  ctx.screenshot(ctx.display, "list-tag");

  const scanMark = ctx.tb.lines.length;
  await ctx.marionette.run(chrome.scanInbox);
  const result = await ctx.tb.waitForLine((l) => l.match(/phishcheck-scan (\{.*\})/)?.[1], 60000, scanMark)
    .then((j) => JSON.parse(j.replace(/\\"/g, '"')), (e) => ({ error: e.message }));
  const states = await Promise.all(unopened.map((id) => ctx.marionette.run(chrome.messageState, id)));
  ctx.check("folder scan: finished with progress, every message checked",
    result.finished === true && result.checked === result.total && result.total > 0 && result.dangerous > 0,
    JSON.stringify(result));
  ctx.check("folder scan: unopened dangerous messages tagged", states.every(tagged),
    states.map((st, i) => `${unopened[i]}: ${st?.keywords}`).join("; "));
  await sleep(400);
  ctx.screenshot(ctx.display, "folder-scan");
  await ctx.marionette.run(chrome.closeContentTab);
}

/** In a session whose policy sets junk_dangerous: dangerous new mail goes to Junk. */
export async function junkOnArrival(ctx, dangerous) {
  await ctx.marionette.run(chrome.makeJunkFolder);
  await ctx.marionette.run(chrome.deliverMessage, dangerous.file);
  const st = await stateUntil(ctx, dangerous.id, (x) => x.folder === "Junk");
  ctx.check("policy junk_dangerous: dangerous new mail moved to Junk, tagged",
    st?.folder === "Junk" && tagged(st), JSON.stringify(st));
}
