// globals.d.ts — what the add-on's classic scripts share through the page's
// global scope (ui/i18n.js, ui/report-dom.js, content/banner-guard.js: each
// `var X = {...}`; the type is the script's own, exported as a typedef), and
// the few non-standard properties of `window` we read. tsconfig.json checks
// every file as a module (moduleDetection "force": the pages' top-level names
// do not clash), so these are declared here once.

declare var PhishcheckI18n: import("../ui/i18n.js").I18n;
declare var PhishcheckDom: import("../ui/report-dom.js").Dom;
declare var PhishcheckGuard: import("../content/banner-guard.js").BannerGuard | undefined;

interface Window {
  /** content/link-guard.js: injected once per message document. */
  __phishcheckLinkGuard?: boolean;
  /** Gecko: the page's position on the screen (report/report.js logs where its Send button is). */
  readonly mozInnerScreenX: number;
  readonly mozInnerScreenY: number;
}
