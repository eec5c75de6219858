// report-session.mjs — the real-client test of "Report phishing" (issue #12): a
// Thunderbird session with a sending account whose SMTP server is a local sink,
// and an administrator's policy that sets both destinations (an address and an
// HTTPS endpoint, with the test CA) and the after-action (Trash). Reporting a
// dangerous message must: show both destinations locked, send an e-mail whose
// message/rfc822 attachment is the original, post the documented JSON with the
// raw message to the endpoint, move the message to the Trash, log the report.
// Screenshots: report-dialog, report-sent, options-report.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { smtpSink, testCertificates, httpsEndpoint, mimeParts, decodedBody } from "./report-servers.mjs";
import { sleep } from "./marionette.mjs";
import * as chrome from "./chrome-scripts.mjs";

const MESSAGE = "tests/cases/kagoya-activemail.eml";
// The boss's name on a free mailbox: with 田中 太郎 in the address book, the sender context
// the add-on gathers (background/context.js) makes it dangerous (contacts.name_on_stranger).
const BOSS = "tests/cases/contacts-boss-freemail.eml";

/** Chrome script: a contact in the Personal Address Book, as the user would add one. */
const addContact = `
  const { MailServices } = ChromeUtils.importESModule("resource:///modules/MailServices.sys.mjs");
  const book = MailServices.ab.getDirectory("jsaddrbook://abook.sqlite");
  const card = Cc["@mozilla.org/addressbook/cardproperty;1"].createInstance(Ci.nsIAbCard);
  card.firstName = arguments[1];
  card.lastName = arguments[0];
  card.displayName = arguments[0] + " " + arguments[1];
  card.primaryEmail = arguments[2];
  book.addCard(card);
  return book.childCardCount;`;

/** Preferences of a sending account (POP3 never polled) whose SMTP server is the sink. */
function sendingAccount(smtpPort) {
  return (profile) => ({
    "mail.accountmanager.accounts": "account2,account1",
    "mail.accountmanager.defaultaccount": "account2",
    "mail.account.account2.server": "server2",
    "mail.account.account2.identities": "id1",
    "mail.server.server2.type": "pop3",
    "mail.server.server2.hostname": "127.0.0.1",
    "mail.server.server2.port": 9,
    "mail.server.server2.userName": "reporter",
    "mail.server.server2.name": "Reporter",
    "mail.server.server2.directory": path.join(profile, "Mail", "reporter"),
    "mail.server.server2.login_at_startup": false,
    "mail.server.server2.check_new_mail": false,
    "mail.server.server2.download_on_biff": false,
    "mail.identity.id1.fullName": "Report Tester",
    "mail.identity.id1.useremail": "reporter@example.test",
    "mail.identity.id1.smtpServer": "smtp1",
    "mail.identity.id1.valid": true,
    "mail.identity.id1.fcc": false,
    "mail.identity.id1.compose_html": false,
    "mail.smtpservers": "smtp1",
    "mail.smtp.defaultserver": "smtp1",
    "mail.smtpserver.smtp1.type": "smtp",
    "mail.smtpserver.smtp1.hostname": "127.0.0.1",
    "mail.smtpserver.smtp1.port": smtpPort,
    "mail.smtpserver.smtp1.authMethod": 1,
    "mail.smtpserver.smtp1.try_ssl": 0,
    "mail.smtpserver.smtp1.username": "",
    // Extension pages in the parent process, so the harness can click in them.
  });
}

/**
 * Chrome script: right-click the message (Message-ID arguments[0]) in the thread pane, as
 * a user does, and choose the add-on's "Report phishing" item of the context menu (the
 * items appear once the menu is open, so this is polled: false until chosen).
 */
