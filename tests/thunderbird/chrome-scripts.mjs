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
  const aboutMessage = arguments[0] === "window"
    ? Services.wm.getMostRecentWindow("mail:messageWindow")?.messageBrowser?.contentWindow
    : about3Pane?.messageBrowser?.contentWindow ?? win.gTabmail.currentAboutMessage;
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

// ---- new mail, tags and folder scans (background/scan.js) ----

/** Deliver a message file into a Local Folders folder as new mail (what a fetch does). */
export const deliverMessage = `${PRELUDE}
  const { FileUtils } = ChromeUtils.importESModule("resource://gre/modules/FileUtils.sys.mjs");
  const root = MailServices.accounts.localFoldersServer.rootFolder;
  const folder = root.getChildNamed(arguments[1] || "Inbox");
  MailServices.copy.copyFileMessage(new FileUtils.File(arguments[0]), folder, null, false,
    Ci.nsMsgMessageFlags.New, "", null, null);
  return folder.URI;`;

/** A message's tag keys and folder, by Message-ID, in any Local Folders folder: {folder, keywords, junk}. */
export const messageState = `${PRELUDE}
  const root = MailServices.accounts.localFoldersServer.rootFolder;
  for (const folder of root.descendants) {
    let header;
    try { header = [...folder.messages].find((h) => h.messageId === arguments[0]); } catch { continue; }
    if (header) return { folder: folder.name, keywords: header.getStringProperty("keywords"),
      junk: header.getStringProperty("junkscore") };
  }
  return null;`;

/** Make a Junk folder in Local Folders (the test profile has none). */
export const makeJunkFolder = `${PRELUDE}
  const root = MailServices.accounts.localFoldersServer.rootFolder;
  if (!root.containsChildNamed("Junk")) root.createSubfolder("Junk", null);
  const junk = root.getChildNamed("Junk");
  junk.setFlag(Ci.nsMsgFolderFlags.Junk);
  return junk.URI;`;

/** Open the add-on's scan window for the Inbox, as the folder pane's context menu does (in a tab). */
export const scanInbox = `${PRELUDE}
  const policy = WebExtensionPolicy.getByID("phishcheck@phishcheck.org");
  const id = policy.extension.folderManager.convert(inbox()).id;
  win.openContentTab(policy.getURL("scan/scan.html?folder=" + encodeURIComponent(id)));
  return id;`;

/** The add-on's context-menu items Thunderbird knows: their ids. */
export const menuItems = `${PRELUDE}
  const { ExtensionParent } = ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs");
  const ext = WebExtensionPolicy.getByID("phishcheck@phishcheck.org").extension;
  const menus = ExtensionParent.apiManager.global.gMenuMap?.get(ext);
  return menus ? [...menus.keys()].map(String) : null;`;

/** Close the current tab when it is not the mail tab (back to the folder and message list). */
export const closeContentTab = `${PRELUDE}
  const tabmail = win.gTabmail;
  if (tabmail.currentTabInfo.mode.name !== "mail3PaneTab") tabmail.closeTab(tabmail.currentTabInfo);
  return tabmail.currentTabInfo.mode.name;`;

/** Open a message (by Message-ID) in a message tab ("tab") or a message window ("window"). */
export const openMessageElsewhere = `${PRELUDE}
  const header = [...inbox().messages].find((h) => h.messageId === arguments[0]);
  if (!header) return null;
  if (arguments[1] === "window") {
    win.openDialog("chrome://messenger/content/messageWindow.xhtml", "_blank",
      "all,chrome,dialog=no,status,toolbar", header);
  } else {
    win.gTabmail.openTab("mailMessageTab", { messageURI: header.folder.getUriForMsg(header), background: false });
  }
  return arguments[1];`;

/** Close the message window opened by openMessageElsewhere. */
export const closeMessageWindow = `
  const w = Services.wm.getMostRecentWindow("mail:messageWindow");
  if (w) w.close();
  return Boolean(w);`;
