/* trust.c — finds the trusted Authentication-Results and the entry hop by walking the
 * headers in order (topmost first). See trust.h. */
#include "checklib/trust.h"
#include <stdlib.h>
#include <string.h>
#include "checklib/brand.h"
#include "checklib/facts.h"
#include "data.h"
#include "parse/authres.h"
#include "checklib/linkutil.h"
#include "util/hostindex.h"

static bool is(const pc_header *h, const char *name) { return !strcasecmp(h->name, name); }

/* Index in m->headers of the trusted AR (and its index in m->authres); -1 if none. */
static long trusted_ar(const pc_message *m, const char *want, size_t *which) {
    size_t n_ar = 0;
    for (size_t i = 0; i < m->headers.n; i++) {
        if (!is(m->headers.v[i], "Authentication-Results")) continue;
        const pc_authres *ar = n_ar < m->authres.n ? m->authres.v[n_ar] : NULL;
        n_ar++;
        if (!ar) break;
        if (pc_authres_verdict_only(ar)) continue;   /* a gateway's verdict (checks/org.c) */
        if (!want || (ar->authserv_id && !strcasecmp(ar->authserv_id, want))) {
            *which = n_ar - 1;
            return (long)i;
        }
    }
    return -1;
}

pc_trust pc_trust_read(const pc_ctx *ctx) {
    const pc_message *m = ctx->msg;
    pc_trust t = {0};
    size_t which = 0;
    long at = trusted_ar(m, ctx->cfg->authserv_id, &which);
    if (at >= 0) {
        t.ar = m->authres.v[which];
        t.spf = t.ar->spf;
    }
    size_t hop = 0;
    for (size_t i = 0; i < m->headers.n && !t.entry; i++) {
        const pc_header *h = m->headers.v[i];
        bool below = (long)i > at;
        if (is(h, "Received") && hop < m->hops.n) {
            const pc_hop *p = m->hops.v[hop++];
            if (below && p->ip && !p->ip_private) t.entry = p;
        } else if (is(h, "Received-SPF") && below && !t.spf) {
            t.spf = pc_received_spf_result(ctx->arena, h->value);
        }
    }
    return t;
}

static bool same_reg(pc_arena *a, const char *dom, const char *reg) {
    const char *r = dom ? pc_reg_domain(a, dom) : NULL;
    return r && reg && !strcmp(r, reg);
}

bool pc_trust_from_verified(const pc_ctx *ctx, const pc_trust *t) {
    const pc_authres *ar = t->ar;
    const pc_addr *from = ctx->msg->from;
    if (!ar || !from || !from->reg) return false;
    if (ar->dmarc && !strcmp(ar->dmarc, "pass")) return true;
    if (t->spf && !strcmp(t->spf, "pass") && same_reg(ctx->arena, ar->spf_domain, from->reg))
        return true;
    return ar->dkim && !strcmp(ar->dkim, "pass") &&
           same_reg(ctx->arena, ar->dkim_domain, from->reg);
}

/* Adds to v the registrable domains of the host names and addresses written in a list
 * header's value: "<users.lists.example.org>", "<mailto:x-request@lists.example.org>",
 * "list x@yahoogroups.com; contact ...". Names under no public suffix (xt.local, random
 * tokens) give none. */
static void header_domains(pc_arena *a, const char *v, pc_vec *out) {
    const char *ok = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-";
    for (const char *p = v; p && *p;) {
        size_t n = strspn(p, ok);
        if (!n) { p++; continue; }
        char *tok = pc_strndup(a, p, n);
        p += n;
        if (!strchr(tok, '.')) continue;
        char *host = pc_host_ascii(a, tok);
        char *reg = host ? pc_reg_domain(a, host) : NULL;
        if (reg) pc_vec_push(a, out, reg);
    }
}

/* The registrable domain of an address or host, NULL if none. */
static const char *reg_of(pc_arena *a, const char *host) {
    const char *h = host ? pc_host_ascii(a, host) : NULL;
    return h ? pc_reg_domain(a, h) : NULL;
}

static bool list_mail(const pc_message *m) {
    static const char *names[] = {"List-Id", "List-Post", "List-Subscribe", "Mailing-List", NULL};
    pc_arena *a = m->arena;
    pc_vec lists = {0};
    for (const char **n = names; *n; n++) header_domains(a, pc_msg_header(m, *n), &lists);
    if (!lists.n) return false;
    /* Who delivered and signed the message, and whose envelope it is. */
    pc_vec near = {0};
    const pc_addr *as[] = {m->from, m->sender, m->return_path};
    for (size_t i = 0; i < 3; i++)
        if (as[i] && as[i]->domain) pc_vec_push(a, &near, (void *)reg_of(a, as[i]->domain));
    for (size_t i = 0; i < m->hops.n; i++) {
        const pc_hop *h = m->hops.v[i];
        pc_vec_push(a, &near, (void *)reg_of(a, h->rdns));
        pc_vec_push(a, &near, (void *)reg_of(a, h->helo));
        pc_vec_push(a, &near, (void *)reg_of(a, h->by));
    }
    for (size_t i = 0; i < m->dkim_domains.n; i++)
        pc_vec_push(a, &near, (void *)reg_of(a, m->dkim_domains.v[i]));
    for (size_t i = 0; i < lists.n; i++)
        for (size_t j = 0; j < near.n; j++)
            if (near.v[j] && pc_same_org(a, lists.v[i], near.v[j])) return true;
    return false;
}

