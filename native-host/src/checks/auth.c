/* auth.c — what the receiving server's authentication says about the sender: SPF (may
 * this IP send for the envelope domain?), DKIM (is the signature intact?), DMARC (do they
 * vouch for the From domain?), Microsoft's composite verdict. Only the Authentication-
 * Results the user's side wrote count (checklib/trust.h). "SPF softfail" in the seed posts.
 * List mail breaks SPF and DKIM legitimately: there, failures only explain (score 0).
 * Once the From domain is verified (one aligned pass), other failures do not count; a
 * DKIM pass for an unrelated domain only does not verify it. */
#include <string.h>
#include "checklib/brand.h"
#include "checklib/check.h"
#include "checklib/trust.h"
#include "parse/url.h"

static bool is(const char *v, const char *want) { return v && !strcmp(v, want); }

/* Microsoft's compauth=fail (its DMARC-like verdict, also for domains without DMARC). */
static bool compauth_failed(const pc_authres *ar) {
    const char *c = ar ? strstr(ar->raw, "compauth=") : NULL;
    return c && !strncasecmp(c + 9, "fail", 4);
}

/* SPF speaks about From only when the envelope domain is From's own registrable domain
 * (or SPF names none): an SPF failure of an unrelated envelope (an ESP's bounce domain,
 * amazonses.com under a forwarder) says nothing about who wrote From. */
static bool spf_denies_from(pc_ctx *ctx, const pc_trust *t, const pc_addr *from) {
    if (!is(t->spf, "fail") && !is(t->spf, "softfail")) return false;
    const char *dom = t->ar ? t->ar->spf_domain : NULL;
    const char *reg = dom ? pc_reg_domain(ctx->arena, pc_host_ascii(ctx->arena, dom)) : NULL;
    return !dom || (reg && from->reg && !strcmp(reg, from->reg));
}

/* From claims the user's own domain or a brand's, and authentication denies it: DMARC or
 * compauth fail, or SPF fail for From's own envelope domain. On list mail (a list keeps
 * From and breaks DKIM with its footer) it only explains, as auth.dmarc_fail does. */
static void spoofed_domain(pc_ctx *ctx, const pc_trust *t) {
    const pc_addr *from = ctx->msg->from;
    const pc_authres *ar = t->ar;
    if (!from) return;
    bool denied = is(ar ? ar->dmarc : NULL, "fail") || spf_denies_from(ctx, t, from) ||
                  compauth_failed(ar);
    if (!denied) return;
    bool list = pc_is_list_mail(ctx->msg);
    if (pc_own_domain(ctx, from->domain)) {
        pc_flag_id(ctx, list ? "auth.own_domain_spoof/list" : "auth.own_domain_spoof",
                   "domain", from->domain, NULL);
        return;
    }
    const pc_brand *b = pc_brand_owner(ctx->arena, from->domain);
    if (b)
        pc_flag_id(ctx, list ? "auth.brand_domain_spoof/list" : "auth.brand_domain_spoof",
                "brand", b->name,
                "domain", from->domain, NULL);
}

/* The domains of the passing DKIM results in an AR (header.d, else header.i's domain),
 * lowercased; the DKIM-Signature d= list when the AR names none. */
static pc_vec dkim_signers(pc_ctx *ctx, const pc_authres *ar) {
    pc_vec v = {0};
    for (const char *p = ar->raw; (p = strcasestr(p, "dkim=pass"));) {
        size_t len = strcspn(p, ";");
        const char *seg = pc_strndup(ctx->arena, p, len), *d = strcasestr(seg, "header.d=");
        d = d ? d + 9 : strcasestr(seg, "header.i=");
        if (d && !strncasecmp(d, "header.i=", 9)) d = strchr(d, '@') ? strchr(d, '@') + 1 : NULL;
        if (d) pc_vec_push(ctx->arena, &v, pc_host_ascii(ctx->arena,
                               pc_strndup(ctx->arena, d, strcspn(d, " \t\r\n;()"))));
        p += len;
    }
    if (!v.n && is(ar->dkim, "pass")) v = ctx->msg->dkim_domains;
    return v;
}

/* A signer vouches for From when it is From's organisation (pc_same_org) or a parent of
 * From's domain (a platform signing its customers' subdomains: x.firebaseapp.com). */
