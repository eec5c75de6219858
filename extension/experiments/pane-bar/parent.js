/* pane-bar/parent.js — the WebExtension Experiment behind `browser.phishcheckBar`
 * (schema.json). It runs with Thunderbird's own privileges, so it is kept to one
 * job: put one notification in the message pane's notification box, the box
 * Thunderbird draws its junk, scam and remote-content bars in. That box belongs
 * to about:message, not to the message document: the message's HTML and CSS
 * cannot restyle, cover or move it.
 *
 * Where about:message is, from a tab (checked on Thunderbird 140 and 153):
 *   mail tab       nativeTab.chromeBrowser → about:3pane → #messageBrowser → about:message
 *   message tab    nativeTab.chromeBrowser → about:message
 *   message window nativeTab.messageBrowser → about:message
 * Thunderbird clears the box itself when the next message starts loading; the
 * add-on draws after `messageDisplay.onMessagesDisplayed`, and `show` refuses
 * to draw when the tab has moved on to another message meanwhile.
 *
 * The bar's button opens the add-on's "Check this email" popup on the message's
 * own toolbar button; when that button was removed from the toolbar, the same
 * page opens in a tab. Only text is passed in (never markup). */

"use strict";
// @ts-check (the Thunderbird internals used here: types/experiment.d.ts)
/** @import { BarView } from "../../types/messages" */
/** @typedef {Experiment.AboutMessage} AboutMessage */

/* global ExtensionCommon, ChromeUtils, Services */

const { ExtensionParent } = ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs");

/** The notification's value in the box: ours to find, replace and remove. */
const BAR_VALUE = "phishcheck-verdict";

/**
 * Level → the box's priority (its colour: critical is red, warning amber, info neutral).
 * @type {Record<BarView["level"], "PRIORITY_CRITICAL_HIGH" | "PRIORITY_WARNING_HIGH" | "PRIORITY_WARNING_LOW" | "PRIORITY_INFO_LOW">}
 */
const PRIORITY = {
  dangerous: "PRIORITY_CRITICAL_HIGH",
  suspicious: "PRIORITY_WARNING_HIGH",
  error: "PRIORITY_WARNING_LOW",
  safe: "PRIORITY_INFO_LOW",
  checking: "PRIORITY_INFO_LOW",
};

/**
 * The about:message window of a tab, or null (a tab showing no message pane).
 * @param {Experiment.NativeTab} nativeTab
 * @returns {AboutMessage|null}
 */
function aboutMessageOf(nativeTab) {
  if (nativeTab.chromeBrowser) {
    const inner = nativeTab.chromeBrowser.contentWindow;
    if (!inner) return null;
    if (inner.location?.href?.startsWith("about:message")) return /** @type {AboutMessage} */ (inner);
    // about:3pane: its <browser id="messageBrowser"> holds about:message.
    const pane = /** @type {{contentWindow: AboutMessage|null}|null} */ (inner.document?.getElementById("messageBrowser"));
    return pane?.contentWindow ?? null;
  }
  return nativeTab.messageBrowser?.contentWindow ?? null;
}

/**
 * Does this about:message window show that message header?
 * @param {AboutMessage|null} win
 * @param {Experiment.MsgHdr|null} hdr
 */
function shows(win, hdr) {
  const shown = win?.gMessage;
  if (!shown || !hdr) return false;
  return shown.messageKey === hdr.messageKey && shown.folder?.URI === hdr.folder?.URI;
}

/**
 * Every about:message window that is open (for the clean-up when the add-on stops).
 * @returns {Generator<AboutMessage>}
 */
function* allAboutMessages() {
  for (const win of Services.wm.getEnumerator(null)) {
    for (const bc of win.browsingContext?.getAllBrowsingContextsInSubtree() ?? []) {
      if (bc.currentURI?.spec?.startsWith("about:message") && bc.window) yield bc.window;
    }
  }
}

