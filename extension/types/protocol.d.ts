// protocol.d.ts — the native-messaging protocol between the add-on and the host
// `phishcheck` (docs/protocol.md is the reference): every request the add-on
// sends and every answer it reads, and the report. Types only (checked by
// `tsc --checkJs`, make ext-lint); never shipped in the .xpi. Fields the add-on
// never reads may be missing here; fields it reads are all here.

/** The report language (`options.lang`). */
export type Lang = "en" | "ja";
export type Verdict = "safe" | "suspicious" | "dangerous";
export type Severity = "info" | "low" | "medium" | "high" | "critical";

/** `options` of analyze and enrich (all optional on the wire). */
export interface AnalyzeOptions {
  lang: Lang;
  own_domains: string[];
  trusted_senders: string[];
  authserv_id?: string;
  /** The organisation's phishcheck gateway: its trusted verdict line becomes `organisation`. */
  gateway_id?: string;
  no_upstream?: boolean;
  recipient?: string;
  /** Consent to online look-ups (enrich only; analyze never looks anything up). */
  online?: boolean;
  online_budget_ms?: number;
}

/** What Thunderbird knows about the sender (docs/protocol.md, `context`). */
export interface SenderContext {
  from_in_address_book?: boolean;
  from_written_to?: boolean;
  from_earlier_messages?: number;
  contacts?: ContactHint[];
}

export interface ContactHint {
  name: string;
  emails: string[];
}

/** The middle of N long base64 attachment bodies was left out (lib/trim.js). */
export interface Cut {
  parts: number;
  bytes: number;
}

export interface VersionRequest {
  type: "version";
}

export interface AnalyzeRequest {
  type: "analyze";
  raw: string;
  encoding: "base64" | "binary";
  options: AnalyzeOptions;
  cut?: Cut;
  context?: SenderContext;
}

/** Same fields as analyze; sent only when online look-ups are allowed. */
export interface EnrichRequest extends Omit<AnalyzeRequest, "type"> {
  type: "enrich";
}

/** "Report phishing" to an HTTPS endpoint, posted by the host. */
export interface ReportRequest {
  type: "report";
  url: string;
  raw: string;
  encoding: "base64";
  token?: string;
  comment?: string;
  reporter?: string;
  options: { lang: Lang; own_domains: string[]; ca_file?: string };
}

export interface ReportTargetsRequest {
  type: "report_targets";
  brands: string[];
  national: "jp" | null;
}

/** A request as the add-on builds it; HostClient adds the `id`. */
export type HostRequest = VersionRequest | AnalyzeRequest | EnrichRequest | ReportRequest | ReportTargetsRequest;

/** The `ok: true` answer to each request type. */
export interface HostAnswers {
  version: { type: "version"; version: string; protocol: number };
  analyze: { type: "report"; report: Report };
  enrich: { type: "report"; report: Report };
  report: { type: "reported"; status: number; url: string };
  report_targets: { type: "report_targets"; targets: ReportTarget[] };
}

/** The answer HostClient.request resolves with for request `R`. */
export type HostAnswerTo<R extends HostRequest> = HostAnswers[R["type"]] & { id: number; ok: true };

/** What the host sends on the port: an answer, or an error (id null: the request was unreadable). */
export type HostFrame =
  | (HostAnswers[keyof HostAnswers] & { id: number; ok: true })
  | { id: number | null; ok: false; type: "error"; error: { code: string; message?: string; status?: number } };

export interface ReportTarget {
  kind: "brand" | "national-jp";
  name: string;
  address: string;
  source: string;
}

export interface Flag {
  id: string;
  severity: Severity;
  score: number;
  title: string;
  detail?: string;
  evidence?: Record<string, string>;
}

/** A host a reader can follow (links, image maps, forms). */
export interface ReportLink {
  host: string;
  unicode?: string;
  domain?: string;
  domain_unicode?: string;
  ip?: boolean;
}

export interface Report {
  version: string;
  verdict: Verdict;
  score: number;
  lang?: Lang;
  summary: string;
  flags: Flag[];
  flags_omitted?: number;
  display?: { labels?: Record<string, string>; values?: Record<string, string> };
  links?: ReportLink[];
  message: { from?: string; subject?: string; date?: string; message_id?: string };
  settings?: { own_domains: string[]; trusted_senders: string[]; authserv_id: string | null;
    upstream: boolean; trusted_sender: boolean; gateway_id?: string | null };
  /** The verdict the organisation's gateway wrote (only with gateway_id, from a trusted line). */
  organisation?: { server: string; verdict: Verdict; score: number | null; flags: string[];
    local_verdict: Verdict };
  timing?: { parse_ms: number; checks_ms: number; total_ms: number };
  limits?: { truncated: boolean; parse_errors: string[] };
  lookups?: { enabled: boolean; budget_ms?: number; elapsed_ms?: number };
}
