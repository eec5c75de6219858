/* reputation.c — is a link of the message a known phishing or malware URL? abuse.ch
 * URLhaus (the URL, recipient's address removed), Google Safe Browsing v5 (only 4-byte
 * SHA-256 prefixes of the URL's host/path expressions leave the machine) and the local
 * OpenPhish / JPCERT/CC lists (feeds.c, no traffic). A listed link is dangerous on its own:
 * the flags are critical. A service without an API key is not asked. */
#include <glib.h>
#include <string.h>
#include "online/enrich.h"
#include "online/feeds.h"

#define REP_TTL 1800
#define MAX_ANSWER (256u << 10)
#define MAX_EXPR 30

typedef struct { const char *threat, *detail; } listing;   /* threat NULL: not listed */

static const char *base(pc_enrich *e, const char *url, const char *dflt) {
    const char *b = url ? url : dflt;
    return b[strlen(b) - 1] == '/' ? b : pc_sprintf(e->ctx->arena, "%s/", b);
}

/* ---- URLhaus ---- */

/* URLhaus on one URL; false while pending. */
static bool urlhaus(pc_enrich *e, const pc_url *u, listing *out) {
    char *esc = g_uri_escape_string(u->raw, NULL, FALSE);
    const char *post = pc_sprintf(e->ctx->arena, "url=%s", esc);
    g_free(esc);
    const char *hdrs[] = {pc_sprintf(e->ctx->arena, "Auth-Key: %s", e->o->urlhaus_key),
                          "Content-Type: application/x-www-form-urlencoded", NULL};
    pc_lk_req r = {"urlhaus", pc_sprintf(e->ctx->arena, "url %s", u->raw),
                   pc_sprintf(e->ctx->arena, "%surl/", base(e, e->o->urlhaus_url, PC_URLHAUS_URL)),
                   post, strlen(post), hdrs, MAX_ANSWER, REP_TTL};
    pc_lk *lk = pc_fetch_get(e->f, &r);
    json_t *j = pc_fetch_json(lk);
    const char *qs = json_string_value(json_object_get(j, "query_status"));
    if (j && g_strcmp0(qs, "ok") && g_strcmp0(qs, "no_results"))
        pc_fetch_reject(lk, "unexpected answer");
    else if (!g_strcmp0(qs, "ok")) {
        const char *t = json_string_value(json_object_get(j, "threat"));
        const char *st = json_string_value(json_object_get(j, "url_status"));
        *out = (listing){pc_strdup(e->ctx->arena, t ? t : "listed"), pc_strdup(e->ctx->arena, st ? st : "?")};
    }
    return lk->state != PC_LK_PENDING;
}

/* ---- Safe Browsing v5 hashes:search ---- */

/* Host names to try: the host, then up to 4 suffixes of its last 5 labels (not the TLD). */
static int hosts(const pc_url *u, char **out) {
    int n = 0;
    out[n++] = g_strdup(u->host);
    if (u->is_ip) return n;
    char **l = g_strsplit(u->host, ".", -1);
    int nl = (int)g_strv_length(l);
    for (int k = MIN(nl - 1, 5) ; k >= 2 && n < 5; k--) {
        char *h = g_strjoinv(".", l + nl - k);
        if (strcmp(h, u->host)) out[n++] = h; else g_free(h);
    }
    g_strfreev(l);
    return n;
}

/* Paths to try: with the query, without, then "/" and up to 3 folders from the root. */
static int paths(const pc_url *u, char **out) {
    const char *p = u->path && *u->path ? u->path : "/";
    int n = 0;
    if (u->query && *u->query) out[n++] = g_strdup_printf("%s?%s", p, u->query);
    out[n++] = g_strdup(p);
    for (const char *s = p; *s && n < 6; s = strchr(s + 1, '/') ? strchr(s + 1, '/') : "") {
        char *dir = g_strndup(p, (size_t)(s - p) + 1);
        bool seen = false;
        for (int i = 0; i < n; i++) seen |= !strcmp(out[i], dir);
        if (seen) g_free(dir); else out[n++] = dir;
    }
    return n;
}

/* The full SHA-256 hashes (base64) of the URL's expressions into full[], the query string of
 * their 4-byte prefixes into *query; returns how many. */