/** @param {AboutMessage} win */
function ourBars(win) {
  const box = win.gMessageNotificationBar?.msgNotificationBar;
  return box ? box.allNotifications.filter((n) => n.getAttribute("value") === BAR_VALUE) : [];
}

/** One drawing at a time per window, so "checking" and the verdict never race. */
/** @type {WeakMap<AboutMessage, Promise<unknown>>} */
const queues = new WeakMap();
/**
 * @template T
 * @param {AboutMessage} win
 * @param {() => T | Promise<T>} job
 * @returns {Promise<T>}
 */
function serial(win, job) {
  const next = (queues.get(win) ?? Promise.resolve()).then(job, job);
  queues.set(win, next.catch(() => {}));
  return next;
}

// @ts-expect-error -- `this` is the experiment script's own scope, where Thunderbird
// looks for the API class (a module-checked file has no `this` at its top level).
this.phishcheckBar = class extends ExtensionCommon.ExtensionAPI {
  /** Loaded with the add-on ("events": ["startup"]), so the first bar does not wait for this script. */
  onStartup() {}

  /** @param {boolean} isAppShutdown */
  onShutdown(isAppShutdown) {
    if (isAppShutdown) return;
    for (const win of allAboutMessages()) {
      for (const bar of ourBars(win)) bar.remove();
    }
  }

  /** @param {Experiment.Context} context */
  getAPI(context) {
    const { extension } = context;

    /**
     * The tab's about:message, or null when the tab id is not valid (closed).
     * @param {number} tabId
     */
    const windowOf = (tabId) => {
      try {
        return aboutMessageOf(extension.tabManager.get(tabId).nativeTab);
      } catch {
        return null;
      }
    };

    /**
     * The button: the popup on the toolbar button, else the same page in a tab.
     * @param {AboutMessage} win
     * @param {number} tabId
     */
    const openDetails = async (win, tabId) => {
      const action = ExtensionParent.apiManager.global.messageDisplayActionFor?.(extension);
      if (action && (await action.triggerAction(win))) return;
      const url = extension.baseURI.resolve(`popup/popup.html?tab=${tabId}`);
      Services.wm.getMostRecentWindow("mail:3pane")?.openContentTab(url);
    };

    /**
     * @param {AboutMessage} win
     * @param {number} tabId
     * @param {browser.phishcheckBar.Bar} bar
     */
    const draw = async (win, tabId, bar) => {
      const box = win.gMessageNotificationBar.msgNotificationBar;
      const buttons = bar.detailsLabel ? [{
        label: bar.detailsLabel,
        callback: () => {
          openDetails(win, tabId).catch((e) => console.warn(`phishcheck: details: ${e}`));
          return true; // keep the bar
        },
      }] : [];
      const old = ourBars(win);
      const notification = await box.appendNotification(BAR_VALUE,
        { label: bar.label, priority: box[PRIORITY[bar.level]] }, buttons);
      notification.setAttribute("phishcheck-level", bar.level);
      for (const stale of old) box.removeNotification(stale, true);
    };

    return {
      phishcheckBar: {
        /**
         * @param {number} tabId
         * @param {number} messageId
         * @param {browser.phishcheckBar.Bar} bar
         */
        async show(tabId, messageId, bar) {
          const win = windowOf(tabId);
          const hdr = extension.messageManager.get(messageId);
          if (!win || !shows(win, hdr)) return false;
          return serial(win, async () => {
            if (!shows(win, hdr)) return false; // moved on while an earlier drawing ran
            await draw(win, tabId, bar);
            return true;
          });
        },

        /** @param {number} tabId */
        async clear(tabId) {
          const win = windowOf(tabId);
          if (!win) return;
          await serial(win, () => {
            for (const bar of ourBars(win)) win.gMessageNotificationBar.msgNotificationBar.removeNotification(bar, true);
          });
        },
      },
    };
  }
};
