#!/usr/bin/env node
// run.mjs — the real-client test: Debian's Thunderbird under Xvfb, on a fresh
// profile and HOME, with the built .xpi and the built native host. It opens
// each message of cases.json, checks from outside (the add-on's console output
// on Thunderbird's stdout, and the toolbar button's state through Marionette)
// that the right banner appeared, clicks "Check this email", and saves
// screenshots to OUT/screenshots/.
//
//   node tests/thunderbird/run.mjs --xpi build/phishcheck.xpi --host native-host/phishcheck [--out build] [--keep]

import fs from "node:fs";
import os from "node:os";
import net from "node:net";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { createWorld } from "./profile.mjs";
import { startXvfb, Thunderbird, stop } from "./processes.mjs";
import { Marionette, sleep } from "./marionette.mjs";
import * as chrome from "./chrome-scripts.mjs";
import { reportPhishing } from "./report-session.mjs";
import { guardSessions } from "./guard-tests.mjs";
import { paneBarMessages, paneBarSteps, paneBarJapanese, paneBarNoHost } from "./pane-bar.mjs";
import { renamed, arrivalSteps, junkOnArrival } from "./arrival.mjs";
import { GATEWAY_ID, orgMessages, orgSteps, orgJapanese } from "./org-verdict.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TOTAL_MS = 240000; // the whole run, start-up included
const STEP_MS = 20000; // one step (a banner, a check)

const { values: opts } = parseArgs({ options: {
  xpi: { type: "string", default: "build/phishcheck.xpi" },
  host: { type: "string", default: "native-host/phishcheck" },
  out: { type: "string", default: "build" },
  keep: { type: "boolean", default: false },
  only: { type: "string", default: "" }, // run only the sessions whose name starts with this
} });

