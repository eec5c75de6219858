/* url.c — see url.h. For http(s) links the scheme, userinfo, host and port are read as a
 * browser reads them (whatwg.c: the host a click opens); curl's URL API parses the rest
 * and the other schemes. libidn2 does the IDNA mapping, libpsl the registrable domain. */
#include "parse/url.h"
#include <ctype.h>
#include <curl/curl.h>
#include <glib.h>
#include <idn2.h>
#include <libpsl.h>
#include <stdlib.h>
#include <string.h>
#include "parse/whatwg.h"

static const psl_ctx_t *psl(void) {
    static const psl_ctx_t *ctx;
    if (!ctx) ctx = psl_builtin();   /* the list compiled into libpsl: no file I/O */
    return ctx;
}

static char *take(pc_arena *a, CURLU *u, CURLUPart part, unsigned flags) {
    char *s = NULL;
    if (curl_url_get(u, part, &s, flags) != CURLUE_OK || !s) return NULL;
    char *r = pc_strdup(a, s);
    curl_free(s);
    return r;
}

static void lower(char *s) { for (; s && *s; s++) *s = (char)tolower((unsigned char)*s); }

char *pc_host_ascii(pc_arena *a, const char *host) {
    if (!host || !*host) return NULL;
    bool ascii = true;
    for (const char *p = host; *p; p++) if ((unsigned char)*p >= 0x80) { ascii = false; break; }
    if (ascii) {
        char *h = pc_strdup(a, host);
        lower(h);
        size_t n = strlen(h);
        if (n && h[n - 1] == '.') h[n - 1] = 0;   /* trailing root dot */
        return h;
    }
    char *out = NULL;
    if (idn2_to_ascii_8z(host, &out, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT) != IDN2_OK &&
        idn2_to_ascii_8z(host, &out, IDN2_TRANSITIONAL) != IDN2_OK)
        return NULL;
    char *r = pc_strdup(a, out);
    idn2_free(out);
    lower(r);
    return r;
}

char *pc_host_unicode(pc_arena *a, const char *host) {
    if (!host || !strstr(host, "xn--")) return (char *)host;
    char *out = NULL;
    if (idn2_to_unicode_8z8z(host, &out, 0) != IDN2_OK) return (char *)host;
    char *r = pc_strdup(a, out);
    idn2_free(out);
    return r;
}

/* libpsl's answers by host, kept for the process (hosts recur link after link, mail after
 * mail; emptied past 4096): where in host the registrable domain starts, plus one; 0 for
 * none. */
char *pc_reg_domain(pc_arena *a, const char *host) {
    static GHashTable *memo;
    if (!host || !*host) return NULL;
    if (!memo) memo = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    gpointer v;
    if (!g_hash_table_lookup_extended(memo, host, NULL, &v)) {
        const char *r = psl_registrable_domain(psl(), host);   /* a pointer into host */
        if (g_hash_table_size(memo) >= 4096) g_hash_table_remove_all(memo);
        v = GSIZE_TO_POINTER(r ? (size_t)(r - host) + 1 : 0);
        g_hash_table_insert(memo, g_strdup(host), v);
    }
    size_t at = GPOINTER_TO_SIZE(v);
    return at ? pc_strdup(a, host + at - 1) : NULL;
}

bool pc_host_private_suffix(const char *host) {
    if (!host) return false;
    /* Walk the labels: the first suffix that is a private-section entry answers yes. */
    for (const char *p = host; p; p = strchr(p, '.') ? strchr(p, '.') + 1 : NULL) {
        if (psl_is_public_suffix2(psl(), p, PSL_TYPE_PRIVATE | PSL_TYPE_NO_STAR_RULE) &&
            !psl_is_public_suffix2(psl(), p, PSL_TYPE_ICANN | PSL_TYPE_NO_STAR_RULE))
            return p != host;   /* the host itself being the suffix is not hosting on it */
        if (!strchr(p, '.')) break;
    }
    return false;
}

bool pc_host_within(const char *host, const char *dom) {
    if (!host || !dom || !*dom) return false;
    size_t h = strlen(host), d = strlen(dom);
    if (h < d || strcmp(host + h - d, dom) != 0) return false;
    return h == d || host[h - d - 1] == '.';
}

static bool looks_ip(const char *h) {
    if (strchr(h, ':')) return true;                       /* IPv6 */
    for (const char *p = h; *p; p++)                        /* dotted, decimal, hex forms */
        if (!isdigit((unsigned char)*p) && *p != '.' && *p != 'x' && !(*p >= 'a' && *p <= 'f'))
            return false;
    const char *last = strrchr(h, '.');
    last = last ? last + 1 : h;
    return *last && (isdigit((unsigned char)*last) || strncmp(last, "0x", 2) == 0);
}

static char *trimmed(pc_arena *a, const char *s) {
    while (*s && (isspace((unsigned char)*s) || *s == '<' || *s == '"' || *s == '\'')) s++;
    size_t n = strlen(s);
    while (n && (isspace((unsigned char)s[n - 1]) || s[n - 1] == '>' || s[n - 1] == '"' ||
                 s[n - 1] == '\''))
        n--;
    return pc_strndup(a, s, n);
}