static bool aligned(pc_ctx *ctx, const char *signer, const pc_addr *from) {
    return signer && (pc_same_org(ctx->arena, signer, from->domain) ||
                      pc_host_within(from->domain, signer));
}

/* Forwarded mail whose original authentication survives in an ARC set the receiver
 * validated (arc=pass): an earlier hop recorded DMARC pass for From's domain. */
static bool arc_vouches(pc_ctx *ctx, const pc_authres *ar, const pc_addr *from) {
    if (!strcasestr(ar->raw, "arc=pass")) return false;
    const pc_message *m = ctx->msg;
    for (size_t i = 0; i < m->headers.n; i++) {
        const pc_header *h = m->headers.v[i];
        const char *d = strcasecmp(h->name, "ARC-Authentication-Results") ? NULL :
                        strcasestr(h->value, "dmarc=pass");
        const char *hf = d ? strcasestr(d, "header.from=") : NULL;
        if (hf && aligned(ctx, pc_strndup(ctx->arena, hf + 12, strcspn(hf + 12, " ;()")), from))
            return true;
    }
    return false;
}

/* DKIM passed, but only for domains unrelated to From (From is not verified: no DMARC
 * pass, no aligned pass). ESPs and mail platforms sign with their own domain until the
 * customer sets up DKIM: alone that is weak (and nothing for a listed service), stronger
 * when From is a brand's real domain or the user's own, whose genuine mail aligns. */
static void dkim_unaligned(pc_ctx *ctx, const pc_authres *ar) {
    const pc_addr *from = ctx->msg->from;
    if (!ar || !from || !from->reg || pc_is_list_mail(ctx->msg)) return;
    pc_vec s = dkim_signers(ctx, ar);
    for (size_t i = 0; i < s.n; i++)
        if (aligned(ctx, s.v[i], from)) return;
    if (!s.n || arc_vouches(ctx, ar, from)) return;
    const char *signer = s.v[0];
    bool service = pc_service_domain(signer, true), worth = pc_from_brand_or_own(ctx);
    if (service && !worth) return;
    pc_flag_id(ctx, !worth ? "auth.dkim_unaligned" : service ? "auth.dkim_unaligned/claim_service"
                                                             : "auth.dkim_unaligned/claim",
               "signer", signer,
            "domain", from->domain, NULL);
}

/* A failed result; on list mail it only explains (list_id: the "/list" row, score 0). */
static void failed(pc_ctx *ctx, const char *id, const char *list_id, const char *dom) {
    pc_flag_id(ctx, pc_is_list_mail(ctx->msg) ? list_id : id, "domain", dom, NULL);
}

PC_CHECK(auth) {
    pc_trust t = pc_trust_read(ctx);
    if (!t.ar && !t.spf) return;
    if (pc_trust_from_verified(ctx, &t)) return;   /* forwarding broke SPF; DKIM vouches */
    const pc_authres *ar = t.ar;
    const char *from = ctx->msg->from ? ctx->msg->from->domain : "";
    const char *spf_dom = ar && ar->spf_domain ? ar->spf_domain : from;
    spoofed_domain(ctx, &t);
    if (ar && is(ar->dmarc, "fail"))
        failed(ctx, "auth.dmarc_fail", "auth.dmarc_fail/list",
               ar->dmarc_from ? ar->dmarc_from : from);
    else if (compauth_failed(ar))
        failed(ctx, "auth.compauth_fail", "auth.compauth_fail/list", from);
    if (is(t.spf, "fail"))
        failed(ctx, "auth.spf_fail", "auth.spf_fail/list", spf_dom);
    else if (is(t.spf, "softfail"))
        failed(ctx, "auth.spf_softfail", "auth.spf_softfail/list", spf_dom);
    if (ar && is(ar->dkim, "fail"))
        failed(ctx, "auth.dkim_fail", "auth.dkim_fail/list", ar->dkim_domain ? ar->dkim_domain : from);
    dkim_unaligned(ctx, ar);
    bool spf_bad = is(t.spf, "fail") || is(t.spf, "softfail");
    bool judged = t.spf && ar && ar->dkim;
    if (judged && !spf_bad && !is(t.spf, "pass") && !is(ar->dkim, "pass"))
        pc_flag_id(ctx, "auth.none", "domain", from, NULL);
}
