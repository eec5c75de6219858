// report-options.js — the options of issue #12, in their own sections of the
// settings page: the sender's context, where "Report phishing" sends reports,
// what happens to the message afterwards, the optional brand and national
// destinations, and the log of reports sent (what, when, where). Settings an
// administrator set by policy are shown locked.

// @ts-check
/** @import { Send, SettingKey, ReportLogEntry } from "../types/messages" */

const { t } = PhishcheckI18n;
/** @type {Send} */
const send = (msg) => browser.runtime.sendMessage(msg);
const root = /** @type {HTMLElement} */ (document.getElementById("report_settings"));
/** @param {string} id an <input>, <textarea> or <select> of these sections */
const field = (id) => /** @type {HTMLInputElement} */ (root.querySelector(`#${id}`));

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Partial<HTMLElementTagNameMap[K]>} [props] set as properties
 * @param {...(Node|string)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/**
 * @param {string} key the setting the section is about (locked by policy as one)
 * @param {...(Node|string)} children
 */
function section(key, ...children) {
  const s = el("section", {}, ...children);
  s.dataset.key = key;
  return s;
}

/**
 * @param {string} key
 * @param {string} labelKey
 */
function checkbox(key, labelKey) {
  const box = el("input", { type: "checkbox", id: key });
  box.addEventListener("change", () => save(key, box.checked));
  return section(key, el("label", {}, box, ` ${t(labelKey)}`));
}

/**
 * @param {string} key
 * @param {string} labelKey
 * @param {string} helpKey
 * @param {number} [rows] a <textarea> of that many rows; 0: one-line <input>
 */
function textField(key, labelKey, helpKey, rows = 0) {
  const input = rows ? el("textarea", { id: key, rows, spellcheck: false }) : el("input", { type: "text", id: key, spellcheck: false });
  input.addEventListener("change", () => save(key, input.value));
  return section(key, el("label", { htmlFor: key }, t(labelKey)), input, el("p", { className: "note" }, t(helpKey)));
}

function afterField() {
  const select = el("select", { id: "report_after" },
    .../** @type {const} */ (["junk", "trash", "keep"]).map((v) => el("option", { value: v },
      t({ junk: "optReportAfterJunk", trash: "optReportAfterTrash", keep: "optReportAfterKeep" }[v]))));
  select.addEventListener("change", () => save("report_after", select.value));
  return section("report_after", el("label", { htmlFor: "report_after" }, t("optReportAfter")), select);
}

/**
 * @param {string} key
 * @param {unknown} value
 */
async function save(key, value) {
  const result = await send({ type: "settings.set", key, value });
  /** @type {HTMLElement} */ (document.getElementById("status")).textContent = result.ok ? t("optSaved")
    : result.reason === "locked" ? t("optLocked") : t("optInvalid", [String(value)]);
  await load();
}

/** @param {ReportLogEntry[]} log */
function logList(log) {
  if (!log.length) return el("p", { className: "note" }, t("optReportLogNone"));
  return el("ul", { id: "report_log" }, ...log.slice(0, 20).map((e) => el("li", {},
    t("optReportLogEntry", [new Date(e.when).toLocaleString(), e.subject || "", e.sent.map((s) => `${s.to} ${s.ok ? "✓" : "✗"}`).join(", ")]))));
}

async function load() {
  const [{ values, locked }, log] = await Promise.all([send({ type: "settings.get" }), send({ type: "report.log" })]);
  for (const key of /** @type {const} */ (["contacts_context", "report_brand", "report_antiphishing_jp"])) {
    field(key).checked = values[key];
  }
  field("report_emails").value = values.report_emails.join("\n");
  field("report_url").value = values.report_url;
  field("report_after").value = values.report_after;
  for (const s of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll("section[data-key]"))) {
    const isLocked = locked.some((key) => key === s.dataset.key);
    s.classList.toggle("locked", isLocked);
    for (const input of /** @type {NodeListOf<HTMLInputElement>} */ (s.querySelectorAll("input, textarea, select"))) input.disabled = isLocked;
    s.querySelector(".lock-note")?.remove();
    if (isLocked) s.append(el("p", { className: "note lock-note" }, t("optLocked")));
  }
  /** @type {HTMLElement} */ (root.querySelector("#report_log_box")).replaceChildren(logList(log));
}

root.append(
  checkbox("contacts_context", "optContactsContext"),
  el("h2", {}, t("optReportHeading")),
  textField("report_emails", "optReportEmails", "optReportEmailsHelp", 2),
  textField("report_url", "optReportUrl", "optReportUrlHelp"),
  afterField(),
  checkbox("report_brand", "optReportBrand"),
  checkbox("report_antiphishing_jp", "optReportAntiphishingJp"),
  section("report_log", el("p", {}, el("strong", {}, t("optReportLog"))), el("div", { id: "report_log_box" })),
);
load().then(() => {
  const locked = [.../** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll("section.locked"))].map((s) => s.dataset.key);
  console.info(`phishcheck-report-options ${JSON.stringify({ locked })}`);
});
