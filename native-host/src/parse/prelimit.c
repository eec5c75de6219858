/* prelimit.c — see prelimit.h. One pass over the header block (count and size of the
 * fields), then one over the lines of the rest: a MIME part starts at a delimiter line
 * ("--" + a boundary declared earlier), a multipart declaration ("boundary=") and each
 * message/... part; past max_parts the message is cut at that line. Linear in the input. */
#include "parse/prelimit.h"
#include <glib.h>
#include <string.h>

static const char *line_end(const char *p, const char *end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    return nl ? nl + 1 : end;
}

static bool blank(const char *p, const char *e) {
    return e - p == 0 || (e - p == 1 && *p == '\n') || (e - p == 2 && p[0] == '\r' && p[1] == '\n');
}

/* Header block [raw, *body): returns a trimmed copy in out when it breaks a limit. */
static bool cut_headers(const char *raw, size_t len, const pc_prelimits *lim, GString *out,
                        const char **body) {
    const char *p = raw, *end = raw + len;
    size_t fields = 0, field_bytes = 0;
    bool cut = false, keep = true;
    while (p < end) {
        const char *e = line_end(p, end);
        if (blank(p, e)) break;
        bool cont = *p == ' ' || *p == '\t';
        if (!cont) { fields++; field_bytes = 0; keep = fields <= lim->max_headers; }
        size_t n = (size_t)(e - p);
        if (keep && field_bytes + n > lim->max_header_bytes) {       /* cut this field here */
            if (!cont) g_string_append_len(out, p, (gssize)lim->max_header_bytes),
                       g_string_append_c(out, '\n');
            keep = false;
        }
        if (keep && out->len + n > lim->max_head_bytes) keep = false;
        if (keep) g_string_append_len(out, p, (gssize)n);
        else cut = true;
        field_bytes += n;
        p = e;
    }
    *body = p;
    return cut;
}

/* The boundary declared at p (just after "boundary="), into set. */
static void declare(GHashTable *set, const char *p, const char *e) {
    while (p < e && (*p == ' ' || *p == '\t')) p++;
    bool q = p < e && *p == '"';
    const char *s = p + q, *t = s;
    while (t < e && (q ? *t != '"' : !strchr(" \t;\r\n", *t))) t++;
    if (t > s) g_hash_table_add(set, g_strndup(s, (size_t)(t - s)));
}

static bool delimiter(GHashTable *set, const char *p, const char *e) {
    if (e - p < 3 || p[0] != '-' || p[1] != '-') return false;
    while (e > p + 2 && strchr(" \t\r\n", e[-1])) e--;
    char *b = g_strndup(p + 2, (size_t)(e - p - 2));
    bool hit = g_hash_table_contains(set, b);      /* "--b--" closes: no new part */
    g_free(b);
    return hit;
}

/* Counts the parts one line starts (and records boundaries it declares). */
static size_t parts_in_line(GHashTable *set, const char *p, const char *e) {
    size_t n = delimiter(set, p, e);
    if (e - p > 21 && !g_ascii_strncasecmp(p, "content-type:", 13)) {
        const char *v = p + 13;
        while (v < e && (*v == ' ' || *v == '\t')) v++;
        n += (size_t)(e - v) >= 8 && !g_ascii_strncasecmp(v, "message/", 8);
    }
    for (const char *q = p; q < e && (q = memchr(q, '=', (size_t)(e - q))); q++) {
        if (q - p >= 8 && !g_ascii_strncasecmp(q - 8, "boundary", 8)) {
            declare(set, q + 1, e);
            n++;
        }
    }
    return n;
}

/* Offset of the line where the parts count passes max (len when it never does). */
static size_t parts_cut_at(const char *raw, size_t len, size_t max) {
    GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    const char *p = raw, *end = raw + len;
    size_t parts = 1;
    while (p < end) {
        const char *e = line_end(p, end);
        parts += parts_in_line(set, p, e);
        if (parts > max) break;
        p = e;
    }
    g_hash_table_destroy(set);
    return (size_t)(p - raw);
}

pc_precut pc_prelimit(const char *raw, size_t len, const pc_prelimits *lim) {
    pc_precut r = {NULL, len, false, false};
    GString *head = g_string_new(NULL);
    const char *body;
    if (cut_headers(raw, len, lim, head, &body)) {
        r.headers_cut = true;
        g_string_append_len(head, body, (gssize)(raw + len - body));
        r.len = head->len;
        r.buf = g_string_free(head, FALSE);
    } else {
        g_string_free(head, TRUE);
    }
    const char *src = r.buf ? r.buf : raw;
    size_t at = parts_cut_at(src, r.len, lim->max_parts);
    if (at < r.len) {
        r.parts_cut = true;
        if (!r.buf) r.buf = g_memdup2(raw, at + 1);
        r.len = at;
        r.buf[at] = 0;
    }
    return r;
}
