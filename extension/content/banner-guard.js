// banner-guard.js — the in-message banner lives in the message's own document,
// so the message's CSS can recolour it (a filter on the root), cover it (a
// fixed overlay), push it out of view (negative margins) or move it (flex
// reordering). Thunderbird's own notification bar above the message carries
// the verdict where the message cannot reach (experiments/pane-bar); this guard
// takes the banner away when the page tampers with it, so a recoloured or
// half-covered banner never contradicts that bar. Classic script, shared by
// content/banner.js; reports why on the console ("phishcheck-banner-guard").
// @ts-check

var PhishcheckGuard = {
  /**
   * Why the banner element cannot be trusted as drawn, or null.
   * @param {HTMLElement} host
   * @returns {string|null}
   */
  tampered(host) {
    const win = /** @type {Window} */ (host.ownerDocument.defaultView);
    for (let node = /** @type {Element|null} */ (host); node && node.nodeType === 1; node = node.parentElement) {
      const s = win.getComputedStyle(node);
      if (s.filter !== "none" || (s.backdropFilter && s.backdropFilter !== "none")) return "filter";
      if (Number(s.opacity) < 1 || s.visibility !== "visible") return "hidden";
      if (s.transform !== "none" || (s.clipPath && s.clipPath !== "none") || (s.mask && s.mask !== "none")) return "transform";
      if (s.mixBlendMode && s.mixBlendMode !== "normal") return "blend";
    }
    const r = host.getBoundingClientRect();
    if (r.width < 100 || r.height < 10) return "squeezed";
    const top = r.top + win.scrollY;
    if (top < 0 || top > 160) return "moved";
    for (const fx of [0.1, 0.5, 0.9]) {
      const hit = host.ownerDocument.elementFromPoint(r.left + r.width * fx, r.top + Math.min(r.height / 2, 12));
      if (hit && hit !== host) return "covered";
    }
    return null;
  },

  /**
   * Check the banner now, when the page has laid out, and when it finishes
   * loading; `onTampered(reason)` once at most.
   * @param {HTMLElement} host
   * @param {(reason: string) => void} onTampered
   */
  watch(host, onTampered) {
    const win = /** @type {Window} */ (host.ownerDocument.defaultView);
    let done = false;
    const check = () => {
      if (done || !host.isConnected) return;
      const reason = PhishcheckGuard.tampered(host);
      if (!reason) return;
      done = true;
      onTampered(reason);
    };
    win.requestAnimationFrame(() => win.requestAnimationFrame(check));
    if (host.ownerDocument.readyState !== "complete") win.addEventListener("load", check, { once: true });
    win.setTimeout(check, 1000);
  },
};

/** @typedef {typeof PhishcheckGuard} BannerGuard the global's type (types/globals.d.ts) */