const reportFromContextMenu = `
  const { MailServices } = ChromeUtils.importESModule("resource:///modules/MailServices.sys.mjs");
  const win = Services.wm.getMostRecentWindow("mail:3pane");
  const about3Pane = win.gTabmail.currentAbout3Pane;
  const menu = about3Pane.document.getElementById("mailContext");
  const item = [...menu.querySelectorAll("menuitem")].find((m) => m.id.startsWith("phishcheck_phishcheck_org-menuitem-"));
  if (item && menu.state === "open") {
    item.doCommand();
    menu.hidePopup();
    return true;
  }
  if (menu.state !== "open" && menu.state !== "showing") {
    const inbox = MailServices.accounts.localFoldersServer.rootFolder.getChildNamed("Inbox");
    const header = [...inbox.messages].find((h) => h.messageId === arguments[0]);
    const index = about3Pane.gDBView.findIndexOfMsgHdr(header, true);
    const row = about3Pane.threadTree.getRowAtIndex(index);
    const box = row.getBoundingClientRect();
    row.dispatchEvent(new about3Pane.MouseEvent("contextmenu", { bubbles: true, cancelable: true, button: 2,
      clientX: box.x + 20, clientY: box.y + 5, screenX: row.screenX + 20, screenY: row.screenY + 5 }));
  }
  return false;`;

/**
 * Chrome script: a left click at screen point (arguments[1], arguments[2]) in the window
 * showing the extension page whose URL contains arguments[0] — real mouse events, which
 * the window passes on to the page in its own process.
 */
const clickAt = `
  let target = null;
  for (const w of Services.wm.getEnumerator(null)) {
    for (const b of w.document.querySelectorAll("browser")) {
      if ((b.currentURI?.spec || "").includes(arguments[0])) target = w;
    }
  }
  if (!target) return false;
  target.focus();
  const x = arguments[1] - target.mozInnerScreenX, y = arguments[2] - target.mozInnerScreenY;
  for (const type of ["mousemove", "mousedown", "mouseup"]) {
    target.synthesizeMouseEvent(type, x, y, { button: 0, buttons: type === "mousedown" ? 1 : 0,
      clickCount: type === "mousemove" ? 0 : 1 }, { isDOMEventSynthesized: true, isWidgetEventSynthesized: false });
  }
  return true;`;

/** Chrome script: close the window showing the extension page arguments[0]. */
const closeWindowOf = `
  for (const w of Services.wm.getEnumerator(null)) {
    for (const b of w.document.querySelectorAll("browser")) {
      if ((b.currentURI?.spec || "").includes(arguments[0])) { w.close(); return true; }
    }
  }
  return false;`;

/**
 * Chrome script: keys (arguments[1]) typed into the window showing the extension page whose
 * URL contains arguments[0] — real key events through the text input processor, as the
 * page lives in another process. Returns false when no such window is open.
 */
const typeInto = `
  let target = null;
  for (const w of Services.wm.getEnumerator(null)) {
    for (const b of w.document.querySelectorAll("browser")) {
      if ((b.currentURI?.spec || "").includes(arguments[0])) { target = w; b.focus(); }
    }
  }
  if (!target) return false;
  target.focus();
  const tip = Cc["@mozilla.org/text-input-processor;1"].createInstance(Ci.nsITextInputProcessor);
  if (!tip.beginInputTransactionForTests(target)) return false;
  const codes = { Tab: 9, Enter: 13, " ": 32, End: 35 };
  for (const key of arguments[1]) {
    const event = new target.KeyboardEvent("", { key, code: key === " " ? "Space" : key, keyCode: codes[key] });
    tip.keydown(event);
    tip.keyup(event);
  }
  return true;`;

/** How many messages with this Message-ID the Local Folders Inbox and Trash hold. */
const whereIs = `
  const { MailServices } = ChromeUtils.importESModule("resource:///modules/MailServices.sys.mjs");
  const root = MailServices.accounts.localFoldersServer.rootFolder;
  const count = (name) => { const f = root.getChildNamed(name); return f ? [...f.messages].filter((h) => h.messageId === arguments[0]).length : -1; };
  return { inbox: count("Inbox"), trash: count("Trash") };`;