const results = [];
function check(name, ok, detail = "") {
  results.push(ok);
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? ` — ${detail}` : ""}`);
}

/** The Message-ID of a message file, without angle brackets. */
function messageIdOf(file) {
  const head = fs.readFileSync(file, "latin1").split(/\r?\n\r?\n/)[0];
  return head.match(/^Message-ID:\s*<([^>]+)>/im)?.[1];
}

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Parse "phishcheck-banner {...}" console lines; `want` filters them. */
function bannerLine(want) {
  return (line) => {
    const m = line.match(/phishcheck-banner (\{.*\})/);
    if (!m) return null;
    try {
      const info = JSON.parse(m[1].replace(/\\"/g, '"'));
      return want(info) ? info : null;
    } catch {
      return null;
    }
  };
}

/** Poll a chrome script until `accept(value)`; bounded by `timeoutMs`. */
async function until(marionette, script, accept, timeoutMs, ...args) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await marionette.run(script, ...args);
    if (accept(value)) return value;
    if (Date.now() > end) throw new Error(`gave up waiting; last value ${JSON.stringify(value)}`);
    await sleep(100);
  }
}

function screenshot(display, name) {
  const dir = path.resolve(opts.out, "screenshots");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  execFileSync("import", ["-display", display, "-window", "root", file]);
  console.log(`     screenshot ${path.relative(process.cwd(), file)}`);
}

/** Open one message and check its banner (and, if asked, the button). */
async function runCase(tb, marionette, display, testCase) {
  const file = path.join(ROOT, testCase.file);
  const id = messageIdOf(file);
  const mark = tb.lines.length;
  const row = await marionette.run(chrome.selectMessage, id);
  if (row < 0) return check(`${testCase.file}: found in the Inbox`, false);

  const banner = await tb.waitForLine(bannerLine((b) => b.messageId === id), STEP_MS, mark)
    .catch((e) => ({ error: e.message }));
  check(`${testCase.file}: banner ${testCase.verdict}`, banner.level === testCase.verdict,
    banner.error || `level ${banner.level}, "${banner.summary}" (${banner.flags} flags)`);
  const wantShown = testCase.verdict !== "safe" || banner.banner === "line";
  check(`${testCase.file}: banner drawn`, banner.shown === wantShown, `style ${banner.banner}`);
  if (testCase.subject) {
    check(`${testCase.file}: raw bytes reached the host intact (subject decoded)`,
      banner.subject === testCase.subject, banner.subject);
  }
  const button = await until(marionette, chrome.buttonState, (s) => Boolean(s?.badge), STEP_MS)
    .catch(() => null);
  const wantBadge = { safe: "✓", suspicious: "?", dangerous: "!" }[testCase.verdict];
  check(`${testCase.file}: toolbar badge`, button?.badge === wantBadge, JSON.stringify(button));

  if (testCase.screenshot) {
    await sleep(500); // let the banner paint
    screenshot(display, testCase.screenshot);
  }
  if (testCase.checkButton) await checkButton(tb, marionette, display, testCase);
}

/** "Check this email": click the button; the popup runs the check on demand. */
async function checkButton(tb, marionette, display, testCase) {
  const mark = tb.lines.length;
  const clicked = await marionette.run(chrome.clickButton);
  check("Check this email: button present and clicked", clicked === true);
  const level = await tb.waitForLine((l) => l.match(/phishcheck: on-demand check in tab \d+: (\w+)/)?.[1],
    STEP_MS, mark).catch((e) => e.message);
  check("Check this email: on-demand check ran", level === testCase.verdict, level);
  await sleep(700); // let the popup open and paint
  screenshot(display, "popup");
}

/**
 * The sets of settings the add-on may report as locked: our managed storage's
 * keys, or those of a system-wide policies.json, which wins over it when it
 * exists while Thunderbird starts. (An installer test running at the same time
 * may write and remove that file; a test cannot turn it off.)
 */
function acceptedLocks(managed) {
  const accepted = [Object.keys(managed).sort().join(", ")];
  try {
    const system = JSON.parse(fs.readFileSync("/etc/thunderbird/policies/policies.json", "utf8"));
    const ours = system.policies?.["3rdparty"]?.Extensions?.["phishcheck@phishcheck.org"];
    if (ours) accepted.push(Object.keys(ours).sort().join(", "));
  } catch { /* no system policy */ }
  return accepted;
}

/** A message of several MB (a report with a large attachment), written into `dir`. */
function largeMessage(dir) {
  const file = path.join(dir, "large.eml");
  const data = Buffer.alloc(4 * 1024 * 1024);
  for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
  const b64 = data.toString("base64").replace(/.{76}/g, "$&\r\n");
  fs.writeFileSync(file, [
    "From: Office Scanner <scanner@tanaka-sekkei.jp>", "To: office@tanaka-sekkei.jp",
    "Subject: Scanned drawings (large)", "Date: Mon, 16 Jun 2025 12:00:00 +0900",
    "Message-ID: <large-4mb@tanaka-sekkei.jp>", "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="b1"', "", "--b1",
    "Content-Type: text/plain; charset=UTF-8", "", "The scanned drawings are attached.", "",
    "--b1", 'Content-Type: application/octet-stream; name="drawings.dat"',
    "Content-Transfer-Encoding: base64", 'Content-Disposition: attachment; filename="drawings.dat"', "",
    b64, "--b1--", "",
  ].join("\r\n"));
  return file;
}

/**
 * One Thunderbird session: a fresh world, the messages in its Inbox, then
 * `steps(tb, marionette, display)`; everything is stopped afterwards.
 */
async function session({ name, host, messages, managed, deadline, locale, prefs }, steps) {
  console.log(`# ${name}`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "phishcheck-tb-"));
  const marionettePort = await freePort();
  const world = createWorld(work, { xpi: opts.xpi, host, marionettePort, managed, locale, prefs,
    messages: messages.map((m) => (typeof m === "function" ? m(work) : m)) });
  const xvfb = await startXvfb(deadline);
  const tb = new Thunderbird({ ...world, display: xvfb.display });
  let marionette;
  try {
    marionette = await Marionette.connect(marionettePort, deadline);
    await until(marionette, chrome.isReady, Boolean, deadline - Date.now());
    await marionette.command("WebDriver:SetWindowRect", { x: 0, y: 0, width: 1280, height: 900 });
    const rows = await until(marionette, chrome.showInbox, (n) => n === messages.length, STEP_MS);
    check("messages in the Inbox", rows === messages.length, `${rows} messages`);
    await steps(tb, marionette, xvfb.display);
  } catch (e) {
    check(`${name}: harness`, false, e.message);
  } finally {
    marionette?.close();
    await stop(tb.proc);
    await stop(xvfb.proc);
    fs.writeFileSync(path.resolve(opts.out, `tb-test-${name}.log`), tb.lines.join("\n"));
    if (!opts.keep) fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The real host: every case's banner, the button, a large message, the policy. */
async function withHost(deadline) {
  const cases = JSON.parse(fs.readFileSync(path.join(ROOT, "tests/thunderbird/cases.json"), "utf8"));
  const large = { file: null, verdict: null, id: "large-4mb@tanaka-sekkei.jp" };
  // contacts_context off: this session compares verdicts with the host's own CLI verdicts,
  // which know nothing of Thunderbird's address books (the report session tests the context).
  // gateway_id: the organisation's gateway (org-verdict.mjs); the other messages carry no line of it.
  const managed = { auto_check: true, online: false, contacts_context: false, gateway_id: GATEWAY_ID };
  const systemLocks = acceptedLocks(managed); // before Thunderbird reads the policies
  const barPlan = {};
  const barDir = fs.mkdtempSync(path.join(os.tmpdir(), "phishcheck-bar-"));
  const barFiles = paneBarMessages(ROOT, opts.host, barPlan, barDir);
  const arrival = {
    dangerous: { id: "arrival-dangerous@attack.test" }, safe: { id: "arrival-safe@example.test" } };
  arrival.dangerous.file = renamed(path.join(ROOT, "tests/cases/kagoya-activemail.eml"), barDir, arrival.dangerous.id);
  arrival.safe.file = renamed(path.join(ROOT, "tests/thunderbird/fixtures/newsletter.eml"), barDir, arrival.safe.id);
  const org = orgMessages(ROOT, barDir);
  const unopened = cases.filter((c) => c.verdict === "dangerous").map((c) => messageIdOf(path.join(ROOT, c.file)));
  await session({ name: "host", host: opts.host, managed, deadline,
    messages: [...cases.map((c) => path.join(ROOT, c.file)), (dir) => (large.file = largeMessage(dir)), ...barFiles,
      org.trusted.file, org.forged.file] },
  async (tb, marionette, display) => {
    const policy = await tb.waitForLine((l) => l.match(/phishcheck: set by policy: ([^"]*)/)?.[1], STEP_MS)
      .catch((e) => e.message);
    const accepted = [...new Set([...systemLocks, ...acceptedLocks(managed)])];
    check("policy (managed storage) read and locked", accepted.includes(policy.split(", ").sort().join(", ")),
      `${policy}; accepted: ${accepted.join(" | ")}`);
    await paneBarSteps({ tb, marionette, display, check, screenshot, until, stepMs: STEP_MS }, barPlan, large);
    await arrivalSteps({ tb, marionette, display, check, screenshot, until, stepMs: STEP_MS }, arrival, unopened);
    await orgSteps({ tb, marionette, display, check, screenshot, until, stepMs: STEP_MS }, org);
    for (const testCase of cases) await runCase(tb, marionette, display, testCase);
    await largeCase(tb, marionette, large);
    await optionsPage(tb, marionette, display);
  });
  fs.rmSync(barDir, { recursive: true, force: true });
}

/** Several MB reach the host and come back with a report (any verdict). */
async function largeCase(tb, marionette, large) {
  const mark = tb.lines.length;
  await marionette.run(chrome.selectMessage, large.id);
  const banner = await tb.waitForLine(bannerLine((b) => b.messageId === large.id), STEP_MS, mark)
    .catch((e) => ({ error: e.message }));
  const bytes = tb.lines.slice(mark).map((l) => l.match(/: \w+ \((\d+) bytes, (\d+) ms\)/)).find(Boolean);
  check("large message (4 MB attachment) checked", ["safe", "suspicious", "dangerous"].includes(banner.level),
    banner.error || `level ${banner.level}, ` +
      (bytes ? `${bytes[1]} bytes in ${bytes[2]} ms` : "answered from the check made when it was shown earlier"));
}

/** The options page, with the policy's settings locked (looked at, not asserted). */
async function optionsPage(tb, marionette, display) {
  const mark = tb.lines.length;
  await marionette.run(chrome.openOptions);
  const ok = await tb.waitForLine((l) => l.includes("phishcheck-options ready"), STEP_MS, mark)
    .then(() => true, () => false);
  check("options page opened", ok);
  await sleep(500);
  screenshot(display, "options");
}

/** No host installed: the user gets an actionable message, not silence. */
async function withoutHost(deadline) {
  const file = path.join(ROOT, "tests/thunderbird/fixtures/newsletter.eml");
  await session({ name: "no-host", host: path.join(os.tmpdir(), "phishcheck-no-such-host"),
    messages: [file], deadline }, async (tb, marionette, display) => {
    const id = messageIdOf(file);
    const mark = tb.lines.length;
    await marionette.run(chrome.selectMessage, id);
    const banner = await tb.waitForLine(bannerLine((b) => b.messageId === null || b.level === "error"),
      STEP_MS, mark).catch((e) => ({ error: e.message }));
    check("missing host: error banner shown", banner.level === "error" && banner.shown,
      banner.error || banner.summary);
    check("missing host: one line for users, no developer path (admin details behind Details)",
      /not installed/.test(banner.summary || "") && !/installer\/|\.sh\b|\n/.test(banner.summary || ""),
      banner.summary);
    const button = await until(marionette, chrome.buttonState, (st) => st?.badge, STEP_MS).catch(() => null);
    check("missing host: toolbar badge", button?.badge === "×", JSON.stringify(button));
    await paneBarNoHost({ tb, marionette, display, check, screenshot, until, stepMs: STEP_MS }, id);
    await sleep(500);
    screenshot(display, "no-host");
  });
}

/** Thunderbird in Japanese: the report's texts come back in Japanese (lang from the UI). */
async function inJapanese(deadline) {
  const file = path.join(ROOT, "tests/cases/kagoya-delivery-failure.eml");
  const junkDir = fs.mkdtempSync(path.join(os.tmpdir(), "phishcheck-junk-"));
  const junk = { id: "arrival-junk@attack.test" };
  junk.file = renamed(path.join(ROOT, "tests/cases/kagoya-activemail.eml"), junkDir, junk.id);
  const org = orgMessages(ROOT, junkDir);
  await session({ name: "ja", host: opts.host, messages: [file, org.trusted.file], deadline, locale: "ja",
    managed: { junk_dangerous: true, gateway_id: GATEWAY_ID } },
    async (tb, marionette, display) => {
      const id = messageIdOf(file);
      const mark = tb.lines.length;
      await marionette.run(chrome.selectMessage, id);
      const banner = await tb.waitForLine(bannerLine((b) => b.messageId === id), STEP_MS, mark)
        .catch((e) => ({ error: e.message }));
      check("Japanese UI: banner dangerous", banner.level === "dangerous", banner.error || banner.level);
      check("Japanese UI: why in Japanese", /[\u3040-\u30ff\u4e00-\u9fff]/.test(banner.summary || ""),
        banner.summary);
      await sleep(500);
      screenshot(display, "dangerous-ja");
      await paneBarJapanese({ tb, marionette, display, check, screenshot, until, stepMs: STEP_MS }, id);
      await orgJapanese({ tb, marionette, display, check, screenshot, until, stepMs: STEP_MS }, org.trusted);
      await junkOnArrival({ tb, marionette, display, check, screenshot, until, stepMs: STEP_MS }, junk);
    });
  fs.rmSync(junkDir, { recursive: true, force: true });
}

async function main() {
  const deadline = Date.now() + TOTAL_MS;
  fs.mkdirSync(path.resolve(opts.out), { recursive: true });
  const run = (name) => name.startsWith(opts.only) || opts.only.startsWith(name);
  if (run("host")) await withHost(deadline);
  if (run("no-host")) await withoutHost(deadline);
  if (run("ja")) await inJapanese(deadline);
  // Link guard and safe actions, en and ja (guard-tests.mjs), each session with its own time.
  if (run("guard")) {
    await guardSessions({ session, check, screenshot, until, bannerLine, messageIdOf, sleep, chrome,
      STEP_MS, TOTAL_MS, ROOT, host: opts.host, langs: opts.only.match(/^guard-(\w+)/) ? [opts.only.slice(6)] : undefined });
  }
  // Report phishing and the sender context (report-session.mjs, issue #12), its own time.
  if (run("report")) {
    await reportPhishing({ session, check, screenshot, until, messageIdOf, root: ROOT, stepMs: STEP_MS, host: opts.host });
  }
  const failed = results.filter((ok) => !ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main();
