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
