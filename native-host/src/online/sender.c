/* sender.c — the sender's domains in DNS, as the seed authors checked by hand: does the
 * envelope (and the From) domain's SPF record allow the IP the mail came from ("the domain
 * says its mail comes from 153.123.7.53, this came from 74.226.196.215")? What DMARC policy
 * does the From domain publish, and does this mail meet it? Does the domain exist and
 * receive mail (MX)? When the receiving server already judged SPF/DMARC
 * (Authentication-Results), the offline checks scored that: these flags only explain. */
#include <string.h>
#include <strings.h>
#include "online/net/doh.h"
#include "online/enrich.h"
#include "online/spf.h"
#include "parse/authres.h"

typedef struct {
    pc_spf_result env, from;          /* SPF of the envelope and the From domain */
    pc_spf_query qenv, qfrom;
    const pc_dns *mx, *a;             /* of the From domain */
    const char *dmarc;                /* the DMARC record; NULL: none */
    const char *dmarc_domain;         /* where it was found */
    bool dmarc_pending, dmarc_failed;
} sender;

/* The Authentication-Results header to believe (authserv-id, else the topmost). */
static const pc_authres *authres(const pc_ctx *c) {
    for (size_t i = 0; i < c->msg->authres.n; i++) {
        const pc_authres *r = c->msg->authres.v[i];
        if (pc_authres_verdict_only(r)) continue;   /* a gateway's verdict (checks/org.c) */
        if (!c->cfg->authserv_id || (r->authserv_id && !strcasecmp(r->authserv_id, c->cfg->authserv_id)))
            return r;
    }
    return NULL;
}

static const pc_dns *dns(pc_enrich *e, const char *name, int type) {
    return pc_dns_get(e->f, e->o, name, type);
}

/* The v=DMARC1 record among TXT answers, NULL if none. */
static const char *dmarc_in(const pc_dns *d) {
    for (int i = 0; d && i < d->n; i++)
        if (!strncasecmp(d->rr[i], "v=DMARC1", 8)) return d->rr[i];
    return NULL;
}

/* _dmarc.<From domain>, else _dmarc.<its registrable domain> (RFC 7489 §6.6.3). */
static void dmarc(pc_enrich *e, sender *s) {
    const char *dom = e->from_domain, *reg = e->ctx->msg->from ? e->ctx->msg->from->reg : NULL;
    const pc_dns *d = dns(e, pc_sprintf(e->ctx->arena, "_dmarc.%s", dom), PC_DNS_TXT);
    if (d && !dmarc_in(d) && (d->rcode == 0 || d->rcode == 3) && reg && strcmp(reg, dom)) {
        dom = reg;
        d = dns(e, pc_sprintf(e->ctx->arena, "_dmarc.%s", reg), PC_DNS_TXT);
    }
    s->dmarc_pending = !d;
    s->dmarc_failed = d && d->rcode != 0 && d->rcode != 3;          /* SERVFAIL, no answer */
    s->dmarc = dmarc_in(d);
    s->dmarc_domain = dom;
}

static pc_spf_result spf(pc_enrich *e, pc_spf_query *q, const char *domain) {
    *q = (pc_spf_query){e->f, e->o, e->ctx->arena, e->ip, e->env_sender, {0}};
    return e->ip && domain ? pc_spf_check(q, domain) : PC_SPF_NONE;
}

/* Runs every look-up once; true when all answers are in. */
static bool look(pc_enrich *e, sender *s) {
    bool two = e->from_domain && e->env_domain && strcmp(e->from_domain, e->env_domain);
    s->env = spf(e, &s->qenv, e->env_domain ? e->env_domain : e->from_domain);
    s->from = two ? spf(e, &s->qfrom, e->from_domain) : PC_SPF_NONE;
    if (e->from_domain) {
        s->mx = dns(e, e->from_domain, PC_DNS_MX);
        s->a = dns(e, e->from_domain, PC_DNS_A);
        dmarc(e, s);
    }
    return s->env != PC_SPF_PENDING && s->from != PC_SPF_PENDING &&
           (!e->from_domain || (s->mx && s->a && !s->dmarc_pending));
}

/* "p=reject; sp=none" → the policy that applies ("sp" when found at the parent). */
static const char *policy(pc_enrich *e, const sender *s) {
    bool parent = strcmp(s->dmarc_domain, e->from_domain) != 0;
    char *rec = pc_strdup(e->ctx->arena, s->dmarc), *save, *p = NULL, *sp = NULL;
    for (char *t = strtok_r(rec, ";", &save); t; t = strtok_r(NULL, ";", &save)) {
        t += strspn(t, " \t");
        if (!strncasecmp(t, "p=", 2)) p = t + 2;
        else if (!strncasecmp(t, "sp=", 3)) sp = t + 3;
    }
    const char *v = parent && sp ? sp : p;
    return v ? pc_strndup(e->ctx->arena, v, strcspn(v, " \t")) : "none";
}

static bool aligned(pc_enrich *e, const char *domain) {
    const char *reg = e->ctx->msg->from ? e->ctx->msg->from->reg : NULL;
    const char *r = domain ? pc_reg_domain(e->ctx->arena, domain) : NULL;
    return r && reg && !strcasecmp(r, reg);
}

