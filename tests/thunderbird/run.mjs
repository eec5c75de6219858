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

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TOTAL_MS = 120000; // the whole run, start-up included
const STEP_MS = 20000; // one step (a banner, a check)

const { values: opts } = parseArgs({ options: {
  xpi: { type: "string", default: "build/phishcheck.xpi" },
  host: { type: "string", default: "native-host/phishcheck" },
  out: { type: "string", default: "build" },
  keep: { type: "boolean", default: false },
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
  const button = await until(marionette, chrome.buttonState, (s) => s?.badge !== undefined, STEP_MS)
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

async function main() {
  const deadline = Date.now() + TOTAL_MS;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "phishcheck-tb-"));
  const cases = JSON.parse(fs.readFileSync(path.join(ROOT, "tests/thunderbird/cases.json"), "utf8"));
  const marionettePort = await freePort();
  const world = createWorld(work, {
    xpi: opts.xpi, host: opts.host, marionettePort,
    messages: cases.map((c) => path.join(ROOT, c.file)),
  });
  const xvfb = await startXvfb(deadline);
  const tb = new Thunderbird({ ...world, display: xvfb.display });
  let marionette;
  try {
    marionette = await Marionette.connect(marionettePort, deadline);
    await until(marionette, chrome.isReady, Boolean, deadline - Date.now());
    await marionette.command("WebDriver:SetWindowRect", { x: 0, y: 0, width: 1280, height: 900 });
    const rows = await until(marionette, chrome.showInbox, (n) => n === cases.length, STEP_MS);
    check("fixtures in the Inbox", rows === cases.length, `${rows} messages`);
    for (const testCase of cases) await runCase(tb, marionette, xvfb.display, testCase);
  } catch (e) {
    check("harness", false, e.message);
  } finally {
    marionette?.close();
    await stop(tb.proc);
    await stop(xvfb.proc);
    fs.writeFileSync(path.resolve(opts.out, "tb-test.log"), tb.lines.join("\n"));
    if (!opts.keep) fs.rmSync(work, { recursive: true, force: true });
  }
  const failed = results.filter((ok) => !ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main();
