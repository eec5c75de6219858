/* rfc2047.c — see rfc2047.h. The raw value is unfolded and made UTF-8 first (encoded-
 * words are ASCII and survive that), then scanned for "=?charset?B|Q?text?=" words. A run
 * of words separated only by white space is one piece of text: each word is decoded to
 * bytes on its own (its own base64 padding), bytes of consecutive words in the same
 * charset are joined, and each charset's bytes are converted once (charset.c). */
#include "parse/rfc2047.h"
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "parse/charset.h"

typedef struct {
    const char *cs;      /* charset label (language suffix "*en" excluded) */
    size_t cs_n;
    char enc;            /* 'B' or 'Q' */
    const char *txt;
    size_t txt_n;
    size_t len;          /* whole word, "=?" to "?=" */
} eword;

/* Recognises an encoded-word at p (which points at "=?"). When the text runs into white
 * space or the end with no "?=", *dead says where: no word can start before that point. */
static bool ew_parse(const char *p, eword *w, const char **dead) {
    const char *cs = p + 2, *q = cs;
    while (*q && *q != '?' && q - cs <= 64) q++;
    if (*q != '?' || q == cs || ((q[1] | 0x20) != 'b' && (q[1] | 0x20) != 'q') || q[2] != '?')
        return false;
    for (const char *c = cs; c < q; c++)
        if ((unsigned char)*c <= ' ' || strchr("\"()<>@,;:/[]", *c)) return false;
    const char *t = q + 3, *e = t;
    while ((unsigned char)*e > ' ' && !(e[0] == '?' && e[1] == '=')) e++;
    if (*e != '?') { if (dead) *dead = e; return false; }
    const char *star = memchr(cs, '*', (size_t)(q - cs));
    *w = (eword){cs, (size_t)((star ? star : q) - cs), (char)(q[1] & ~0x20), t, (size_t)(e - t),
                 (size_t)(e + 2 - p)};
    return w->cs_n > 0;
}

static int b64val(unsigned char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Appends the bytes of one word: base64 stops at its own padding, Q maps '_' and =XX. */
static void ew_bytes(const eword *w, GString *out) {
    if (w->enc == 'B') {
        unsigned acc = 0;
        int bits = 0;
        for (size_t i = 0; i < w->txt_n && w->txt[i] != '='; i++) {
            int v = b64val((unsigned char)w->txt[i]);
            if (v < 0) continue;
            acc = (acc << 6 | (unsigned)v) & 0xffffff;
            if ((bits += 6) >= 8) g_string_append_c(out, (char)(acc >> (bits -= 8) & 0xff));
        }
        return;
    }
    for (size_t i = 0; i < w->txt_n; i++) {
        char c = w->txt[i];
        if (c == '=' && i + 2 < w->txt_n && g_ascii_isxdigit(w->txt[i + 1]) &&
            g_ascii_isxdigit(w->txt[i + 2])) {
            g_string_append_c(out, (char)(g_ascii_xdigit_value(w->txt[i + 1]) << 4 |
                                          g_ascii_xdigit_value(w->txt[i + 2])));
            i += 2;
        } else {
            g_string_append_c(out, c == '_' ? ' ' : c);
        }
    }
}

/* Control characters (decoded "=00", "=0A" ...) never reach the model: NUL is dropped,
 * the others become spaces. */
static void append_clean(GString *out, const char *u) {
    for (; *u; u++) g_string_append_c(out, (unsigned char)*u < 0x20 || *u == 0x7f ? ' ' : *u);
}

static void flush(pc_arena *a, GString *bytes, const eword *w, GString *out) {
    if (!bytes->len) return;
    char *cs = pc_strndup(a, w->cs, w->cs_n);
    bool wide = !strncasecmp(cs, "utf-16", 6) || !strncasecmp(cs, "utf-32", 6);
    if (!wide) {                                         /* NUL would end the C string */
        size_t o = 0;
        for (size_t i = 0; i < bytes->len; i++) if (bytes->str[i]) bytes->str[o++] = bytes->str[i];
        g_string_truncate(bytes, o);
    }
    append_clean(out, pc_to_utf8(a, bytes->str, bytes->len, cs));
    g_string_truncate(bytes, 0);
}

/* Decodes the run of words starting at p into out; returns the end of the run. */
static const char *run(pc_arena *a, const char *p, GString *out) {
    GString *bytes = g_string_new(NULL);
    eword w, prev = {0};
    for (;;) {
        if (!ew_parse(p, &w, NULL)) break;
        if (prev.cs && (prev.cs_n != w.cs_n || strncasecmp(prev.cs, w.cs, w.cs_n)))
            flush(a, bytes, &prev, out);
        ew_bytes(&w, bytes);
        prev = w;
        p += w.len;
        const char *n = p + strspn(p, " \t");
        eword next;
        if (strncmp(n, "=?", 2) || !ew_parse(n, &next, NULL)) break;
        p = n;                                            /* white space between words goes */
    }
    flush(a, bytes, &prev, out);
    g_string_free(bytes, TRUE);
    return p;
}

/* Unfolds (CR/LF dropped, the folding white space kept) and converts raw 8-bit text. */
static char *unfolded_utf8(pc_arena *a, const char *raw, size_t len) {
    char *s = pc_alloc(a, len + 1);
    size_t o = 0;
    bool eight = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)raw[i];
        if (c == '\r' || c == '\n' || !c) continue;
        if (c >= 0x80 || c == 0x1b) eight = true;
        s[o++] = c == '\t' ? ' ' : (char)c;
    }
    s[o] = 0;
    char *t = eight ? pc_to_utf8(a, s, o, NULL) : s;
    while (*t == ' ') t++;
    size_t n = strlen(t);
    while (n && t[n - 1] == ' ') t[--n] = 0;
    return t;
}

