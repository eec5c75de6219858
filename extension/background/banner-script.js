// banner-script.js — registers the banner content script for every message
// display (scripting.messageDisplay); on install it is also injected into
// messages that are already open, since a registration only applies to
// messages opened after it.

// @ts-check

/** @type {browser.scripting.messageDisplay.RegisteredScript & {js: string[]}} */
const SCRIPT = {
  id: "phishcheck-banner",
  js: ["ui/i18n.js", "ui/report-dom.js", "content/banner-guard.js", "content/banner.js"],
  runAt: "document_end",
};

/** Register the banner script unless it is registered already. */
export async function ensureBannerScript() {
  const api = browser.scripting.messageDisplay;
  // (Asking for an id that is not registered logs an error: list them all.)
  const existing = await api.getRegisteredScripts();
  if (!existing.some((script) => script.id === SCRIPT.id)) await api.registerScripts([SCRIPT]);
}

/** Draw the banner in messages opened before the add-on was installed. */
async function injectIntoOpenMessages() {
  const tabs = await browser.tabs.query({});
  for (const tab of tabs) {
    if (tab.type !== "mail" && tab.type !== "messageDisplay") continue;
    browser.scripting
      .executeScript({ target: { tabId: tab.id }, files: SCRIPT.js })
      .catch(() => {}); // a tab without a message has nothing to draw on
  }
}

browser.runtime.onInstalled.addListener(injectIntoOpenMessages);
