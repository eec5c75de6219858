/* auth.c — what the receiving server's authentication says about the sender: SPF (may
 * this IP send for the envelope domain?), DKIM (is the signature intact?), DMARC (do they
 * vouch for the From domain?), Microsoft's composite verdict. Only the Authentication-
 * Results the user's side wrote count (checks/trust.h). "SPF softfail" in the seed posts.
 * List mail breaks SPF and DKIM legitimately: there, failures only explain (score 0).
 * Once the From domain is verified (one aligned pass), other failures do not count. */
#include <string.h>
#include "brand.h"
#include "checks/check.h"
#include "checks/trust.h"

static bool is(const char *v, const char *want) { return v && !strcmp(v, want); }

/* Microsoft's compauth=fail (its DMARC-like verdict, also for domains without DMARC). */
static bool compauth_failed(const pc_authres *ar) {
    const char *c = ar ? strstr(ar->raw, "compauth=") : NULL;
    return c && !strncasecmp(c + 9, "fail", 4);
}

/* From claims the user's own domain or a brand's, and authentication denies it. */
static void spoofed_domain(pc_ctx *ctx, const pc_trust *t) {
    const pc_addr *from = ctx->msg->from;
    const pc_authres *ar = t->ar;
    bool denied = is(ar ? ar->dmarc : NULL, "fail") || is(t->spf, "fail") ||
                  is(t->spf, "softfail") || compauth_failed(ar);
    if (!from || !denied) return;
    if (pc_own_domain(ctx, from->domain)) {
        pc_flag(ctx, "auth.own_domain_spoof", PC_SEV_HIGH, 45, "domain", from->domain, NULL);
        return;
    }
    const pc_brand *b = pc_brand_owner(ctx->arena, from->domain);
    if (b)
        pc_flag(ctx, "auth.brand_domain_spoof", PC_SEV_HIGH, 45, "brand", b->name,
                "domain", from->domain, NULL);
}

/* A failed result; on list mail it only explains (score 0). */
static void failed(pc_ctx *ctx, const char *id, pc_severity sev, int score, const char *dom) {
    bool list = pc_is_list_mail(ctx->msg);
    pc_flag(ctx, id, list ? PC_SEV_INFO : sev, list ? 0 : score, "domain", dom, NULL);
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
        failed(ctx, "auth.dmarc_fail", PC_SEV_HIGH, 35, ar->dmarc_from ? ar->dmarc_from : from);
    else if (compauth_failed(ar))
        failed(ctx, "auth.compauth_fail", PC_SEV_MEDIUM, 20, from);
    if (is(t.spf, "fail"))
        failed(ctx, "auth.spf_fail", PC_SEV_MEDIUM, 20, spf_dom);
    else if (is(t.spf, "softfail"))
        failed(ctx, "auth.spf_softfail", PC_SEV_LOW, 10, spf_dom);
    if (ar && is(ar->dkim, "fail"))
        failed(ctx, "auth.dkim_fail", PC_SEV_MEDIUM, 15, ar->dkim_domain ? ar->dkim_domain : from);
    bool spf_bad = is(t.spf, "fail") || is(t.spf, "softfail");
    bool judged = t.spf && ar && ar->dkim;
    if (judged && !spf_bad && !is(t.spf, "pass") && !is(ar->dkim, "pass"))
        pc_flag(ctx, "auth.none", PC_SEV_LOW, 10, "domain", from, NULL);
}