/* Could DMARC pass? SPF passed for an aligned domain, or an aligned DKIM signature passed
 * (or is there unverified: we cannot tell, so we say yes). */
static bool dmarc_may_pass(pc_enrich *e, const sender *s, const pc_authres *ar) {
    const char *spf_dom = e->env_domain ? e->env_domain : e->from_domain;
    if ((s->env == PC_SPF_PASS && aligned(e, spf_dom)) || s->from == PC_SPF_PASS) return true;
    if (ar && ar->dkim) return !strcmp(ar->dkim, "pass") && aligned(e, ar->dkim_domain);
    for (size_t i = 0; i < e->ctx->msg->dkim_domains.n; i++)
        if (aligned(e, e->ctx->msg->dkim_domains.v[i])) return true;
    return false;
}

static const char *allowed(pc_enrich *e, const pc_spf_query *q) {
    if (!q->allowed.n) return "(none)";
    const char *s = q->allowed.v[0];
    for (size_t i = 1; i < q->allowed.n; i++) s = pc_sprintf(e->ctx->arena, "%s, %s", s, (char *)q->allowed.v[i]);
    return s;
}

/* The flag of the envelope's SPF result (flags.tsv key); `known` (the receiver judged
 * already) turns it into an explanation; a broken record only explains. */
static const char *spf_key(pc_spf_result r, bool ip, bool known) {
    if (r == PC_SPF_FAIL) return known ? "online.spf_fail/known" : "online.spf_fail";
    if (r == PC_SPF_SOFTFAIL) return known ? "online.spf_softfail/known" : "online.spf_softfail";
    if (r == PC_SPF_NONE && ip) return known ? "online.spf_none/known" : "online.spf_none";
    return r == PC_SPF_PERMERROR ? "online.spf_error" : NULL;
}

/* Flags of SPF; `known` (the receiver judged already) turns them into explanations. */
static void spf_flags(pc_enrich *e, const sender *s, bool known) {
    const char *dom = e->env_domain ? e->env_domain : e->from_domain;
    const char *res = pc_spf_name(s->env), *al = allowed(e, &s->qenv);
    const char *id = spf_key(s->env, e->ip, known);
    if (id) pc_flag_id(e->ctx, id, "domain", dom, "ip", e->ip, "allowed", al, "result", res, NULL);
    if (s->from == PC_SPF_FAIL || s->from == PC_SPF_SOFTFAIL)
        pc_flag_id(e->ctx, known ? "online.from_spf_fail/known" : "online.from_spf_fail",
                "domain", e->from_domain, "ip", e->ip, "allowed", allowed(e, &s->qfrom),
                "result", pc_spf_name(s->from), NULL);
}

static void dmarc_flags(pc_enrich *e, const sender *s, const pc_authres *ar) {
    if (s->dmarc_pending || s->dmarc_failed) return;
    bool known = ar && ar->dmarc;
    if (!s->dmarc) {
        pc_flag_id(e->ctx, "online.dmarc_none", "domain", e->from_domain, NULL);
        return;
    }
    const char *p = policy(e, s);
    bool strict = !strcasecmp(p, "reject") || !strcasecmp(p, "quarantine");
    if (!strict || !e->ip || s->env == PC_SPF_PENDING || dmarc_may_pass(e, s, ar)) return;
    bool reject = !strcasecmp(p, "reject");
    pc_flag_id(e->ctx, known ? "online.dmarc_fail/known" : reject ? "online.dmarc_fail"
                                                              : "online.dmarc_fail/quarantine",
            "domain", e->from_domain, "policy", p, "ip", e->ip, NULL);
}

static void mx_flags(pc_enrich *e, const sender *s) {
    if (!s->mx || s->mx->rcode < 0) return;
    const char *d = e->from_domain;
    if (s->mx->rcode == 3) pc_flag_id(e->ctx, "online.domain_missing", "domain", d, NULL);
    else if (s->mx->n == 1 && !strcmp(s->mx->rr[0], "."))
        pc_flag_id(e->ctx, "online.null_mx", "domain", d, NULL);
    else if (!s->mx->n && s->a && s->a->rcode == 0 && !s->a->n)
        pc_flag_id(e->ctx, "online.no_mx", "domain", d, NULL);
}

bool pc_online_sender(pc_enrich *e, bool final) {
    if (!e->from_domain && !e->env_domain) return true;
    sender s = {0};
    if (!look(e, &s) && !final) return false;
    const pc_authres *ar = authres(e->ctx);
    bool missing = e->from_domain && s.mx && s.mx->rcode == 3;   /* then that says it all */
    bool env_is_from = !e->env_domain || !e->from_domain || !strcmp(e->env_domain, e->from_domain);
    if (s.env != PC_SPF_PENDING && !(missing && env_is_from)) spf_flags(e, &s, ar && ar->spf);
    if (e->from_domain) mx_flags(e, &s);
    if (e->from_domain && !missing) dmarc_flags(e, &s, ar);
    return true;
}
