// scan.js — checks messages without opening them, and tags the dangerous ones
// in the message list (tagging.js): new mail as it arrives
// (messages.onNewMailReceived; setting `check_new_mail`), and on demand a
// folder or the selected messages (context menus of the folder pane and the
// message list), with progress in a small window (scan/scan.html). With the
// setting or policy `junk_dangerous`, dangerous new mail goes to Junk at once.
// A few checks run at a time (lib/pool.js): the host answers one request at a
// time, and a folder is read page by page, never all at once.

// @ts-check
/** @import { ScanProgress } from "../types/messages" */

import { runPool } from "../lib/pool.js";
import { loadSettings } from "./settings-store.js";
import { viewForMessage } from "./views.js";
import { syncTag } from "./tagging.js";
import { moveToJunk } from "./actions.js";

const CONCURRENCY = 3;
/** @type {Map<number, ScanProgress>} job id → progress */
const jobs = new Map();
let nextJob = 1;

/**
 * Every message of a MessageList, page after page.
 * @param {browser.messages.MessageList|null|undefined} list
 * @returns {AsyncGenerator<browser.messages.MessageHeader>}
 */
async function* listed(list) {
  for (let page = list; page;) {
    yield* page.messages ?? [];
    page = page.id ? await browser.messages.continueList(page.id) : null;
  }
}

/**
 * Check one message, tag it; with `junk`, move a dangerous one to Junk.
 * @param {browser.messages.MessageHeader} message
 * @param {{junk: boolean}} options
 */
async function checkAndTag(message, { junk }) {
  const view = await viewForMessage(message);
  if (view.kind === "error") throw new Error(view.code);
  await syncTag(message, view.level);
  if (junk && view.level === "dangerous") await moveToJunk(message.id);
  return view.level;
}

/**
 * Run a scan over `messages` (async iterable), counting into `job`.
 * @param {AsyncIterable<browser.messages.MessageHeader>} messages
 * @param {ScanProgress} job
 * @param {{junk: boolean}} options
 */
async function scan(messages, job, options) {
  await runPool(messages, (message) => checkAndTag(message, options), {
    concurrency: CONCURRENCY,
    cancelled: () => job.stopped,
    onResult: (message, level) => {
      job.checked++;
      if (typeof level === "object") job.failed++; // {error}: the check threw
      else if (level !== "decided") job[level] = (job[level] ?? 0) + 1; // (the user's decisions: counted as checked only)
    },
  });
  job.finished = true;
  console.info(`phishcheck: scan ${job.id} (${job.source}) done: ${JSON.stringify(progress(job))}`);
  return job;
}

/**
 * @param {ScanProgress["source"]} source
 * @param {string|null|undefined} name
 * @param {number|null} total
 */
function newJob(source, name, total) {
  /** @type {ScanProgress} */
  const job = { id: nextJob++, source, name: name ?? null, total, checked: 0, failed: 0, dangerous: 0,
    suspicious: 0, safe: 0, finished: false, stopped: false };
  jobs.set(job.id, job);
  return job;
}

/**
 * What the progress window shows.
 * @param {ScanProgress} job
 * @returns {ScanProgress}
 */
function progress(job) {
  const { id, source, name, total, checked, failed, dangerous, suspicious, safe, finished, stopped } = job;
  return { id, source, name, total, checked, failed, dangerous, suspicious, safe, finished, stopped };
}

/**
 * Start scanning a folder or some messages; returns the job's progress at once.
 * @param {{folderId?: string, messageIds?: number[]}} what
 */
export async function startScan({ folderId, messageIds }) {
  let job;
  if (folderId) {
    const folder = await browser.folders.get(folderId);
    /** @type {browser.folders.MailFolderInfo} */
    const info = await browser.folders.getFolderInfo(folderId).catch(() => ({}));
    job = newJob("folder", folder.name, info.totalMessageCount ?? null);
    scan(listed(await browser.messages.list(folderId)), job, { junk: false });
  } else {
    const ids = (messageIds ?? []).slice(0, 10000);
    job = newJob("selection", null, ids.length);
    scan((async function* () {
      for (const id of ids) yield await browser.messages.get(id);
    })(), job, { junk: false });
  }
  console.info(`phishcheck: scan ${job.id} started (${job.source} ${folderId ?? ""})`);
  return progress(job);
}

/** @param {number|null} id */
export function scanStatus(id) {
  const job = id === null ? undefined : jobs.get(id);
  return job ? progress(job) : null;
}

/** @param {number|null} id */
export function stopScan(id) {
  const job = id === null ? undefined : jobs.get(id);
  if (job) job.stopped = true;
  return job ? progress(job) : null;
}

/**
 * New mail: checked and tagged in the background (and moved to Junk when so set).
 * @param {browser.folders.MailFolder} folder
 * @param {browser.messages.MessageList} list
 */
async function onNewMail(folder, list) {
  const { values } = await loadSettings();
  if (!values.check_new_mail) return;
  const job = newJob("arrival", folder.name, list?.messages?.length ?? null);
  await scan(listed(list), job, { junk: values.junk_dangerous });
  if (job.checked > 0) jobs.delete(job.id);
}

// ---- context menus ----

/** @type {{id: string, contexts: browser.menus.ContextType[], titleKey: string}[]} */
const MENUS = [
  { id: "phishcheck-scan-folder", contexts: ["folder_pane"], titleKey: "menuScanFolder" },
  { id: "phishcheck-scan-selected", contexts: ["message_list"], titleKey: "menuScanSelected" },
];

/** Our items only (other modules have theirs); after a background restart they may exist already. */
async function createMenus() {
  for (const { id, contexts, titleKey } of MENUS) {
    await browser.menus.remove(id).catch(() => {});
    browser.menus.create({ id, contexts, title: browser.i18n.getMessage(titleKey) });
  }
}

/**
 * Open the progress window for a job (or for a folder, which the window then starts).
 * @param {{folder: string} | {job: string}} query
 */
function openProgress(query) {
  const url = browser.runtime.getURL(`scan/scan.html?${new URLSearchParams(query)}`);
  return browser.windows.create({ url, type: "popup", width: 480, height: 240 });
}

/** @param {browser.menus.OnClickData} info */
async function onMenu(info) {
  if (info.menuItemId === "phishcheck-scan-folder") {
    const folder = info.selectedFolders?.[0] ?? info.selectedFolder;
    if (folder) await openProgress({ folder: folder.id });
  } else if (info.menuItemId === "phishcheck-scan-selected") {
    const ids = [];
    for await (const message of listed(info.selectedMessages)) ids.push(message.id);
    const job = await startScan({ messageIds: ids });
    await openProgress({ job: String(job.id) });
  }
}

browser.messages.onNewMailReceived.addListener(onNewMail);
browser.menus.onClicked.addListener((info) => {
  onMenu(info).catch((e) => console.warn(`phishcheck: scan menu: ${e.message}`));
});
createMenus().catch((e) => console.warn(`phishcheck: menus: ${e.message}`));