/* Appends decoded text d for an address header: quoted outside quotes and comments,
 * escaped inside them. */
static void append_phrase(GString *out, const char *d, bool in_quote, int comment) {
    bool wrap = !in_quote && !comment;
    if (wrap) g_string_append_c(out, '"');
    for (; *d; d++) {
        if (*d == '\\' || (*d == '"' && !comment) || (comment && (*d == '(' || *d == ')')))
            g_string_append_c(out, '\\');
        g_string_append_c(out, *d);
    }
    if (wrap) g_string_append_c(out, '"');
}

static char *decode(pc_arena *a, const char *raw, size_t len, bool phrase) {
    if (!raw) return NULL;
    const char *s = unfolded_utf8(a, raw, len);
    GString *out = g_string_sized_new(strlen(s) + 16);
    bool quote = false;
    int comment = 0, angle = 0;
    const char *dead = s;                 /* no encoded-word can start before this */
    for (const char *p = s; *p;) {
        eword w;
        bool addr_part = phrase && (angle || (p > s && p[-1] == '@'));
        if (p[0] == '=' && p[1] == '?' && p >= dead && !addr_part && ew_parse(p, &w, &dead)) {
            GString *d = g_string_new(NULL);
            const char *e = run(a, p, d);
            if (phrase && *e == '@') { g_string_append_len(out, p, e - p); p = e; }
            else if (phrase) append_phrase(out, d->str, quote, comment);
            else g_string_append_len(out, d->str, (gssize)d->len);
            g_string_free(d, TRUE);
            if (e > p) p = e;
            continue;
        }
        if (phrase && *p == '\\' && p[1]) { g_string_append_len(out, p, 2); p += 2; continue; }
        if (phrase && *p == '"' && !comment) quote = !quote;
        else if (phrase && !quote && *p == '(') comment++;
        else if (phrase && !quote && *p == ')' && comment) comment--;
        else if (phrase && !quote && !comment && *p == '<') angle = 1;
        else if (phrase && !quote && !comment && *p == '>') angle = 0;
        g_string_append_c(out, *p++);
    }
    char *r = g_strstrip(pc_strndup(a, out->str, out->len));   /* decoded edge spaces */
    g_string_free(out, TRUE);
    return r;
}

char *pc_header_decode(pc_arena *a, const char *raw, size_t len) {
    return decode(a, raw, len, false);
}

char *pc_header_decode_phrase(pc_arena *a, const char *raw, size_t len) {
    return decode(a, raw, len, true);
}