bool pc_is_list_mail(const pc_message *m) {
    pc_facts *f = pc_facts_of(m);
    if (f->list_mail == PC_FACT_UNKNOWN) f->list_mail = list_mail(m) ? PC_FACT_YES : PC_FACT_NO;
    return f->list_mail == PC_FACT_YES;
}

bool pc_service_domain(const char *host, bool signing) {
    const char *kind = pc_domain_listed(host, "esp-domains.tsv");
    return kind && (signing || strcmp(kind, "signer"));
}

bool pc_same_org(pc_arena *ar, const char *a, const char *b) {
    const char *ra = a ? pc_reg_domain(ar, a) : NULL, *rb = b ? pc_reg_domain(ar, b) : NULL;
    if (!ra || !rb) return false;
    size_t k = strcspn(ra, ".");
    if (!strcmp(ra, rb) || (k == strcspn(rb, ".") && !strncmp(ra, rb, k))) return true;
    const pc_brand *owner = pc_brand_owner(ar, b);
    return owner && pc_brand_owns(ar, owner, a);
}

bool pc_from_brand_or_own(pc_ctx *ctx) {
    const pc_addr *from = ctx->msg->from;
    return from && (pc_own_domain(ctx, from->domain) || pc_brand_owner(ctx->arena, from->domain));
}

bool pc_from_brand_verified(pc_ctx *ctx) {
    const pc_addr *from = ctx->msg->from;
    if (!from || !from->domain || !pc_brand_owner(ctx->arena, from->domain) ||
        pc_domain_listed(from->domain, "freemail.tsv"))
        return false;
    pc_trust t = pc_trust_read(ctx);
    return pc_trust_from_verified(ctx, &t);
}

const char *pc_domain_listed(const char *host, const char *table) {
    if (!host) return NULL;
    const pc_table *t = pc_data_table(table);
    size_t i = pc_host_index_first(pc_host_index_of_table(table), host, NULL, NULL);
    if (i == PC_HOST_NONE) return NULL;
    return t->rows[i].n > 1 ? t->rows[i].f[1] : "";
}

const char *pc_recipient_org(pc_ctx *ctx) {
    const char *at = ctx->recipient ? strrchr(ctx->recipient, '@') : NULL;
    const char *rdom = at ? pc_host_ascii(ctx->arena, at + 1) : NULL;
    const char *rreg = rdom ? pc_reg_domain(ctx->arena, rdom) : NULL;
    if (!rreg || pc_domain_listed(rreg, "freemail.tsv") || pc_brand_owner(ctx->arena, rreg))
        return NULL;
    return rreg;
}

bool pc_own_domain(pc_ctx *ctx, const char *host) {
    if (!host) return false;
    for (const char **d = ctx->cfg->own_domains; d && *d; d++)
        if (pc_host_within(host, *d)) return true;
    return pc_host_within(host, pc_recipient_org(ctx));
}

/* A mail-system sender: null envelope (Return-Path <>), mailer-daemon@ or a role address. */
static bool system_sender(const pc_message *m) {
    const char *rp = pc_msg_header(m, "Return-Path");
    if (rp && !strchr(rp, '@')) return true;
    const char *l = m->from ? m->from->local : NULL;
    if (!l) return false;
    if (!strcasecmp(l, "mailer-daemon")) return true;
    const pc_table *t = pc_data_table("role-addresses.tsv");
    for (size_t i = 0; i < t->n; i++)
        if (!strcasecmp(l, t->rows[i].f[0])) return true;
    return false;
}

/* An address written in the text that is not one of To's: the address a bounce failed
 * to deliver to ("was not delivered to: kijitora@example.jp"). */
static bool names_other_address(const pc_message *m) {
    const char *ok = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-";
    const char *t = m->text ? m->text : "";
    for (const char *at = strchr(t, '@'); at; at = strchr(at + 1, '@')) {
        const char *s = at;
        while (s > t && strchr(ok, s[-1])) s--;
        size_t n = (size_t)(at - s) + 1 + strspn(at + 1, ok);
        if (at == s || !memchr(at, '.', n - (size_t)(at - s))) continue;
        bool to = false;
        for (size_t i = 0; i < m->to.n && !to; i++) {
            const pc_addr *a = m->to.v[i];
            to = a->addr && strlen(a->addr) == n && !strncasecmp(a->addr, s, n);
        }
        if (!to) return true;
    }
    return false;
}

bool pc_is_bounce(pc_ctx *ctx) {
    const pc_message *m = ctx->msg;
    if (m->is_report) return true;
    if (!system_sender(m)) return false;
    for (size_t i = 0; i < m->links.n; i++)
        if (pc_link_clickable(m->links.v[i])) return false;
    bool original = false;          /* the bounced message or its headers come along */
    for (size_t i = 0; i < m->attachments.n; i++) {
        const pc_attachment *a = m->attachments.v[i];
        const char *t = a->declared_type ? a->declared_type : "";
        bool report_part = !strncmp(t, "message/", 8) || !strcmp(t, "text/plain") ||
                           !strcmp(t, "text/rfc822-headers");
        if (!a->nested && !report_part) return false;
        original |= !strncmp(t, "message/", 8) || !strcmp(t, "text/rfc822-headers");
    }
    return original || names_other_address(m);
}

bool pc_from_org_verified(pc_ctx *ctx) {
    const pc_addr *f = ctx->msg->from;
    if (!f || !f->domain || pc_domain_listed(f->domain, "freemail.tsv")) return false;
    pc_trust t = pc_trust_read(ctx);
    return pc_trust_from_verified(ctx, &t);
}

bool pc_authenticated_newsletter(pc_ctx *ctx) {
    return ctx->msg->list_unsubscribe && pc_from_org_verified(ctx);
}