export async function reportPhishing({ session, check, screenshot, until, messageIdOf, root, stepMs, host }) {
  const deadline = Date.now() + 120000;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "phishcheck-report-"));
  const smtp = await smtpSink();
  const endpoint = await httpsEndpoint(testCertificates(work));
  const file = path.join(root, MESSAGE);
  const original = fs.readFileSync(file);
  const id = messageIdOf(file);
  const boss = path.join(root, BOSS);
  const managed = { auto_check: true, report_emails: ["soc@example.test"], report_url: endpoint.url,
    report_ca_file: path.join(work, "ca.pem"), report_after: "trash" };
  try {
    await session({ name: "report", host, managed, deadline, messages: [boss, file], prefs: sendingAccount(smtp.port) },
      async (tb, marionette, display) => {
        await senderContext(tb, marionette, display, { check, screenshot, messageIdOf, stepMs, boss });
        let mark = tb.lines.length;
        await marionette.run(chrome.selectMessage, id);
        const verdict = await tb.waitForLine((l) => l.match(/phishcheck: message \d+: (\w+) \(/)?.[1], stepMs, mark)
          .catch((e) => e.message);
        check("report: the message was checked", verdict === "dangerous", verdict);

        mark = tb.lines.length;
        const chosen = await until(marionette, reportFromContextMenu, Boolean, stepMs, id).catch(() => false);
        check("report: \"Report phishing\" chosen in the message's context menu", chosen === true);
        const shown = await tb.waitForLine((l) => l.match(/phishcheck-report-dialog (\{.*\})/)?.[1], stepMs, mark)
          .then((j) => JSON.parse(j.replace(/\\"/g, '"')), (e) => ({ error: e.message }));
        check("report: the dialog shows where the report goes", Array.isArray(shown.destinations),
          shown.error || JSON.stringify(shown));
        const dests = shown.destinations || [];
        check("report: the policy's address and endpoint, locked and chosen",
          dests.length === 2 && dests.every((d) => d.locked && d.checked) &&
          dests.some((d) => d.kind === "email" && d.to === "soc@example.test") &&
          dests.some((d) => d.kind === "url" && d.to === endpoint.url), JSON.stringify(dests));
        await sleep(800);
        screenshot(display, "report-dialog");
        check("report: nothing sent before the user's click", smtp.messages.length === 0 && endpoint.posts.length === 0);

        mark = tb.lines.length;
        // The user clicks "Send report" (Cancel has the keyboard focus: the safe default).
        const typed = await marionette.run(clickAt, "report/report.html", shown.send?.x, shown.send?.y);
        check("report: Send clicked in the dialog", typed === true, JSON.stringify(shown.send));
        const outcome = await tb.waitForLine((l) => l.match(/phishcheck-report (\{.*\})/)?.[1], 40000, mark)
          .then((j) => JSON.parse(j.replace(/\\"/g, '"')), (e) => ({ error: e.message }));
        check("report: sent to both destinations", outcome.results?.length === 2 && outcome.results.every((r) => r.ok),
          JSON.stringify(outcome));
        await sleep(800);
        screenshot(display, "report-sent");

        checkMail(check, smtp.messages, original);
        checkPost(check, endpoint.posts, original);
        const where = await until(marionette, whereIs, (w) => w.inbox === 0, stepMs, id).catch(() => null);
        check("report: after-action moved the message to the Trash", where?.inbox === 0 && where?.trash === 1,
          JSON.stringify(where));

        await marionette.run(closeWindowOf, "report/report.html"); // the user closes the dialog
        mark = tb.lines.length;
        await marionette.run(chrome.openOptions);
        const options = await tb.waitForLine((l) => l.match(/phishcheck-report-options (\{.*\})/)?.[1], stepMs, mark)
          .then((j) => JSON.parse(j.replace(/\\"/g, '"')), (e) => ({ error: e.message }));
        check("report: options show the policy's report settings locked",
          ["report_after", "report_emails", "report_url"].every((k) => options.locked?.includes(k)), JSON.stringify(options));
        await marionette.run(typeInto, "options/options.html", ["End"]); // scroll to the report settings
        await sleep(800);
        screenshot(display, "options-report");
      });
  } finally {
    smtp.close();
    endpoint.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The add-on tells the host what the address book knows: the boss's name on a stranger. */
async function senderContext(tb, marionette, display, { check, screenshot, messageIdOf, stepMs, boss }) {
  const cards = await marionette.run(addContact, "田中", "太郎", "tanaka@example.co.jp");
  check("context: a contact in the address book", cards >= 1, `${cards} cards`);
  const bossId = messageIdOf(boss);
  const mark = tb.lines.length;
  await marionette.run(chrome.selectMessage, bossId);
  const banner = await tb.waitForLine((l) => {
    const m = l.match(/phishcheck-banner (\{.*\})/);
    const info = m && JSON.parse(m[1].replace(/\\"/g, '"'));
    return info?.messageId === bossId ? info : null;
  }, stepMs, mark).catch((e) => ({ error: e.message }));
  check("context: the boss's name from a free mailbox is dangerous with the address book",
    banner.level === "dangerous" && /田中 太郎/.test(banner.summary || ""), banner.error || `${banner.level}: ${banner.summary}`);
  await sleep(600);
  screenshot(display, "context-boss");
}

/**
 * The attachment is the original byte for byte: the line break before a MIME boundary
 * belongs to the boundary (RFC 2046), so the original's last CRLF is not in the part.
 * (The test message has CRLF line ends, as SMTP carries them.)
 */
const CRLF = Buffer.from("\r\n");
const sameBytes = (part, original) => part.equals(original) || Buffer.concat([part, CRLF]).equals(original);

function checkMail(check, messages, original) {
  check("report: one e-mail reached the SMTP sink, to the policy's address",
    messages.length === 1 && messages[0].to.includes("soc@example.test"),
    JSON.stringify(messages.map((m) => ({ from: m.from, to: m.to, bytes: m.data.length }))));
  if (!messages.length) return;
  const parts = mimeParts(messages[0].data);
  const rfc822 = parts.find((p) => p.type === "message/rfc822");
  const attached = rfc822 ? decodedBody(rfc822) : Buffer.alloc(0);
  check("report: the message/rfc822 attachment is the original, byte for byte", sameBytes(attached, original),
    rfc822 ? `${attached.length} bytes attached, ${original.length} original; ${rfc822.headers.split("\n")[0]}` : "no message/rfc822 part");
  const json = parts.find((p) => p.type === "application/json");
  const parsed = json ? JSON.parse(decodedBody(json).toString("utf8")) : null;
  check("report: phishcheck's report attached as JSON", parsed?.type === "phishcheck-report" &&
    parsed.analysis?.verdict === "dangerous", parsed ? parsed.analysis?.verdict : "none");
  const text = parts.find((p) => p.type === "text/plain");
  check("report: the text says what it is", /phishcheck/.test(text ? decodedBody(text).toString("utf8") : ""));
}

function checkPost(check, posts, original) {
  check("report: one HTTPS post reached the endpoint", posts.length === 1 && posts[0].method === "POST",
    `${posts.length} posts`);
  if (!posts.length) return;
  let body = null;
  try { body = JSON.parse(posts[0].body.toString("utf8")); } catch { /* checked below */ }
  check("report: the documented JSON (type, version, analysis)", body?.type === "phishcheck-report" &&
    body.version === 1 && body.analysis?.verdict === "dangerous" && posts[0].headers["content-type"] === "application/json");
  const raw = body ? Buffer.from(body.message.raw, "base64") : Buffer.alloc(0);
  check("report: the posted raw message is the original, byte for byte", raw.equals(original),
    `${raw.length} bytes posted, ${original.length} original`);
}
