// chrome-scripts.mjs — the few lines of Thunderbird chrome JavaScript the
// harness runs through Marionette (function bodies; `arguments` are the args).
// Everything the add-on does is observed from its console output instead.

const PRELUDE = `
  const { MailServices } = ChromeUtils.importESModule("resource:///modules/MailServices.sys.mjs");
  const win = Services.wm.getMostRecentWindow("mail:3pane");
  const about3Pane = win?.gTabmail?.currentAbout3Pane;
  const inbox = () => MailServices.accounts.localFoldersServer.rootFolder.getChildNamed("Inbox");
  const button = () => win.gTabmail.currentAboutMessage?.document
    .getElementById("phishcheck_phishcheck_org-messageDisplayAction-toolbarbutton");
`;

/** True once the main window and its folder pane are ready. */
export const isReady = `${PRELUDE}
  return Boolean(about3Pane && about3Pane.document.readyState === "complete" && about3Pane.threadTree);`;

/** Show the Local Folders Inbox (this also indexes the mbox); returns its row count. */
export const showInbox = `${PRELUDE}
  if (about3Pane.gFolder?.URI !== inbox().URI) about3Pane.displayFolder(inbox().URI);
  return about3Pane.gDBView ? about3Pane.gDBView.rowCount : -1;`;

/** Select (open in the message pane) the message with this Message-ID; returns its row. */
export const selectMessage = `${PRELUDE}
  const header = [...inbox().messages].find((h) => h.messageId === arguments[0]);
  if (!header) return -1;
  const row = about3Pane.gDBView.findIndexOfMsgHdr(header, true);
  about3Pane.threadTree.selectedIndex = row;
  return row;`;

/** The "Check this email" button's state: {label, badge, image} or null. */
export const buttonState = `${PRELUDE}
  const b = button();
  return b ? { label: b.getAttribute("label"), badge: b.getAttribute("badge"),
               image: b.style.listStyleImage || b.getAttribute("image") } : null;`;

/** Click "Check this email" as the user would. */
export const clickButton = `${PRELUDE}
  const b = button();
  if (!b) return false;
  b.click();
  return true;`;

/** Open the add-on's options page in a tab (for a screenshot). */
export const openOptions = `${PRELUDE}
  const url = WebExtensionPolicy.getByID("phishcheck@phishcheck.org").getURL("options/options.html");
  win.openContentTab(url);
  return url;`;

// ---- Thunderbird's notification bar above the message (extension/experiments/pane-bar) ----

const BAR = `
  const aboutMessage = about3Pane?.messageBrowser?.contentWindow ?? win.gTabmail.currentAboutMessage;
  const box = aboutMessage?.gMessageNotificationBar?.msgNotificationBar;
  const ourBar = () => box?.getNotificationWithValue("phishcheck-verdict") ?? null;
`;

/**
 * The add-on's bar in the current tab: its level, Thunderbird's type (colour),
 * label, buttons, whether it is visible and whether it is what one sees at its
 * centre (nothing covers it); null when there is none.
 */
export const paneBar = `${PRELUDE}${BAR}
  const n = ourBar();
  if (!n) return null;
  const r = n.getBoundingClientRect();
  const style = aboutMessage.getComputedStyle(n);
  const hit = aboutMessage.document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  const buttons = [...(n.buttonContainer?.children ?? [])].map((b) => b.label || b.textContent);
  return { level: n.getAttribute("phishcheck-level"), type: n.getAttribute("type"), label: n.message ?? "",
    buttons, messageId: aboutMessage.gMessage?.messageId ?? null,
    visible: r.width > 100 && r.height > 10 && style.visibility === "visible" && Number(style.opacity) > 0.95,
    onTop: Boolean(hit && (hit === n || n.contains(hit))),
    rect: [Math.round(r.left), Math.round(r.top), Math.round(r.width), Math.round(r.height)] };`;

/**
 * Select a message and time, in Thunderbird itself, when the bar first says
 * "checking" and when it shows a verdict for that message (ms after the
 * selection). Read the figures with barTiming.
 */
export const selectTimed = `${PRELUDE}${BAR}
  const header = [...inbox().messages].find((h) => h.messageId === arguments[0]);
  if (!header) return -1;
  win.__phishcheckTiming?.stop();
  const old = ourBar();
  const timing = { id: arguments[0], displayed: null, checking: null, verdict: null, level: null };
  const t0 = win.performance.now();
  // "displayed": Thunderbird has loaded the message (what messageDisplay.onMessagesDisplayed follows).
  const onLoaded = () => {
    if (aboutMessage.gMessage?.messageId === timing.id) timing.displayed ??= Math.round(win.performance.now() - t0);
  };
  aboutMessage.addEventListener("MsgsLoaded", onLoaded);
  const observer = new aboutMessage.MutationObserver(() => {
    const n = ourBar();
    if (!n || n === old || aboutMessage.gMessage?.messageId !== timing.id) return;
    const level = n.getAttribute("phishcheck-level");
    const ms = Math.round(win.performance.now() - t0);
    if (level === "checking") timing.checking ??= ms;
    else if (level) { timing.verdict = ms; timing.level = level; stop(); }
  });
  const stop = () => {
    observer.disconnect();
    aboutMessage.removeEventListener("MsgsLoaded", onLoaded);
  };
  observer.observe(aboutMessage.document, { subtree: true, childList: true, attributes: true,
    attributeFilter: ["phishcheck-level"] });
  win.__phishcheckTiming = { stop, timing };
  const row = about3Pane.gDBView.findIndexOfMsgHdr(header, true);
  about3Pane.threadTree.selectedIndex = row;
  return row;`;

/** The figures of the last selectTimed (ms after the selection): {id, displayed, checking, verdict, level}. */
export const barTiming = `${PRELUDE}
  return win.__phishcheckTiming?.timing ?? null;`;

/** Click the bar's first button ("Details…"). */
export const clickBarButton = `${PRELUDE}${BAR}
  const b = ourBar()?.buttonContainer?.children?.[0];
  if (!b || b.disabled) return false; // (the box holds buttons briefly against click-jacking)
  b.click();
  return true;`;
