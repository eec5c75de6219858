// report-dom.js — draws a view (lib/report-view.js) as DOM: the headline, the
// flags with their evidence, and the action buttons. Shared by the banner
// (content/banner.js) and the popup (popup/popup.js). Classic script; text is
// always set with textContent, never parsed as HTML (reports quote mail content).

// @ts-check
/** @import { View, ActionRequest, ConfirmWhat, UiMessage, OrganisationView } from "../types/messages" */
/** @import { Severity } from "../types/protocol" */

/**
 * One action button: a request to the background (with the view's message
 * ids added), or text to copy; `done` is the `_locales` key said afterwards.
 * @typedef {{label: string, request?: ActionRequest, copy?: string,
 *   done?: string, primary?: boolean, reply?: boolean, changesVerdict?: boolean}} Action
 */

var PhishcheckDom = {
  /**
   * Create an element: el("div", {class: "x"}, "text", child...).
   * @param {string} tag
   * @param {Record<string, string>} [attrs]
   * @param {...(Node|string|null|undefined)} children null and undefined are left out
   */
  el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  },

  /**
   * The message of whatever was thrown (as lib/errors.js, for classic scripts).
   * @param {unknown} e
   */
  errorText(e) {
    return e && typeof e === "object" && "message" in e ? String(e.message) : String(e);
  },

  /**
   * "Dangerous", "Suspicious", "Safe", "Your decision" or "Not checked".
   * @param {Pick<View, "level">} view
   */
  levelLabel(view) {
    const name = view.level.charAt(0).toUpperCase() + view.level.slice(1);
    return PhishcheckI18n.t(`level${name}`);
  },

  /**
   * The one line that says why (the user's own decision says so).
   * @param {View} view
   */
  headline(view) {
    const t = PhishcheckI18n.t;
    if (view.kind === "error") return t(view.messageKey);
    if (view.decision === "dismissed") return t("dismissedLine");
    if (view.decision === "trusted") return t("trustedByYouLine", [view.trustedEntries.join(", ")]);
    if (view.level === "safe") return t("safeLine", [view.summary]);
    return view.summary;
  },

  /**
   * The organisation's verdict, labelled as such, beside this computer's own:
   * what the organisation's phishcheck gateway judged when the mail arrived.
   * null when the report has none (no gateway named, or no trusted line).
   * @param {{organisation: OrganisationView|null}} view a report view
   */
  organisationBox(view) {
    const org = view.organisation;
    if (!org) return null;
    const { el } = PhishcheckDom;
    const t = PhishcheckI18n.t;
    const word = (/** @type {string} */ level) => t(`level${level.charAt(0).toUpperCase()}${level.slice(1)}`);
    return el("div", { class: `pc-org pc-org-${org.verdict}`, "data-org-verdict": org.verdict },
      el("div", { class: "pc-org-line" }, el("span", { class: "pc-org-name" }, t("orgVerdictLabel")),
        el("span", { class: "pc-org-level" }, word(org.verdict))),
      el("div", { class: "pc-detail" }, t("orgVerdictDetail", [org.server, String(org.score ?? "?")])),
      org.localVerdict ? el("div", { class: "pc-detail pc-local-line" }, t("localVerdictLine", [word(org.localVerdict)])) : null);
  },

  /**
   * "High", "Medium" ... in the user's language.
   * @param {Severity} severity
   */
  severityLabel(severity) {
    return PhishcheckI18n.t(`sev${severity.charAt(0).toUpperCase()}${severity.slice(1)}`);
  },

  /**
   * Every flag: title, detail and labelled evidence (the real link target, ...).
   * The flag that is already the headline shows only its explanation.
   * @param {View} view
   */
  flagList(view) {
    const { el } = PhishcheckDom;
    const t = PhishcheckI18n.t;
    if (view.kind === "error") {
      const admin = ["host_missing", "host_failed"].includes(view.code);
      return el("div", {}, admin ? el("p", { class: "pc-detail" }, t("hostAdminHelp")) : null,
        el("p", { class: "pc-detail" }, t("errorDetail", [view.detail])));
    }
    if (view.flags.length === 0) return el("p", { class: "pc-detail" }, t("noFlags"));
    const list = el("ol", { class: "pc-flags" });
    view.flags.forEach((flag, i) => {
      const evidence = el("dl", { class: "pc-evidence" });
      for (const { label, value } of flag.evidence) evidence.append(el("dt", {}, label), el("dd", {}, value));
      const lead = i === 0 && flag.title === view.summary && view.level !== "safe" && !view.decision;
      const title = el("div", { class: "pc-flag-title" },
        el("span", { class: "pc-sev" }, PhishcheckDom.severityLabel(flag.severity)), " ",
        lead ? t("leadFlagTitle") : flag.title);
      list.append(el("li", { class: `pc-flag pc-sev-${flag.severity}${lead ? " pc-lead" : ""}`, "data-flag": flag.id },
        title,
        flag.detail ? el("div", { class: "pc-flag-detail" }, flag.detail) : null,
        flag.evidence.length ? evidence : null));
    });
    const omitted = view.flagsOmitted ? el("p", { class: "pc-detail" }, t("flagsOmitted", [view.flagsOmitted])) : null;
    return el("div", {}, list, omitted);
  },

  /**
   * The actions that make sense for this view: [{label, request | copy, primary?}].
   * On suspicious and dangerous mail the safe actions (Junk, Delete) come first;
   * trusting the sender or "not phishing" ask for confirmation in a window of
   * their own (action.confirm), which names exactly what will be trusted.
   * @param {View} view
   * @returns {Action[]}
   */
  actions(view) {
    const t = PhishcheckI18n.t;
    if (view.kind === "error") {
      return [{ label: t("actionCopy"), copy: `${view.code}: ${view.detail}` }];
    }
    /** @type {Action[]} */
    const list = [];
    /** @type {(what: ConfirmWhat, entry: string) => ActionRequest} */
    const confirm = (what, entry) => ({ type: "action.confirm", what, entry, subject: view.subject,
      from: view.sender?.address ?? "" });
    if (view.decision === "dismissed") {
      list.push({ label: t("actionUndo"), request: { type: "action.notPhishing", on: false },
        done: "doneUndo", changesVerdict: true, primary: true });
    } else if (view.decision === "trusted") {
      list.push({ label: t("actionUndo"), request: { type: "action.untrust", entries: view.trustedEntries },
        done: "doneUndo", changesVerdict: true, primary: true });
    } else if (view.level !== "safe") {
      list.push({ label: t("actionJunk"), request: { type: "action.junk" }, done: "doneJunk", primary: true,
        reply: true });
      list.push({ label: t("actionDelete"), request: { type: "action.delete" }, done: "doneDelete", primary: true });
      list.push({ label: t("actionNotPhishing"), request: confirm("notPhishing", "") });
      if (view.sender && !view.trustedSender) {
        list.push({ label: t("actionTrustAddress", [view.sender.address]),
          request: confirm("trust", view.sender.address) });
        list.push({ label: t("actionTrustDomain", [view.sender.domain]),
          request: confirm("trust", view.sender.domain) });
      }
    }
    list.push({ label: t("actionCopy"), copy: view.copyText, done: "doneCopy" });
    return list;
  },

  /**
   * Run one action for the view's message; reports the outcome with `say(text)`.
   * @param {View} view
   * @param {Action} action
   * @param {(text: string) => void} say
   * @returns {Promise<boolean>} true when it worked
   */
  async runAction(view, action, say) {
    const t = PhishcheckI18n.t;
    try {
      if (action.copy !== undefined) {
        await navigator.clipboard.writeText(action.copy);
      } else {
        // Only a report view (its message ids known) has actions with a request.
        const request = /** @type {UiMessage} */ ({ ...action.request, messageId: view.messageId,
          headerMessageId: view.headerMessageId });
        const answer = await browser.runtime.sendMessage(request);
        // Move to Junk says exactly what happened (moved, folder created, or why it stayed).
        if (action.reply && answer && typeof answer === "object" && "key" in answer && answer.key) {
          say(t(answer.key, answer.args || []));
          return true;
        }
      }
      if (action.done) say(t(action.done));
      return true;
    } catch (e) {
      say(t("actionFailed", [PhishcheckDom.errorText(e)]));
      return false;
    }
  },

  /**
   * A row of buttons for the view's actions.
   * @param {View} view
   * @param {(text: string) => void} say shows the outcome
   * @param {(action: Action, ok: boolean) => void} [after] called when one finished
   * @param {(action: Action) => unknown} [which] the actions to include (default all)
   */
  actionBar(view, say, after = () => {}, which = () => true) {
    const { el } = PhishcheckDom;
    const bar = el("div", { class: "pc-actions" });
    for (const action of PhishcheckDom.actions(view).filter(which)) {
      const button = el("button", { type: "button", class: action.primary ? "pc-button pc-primary" : "pc-button" },
        action.label);
      button.addEventListener("click", async () => after(action, await PhishcheckDom.runAction(view, action, say)));
      bar.append(button);
    }
    return bar;
  },
};

/** @typedef {typeof PhishcheckDom} Dom the global's type (types/globals.d.ts) */
