/* route.c — where the message came from: the hop where it entered the user's provider
 * (checklib/trust.h). Real organisations send through their mail servers; phishers send
 * from rented cloud VMs ("ioooo.japaneast.cloudapp.azure.com"), from hosts that announce
 * a bare name ("HELO Praisemmm") or from networks unrelated to the sender's domain (the
 * seed posts' "Received: is not KAGOYA's"). Mail the From domain's SPF/DKIM/DMARC vouches
 * for is never judged by its route. */
#include <ctype.h>
#include <string.h>
#include "checklib/check.h"
#include "checklib/trust.h"
#include "data.h"

/* True when w is a word of host: bounded by '.', '-', digits or the ends ("vps" in vps-237). */
static bool has_word(const char *host, const char *w) {
    size_t n = strlen(w);
    for (const char *p = strstr(host, w); p; p = strstr(p + 1, w)) {
        bool start = p == host || !isalpha((unsigned char)p[-1]);
        bool end = !isalpha((unsigned char)p[n]);
        if (start && end) return true;
    }
    return false;
}

/* The sending-hosts.tsv row naming host a rented server; NULL if none. */
static const pc_row *rented(const char *host) {
    const pc_table *t = pc_data_table("sending-hosts.tsv");
    for (size_t i = 0; host && i < t->n; i++) {
        const pc_row *r = &t->rows[i];
        if (r->n < 2) continue;
        if (r->f[0][0] == '~' ? has_word(host, r->f[0] + 1) : pc_host_within(host, r->f[0]))
            return r;
    }
    return NULL;
}

static bool bare_name(const char *helo) {
    return helo && *helo && *helo != '[' && !strchr(helo, '.') && !strchr(helo, ':') &&
           strcasecmp(helo, "unknown");
}

static void cloud(pc_ctx *ctx, const pc_hop *h, const char *host) {
    const pc_row *r = rented(h->rdns);
    if (!r) r = rented(h->helo);
    if (r)
        pc_flag_id(ctx, "route.cloud_origin", "host", host, "provider",
                r->f[1], "ip", h->ip, NULL);
}

/* The entry host's domain is neither the From domain nor one authentication named. */
static void unrelated(pc_ctx *ctx, const pc_trust *t, const char *host) {
    const pc_message *m = ctx->msg;
    const char *reg = host ? pc_reg_domain(ctx->arena, host) : NULL;
    if (!t->ar || !reg || !m->from || !m->from->reg || pc_is_list_mail(m)) return;
    if (pc_own_domain(ctx, host)) return;     /* the user's own forwarder handed it on */
    const char *named[] = {m->from->reg, t->ar->spf_domain, t->ar->dkim_domain};
    for (size_t i = 0; i < 3; i++) {
        const char *r = named[i] ? pc_reg_domain(ctx->arena, named[i]) : NULL;
        if (r && !strcmp(r, reg)) return;
    }
    pc_flag_id(ctx, "route.unrelated_origin", "host", host, "domain",
            m->from->domain, NULL);
}

PC_CHECK(route) {
    pc_trust t = pc_trust_read(ctx);
    const pc_hop *h = t.entry;
    if (!h || pc_trust_from_verified(ctx, &t)) return;
    const char *host = h->rdns ? h->rdns : bare_name(h->helo) ? NULL : h->helo;
    if (bare_name(h->helo))
        pc_flag_id(ctx, "route.helo_bare", "helo", h->helo, "ip", h->ip, NULL);
    if (h->raw && strstr(h->raw, "(unknown ["))
        pc_flag_id(ctx, "route.no_rdns", "ip", h->ip, NULL);
    cloud(ctx, h, host ? host : h->ip);
    unrelated(ctx, &t, host);
}
