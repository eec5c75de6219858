// lang.js — which report language to ask the host for.
// The host has one catalogue in English and Japanese; everything that is not
// Japanese gets English.
// @ts-check

/**
 * Map a UI language tag (browser.i18n.getUILanguage()) to the host's `lang`.
 * @param {string} uiLanguage e.g. "ja", "ja-JP", "en-US", "de"
 * @returns {"ja"|"en"}
 */
export function hostLang(uiLanguage) {
  return /^ja\b/i.test(String(uiLanguage || "")) ? "ja" : "en";
}
