// pane-bar.js — the verdict in Thunderbird's own notification bar above the
// message, the one place the message's HTML and CSS cannot reach (the banner
// inside the message can be covered or restyled by the message itself). The
// only module that talks to the Experiment API (experiments/pane-bar): the rest
// of the add-on calls showChecking / showVerdict / clearBar.
// @ts-check

/** @import { BarView, View } from "../types/messages" */

import { barFor, checkingBar } from "../lib/bar-view.js";
import { errorMessage } from "../lib/errors.js";

const api = () => browser.phishcheckBar;
let warned = false;

/**
 * Draw a bar description (lib/bar-view.js); false when the tab moved on.
 * @param {number} tabId
 * @param {number} messageId
 * @param {BarView|null} bar
 */
async function draw(tabId, messageId, bar) {
  if (!api()) {
    if (!warned) console.warn("phishcheck: the notification-bar experiment is not available");
    warned = true;
    return false;
  }
  if (!bar) {
    await api().clear(tabId);
    return false;
  }
  /** @type {(key: string, args?: string[]) => string} */
  const t = (key, args) => browser.i18n.getMessage(key, args) || key;
  const note = bar.note ? ` ${t(bar.note.key, bar.note.args.map((key) => t(key)))}` : "";
  const drawn = await api().show(tabId, messageId, {
    level: bar.level,
    label: t(bar.labelKey, bar.labelArgs) + note,
    ...(bar.details ? { detailsLabel: t("barDetails") } : {}),
  });
  if (drawn) {
    console.info(`phishcheck: bar ${JSON.stringify({ tabId, messageId, level: bar.level,
      ...(bar.note ? { org: bar.note.args[0] } : {}) })}`);
  }
  return drawn;
}

/**
 * "Checking…" at once, before the host answers.
 * @param {number} tabId
 * @param {number} messageId
 */
export function showChecking(tabId, messageId) {
  return draw(tabId, messageId, checkingBar()).catch((e) => logFailure(e));
}

/**
 * The verdict (or the failure) of a view; removes the bar when the view wants none.
 * @param {number} tabId
 * @param {number} messageId
 * @param {View} view
 */
export function showVerdict(tabId, messageId, view) {
  return draw(tabId, messageId, barFor(view)).catch((e) => logFailure(e));
}

/**
 * No bar (automatic checks off, several messages selected).
 * @param {number} tabId
 */
export function clearBar(tabId) {
  return api()?.clear(tabId).catch((e) => logFailure(e));
}

/** @param {unknown} e */
function logFailure(e) {
  console.warn(`phishcheck: bar failed: ${errorMessage(e)}`);
  return false;
}