static int expressions(pc_enrich *e, const pc_url *u, char **full, const char **query) {
    char *h[5], *p[6];
    int nh = hosts(u, h), np = paths(u, p), n = 0;
    GString *q = g_string_new(NULL);
    for (int i = 0; i < nh; i++)
        for (int k = 0; k < np && n < MAX_EXPR; k++) {
            char *expr = g_strconcat(h[i], p[k], NULL);
            guint8 d[32];
            gsize dl = sizeof d;
            GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
            g_checksum_update(c, (const guchar *)expr, (gssize)strlen(expr));
            g_checksum_get_digest(c, d, &dl);
            g_checksum_free(c);
            full[n++] = g_base64_encode(d, 32);
            char *pre = g_base64_encode(d, 4), *esc = g_uri_escape_string(pre, NULL, FALSE);
            g_string_append_printf(q, "&hashPrefixes=%s", esc);
            g_free(pre), g_free(esc), g_free(expr);
        }
    for (int i = 0; i < nh; i++) g_free(h[i]);
    for (int k = 0; k < np; k++) g_free(p[k]);
    *query = pc_strdup(e->ctx->arena, q->str);
    g_string_free(q, TRUE);
    return n;
}

static const char *threat_of(json_t *ans, char **full, int n) {
    size_t i;
    json_t *fh;
    json_array_foreach(json_object_get(ans, "fullHashes"), i, fh) {
        const char *h = json_string_value(json_object_get(fh, "fullHash"));
        for (int k = 0; h && k < n; k++)
            if (!strcmp(h, full[k])) {
                const char *t = json_string_value(json_object_get(
                    json_array_get(json_object_get(fh, "fullHashDetails"), 0), "threatType"));
                return t ? t : "listed";
            }
    }
    return NULL;
}

static bool safebrowsing(pc_enrich *e, const pc_url *u, listing *out) {
    char *full[MAX_EXPR];
    const char *query;
    int n = expressions(e, u, full, &query);
    pc_lk_req r = {"safebrowsing", pc_sprintf(e->ctx->arena, "url %s", u->raw),
                   pc_sprintf(e->ctx->arena, "%shashes:search?key=%s%s",
                              base(e, e->o->safebrowsing_url, PC_SAFEBROWSING_URL),
                              e->o->safebrowsing_key, query),
                   NULL, 0, NULL, MAX_ANSWER, REP_TTL};
    pc_lk *lk = pc_fetch_get(e->f, &r);
    const char *t = threat_of(pc_fetch_json(lk), full, n);
    if (t) *out = (listing){pc_strdup(e->ctx->arena, t), ""};
    for (int i = 0; i < n; i++) g_free(full[i]);
    return lk->state != PC_LK_PENDING;
}

/* ---- the service ---- */

/* The lists' state: how many URLs, how old (the oldest list), refreshing or not. */
static const char *feed_note(pc_enrich *e, long n) {
    long age = pc_feed_age();
    const char *state = !n ? "none yet" : age < 0 ? pc_sprintf(e->ctx->arena, "%ld URLs", n)
                      : pc_sprintf(e->ctx->arena, "%ld URLs, updated %ld h ago", n, age / 3600);
    const char *how = e->feeds_refreshing ? "; downloading the lists again in the background"
                    : !n || age > 86400 ? "; run phishcheck --update-feeds" : "";
    return pc_sprintf(e->ctx->arena, "%s%s", state, how);
}

static void feeds(pc_enrich *e) {
    long n = pc_feed_count();
    pc_fetch_note(e->f, "feeds", "local lists", n ? PC_LK_OK : PC_LK_SKIPPED, feed_note(e, n));
    if (!n) return;
    pc_feed_hit hit;
    for (size_t i = 0; i < e->urls.n; i++) {
        const pc_url *u = e->urls.v[i];
        if (pc_feed_match(e->ctx->arena, u, &hit))
            pc_flag_id(e->ctx, "online.feed_listed", "url", u->raw, "source",
                    hit.source, "brand", *hit.label ? hit.label : "?", NULL);
    }
}

bool pc_online_reputation(pc_enrich *e, bool final) {
    size_t n = e->urls.n;
    listing uh[PC_MAX_URLS] = {{0}}, sb[PC_MAX_URLS] = {{0}};
    bool all = true;
    if (n && !e->o->urlhaus_key) pc_fetch_note(e->f, "urlhaus", "links", PC_LK_SKIPPED, "no API key");
    if (n && !e->o->safebrowsing_key) pc_fetch_note(e->f, "safebrowsing", "links", PC_LK_SKIPPED, "no API key");
    for (size_t i = 0; i < n; i++) {
        if (e->o->urlhaus_key) all &= urlhaus(e, e->urls.v[i], &uh[i]);
        if (e->o->safebrowsing_key) all &= safebrowsing(e, e->urls.v[i], &sb[i]);
    }
    if (!all && !final) return false;
    for (size_t i = 0; i < n; i++) {
        const char *url = ((pc_url *)e->urls.v[i])->raw;
        if (uh[i].threat)
            pc_flag_id(e->ctx, "online.urlhaus", "url", url, "threat", uh[i].threat,
                    "status", uh[i].detail, NULL);
        if (sb[i].threat)
            pc_flag_id(e->ctx, "online.safebrowsing", "url", url, "threat", sb[i].threat, NULL);
    }
    feeds(e);
    return true;
}
