/* enrich.c — the enrichment stage (online.h): picks the look-up targets from the message
 * (the IP and time the mail entered the user's servers, as trust.c reads the Received
 * headers; the From and envelope domains; the links with the recipient's address cut out), then runs the services (enrich.h) in rounds, each round
 * after new answers came in, until all are done or the budget is spent. */
#include "online/online.h"
#include <glib.h>
#include <string.h>
#include <gmime/gmime.h>
#include "checklib/trust.h"
#include "online/enrich.h"
#include "online/feeds.h"

static const pc_service services[] = {pc_online_sender, pc_online_rdap, pc_online_reputation};
#define N_SERVICES (sizeof services / sizeof *services)

/* The hop where the mail entered the user's servers: the one trust.c believes (below the
 * trusted Authentication-Results), else the topmost Received with a public IP. */
static const pc_hop *entry_hop(const pc_ctx *ctx) {
    pc_trust t = pc_trust_read(ctx);
    if (t.entry) return t.entry;
    for (size_t i = 0; i < ctx->msg->hops.n; i++) {
        const pc_hop *h = ctx->msg->hops.v[i];
        if (h->ip && !h->ip_private) return h;
    }
    return NULL;
}

/* When the user's server received the mail (it wrote that hop's date; the sender's Date
 * header proves nothing); now when unknown or in the future. */
static long long arrival(const pc_hop *h) {
    long long now = g_get_real_time() / G_USEC_PER_SEC;
    GDateTime *t = h && h->date ? g_mime_utils_header_decode_date(h->date) : NULL;
    long long at = t ? g_date_time_to_unix(t) : now;
    if (t) g_date_time_unref(t);
    return at > 0 && at <= now + 3600 ? at : now;
}

/* Removes every case-insensitive occurrence of needle from s (in place). */
static void cut_all(char *s, const char *needle) {
    size_t n = strlen(needle);
    for (char *p; n && (p = strcasestr(s, needle));) memmove(p, p + n, strlen(p + n) + 1);
}

/* The URL without the recipient's address: plain, percent-encoded or base64. */
static char *strip_recipient(pc_arena *a, const char *url, const char *rcpt) {
    char *s = pc_strdup(a, url);
    if (!rcpt || !*rcpt) return s;
    char *esc = g_uri_escape_string(rcpt, NULL, FALSE), *b64 = g_base64_encode((const guchar *)rcpt, strlen(rcpt));
    char *b64_esc = g_uri_escape_string(b64, NULL, FALSE), *bare = g_strdup(b64);
    bare[strcspn(bare, "=")] = 0;
    const char *forms[] = {rcpt, esc, b64, b64_esc, bare};     /* padded base64 before bare */
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) cut_all(s, forms[i]);
    g_free(esc), g_free(b64), g_free(b64_esc), g_free(bare);
    return s;
}

static bool in_list(const pc_vec *v, const char *s, bool url) {
    for (size_t i = 0; i < v->n; i++)
        if (!strcmp(url ? ((pc_url *)v->v[i])->raw : (char *)v->v[i], s)) return true;
    return false;
}

static bool is_web(const pc_url *u) {
    return u && u->host && (!strcmp(u->scheme, "http") || !strcmp(u->scheme, "https"));
}

/* The links to check and their registrable domains other than the sender's. */
static void links(pc_enrich *e) {
    pc_arena *a = e->ctx->arena;
    const char *sender_reg = e->ctx->msg->from ? e->ctx->msg->from->reg : NULL;
    for (size_t i = 0; i < e->ctx->msg->links.n && e->urls.n < PC_MAX_URLS; i++) {
        const pc_link *l = e->ctx->msg->links.v[i];
        if (!is_web(l->url)) continue;
        pc_url *u = pc_url_parse(a, strip_recipient(a, l->url->raw, e->ctx->recipient));
        if (!is_web(u) || in_list(&e->urls, u->raw, true)) continue;
        pc_vec_push(a, &e->urls, u);
        if (u->reg && !u->is_ip && (!sender_reg || strcmp(u->reg, sender_reg)) &&
            !in_list(&e->link_domains, u->reg, false) && e->link_domains.n < PC_MAX_LINK_DOMAINS)
            pc_vec_push(a, &e->link_domains, u->reg);
    }
}

static void targets(pc_enrich *e) {
    const pc_message *m = e->ctx->msg;
    const pc_hop *h = entry_hop(e->ctx);
    e->ip = h ? h->ip : NULL;
    e->arrival = arrival(h);
    e->from_domain = m->from ? m->from->domain : NULL;
    if (m->return_path && m->return_path->domain && *m->return_path->domain) {
        e->env_domain = m->return_path->domain;
        e->env_sender = m->return_path->addr;
    }
    links(e);
}

json_t *pc_online_enrich(pc_ctx *ctx) {
    const pc_online_opts *o = &ctx->cfg->online;
    if (!o->requested) return NULL;
    if (!o->enabled) return json_pack("{s:b}", "enabled", 0);
    pc_enrich e = {.ctx = ctx, .o = o};
    targets(&e);
    e.feeds_refreshing = pc_feed_refresh_start(o);     /* detached: costs no budget */
    e.f = pc_fetcher_new(o, o->budget_ms > 0 ? o->budget_ms : PC_ONLINE_BUDGET_MS);
    const char *check = ctx->check;
    ctx->check = "online";
    bool done[N_SERVICES] = {0}, all;
    do {
        all = true;
        for (size_t i = 0; i < N_SERVICES; i++) all &= done[i] = done[i] || services[i](&e, false);
    } while (!all && pc_fetcher_wait(e.f));
    for (size_t i = 0; i < N_SERVICES; i++)
        if (!done[i]) services[i](&e, true);
    ctx->check = check;
    json_t *lookups = pc_fetcher_finish(e.f);
    json_object_set_new(lookups, "feeds", pc_feed_info());
    return lookups;
}
