// guard-tests.mjs — the real-client cases of the link guard and the safe
// actions (issue 9 items 4-5), in English and in Japanese. A link of a
// dangerous message is clicked with a real mouse click (native events through
// the X server), and the guard window must show the registrable domain
// (Unicode and punycode) with "Go back" focused as the default; "Go back"
// closes it without opening anything; a middle click is caught too; a safe
// message's link is not stopped. Trusting a domain asks first ("Cancel" the
// default, and Cancel trusts nothing), then the banner says "Trusted by you"
// with Undo, and Undo restores the verdict. Move to Junk on an account without
// a Junk folder creates one and moves the message there. Screenshots:
// guard-LANG, confirm-trust-LANG, trusted-undo-LANG, junk-created-LANG.
//
// The add-on's windows are remote pages: they log where their buttons are
// ("buttons" in their JSON line), and the test clicks there.

import fs from "node:fs";
import path from "node:path";
import * as gs from "./guard-scripts.mjs";

/** The add-on's UI string `key` in `lang` (to find buttons by their label). */
function uiText(root, lang, key, ...subs) {
  const file = path.join(root, "extension/_locales", lang, "messages.json");
  const entry = JSON.parse(fs.readFileSync(file, "utf8"))[key];
  let text = entry.message;
  for (const [name, { content }] of Object.entries(entry.placeholders || {})) {
    text = text.replaceAll(`$${name.toUpperCase()}$`, subs[Number(content.slice(1)) - 1]);
  }
  return text;
}

