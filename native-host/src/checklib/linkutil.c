/* linkutil.c — see linkutil.h. Redirect unwrapping follows query parameters (plain,
 * percent-encoded or base64 URLs), URLs embedded in the path and the rewriting schemes of
 * mail security gateways; nothing is fetched. */
#include "checklib/linkutil.h"
#include <ctype.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "data.h"
#include "util/hostindex.h"

const char *pc_strcasestr(const char *hay, const char *needle) {
    if (!hay || !needle) return NULL;
    size_t n = strlen(needle);
    if (!n) return *hay ? hay : NULL;
    int first = tolower((unsigned char)*needle);     /* compare the rest only where it starts */
    for (const char *p = hay; *p; p++)
        if (tolower((unsigned char)*p) == first && !strncasecmp(p, needle, n)) return p;
    return NULL;
}

const char *pc_sender_reg(const pc_ctx *ctx) {
    return ctx->msg->from ? ctx->msg->from->reg : NULL;
}

bool pc_link_clickable(const pc_link *l) {
    return l->src != PC_LINK_IMG && l->url && l->url->host &&
           (!strcmp(l->url->scheme, "http") || !strcmp(l->url->scheme, "https"));
}

typedef struct { const pc_table *t; const pc_url *u; } path_test;

/* The row's "/path" prefix, if any, begins the URL's path. */
static bool path_ok(void *user, size_t i) {
    const path_test *p = user;
    const char *slash = strchr(p->t->rows[i].f[0], '/');
    return !slash || (p->u->path && !strncasecmp(p->u->path, slash, strlen(slash)));
}

/* The first row whose host the URL's is within and whose path prefix (if any) it has. */
static const pc_row *listed_row(const pc_url *u, const char *table) {
    if (!u || !u->host) return NULL;
    path_test p = {pc_data_table(table), u};
    size_t i = pc_host_index_first(pc_host_index_of_table(table), u->host, path_ok, &p);
    return i == PC_HOST_NONE ? NULL : &p.t->rows[i];
}

const char *pc_url_listed(const pc_url *u, const char *table, int col) {
    const pc_row *r = listed_row(u, table);
    return r && r->n > col ? r->f[col] : r ? "" : NULL;
}

/* A URL written plainly, or base64 (standard or URL-safe) that decodes to one. */
static pc_url *url_in_value(pc_arena *a, const char *v) {
    if (!strncasecmp(v, "http://", 7) || !strncasecmp(v, "https://", 8) ||
        !strncasecmp(v, "www.", 4))
        return pc_url_parse(a, v);
    size_t n = strlen(v);
    if (n < 12 || n > 4096 || strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                        "0123456789+/=-_") != n)
        return NULL;
    char *b = pc_alloc(a, n + 4);
    for (size_t i = 0; i < n; i++) b[i] = v[i] == '-' ? '+' : v[i] == '_' ? '/' : v[i];
    while (n % 4) b[n++] = '=';
    gsize len = 0;
    guchar *d = g_base64_decode(b, &len);
    pc_url *u = NULL;
    if (d && len > 10 && (!strncasecmp((char *)d, "http://", 7) ||
                          !strncasecmp((char *)d, "https://", 8)))
        u = pc_url_parse(a, pc_strndup(a, (char *)d, len));
    g_free(d);
    return u;
}

/* Proofpoint v2 writes ':' as "-3A" and '/' as '_': u=https-3A__evil.com_x */
static char *proofpoint_v2(pc_arena *a, const char *v) {
    char *o = pc_alloc(a, strlen(v) + 1), *q = o;
    for (const char *p = v; *p; p++) {
        if (*p == '-' && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2])) {
            char hex[3] = {p[1], p[2], 0};
            *q++ = (char)strtol(hex, NULL, 16);
            p += 2;
        } else *q++ = *p == '_' ? '/' : *p;
    }
    return o;
}

