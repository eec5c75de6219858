/* charset.c — mislabelled mail is common (Shift_JIS sent as iso-8859-1, 8-bit UTF-8 with
 * no label). A conversion that hits an invalid sequence is taken as the wrong guess and
 * the next candidate is tried; glib's iconv wrapper does the converting. */
#include "parse/charset.h"
#include <glib.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* C1 controls (U+0080..U+009F) never appear in real text: a sign of the wrong charset. */
static bool has_c1(const char *u, size_t n) {
    for (const char *p = u; (p = memchr(p, 0xc2, (size_t)(u + n - p))) && p + 1 < u + n; p++)
        if ((unsigned char)p[1] >= 0x80 && (unsigned char)p[1] <= 0x9f) return true;
    return false;
}

static char *conv(pc_arena *a, const char *b, size_t n, const char *cs) {
    gsize out_len = 0;
    GError *err = NULL;
    gchar *u = g_convert(b, (gssize)n, "UTF-8", cs, NULL, &out_len, &err);
    if (!u) { g_clear_error(&err); return NULL; }
    char *r = NULL;
    if (g_utf8_validate(u, (gssize)out_len, NULL) && !memchr(u, 0, out_len) && !has_c1(u, out_len))
        r = pc_strndup(a, u, out_len);
    g_free(u);
    return r;
}

static bool is_ascii_compatible_label(const char *cs) {
    return !strncasecmp(cs, "us-ascii", 8) || !strcasecmp(cs, "ascii");
}

char *pc_to_utf8(pc_arena *a, const char *b, size_t n, const char *charset) {
    char *r;
    if (!b || !n) return pc_strdup(a, "");
    bool has_esc = memchr(b, 0x1b, n) != NULL;          /* ISO-2022-JP escapes */
    if (charset && *charset && !is_ascii_compatible_label(charset) &&
        strcasecmp(charset, "utf-8") && (r = conv(a, b, n, charset)))
        return r;
    if (!memchr(b, 0, n) && g_utf8_validate(b, (gssize)n, NULL) && !has_esc)
        return pc_strndup(a, b, n);
    static const char *const guesses[] = {"ISO-2022-JP", "EUC-JP", "CP932"};
    for (size_t i = has_esc ? 0 : 1; i < sizeof guesses / sizeof *guesses; i++)
        if ((r = conv(a, b, n, guesses[i]))) return r;
    if ((r = conv(a, b, n, "WINDOWS-1252"))) return r;
    gchar *v = g_utf8_make_valid(b, (gssize)n);   /* last resort: U+FFFD for what's left */
    r = pc_strdup(a, v);
    g_free(v);
    return r;
}
