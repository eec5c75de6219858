// messages.d.ts — every message between the add-on's background and its UI
// (banner and link-guard content scripts, popup, options, report dialog, scan
// window, guard and confirm windows), and the view models they carry. The
// background answers through one table (background/background.js `handlers`,
// typed `Handlers` below); pages send through a `send` typed `Send`, so a
// misspelt type, a missing field or a wrong reading of an answer fails
// `tsc --checkJs` (make ext-lint). The host protocol is in protocol.d.ts.
// Types only; never shipped in the .xpi.

import type { Report, ReportLink, ReportTarget, Severity, Verdict } from "./protocol";

// ---- settings (lib/settings.js, lib/report-settings.js) ----

export type AfterAction = "junk" | "trash" | "keep";

/** The merged values of every setting (defaults, the user's, the policy's). */
export interface Settings {
  auto_check: boolean;
  banner_levels: Verdict[];
  own_domains: string[];
  trusted_senders: string[];
  authserv_id: string;
  gateway_id: string;
  online: boolean;
  check_new_mail: boolean;
  junk_dangerous: boolean;
  contacts_context: boolean;
  report_emails: string[];
  report_url: string;
  report_token: string;
  report_ca_file: string;
  report_after: AfterAction;
  report_brand: boolean;
  report_antiphishing_jp: boolean;
}
export type SettingKey = keyof Settings;

/** lib/settings.js mergeSettings: values, and the keys an administrator's policy set. */
export interface MergedSettings {
  values: Settings;
  locked: SettingKey[];
}

export type SaveResult = { ok: true; value: unknown } | { ok: false; reason: "locked" | "invalid" };

// ---- views (lib/report-view.js) ----

/** "none", "line" (the quiet collapsed line for safe mail) or "full". */
export type BannerStyle = "none" | "line" | "full";

export interface EvidenceRow {
  key: string;
  label: string;
  value: string;
  raw: string;
}

export interface FlagView {
  id: string;
  severity: Severity;
  score: number;
  title: string;
  detail: string;
  evidence: EvidenceRow[];
}

export interface Sender {
  address: string;
  domain: string;
}

/** A report as the banner, popup, bar and button draw it. */
export interface ReportView {
  kind: "report";
  /** The verdict, or "decided" when the user's own decision ("not phishing", trusted) is shown. */
  level: Verdict | "decided";
  verdict: Verdict;
  decision: "dismissed" | "trusted" | null;
  dismissed: boolean;
  banner: BannerStyle;
  summary: string;
  score: number;
  flags: FlagView[];
  flagsOmitted: number;
  sender: Sender | null;
  subject: string;
  trustedSender: boolean;
  trustedEntries: string[];
  links: ReportLink[];
  organisation: OrganisationView | null;
}

/** The organisation's verdict beside this computer's (lib/report-view.js organisationView). */
export interface OrganisationView {
  server: string;
  verdict: Verdict;
  score: number | null;
  flags: string[];
  localVerdict: Verdict | null;
  /** The organisation's verdict is the worse one, so it is the one shown. */
  decided: boolean;
}

/** A failed check: always a banner; `messageKey` is the `_locales` key explaining `code`. */
export interface ErrorView {
  kind: "error";
  level: "error";
  code: string;
  banner: "full";
  messageKey: string;
  detail: string;
}

/** Which message a view is about (background/views.js). */
export interface MessageIds {
  messageId: number;
  headerMessageId: string;
}

/** What views.js hands to the UI: a report view with the ids and the "Copy report" text, or a failure. */
export type View = (ReportView & MessageIds & { copyText: string }) | (ErrorView & Partial<MessageIds>);

/** The outcome of a check (background/checker.js). */
export type CheckResult = { report: Report } | { error: { code: string; message: string } };

/** The toolbar button's look (lib/report-view.js badgeFor). */
export interface Badge {
  text: string;
  color: string | null;
  icon: string;
  titleKey: string;
}

/** Thunderbird's notification bar above the message (lib/bar-view.js). */
export type BarLevel = "checking" | "safe" | "suspicious" | "dangerous" | "error";
export interface BarView {
  level: BarLevel;
  labelKey: string;
  labelArgs: string[];
  details: boolean;
  /** The organisation's verdict after the line: a `_locales` key whose args are `_locales` keys. */
  note?: { key: string; args: string[] };
}

// ---- link guard, confirmations (lib/link-target.js, background/guard.js) ----

export interface LinkTarget {
  href: string;
  scheme: string;
  host: string;
  unicode: string;
  domain: string;
  domainUnicode: string;
  ip: boolean;
  /** The report listed this host (else host and domain are the URL's own). */
  listed: boolean;
}

/** guard/guard.html's data (in its URL's hash). */
export interface GuardWindowData extends LinkTarget {
  level: string;
  subject: string;
  reasons: string[];
}

export type ConfirmWhat = "trust" | "notPhishing";

/** guard/confirm.html's data (in its URL's hash). */
export interface ConfirmWindowData {
  what: ConfirmWhat;
  entry: string;
  messageId?: number;
  headerMessageId?: string;
  subject: string;
  from: string;
}

// ---- the rest the pages show ----

/** A "not phishing" decision as the options page lists it (lib/dismissed.js). */
export interface DismissedItem {
  key: string;
  from?: string;
  subject?: string;
  at?: string;
}

/** Move to Junk says what happened, as a `_locales` key with its substitutions. */
export interface JunkOutcome {
  key: string;
  args: string[];
}

/** A scan's progress (background/scan.js, scan/scan.js). */
export interface ScanProgress {
  id: number;
  source: "folder" | "selection" | "arrival";
  name: string | null;
  total: number | null;
  checked: number;
  failed: number;
  dangerous: number;
  suspicious: number;
  safe: number;
  finished: boolean;
  stopped: boolean;
}

