// i18n.js — the extension's own UI strings come from _locales/<lang>/messages.json
// (Thunderbird picks the language). Flag texts are not here: the host sends
// them already in the requested language. Classic script (no module), shared
// by the banner content script and the extension pages.
// @ts-check

// `var` so that injecting the script twice into one message does no harm.
var PhishcheckI18n = {
  /**
   * The UI string `key`, with $1... substitutions; the key itself if missing.
   * @param {string} key
   * @param {string | (string | number)[]} [substitutions]
   */
  t(key, substitutions) {
    return browser.i18n.getMessage(key, substitutions) || key;
  },

  /**
   * Fill every [data-i18n] element's text (and [data-i18n-title]) below `root`.
   * @param {ParentNode} root
   */
  fill(root) {
    for (const node of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll("[data-i18n]"))) {
      node.textContent = PhishcheckI18n.t(node.dataset.i18n ?? "");
    }
    for (const node of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll("[data-i18n-title]"))) {
      node.title = PhishcheckI18n.t(node.dataset.i18nTitle ?? "");
    }
  },
};

/** @typedef {typeof PhishcheckI18n} I18n the global's type (types/globals.d.ts) */