/* The URL carried in the query (parameter `param` when given, else any). */
static pc_url *url_in_query(pc_arena *a, const char *query, const char *param) {
    if (!query) return NULL;
    char *q = pc_strdup(a, query), *save = NULL;
    for (char *kv = strtok_r(q, "&;", &save); kv; kv = strtok_r(NULL, "&;", &save)) {
        char *eq = strchr(kv, '=');
        if (!eq) continue;
        *eq = 0;
        if (param && *param && strcasecmp(kv, param)) continue;
        char *v = pc_url_decode(a, eq + 1, true);
        if (strstr(v, "%3A") || strstr(v, "%3a")) v = pc_url_decode(a, v, false);
        if (!strncmp(v, "https-3A", 8) || !strncmp(v, "http-3A", 7)) v = proofpoint_v2(a, v);
        pc_url *u = url_in_value(a, v);
        if (u && u->host) return u;
    }
    return NULL;
}

/* A URL embedded in the path: /redirect/https://x, urldefense v3 /v3/__https://x__;... */
static pc_url *url_in_path(pc_arena *a, const char *path) {
    if (!path) return NULL;
    char *p = pc_url_decode(a, path, false);
    char *h = strstr(p, "http://");
    char *s = strstr(p, "https://");
    if (!h || (s && s < h)) h = s;
    if (!h) return NULL;
    char *end = strstr(h, "__;");
    if (end) *end = 0;
    return pc_url_parse(a, h);
}

pc_target pc_link_target(pc_ctx *ctx, const pc_url *u) {
    pc_target t = {u, NULL, NULL, 0};
    for (int i = 0; i < 4 && t.final; i++) {
        const pc_row *r = listed_row(t.final, "redirectors.tsv");
        const char *kind = r && r->n > 1 ? r->f[1] : NULL;
        const char *param = r && r->n > 2 ? r->f[2] : NULL;
        if (kind && !strcmp(kind, "shortener")) {
            if (!t.via) t.via = t.final, t.via_kind = kind;
            break;
        }
        pc_url *next = url_in_query(ctx->arena, t.final->query, param);
        if (!next) next = url_in_path(ctx->arena, t.final->path);
        if (!next || !next->host || !strcmp(next->host, t.final->host)) {
            if (!t.via && kind) t.via = t.final, t.via_kind = kind;   /* tracker, no target */
            break;
        }
        if (!t.via) t.via = t.final, t.via_kind = kind ? kind : "param";
        t.final = next;
        t.hops++;
    }
    return t;
}

/* base64 of the address as it would appear at each of the three byte alignments,
 * without the characters that depend on neighbouring bytes. */
static bool has_b64(pc_arena *a, const char *s, const char *addr) {
    size_t n = strlen(addr);
    for (int k = 0; k < 3; k++) {
        char *buf = pc_alloc(a, n + 3);
        memcpy(buf + k, addr, n);
        gchar *e = g_base64_encode((guchar *)buf, n + (size_t)k);
        size_t el = strlen(e), skip = (size_t)(k * 8 + 5) / 6;
        while (el && e[el - 1] == '=') el--;
        bool hit = false;
        if (el > skip + 2) {
            char *core = pc_strndup(a, e + skip, el - skip - 1);
            hit = strstr(s, core) != NULL;
            for (char *c = core; *c; c++) *c = *c == '+' ? '-' : *c == '/' ? '_' : *c;
            hit = hit || strstr(s, core) != NULL;
        }
        g_free(e);
        if (hit) return true;
    }
    return false;
}

bool pc_has_recipient(pc_ctx *ctx, const char *s) {
    const char *r = ctx->recipient;
    if (!s || !r || strlen(r) < 6 || !strchr(r, '@')) return false;
    if (pc_strcasestr(s, r)) return true;
    char *d = pc_url_decode(ctx->arena, s, true);
    if (pc_strcasestr(d, r)) return true;
    return has_b64(ctx->arena, s, r) || has_b64(ctx->arena, d, r);
}