/** Where a report can go (lib/report-mail.js reportDestinations). */
export interface Destination {
  key: string;
  kind: "email" | "url";
  to: string;
  origin: "user" | "policy" | ReportTarget["kind"];
  locked: boolean;
  checked: boolean;
  name?: string;
  source?: string;
}

/** What the report dialog shows before anything is sent (background/report.js). */
export interface ReportPreparation {
  message: { subject: string; author: string; date: Date | string; size: number };
  verdict: Verdict;
  summary: string;
  destinations: Destination[];
  after: AfterAction;
  afterLocked: boolean;
}

export interface SendResult {
  kind: Destination["kind"];
  to: string;
  ok: boolean;
  error?: string;
}

/** One row of the report log (lib/report-mail.js logEntry). */
export interface ReportLogEntry {
  when: string;
  headerMessageId: string | null;
  subject: string | null;
  from: string | null;
  verdict: Verdict | null;
  sent: SendResult[];
  after: AfterAction;
}

/**
 * What storage.local holds besides the settings (this add-on is its only writer):
 * the "not phishing" marks (lib/dismissed.js) and the report log (lib/report-mail.js).
 */
export interface LocalData {
  dismissed?: string[];
  dismissed_info?: Record<string, { from: string; subject: string; at: string }>;
  report_log?: ReportLogEntry[];
}

export type HostVersion = { version: string } | { error: { code: string; message: string } };

// ---- the messages ----

/** The fields every action button sends along (ui/report-dom.js runAction). */
type ActionIds = Partial<MessageIds>;

/**
 * UI → background (runtime.sendMessage): for each `type`, the message's other
 * fields (`req`) and what the handler returns (`res`; undefined arrives as null).
 */
export interface UiRequests {
  /** banner: the view of the message in its own tab (null: automatic checks off). */
  "view.displayed": { req: {}; res: View | null };
  /** popup: check the tab's message now. */
  "view.check": { req: { tabId: number }; res: View };
  "action.junk": { req: { messageId: number } & ActionIds; res: JunkOutcome };
  "action.delete": { req: { messageId: number } & ActionIds; res: void };
  /** Add an address or domain to the trusted senders. */
  "action.trust": { req: { entry: string } & ActionIds; res: void };
  /** Mark one message "not phishing" (on) or undo it. */
  "action.notPhishing": {
    req: { headerMessageId: string; on: boolean; about?: { from?: string; subject?: string } } & ActionIds;
    res: void;
  };
  /** Undo a trust decision. */
  "action.untrust": { req: { entries: string[] } & ActionIds; res: void };
  /** banner/popup: ask in a window of its own before "trust" or "notPhishing". */
  "action.confirm": {
    req: { what: ConfirmWhat; entry: string; subject: string; from: string } & ActionIds;
    res: { asked: true };
  };
  "dismissed.list": { req: {}; res: DismissedItem[] };
  /** link guard: stop links of this tab's message? null while its check runs. */
  "guard.state": { req: {}; res: { guard: boolean | null } };
  /** link guard: a link was followed; open it or show the guard window. */
  "guard.click": { req: { href: string }; res: { opened: boolean; guarded?: boolean } };
  /** guard window: the user chose "Continue" (refused from anywhere else: false). */
  "guard.open": { req: { href: string }; res: false | void };
  /** banner: its style sheet's text (a content script cannot fetch it). */
  "banner.css": { req: {}; res: string };
  "settings.get": { req: {}; res: MergedSettings };
  "settings.set": { req: { key: string; value: unknown }; res: SaveResult };
  "host.version": { req: {}; res: HostVersion };
  "scan.start": { req: { folderId: string }; res: ScanProgress };
  "scan.status": { req: { job: number | null }; res: ScanProgress | null };
  "scan.stop": { req: { job: number | null }; res: ScanProgress | null };
  /** popup/menu: open the report dialog for a message (or the one a tab shows). */
  "report.open": { req: { messageId?: number; tabId?: number }; res: { ok: true } | { ok: false; reason: string } };
  "report.prepare": { req: { messageId: number }; res: ReportPreparation };
  /** The user's Send click: the chosen destinations (locked ones always). */
  "report.send": { req: { messageId: number; keys: string[]; comment: string }; res: { results: SendResult[]; after: AfterAction } };
  "report.log": { req: {}; res: ReportLogEntry[] };
}

export type UiType = keyof UiRequests;
/** The message of type K as sent. */
export type UiMessageOf<K extends UiType> = { type: K } & UiRequests[K]["req"];
/** Any UI → background message. */
export type UiMessage = { [K in UiType]: UiMessageOf<K> }[UiType];
/** What the sender of a K message receives (the background answers null for nothing). */
export type UiReply<K extends UiType> = UiRequests[K]["res"] extends infer R ? (R extends void | undefined ? null : R) : never;

/** The background's table of handlers (background/background.js). */
export type Handlers = {
  [K in UiType]: (msg: UiMessageOf<K>, sender: browser.runtime.MessageSender) =>
    UiRequests[K]["res"] | Promise<UiRequests[K]["res"]>;
};

/** A page's or content script's `send`: runtime.sendMessage, typed by the message. */
export type Send = <M extends UiMessage>(msg: M) => Promise<UiReply<M["type"]>>;

/** An action button's request (ui/report-dom.js) before runAction adds the view's message ids. */
export type ActionRequest = { [K in UiType]: { type: K } & Omit<UiRequests[K]["req"], keyof MessageIds> }[UiType];

/**
 * Background → a tab's content scripts (tabs.sendMessage): ask again, something changed.
 * (guard.refresh is listened for by content/link-guard.js; nothing sends it today.)
 */
export type TabMessage = { type: "banner.refresh" } | { type: "guard.refresh" };

