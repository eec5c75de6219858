// guard-scripts.mjs — chrome JavaScript (function bodies run through Marionette)
// for the link-guard and safe-action cases (guard-tests.mjs): click inside the
// message as a user would (real mouse events synthesized at the element's
// position, so the message's own CSS decides what is hit), press keys in the
// add-on's windows, and look at folders.

const PRELUDE = `
  const { MailServices } = ChromeUtils.importESModule("resource:///modules/MailServices.sys.mjs");
  const win = Services.wm.getMostRecentWindow("mail:3pane");
  const aboutMessage = win.gTabmail.currentAboutMessage;
  const pane = aboutMessage?.getMessagePaneBrowser();
  /**
   * A real mouse click (native button down + up through the X server) at the
   * centre of element el of the message: the message's CSS decides what is hit.
   */
  const clickAt = (el, button = 0) => {
    el.scrollIntoView({ block: "center" });
    const r = el.getBoundingClientRect();
    const view = el.ownerDocument.defaultView;
    return clickScreen(win, view.mozInnerScreenX + r.left + r.width / 2, view.mozInnerScreenY + r.top + r.height / 2,
      button, view.devicePixelRatio);
  };
  /** A native click at screen position (x, y) in CSS pixels, into top-level window w (GTK sends it to w's widget). */
  const clickScreen = (w, cssX, cssY, button = 0, scale = 1, phases = ["move", "press"]) => {
    const x = Math.round(cssX * scale), y = Math.round(cssY * scale);
    const u = w.windowUtils;
    const send = (message, b) => u.sendNativeMouseEvent(x, y, message, b, 0, w.document.documentElement, null);
    if (phases.includes("move")) send(u.NATIVE_MOUSE_MESSAGE_MOVE, 0);
    if (phases.includes("press")) {
      send(u.NATIVE_MOUSE_MESSAGE_BUTTON_DOWN, button);
      send(u.NATIVE_MOUSE_MESSAGE_BUTTON_UP, button);
    }
    return { x, y };
  };
  /** Our windows (guard, confirm): chrome windows whose browser shows a moz-extension page. */
  const addonWindows = (page) => [...Services.wm.getEnumerator(null)].filter((w) => {
    const b = w.document.querySelector("browser");
    return b?.currentURI?.spec.startsWith("moz-extension:") && b.currentURI.spec.includes(page);
  });
`;

/** Is the message shown in a remote (content-process) browser? */
export const paneInfo = `${PRELUDE}
  return { remote: Boolean(pane?.isRemoteBrowser), url: pane?.currentURI?.spec ?? null };`;

/** Click the first link of the message whose href contains arguments[0] (button arguments[1]). */
export const clickLink = `${PRELUDE}
  const doc = pane.contentDocument;
  const link = [...doc.querySelectorAll("a[href]")].find((a) => a.href.includes(arguments[0]));
  if (!link) return null;
  return clickAt(link, arguments[1] ?? 0);`;

/** Click the banner button whose text contains arguments[0] (the banner's shadow root is closed to the page, not to us). */
export const clickBannerButton = `${PRELUDE}
  const host = pane.contentDocument.querySelector("phishcheck-banner");
  const root = host?.openOrClosedShadowRoot;
  if (!root) return null;
  const button = [...root.querySelectorAll("button")].find((b) => b.textContent.includes(arguments[0]));
  if (!button) return { buttons: [...root.querySelectorAll("button")].map((b) => b.textContent) };
  return clickAt(button);`;

/** How many of our windows showing page arguments[0] are open. */
export const countAddonWindows = `${PRELUDE}
  return addonWindows(arguments[0]).length;`;

/**
 * Move the mouse to (arguments[3] "move") or click at (arguments[3] "press")
 * (arguments[1], arguments[2]) — CSS pixels in the page — of our window
 * showing page arguments[0] (its pages are remote: they log where their
 * buttons are, and we click there as the user would).
 */
export const clickInAddonWindow = `${PRELUDE}
  const [w] = addonWindows(arguments[0]);
  if (!w) return false;
  w.focus();
  const b = w.document.querySelector("browser");
  const r = b.getBoundingClientRect();
  return clickScreen(w, w.mozInnerScreenX + r.left + arguments[1], w.mozInnerScreenY + r.top + arguments[2], 0,
    w.devicePixelRatio, [arguments[3]]);`;

/** The Local Folders folders: [{name, junk, count, junkScores}] (junk: the folder has the Junk flag). */
export const localFolders = `${PRELUDE}
  const root = MailServices.accounts.localFoldersServer.rootFolder;
  return [...root.subFolders].map((f) => ({ name: f.name,
    junk: f.getFlag(Ci.nsMsgFolderFlags.Junk), count: f.getTotalMessages(false),
    junkScores: f.name === "Junk" ? [...f.messages].map((h) => h.getStringProperty("junkscore")) : undefined }));`;