/** A JSON line "TAG {...}" of the add-on's console output that `want` accepts. */
function jsonLine(tag, want = () => true) {
  return (line) => {
    const m = line.match(new RegExp(`${tag} (\\{.*\\})`));
    if (!m) return null;
    try {
      const info = JSON.parse(m[1].replace(/\\"/g, '"'));
      return want(info) ? info : null;
    } catch {
      return null;
    }
  };
}

/**
 * Each language in a Thunderbird session of its own.
 * @param {object} h the harness (run.mjs): session, check, screenshot, until, bannerLine,
 *   messageIdOf, sleep, chrome, STEP_MS, TOTAL_MS, ROOT, host, langs
 */
export async function guardSessions(h) {
  for (const lang of h.langs || ["en", "ja"]) {
    const deadline = Date.now() + h.TOTAL_MS;
    const files = ["tests/thunderbird/fixtures/idn-link.eml", "tests/cases/kagoya-activemail.eml",
      "tests/thunderbird/fixtures/newsletter.eml"].map((f) => path.join(h.ROOT, f));
    await h.session({ name: `guard-${lang}`, host: h.host, messages: files, deadline,
      locale: lang === "ja" ? "ja" : undefined },
    async (tb, marionette, display) => {
      const ctx = { ...h, tb, marionette, display, lang, t: (key, ...subs) => uiText(h.ROOT, lang, key, ...subs) };
      await linkGuard(ctx, files[0]);
      await safeNotStopped(ctx, files[2]);
      await trustConfirmUndo(ctx, files[1]);
      await junkWithoutFolder(ctx, files[1]);
      await notPhishingReviewed(ctx, files[0]);
    });
  }
}

/** Select a message and wait for its banner; returns the banner's log line. */
async function open(ctx, file, want = () => true) {
  const id = ctx.messageIdOf(file);
  const mark = ctx.tb.lines.length;
  await ctx.marionette.run(ctx.chrome.selectMessage, id);
  return ctx.tb.waitForLine(ctx.bannerLine((b) => b.messageId === id && want(b)), ctx.STEP_MS, mark)
    .catch((e) => ({ error: e.message }));
}

/** Wait for a JSON line of `tag` after `mark`; {error} when none came. */
function logged(ctx, tag, want, mark) {
  return ctx.tb.waitForLine(jsonLine(tag, want), ctx.STEP_MS, mark).catch((e) => ({ error: e.message }));
}

/** Click a button of one of our windows (position from its log line): move there, then press. */
async function clickButton(ctx, page, [x, y]) {
  await ctx.sleep(300);
  await ctx.marionette.run(gs.clickInAddonWindow, page, x, y, "move");
  await ctx.sleep(200);
  await ctx.marionette.run(gs.clickInAddonWindow, page, x, y, "press");
}

/** Wait until `count` of our windows showing `page` are open. */
function windows(ctx, page, count) {
  return ctx.until(ctx.marionette, gs.countAddonWindows, (n) => n === count, ctx.STEP_MS, page)
    .then(() => true, () => false);
}

async function linkGuard(ctx, file) {
  const { tb, marionette, check, lang } = ctx;
  const banner = await open(ctx, file);
  check(`${lang}: IDN phish is dangerous`, banner.level === "dangerous", banner.error || banner.level);
  await ctx.sleep(300); // let the link guard learn the verdict
  let mark = tb.lines.length;
  const at = await marionette.run(gs.clickLink, "xn--80ak6aa92e");
  check(`${lang}: link clicked with the mouse`, Boolean(at), JSON.stringify(at));
  const shown = await logged(ctx, "phishcheck-guard-window", (g) => g.shown, mark);
  check(`${lang}: guard window shows the registrable domain in Unicode and punycode`,
    shown.domain === "xn--80ak6aa92e.com" && shown.domainUnicode === "аррӏе.com", shown.error || JSON.stringify(shown));
  check(`${lang}: "Go back" is the default (focused)`, shown.focused === "back", shown.focused);
  await ctx.sleep(700);
  ctx.screenshot(ctx.display, `guard-${lang}`);

  mark = tb.lines.length;
  if (shown.buttons) await clickButton(ctx, "guard/guard.html", shown.buttons.back);
  const choice = await logged(ctx, "phishcheck-guard-window", (g) => g.choice, mark);
  check(`${lang}: "Go back" closes the guard`, choice.choice === "back", choice.error || choice.choice);
  check(`${lang}: guard window closed`, await windows(ctx, "guard/guard.html", 0));
  check(`${lang}: nothing was opened`, !tb.lines.slice(mark).some((l) => /"continued":true|"opened":true/.test(l)));

  mark = tb.lines.length;
  await marionette.run(gs.clickLink, "xn--80ak6aa92e", 1);
  const middle = await logged(ctx, "phishcheck-guard-window", (g) => g.shown, mark);
  check(`${lang}: a middle click is stopped too`, middle.shown === true, middle.error || "");
  if (middle.buttons) await clickButton(ctx, "guard/guard.html", middle.buttons.back);
  check(`${lang}: guard closed again`, await windows(ctx, "guard/guard.html", 0));
}

/** A safe message's link goes through: no guard window, no guard line. */
async function safeNotStopped(ctx, file) {
  const { tb, marionette, check, lang } = ctx;
  const banner = await open(ctx, file);
  await ctx.sleep(300);
  const mark = tb.lines.length;
  const at = await marionette.run(gs.clickLink, "example-shop.com/summer");
  await ctx.sleep(1500);
  const stopped = tb.lines.slice(mark).some((l) => l.includes("phishcheck-guard"));
  const guards = await marionette.run(gs.countAddonWindows, "guard/guard.html");
  check(`${lang}: safe mail's link is not interrupted`, banner.level === "safe" && Boolean(at) && !stopped && guards === 0,
    `level ${banner.level}, stopped ${stopped}, guard windows ${guards}`);
}

async function trustConfirmUndo(ctx, file) {
  const { tb, marionette, check, lang, t } = ctx;
  const id = ctx.messageIdOf(file);
  const banner = await open(ctx, file);
  check(`${lang}: KAGOYA phish is dangerous`, banner.level === "dangerous", banner.error || banner.level);
  await marionette.run(gs.clickBannerButton, t("showDetails"));
  await ctx.sleep(300);
  let mark = tb.lines.length;
  const clicked = await marionette.run(gs.clickBannerButton, t("actionTrustDomain", "aica-interior.co.jp"));
  const asked = await logged(ctx, "phishcheck-confirm-window", (c) => c.shown, mark);
  check(`${lang}: "Trust everyone at" asks first, naming the domain`,
    asked.what === "trust" && asked.entry === "aica-interior.co.jp", JSON.stringify(asked.error ? { ...asked, clicked } : asked));
  check(`${lang}: "Cancel" is the default (focused)`, asked.focused === "cancel", asked.focused);
  await ctx.sleep(700);
  ctx.screenshot(ctx.display, `confirm-trust-${lang}`);

  mark = tb.lines.length;
  if (asked.buttons) await clickButton(ctx, "guard/confirm.html", asked.buttons.cancel);
  const cancelled = await logged(ctx, "phishcheck-confirm-window", (c) => c.choice, mark);
  check(`${lang}: "Cancel" trusts nothing`, cancelled.choice === "cancel" &&
    !tb.lines.slice(mark).some((l) => l.includes('"level":"decided"')), cancelled.error || cancelled.choice);
  check(`${lang}: confirm window closed`, await windows(ctx, "guard/confirm.html", 0));

  // Now trust it for real: the banner must say so, with Undo.
  mark = tb.lines.length;
  await marionette.run(gs.clickBannerButton, t("actionTrustDomain", "aica-interior.co.jp"));
  const again = await logged(ctx, "phishcheck-confirm-window", (c) => c.shown, mark);
  mark = tb.lines.length;
  if (again.buttons) await clickButton(ctx, "guard/confirm.html", again.buttons.ok);
  const decided = await ctx.tb.waitForLine(ctx.bannerLine((b) => b.messageId === id && b.level === "decided"),
    ctx.STEP_MS, mark).catch((e) => ({ error: e.message }));
  check(`${lang}: after confirming, the banner says "trusted by you" (not a green verdict)`,
    decided.level === "decided" && (decided.summary || "").includes("aica-interior.co.jp"), decided.error || decided.summary);
  await ctx.sleep(500);
  ctx.screenshot(ctx.display, `trusted-undo-${lang}`);

  mark = tb.lines.length;
  await marionette.run(gs.clickBannerButton, t("actionUndo"));
  const undone = await ctx.tb.waitForLine(ctx.bannerLine((b) => b.messageId === id && b.level === "dangerous"),
    ctx.STEP_MS, mark).catch((e) => ({ error: e.message }));
  check(`${lang}: Undo restores the dangerous verdict`, undone.level === "dangerous", undone.error || undone.level);
}

async function junkWithoutFolder(ctx, file) {
  const { tb, marionette, check, lang, t } = ctx;
  const before = await marionette.run(gs.localFolders);
  check(`${lang}: no Junk folder at first`, !before.some((f) => f.junk || f.name === "Junk"), JSON.stringify(before));
  await open(ctx, file);
  await ctx.sleep(300);
  const mark = tb.lines.length;
  await marionette.run(gs.clickBannerButton, t("actionJunk"));
  const moved = await tb.waitForLine((l) => l.match(/phishcheck: moved message to (\S+)( \(created\))?/), ctx.STEP_MS, mark)
    .catch(() => null);
  const after = await ctx.until(marionette, gs.localFolders,
    (list) => list.some((f) => f.name === "Junk" && f.count === 1), ctx.STEP_MS).catch(() => null);
  const junk = after?.find((f) => f.name === "Junk");
  check(`${lang}: Move to Junk created a Junk folder and moved the message there`,
    Boolean(moved?.[2]) && junk?.count === 1, `${moved?.[0]}; ${JSON.stringify(after)}`);
  check(`${lang}: the message is marked as junk (trains the junk filter)`,
    junk?.junkScores?.[0] === "100", JSON.stringify(junk));
  await ctx.sleep(500);
  ctx.screenshot(ctx.display, `junk-created-${lang}`);
}

/** "Not phishing" asks first, then shows as the user's decision and is listed in the options with Undo. */
async function notPhishingReviewed(ctx, file) {
  const { tb, marionette, check, lang, t } = ctx;
  const id = ctx.messageIdOf(file);
  await open(ctx, file);
  await marionette.run(gs.clickBannerButton, t("showDetails"));
  await ctx.sleep(300);
  let mark = tb.lines.length;
  await marionette.run(gs.clickBannerButton, t("actionNotPhishing"));
  const asked = await logged(ctx, "phishcheck-confirm-window", (c) => c.shown, mark);
  check(`${lang}: "Not phishing" asks first`, asked.what === "notPhishing" && asked.focused === "cancel",
    asked.error || JSON.stringify(asked));
  mark = tb.lines.length;
  if (asked.buttons) await clickButton(ctx, "guard/confirm.html", asked.buttons.ok);
  const decided = await ctx.tb.waitForLine(ctx.bannerLine((b) => b.messageId === id && b.level === "decided"),
    ctx.STEP_MS, mark).catch((e) => ({ error: e.message }));
  check(`${lang}: "Not phishing" shows as the user's decision`, decided.level === "decided", decided.error || decided.level);
  mark = tb.lines.length;
  await marionette.run(ctx.chrome.openOptions);
  const ready = await tb.waitForLine((l) => l.includes("phishcheck-options ready"), ctx.STEP_MS, mark).then(() => true, () => false);
  check(`${lang}: options page opened`, ready);
  await ctx.sleep(700);
  ctx.screenshot(ctx.display, `options-${lang}`);
}