/* ---- MIME parameters (file names): RFC 2231 sections and charsets, RFC 2047 inside ---- */

typedef struct { int sec; bool ext; char *val; } psec;

/* Reads one "attr=value" at p (quoted-string unescaped); returns the end, NULL at the end. */
static const char *param_next(pc_arena *a, const char *p, char **attr, char **val) {
    p += strspn(p, " \t;");
    if (!*p) return NULL;
    size_t an = strcspn(p, "=;");
    if (p[an] != '=') { *attr = *val = NULL; return p + an; }
    *attr = g_strstrip(pc_strndup(a, p, an));
    p += an + 1;
    p += strspn(p, " \t");
    GString *v = g_string_new(NULL);
    if (*p == '"') {
        for (p++; *p && *p != '"'; p++) {
            if (*p == '\\' && p[1]) p++;
            g_string_append_c(v, *p);
        }
        if (*p) p++;
    } else {
        size_t n = strcspn(p, ";");
        g_string_append_len(v, p, (gssize)n);
        p += n;
    }
    *val = g_strstrip(pc_strndup(a, v->str, v->len));
    g_string_free(v, TRUE);
    return p;
}

static int by_sec(const void *x, const void *y) {
    return ((const psec *)x)->sec - ((const psec *)y)->sec;
}

/* Joins RFC 2231 sections: starred ones are percent-encoded, the first names the charset. */
static char *join_2231(pc_arena *a, psec *s, size_t n) {
    qsort(s, n, sizeof *s, by_sec);
    GString *b = g_string_new(NULL);
    char *cs = NULL;
    bool any_ext = false;
    for (size_t i = 0; i < n; i++) {
        const char *v = s[i].val;
        if (s[i].ext && !any_ext) {
            const char *q1 = strchr(v, '\''), *q2 = q1 ? strchr(q1 + 1, '\'') : NULL;
            if (q2) { cs = pc_strndup(a, v, (size_t)(q1 - v)); v = q2 + 1; }
            any_ext = true;
        }
        for (; *v; v++) {
            if (s[i].ext && *v == '%' && g_ascii_isxdigit(v[1]) && g_ascii_isxdigit(v[2])) {
                char c = (char)(g_ascii_xdigit_value(v[1]) << 4 | g_ascii_xdigit_value(v[2]));
                if (c) g_string_append_c(b, c);
                v += 2;
            } else {
                g_string_append_c(b, *v);
            }
        }
    }
    char *r = any_ext ? pc_to_utf8(a, b->str, b->len, cs) : pc_header_decode(a, b->str, b->len);
    g_string_free(b, TRUE);
    return r;
}

char *pc_param_decode(pc_arena *a, const char *raw, const char *name) {
    if (!raw) return NULL;
    char *un = pc_strdup(a, raw), *o_ = un;
    for (const char *c = raw; *c; c++) if (*c != '\r' && *c != '\n') *o_++ = *c;
    *o_ = 0;
    const char *p = strchr(un, ';');
    size_t k = strlen(name);
    psec secs[64];
    size_t n = 0;
    char *attr, *val;
    while (p && (p = param_next(a, p, &attr, &val))) {
        if (!attr || g_ascii_strncasecmp(attr, name, k) || (attr[k] && attr[k] != '*')) continue;
        const char *t = attr + k;
        psec s = {0, false, val};
        if (*t == '*' && g_ascii_isdigit(t[1])) {
            s.sec = atoi(t + 1);
            s.ext = t[strlen(t) - 1] == '*';
        } else if (*t == '*') {
            s.ext = true;
            s.sec = -1;               /* name*= wins over the rest */
        } else {
            s.sec = -2;               /* plain name= : used only when nothing else is there */
        }
        if (n < 64 && s.sec < 1000) secs[n++] = s;
    }
    if (!n) return NULL;
    for (size_t i = 0; i < n; i++) if (secs[i].sec == -1) return join_2231(a, &secs[i], 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) if (secs[i].sec >= 0) secs[o++] = secs[i];
    if (o) return join_2231(a, secs, o);
    return pc_header_decode(a, secs[0].val, strlen(secs[0].val));
}
