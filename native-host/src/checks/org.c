/* org.c — the organisation's verdict: what the organisation's own phishcheck gateway (the
 * milter, docs/gateway.md) wrote into the message where it entered, read only when the
 * admin names that gateway (--gateway-id, option gateway_id, policy gateway_id):
 *     Authentication-Results: <gateway-id>; x-phishcheck=dangerous policy.score=185
 *             policy.flags=sender.brand_impersonation,links.text_mismatch
 * Believed only in the trusted top region, as the Authentication-Results merge reads it:
 * above the first Received from a host outside the organisation, and with a Received by
 * the organisation's server right below it (the gateway adds its line above the MTA's own
 * Received). The same line from anyone else — another authserv-id, below a foreign
 * Received, with no Received of the organisation under it — and X-Phishcheck (for people
 * and sieve, never trusted) are ignored; a line in the gateway's name that is ignored is
 * reported (org.ignored, info). The local checks run as always; verdict.c shows
 * the worse of the two (org.* flags set a floor and add nothing to the score). */
#include "checklib/check.h"
#include <ctype.h>
#include <string.h>

/* A host name as compared here: lowercase, without a trailing dot. */
static char *host_form(pc_arena *a, const char *s) {
    char *h = pc_strdup(a, s);
    for (char *c = h; *c; c++) *c = (char)tolower((unsigned char)*c);
    size_t n = strlen(h);
    if (n && h[n - 1] == '.') h[n - 1] = 0;
    return h;
}

/* host is the organisation's: within the gateway id, its registrable domain, or an own
 * domain the admin configured (not the recipient's: To is the sender's to write). */
static bool org_host(const pc_ctx *ctx, const char *g, const char *host) {
    if (!host) return false;
    host = host_form(ctx->arena, host);
    const char *reg = pc_reg_domain(ctx->arena, g);
    if (pc_host_within(host, g) || (reg && pc_host_within(host, reg))) return true;
    for (const char **d = ctx->cfg->own_domains; d && *d; d++)
        if (pc_host_within(host, *d)) return true;
    return false;
}

/* A hop that came from inside the organisation: no address (local pickup), a private one,
 * or a reverse-DNS name the receiving server recorded within the organisation. */
static bool from_inside(const pc_ctx *ctx, const char *g, const pc_hop *h) {
    return !h->ip || h->ip_private || org_host(ctx, g, h->rdns);
}

static bool is(const pc_header *h, const char *name) { return !strcasecmp(h->name, name); }

/* A verdict line naming gateway g (lowercase). */
static bool names_gateway(const pc_ctx *ctx, const pc_authres *ar, const char *g) {
    return ar->phishcheck && ar->authserv_id && !strcmp(host_form(ctx->arena, ar->authserv_id), g);
}

/* The Authentication-Results of gateway g (lowercase) in the trusted top region; NULL if none. */
static const pc_authres *gateway_ar(const pc_ctx *ctx, const char *g) {
    const pc_message *m = ctx->msg;
    const pc_authres *cand = NULL;
    size_t hop = 0, n_ar = 0;
    for (size_t i = 0; i < m->headers.n; i++) {
        const pc_header *h = m->headers.v[i];
        if (is(h, "Received") && hop < m->hops.n) {
            const pc_hop *p = m->hops.v[hop++];
            if (cand) return org_host(ctx, g, p->by) ? cand : NULL;
            if (!from_inside(ctx, g, p)) return NULL;
        } else if (is(h, "Authentication-Results") && n_ar < m->authres.n) {
            const pc_authres *ar = m->authres.v[n_ar++];
            if (!cand && names_gateway(ctx, ar, g)) cand = ar;
        }
    }
    return NULL;
}

static bool digits(const char *s) {
    if (!s || !*s) return false;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s)) return false;
    return true;
}

/* The organisation's verdict word → flag. Score 0 (flags.tsv): verdict.c takes the flag as a
 * floor, not as points (the gateway ran these same checks); report.c puts it first when it
 * decides. */
static const struct { const char *verdict, *id; } levels[] = {
    {"dangerous", "org.dangerous"},
    {"suspicious", "org.suspicious"},
    {"safe", "org.safe"},
};

/* A line in the gateway's name that is not the trusted one: it was ignored, and the report
 * says so (info: a mail that reached the desk past a server without the milter carries
 * one too, so it is no evidence on its own). */
static void ignored(pc_ctx *ctx, const char *g, const pc_authres *trusted) {
    for (size_t i = 0; i < ctx->msg->authres.n; i++) {
        const pc_authres *r = ctx->msg->authres.v[i];
        if (r == trusted || !names_gateway(ctx, r, g)) continue;
        pc_flag_id(ctx, "org.ignored", "server", r->authserv_id, "verdict", r->phishcheck, NULL);
        return;
    }
}

PC_CHECK(org) {
    const char *gw = ctx->cfg->gateway_id;
    if (!gw || !*gw) return;
    const char *g = host_form(ctx->arena, gw);   /* as authres.c reads ids */
    const pc_authres *ar = gateway_ar(ctx, g);
    ignored(ctx, g, ar);
    for (size_t i = 0; ar && i < sizeof levels / sizeof *levels; i++) {
        if (strcmp(ar->phishcheck, levels[i].verdict)) continue;
        const char *flags = ar->phishcheck_flags && *ar->phishcheck_flags ? ar->phishcheck_flags : NULL;
        pc_flag_id(ctx, levels[i].id, "server", ar->authserv_id,
                "verdict", levels[i].verdict, "score",
                digits(ar->phishcheck_score) ? ar->phishcheck_score : "?", "flags", flags, NULL);
    }
}
