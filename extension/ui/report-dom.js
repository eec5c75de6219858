// report-dom.js — draws a view (lib/report-view.js) as DOM: the headline, the
// flags with their evidence, and the action buttons. Shared by the banner
// (content/banner.js) and the popup (popup/popup.js). Classic script; text is
// always set with textContent, never parsed as HTML (reports quote mail content).

var PhishcheckDom = {
  /** Create an element: el("div", {class: "x"}, "text", child...). */
  el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  },

  /** "Dangerous", "Suspicious", "Safe" or "Not checked". */
  levelLabel(view) {
    const name = view.level.charAt(0).toUpperCase() + view.level.slice(1);
    return PhishcheckI18n.t(`level${name}`);
  },

  /** The one line that says why. */
  headline(view) {
    const t = PhishcheckI18n.t;
    if (view.kind === "error") return t(view.messageKey);
    if (view.dismissed) return t("dismissedLine");
    if (view.level === "safe") return t("safeLine", [view.summary]);
    return view.summary;
  },

  /** Every flag: title, detail and evidence values (the real link target, ...). */
  flagList(view) {
    const { el } = PhishcheckDom;
    const t = PhishcheckI18n.t;
    if (view.kind === "error") return el("p", { class: "pc-detail" }, t("errorDetail", [view.detail]));
    if (view.flags.length === 0) return el("p", { class: "pc-detail" }, t("noFlags"));
    const list = el("ol", { class: "pc-flags" });
    for (const flag of view.flags) {
      const evidence = el("dl", { class: "pc-evidence" });
      for (const { key, value } of flag.evidence) evidence.append(el("dt", {}, key), el("dd", {}, value));
      list.append(el("li", { class: `pc-flag pc-sev-${flag.severity}`, "data-flag": flag.id },
        el("div", { class: "pc-flag-title" },
          el("span", { class: "pc-sev" }, flag.severity), " ", flag.title),
        flag.detail ? el("div", { class: "pc-flag-detail" }, flag.detail) : null,
        flag.evidence.length ? evidence : null));
    }
    const omitted = view.flagsOmitted ? el("p", { class: "pc-detail" }, t("flagsOmitted", [view.flagsOmitted])) : null;
    return el("div", {}, list, omitted);
  },

  /** The actions that make sense for this view: [{label, request | copy}]. */
  actions(view) {
    const t = PhishcheckI18n.t;
    if (view.kind === "error") {
      return [{ label: t("actionCopy"), copy: `${view.code}: ${view.detail}` }];
    }
    const list = [];
    if (view.dismissed) {
      list.push({ label: t("actionUndoNotPhishing"), request: { type: "action.notPhishing", on: false },
        changesVerdict: true });
    } else if (view.level !== "safe") {
      list.push({ label: t("actionJunk"), request: { type: "action.junk" }, done: "doneJunk" });
      list.push({ label: t("actionDelete"), request: { type: "action.delete" }, done: "doneDelete" });
      if (view.sender && !view.trustedSender) {
        list.push({ label: t("actionTrustAddress", [view.sender.address]),
          request: { type: "action.trust", entry: view.sender.address }, done: "doneTrust", changesVerdict: true });
        list.push({ label: t("actionTrustDomain", [view.sender.domain]),
          request: { type: "action.trust", entry: view.sender.domain }, done: "doneTrust", changesVerdict: true });
      }
      list.push({ label: t("actionNotPhishing"), request: { type: "action.notPhishing", on: true },
        changesVerdict: true });
    }
    list.push({ label: t("actionCopy"), copy: view.copyText, done: "doneCopy" });
    return list;
  },

  /**
   * Run one action for the view's message; reports the outcome with `say(text)`.
   * @returns {Promise<boolean>} true when it worked
   */
  async runAction(view, action, say) {
    const t = PhishcheckI18n.t;
    try {
      if (action.copy !== undefined) {
        await navigator.clipboard.writeText(action.copy);
      } else {
        await browser.runtime.sendMessage({ ...action.request, messageId: view.messageId,
          headerMessageId: view.headerMessageId });
      }
      if (action.done) say(t(action.done));
      return true;
    } catch (e) {
      say(t("actionFailed", [e.message]));
      return false;
    }
  },

  /**
   * A row of buttons for the view's actions.
   * @param {(text: string) => void} say shows the outcome
   * @param {(action: object, ok: boolean) => void} [after] called when one finished
   */
  actionBar(view, say, after = () => {}) {
    const { el } = PhishcheckDom;
    const bar = el("div", { class: "pc-actions" });
    for (const action of PhishcheckDom.actions(view)) {
      const button = el("button", { type: "button", class: "pc-button" }, action.label);
      button.addEventListener("click", async () => after(action, await PhishcheckDom.runAction(view, action, say)));
      bar.append(button);
    }
    return bar;
  },
};
