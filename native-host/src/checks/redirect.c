/* redirect.c — links that hide their destination behind another site: an open redirect
 * (?url=, u=, redirect=, base64 ...) or a URL shortener. "The button goes to
 * mailgate.example, which forwards you to a page on web.app."
 * Guards: security gateways (Safe Links, urldefense) and e-mail service providers'
 * click-trackers are unwrapped silently (redirectors.tsv); a redirect through the sender's
 * own domain, or to it, is how newsletters track clicks and is not flagged. */
#include "checklib/check.h"
#include <string.h>
#include "checklib/linkutil.h"
#include "checklib/trust.h"

static bool own(const pc_ctx *ctx, const pc_url *u) {
    const char *s = pc_sender_reg(ctx);
    return s && u->reg && !strcmp(s, u->reg);
}

/* A landing page no company would use for its own mail: IP literal, punycode, free
 * hosting (project documentation hosting on list mail excepted). Redirects to these, or through well-known abused redirects, weigh more. */
static bool bad_landing(pc_ctx *ctx, const pc_url *u) {
    const char *kind = pc_url_listed(u, "free-hosting.tsv", 1);
    if (kind && !strcmp(kind, "project") && pc_is_list_mail(ctx->msg)) return false;
    return u->is_ip || u->is_idn || kind || pc_host_private_suffix(u->host);
}

static void judge(pc_ctx *ctx, const pc_link *l) {
    pc_target t = pc_link_target(ctx, l->url);
    if (!t.via) return;
    if (!strcmp(t.via_kind, "shortener")) {
        pc_flag_id(ctx, "redirect.shortener", "link", t.via->raw,
                "host", t.via->host, NULL);
        return;
    }
    if (!t.hops || !strcmp(t.via_kind, "wrapper") || !strcmp(t.via_kind, "esp")) return;
    if (own(ctx, t.via) || own(ctx, t.final)) return;
    if (t.via->reg && t.final->reg && !strcmp(t.via->reg, t.final->reg)) return;
    bool bad = !strcmp(t.via_kind, "open") || bad_landing(ctx, t.final);
    pc_flag_id(ctx, bad ? "redirect.open_redirect/bad" : "redirect.open_redirect",
            "via", t.via->host, "target", t.final->host, "link", l->href, NULL);
}

PC_CHECK(redirect) {
    const pc_vec *links = &ctx->msg->links;
    for (size_t i = 0; i < links->n; i++) {
        const pc_link *l = links->v[i];
        if (pc_link_clickable(l) && !l->nested) judge(ctx, l);
    }
}
