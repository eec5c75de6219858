// link-guard.js — content script in every displayed message: stops a click on
// a link of suspicious or dangerous mail before Thunderbird follows it, and
// hands the link to the background, which shows where it really goes in a
// window of its own (background/guard.js). Nothing is drawn in the message:
// the document is the attacker's.
//
// Listeners are on the window, in the capture phase, registered at
// document_start: they run before anything of the message's document.
// Messages cannot run scripts in Thunderbird, only CSS; what CSS can do is
// covered: pointer-events or overlays only change WHICH element is clicked
// (whatever link ends up clicked is caught), <area> of image maps, SVG links,
// form submission, keyboard Enter (a click event), middle click (its mouseup),
// and the context menu on a link (its "Open link" would bypass us: the guard
// shows instead). While a button is down on a link, its href is taken off for
// a moment (disarm), so Thunderbird's own click handling finds nothing to
// follow even where a content script cannot cancel it. Safe mail is not touched.
// @ts-check

(() => {
  if (window.__phishcheckLinkGuard) return;
  window.__phishcheckLinkGuard = true;

  /** @type {boolean|null} true: stop links; false: let them go; null: the check is still running (stop, the background waits). */
  let guard = null;

  async function refresh() {
    try {
      guard = (await browser.runtime.sendMessage({ type: "guard.state" }))?.guard ?? null;
    } catch {
      guard = null;
    }
  }

  const XLINK = "http://www.w3.org/1999/xlink";
  /** @type {Map<Element, string>} Links disarmed while a button is down: element → its href (see disarm). */
  const disarmed = new Map();

  /**
   * The href as written (also while disarmed), or null.
   * @param {Element} node
   * @returns {string|null}
   */
  function rawHref(node) {
    const kept = disarmed.get(node);
    if (kept !== undefined) return kept;
    return node.getAttribute("href") ?? node.getAttributeNS(XLINK, "href");
  }

  /**
   * Take the href off a link for a moment: Thunderbird's own handlers (some
   * run in a group a content script cannot stop, e.g. the middle click) then
   * see no link to follow. It is put back once the click is over.
   * @param {Element} node
   */
  function disarm(node) {
    if (disarmed.has(node)) return;
    const raw = rawHref(node);
    if (raw === null) return;
    disarmed.set(node, raw);
    node.removeAttribute("href");
    node.removeAttributeNS(XLINK, "href");
    setTimeout(() => {
      node.setAttribute("href", raw);
      disarmed.delete(node);
    }, 800);
  }

  /**
   * The URL a link element leads to (HTML <a>/<area>, SVG <a>), or null.
   * @param {EventTarget} node
   */
  function hrefOf(node) {
    if (!(node instanceof Element)) return null;
    const local = node.localName;
    if (local !== "a" && local !== "area") return null;
    const raw = rawHref(node);
    if (raw === null) return null;
    try {
      return new URL(raw, document.baseURI).href;
    } catch {
      return raw;
    }
  }

  /**
   * The innermost link on the event's path, or null.
   * @param {Event} event
   * @returns {{href: string, raw: string, node: Element}|null}
   */
  function linkOf(event) {
    for (const node of event.composedPath()) {
      const href = hrefOf(node);
      if (href === null) continue;
      const link = /** @type {Element} */ (node); // hrefOf answers for elements only
      return { href, raw: rawHref(link) ?? "", node: link };
    }
    return null;
  }

  /**
   * Links a guard lets through: in-message anchors and mail addresses.
   * @param {{raw: string}} link
   */
  function passes(link) {
    const raw = link.raw.trim();
    return raw.startsWith("#") || /^(mailto|news|snews|nntp|mid|cid):/i.test(raw);
  }

  /**
   * @param {Event} event
   * @param {string} href
   */
  function stop(event, href) {
    event.preventDefault();
    event.stopImmediatePropagation();
    browser.runtime.sendMessage({ type: "guard.click", href }).catch(() => {});
  }

  /** @param {MouseEvent} event */
  function onClick(event) {
    if (guard === false) return;
    if (event.button !== 0) return;
    const link = linkOf(event);
    if (link && !passes(link)) stop(event, link.href);
  }

  /** Any button pressed on a link: disarm it, so only our listeners can act on it. */
  /** @param {MouseEvent} event */
  function onMouseDown(event) {
    if (guard === false) return;
    const link = linkOf(event);
    if (link && !passes(link)) disarm(link.node);
  }

  /** The middle button: Gecko sends no auxclick to content here, so act on its release. */
  /** @param {MouseEvent} event */
  function onMouseUp(event) {
    if (guard === false || event.button !== 1) return;
    const link = linkOf(event);
    if (link && !passes(link)) stop(event, link.href);
  }

  /** Enter on a focused link (keyboard users): stopped before it becomes a click. */
  /** @param {KeyboardEvent} event */
  function onKeyDown(event) {
    if (guard === false || event.key !== "Enter") return;
    const link = linkOf(event);
    if (link && !passes(link)) {
      stop(event, link.href);
      disarm(link.node);
    }
  }

  /** @param {MouseEvent} event */
  function onContextMenu(event) {
    if (guard !== true) return;
    const link = linkOf(event);
    if (link && !passes(link)) stop(event, link.href);
  }

  /** @param {SubmitEvent} event */
  function onSubmit(event) {
    if (guard === false) return;
    const form = event.target;
    const action = form instanceof HTMLFormElement ? form.action : "";
    event.preventDefault();
    event.stopImmediatePropagation();
    if (action) browser.runtime.sendMessage({ type: "guard.click", href: action }).catch(() => {});
  }

  window.addEventListener("mousedown", onMouseDown, true);
  window.addEventListener("mouseup", onMouseUp, true);
  window.addEventListener("click", onClick, true);
  window.addEventListener("keydown", onKeyDown, true);
  window.addEventListener("contextmenu", onContextMenu, true);
  window.addEventListener("submit", onSubmit, true);
  browser.runtime.onMessage.addListener((msg) => {
    if (msg?.type === "banner.refresh" || msg?.type === "guard.refresh") refresh();
  });
  refresh();
})();
