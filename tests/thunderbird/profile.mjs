// profile.mjs — a fresh Thunderbird world for one test run, inside one
// temporary folder: its own HOME (native-messaging manifest, managed storage)
// and a profile with a Local Folders account, the add-on and an Inbox mbox of
// the fixture messages.

import fs from "node:fs";
import path from "node:path";

const EXTENSION_ID = "phishcheck@phishcheck.org";

/** Preferences of the test profile (user.js). */
function prefs(profileDir, marionettePort, locale) {
  const localFolders = path.join(profileDir, "Mail", "Local Folders");
  return {
    // The UI language, fixed whatever the machine's LANG ("ja" comes from the Debian
    // langpack thunderbird-l10n-ja).
    "intl.locale.requested": locale || "en-US",
    "extensions.langpacks.signatures.required": false,
    "mail.accountmanager.accounts": "account1",
    "mail.accountmanager.localfoldersserver": "server1",
    "mail.account.account1.server": "server1",
    "mail.server.server1.type": "none",
    "mail.server.server1.hostname": "Local Folders",
    "mail.server.server1.name": "Local Folders",
    "mail.server.server1.userName": "nobody",
    "mail.server.server1.directory": localFolders,
    "mail.server.server1.storeContractID": "@mozilla.org/msgstore/berkeleystore;1",
    "mail.provider.suppress_dialog_on_startup": true,
    "mail.shell.checkDefaultClient": false,
    "mailnews.start_page.enabled": false,
    "mail.rights.version": 1,
    "mail.spotlight.firstRunDone": true,
    "app.donation.eoy.version.viewed": 999,
    "app.update.enabled": false,
    "app.update.auto": false,
    "datareporting.policy.dataSubmissionPolicyBypassNotification": true,
    "datareporting.policy.dataSubmissionEnabled": false,
    "toolkit.telemetry.reportingpolicy.firstRun": false,
    "extensions.autoDisableScopes": 0,
    "extensions.update.enabled": false,
    "xpinstall.signatures.required": false,
    // Console messages of the add-on (background, banner) go to stdout: the harness reads them.
    "devtools.console.stdout.content": true,
    "devtools.console.stdout.chrome": true,
    "marionette.port": marionettePort,
    "remote.prefs.recommended": true,
  };
}

function userJs(values) {
  return Object.entries(values)
    .map(([key, value]) => `user_pref(${JSON.stringify(key)}, ${JSON.stringify(value)});`)
    .join("\n") + "\n";
}

/**
 * An mbox of the given message files. Bytes are copied unchanged (8-bit mail
 * too); body lines starting with "From " are quoted as mbox requires.
 */
export function mbox(files) {
  const parts = files.map((file) => {
    const text = fs.readFileSync(file).toString("latin1").replace(/^From /gm, ">From ");
    const body = text.endsWith("\n") ? text : `${text}\n`;
    return Buffer.from(`From - Mon Jan  1 00:00:00 2024\n${body}\n`, "latin1");
  });
  return Buffer.concat(parts);
}

/**
 * Create HOME and profile under `dir`.
 * @returns {{home: string, profile: string}}
 */
export function createWorld(dir, { xpi, host, messages, managed, marionettePort, locale, prefs: extra = () => ({}) }) {
  const home = path.join(dir, "home");
  const profile = path.join(dir, "profile");
  const inboxDir = path.join(profile, "Mail", "Local Folders");
  fs.mkdirSync(inboxDir, { recursive: true });
  // extra(profile): more preferences of one session (report-session.mjs: a sending account)
  fs.writeFileSync(path.join(profile, "user.js"),
    userJs({ ...prefs(profile, marionettePort, locale), ...extra(profile) }));
  fs.writeFileSync(path.join(inboxDir, "Inbox"), mbox(messages));
  fs.mkdirSync(path.join(profile, "extensions"));
  fs.copyFileSync(xpi, path.join(profile, "extensions", `${EXTENSION_ID}.xpi`));

  writeJson(path.join(home, ".mozilla", "native-messaging-hosts", "phishcheck.json"), {
    name: "phishcheck",
    description: "phishcheck native host (test)",
    path: path.resolve(host),
    type: "stdio",
    allowed_extensions: [EXTENSION_ID],
  });
  if (managed) {
    writeJson(path.join(home, ".mozilla", "managed-storage", `${EXTENSION_ID}.json`), {
      name: EXTENSION_ID, description: "phishcheck policy (test)", type: "storage", data: managed,
    });
  }
  return { home, profile };
}

function writeJson(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
}