/* Host fields of url from an already normalised host (ASCII, IP or not). */
static void set_host(pc_arena *a, pc_url *url, char *host, bool is_ip) {
    url->host = host;
    url->is_ip = is_ip;
    url->host_u = is_ip ? host : pc_host_unicode(a, host);
    url->is_idn = strstr(host, "xn--") != NULL;
    url->reg = is_ip ? NULL : pc_reg_domain(a, host);
}

/* Path, query and fragment by curl (dot segments resolved); by hand if curl refuses. */
static void set_rest(pc_arena *a, pc_url *url, const char *rest) {
    CURLU *u = curl_url();
    unsigned fl = CURLU_URLENCODE | CURLU_ALLOW_SPACE;
    if (u && curl_url_set(u, CURLUPART_URL, pc_sprintf(a, "http://h.invalid%s", rest), fl) == CURLUE_OK) {
        url->path = take(a, u, CURLUPART_PATH, 0);
        url->query = take(a, u, CURLUPART_QUERY, 0);
        url->fragment = take(a, u, CURLUPART_FRAGMENT, 0);
    } else {
        size_t pn = strcspn(rest, "?#"), qn = pn + strcspn(rest + pn, "#");
        url->path = pn ? pc_strndup(a, rest, pn) : pc_strdup(a, "/");
        if (rest[pn] == '?') url->query = pc_strndup(a, rest + pn + 1, qn - pn - (qn > pn));
        if (rest[qn] == '#') url->fragment = pc_strdup(a, rest + qn + 1);
    }
    if (u) curl_url_cleanup(u);
}

/* http(s) and the other special schemes: split as a browser does (whatwg.c). */
static pc_url *special_url(pc_arena *a, char *raw, const pc_whatwg *w) {
    pc_url *url = pc_alloc(a, sizeof *url);
    url->raw = raw;
    url->scheme = w->scheme;
    url->user = w->user;
    url->port = w->port;
    size_t n = strlen(w->host);               /* a trailing root dot names the same host */
    char *host = n > 1 && w->host[n - 1] == '.' ? pc_strndup(a, w->host, n - 1) : w->host;
    set_host(a, url, host, w->is_ip);
    set_rest(a, url, w->rest);
    return url;
}

pc_url *pc_url_parse(pc_arena *a, const char *s) {
    if (!s) return NULL;
    char *raw = trimmed(a, s);
    if (!*raw || strlen(raw) > 8192) return NULL;
    const char *in = pc_whatwg_prep(a, raw);
    if (strncasecmp(in, "www.", 4) == 0) in = pc_sprintf(a, "http://%s", in);
    pc_whatwg w;
    int sp = pc_whatwg_split(a, in, &w);
    if (sp > 0) return special_url(a, raw, &w);
    if (sp < 0) return NULL;                  /* a browser opens nothing */
    CURLU *u = curl_url();
    if (!u) return NULL;
    unsigned fl = CURLU_NON_SUPPORT_SCHEME | CURLU_URLENCODE | CURLU_ALLOW_SPACE;
    if (curl_url_set(u, CURLUPART_URL, in, fl) != CURLUE_OK) { curl_url_cleanup(u); return NULL; }
    pc_url *url = pc_alloc(a, sizeof *url);
    url->raw = raw;
    url->scheme = take(a, u, CURLUPART_SCHEME, 0);
    lower(url->scheme);
    char *host = take(a, u, CURLUPART_HOST, 0);
    url->user = take(a, u, CURLUPART_USER, 0);
    url->path = take(a, u, CURLUPART_PATH, 0);
    url->query = take(a, u, CURLUPART_QUERY, 0);
    url->fragment = take(a, u, CURLUPART_FRAGMENT, 0);
    char *port = take(a, u, CURLUPART_PORT, 0);
    url->port = port ? atoi(port) : 0;
    curl_url_cleanup(u);
    if (host) {
        size_t n = strlen(host);
        if (host[0] == '[' && n > 2 && host[n - 1] == ']') host = pc_strndup(a, host + 1, n - 2);
        char *pct = strchr(host, '%');                  /* percent-encoded host: decode */
        if (pct) host = pc_url_decode(a, host, false);
        char *h = pc_host_ascii(a, host);
        set_host(a, url, h ? h : host, looks_ip(h ? h : host));
    }
    return url;
}

static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    c = tolower(c);
    return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

char *pc_url_decode(pc_arena *a, const char *s, bool form) {
    if (!s) return NULL;
    size_t n = strlen(s);
    char *d = pc_alloc(a, n + 1), *o = d;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
            int v = hexval(s[i + 1]) * 16 + hexval(s[i + 2]);
            *o++ = v ? (char)v : ' ';   /* never an embedded NUL */
            i += 2;
        } else if (form && s[i] == '+') {
            *o++ = ' ';
        } else {
            *o++ = s[i];
        }
    }
    *o = 0;
    return d;
}
