// org-verdict.mjs — the real-client test's part for the organisation's verdict
// (issue 13): the `host` session's policy names the gateway (`gateway_id`); a
// message carrying that gateway's verdict line where its own server added it
// shows the organisation's verdict in Thunderbird's bar, the banner and the
// report, and the same line forged by a sender (another server received the
// mail) shows nothing of the kind. Two messages in the session that already
// runs: a few seconds, no Thunderbird start of its own.

import path from "node:path";
import * as chrome from "./chrome-scripts.mjs";
import { renamed } from "./arrival.mjs";
import { sleep } from "./marionette.mjs";

/** The gateway the policy names (the id the test messages' trusted lines carry). */
export const GATEWAY_ID = "mx.tanaka-sekkei.jp";

/** The two messages, copied into `dir` with Message-IDs of their own. */
export function orgMessages(root, dir) {
  const trusted = { id: "org-trusted@tanaka-sekkei.test" };
  const forged = { id: "org-forged@attack.test" };
  trusted.file = renamed(path.join(root, "tests/cases/org-verdict-dangerous.eml"), dir, trusted.id);
  forged.file = renamed(path.join(root, "tests/cases/org-verdict-forged-server.eml"), dir, forged.id);
  return { trusted, forged };
}

/** Parse "phishcheck-banner {...}" of message `id`. */
const bannerOf = (id) => (line) => {
  const m = line.match(/phishcheck-banner (\{.*\})/);
  if (!m) return null;
  try {
    const info = JSON.parse(m[1].replace(/\\"/g, '"'));
    return info.messageId === id ? info : null;
  } catch {
    return null;
  }
};

/** Open message `id`; its settled bar and its banner line. */
async function open(ctx, id) {
  const mark = ctx.tb.lines.length;
  await ctx.marionette.run(chrome.selectMessage, id);
  const bar = await ctx.until(ctx.marionette, chrome.paneBar,
    (b) => b && b.messageId === id && b.level && b.level !== "checking" && b.visible, ctx.stepMs)
    .catch(() => ctx.marionette.run(chrome.paneBar));
  const banner = await ctx.tb.waitForLine(bannerOf(id), ctx.stepMs, mark).catch((e) => ({ error: e.message }));
  return { bar, banner };
}

/** ctx: {tb, marionette, display, check, screenshot, until, stepMs}; msgs from orgMessages. */
export async function orgSteps(ctx, { trusted, forged }) {
  const t = await open(ctx, trusted.id);
  ctx.check("organisation's verdict: the bar says dangerous and names the organisation's verdict beside this computer's",
    t.bar?.level === "dangerous" && /organisation's mail server judged this dangerous — this computer's own check: Safe/.test(t.bar?.label ?? ""),
    t.bar ? `"${t.bar.label}"` : "no bar");
  ctx.check("organisation's verdict: the banner carries it", t.banner?.org === "dangerous" && t.banner?.level === "dangerous",
    t.banner?.error ?? JSON.stringify(t.banner));
  await sleep(400);
  ctx.screenshot(ctx.display, "org-verdict-bar");
  await sleep(700); // the box holds new buttons briefly against click-jacking
  const mark = ctx.tb.lines.length;
  const clicked = await ctx.marionette.run(chrome.clickBarButton);
  const level = await ctx.tb.waitForLine((l) => l.match(/phishcheck: on-demand check in tab \d+: (\w+)/)?.[1],
    ctx.stepMs, mark).catch((e) => e.message);
  ctx.check("organisation's verdict: the report opens from the bar", clicked === true && level === "dangerous",
    `clicked ${clicked}, report ${level}`);
  await sleep(700);
  ctx.screenshot(ctx.display, "org-verdict-popup");

  const f = await open(ctx, forged.id);
  ctx.check("forged gateway line (another server received the mail): no organisation's verdict",
    f.bar?.level === "dangerous" && !/organisation/i.test(f.bar?.label ?? "") && f.banner?.org === null,
    `${f.bar ? `"${f.bar.label}"` : "no bar"}; banner org ${f.banner?.org}`);
}

/** In the Japanese session: the organisation's verdict in Japanese (bar and banner). */
export async function orgJapanese(ctx, trusted) {
  const t = await open(ctx, trusted.id);
  ctx.check("Japanese UI: the organisation's verdict in Thunderbird's bar",
    t.bar?.level === "dangerous" && /組織のメールサーバーが危険と判定しました/.test(t.bar?.label ?? "") &&
      /このコンピューターでの判定：安全/.test(t.bar?.label ?? ""),
    t.bar ? `"${t.bar.label}"` : "no bar");
  await sleep(400);
  ctx.screenshot(ctx.display, "org-verdict-ja");
}
