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

/* Labels mapped as browsers and Thunderbird do (WHATWG Encoding): the wider Microsoft
 * superset stands in for the label mail software writes. */
static const char *alias(const char *cs) {
    static const char *const map[][2] = {
        {"shift_jis", "CP932"}, {"shift-jis", "CP932"}, {"sjis", "CP932"}, {"x-sjis", "CP932"},
        {"ms_kanji", "CP932"}, {"windows-31j", "CP932"}, {"iso-8859-1", "WINDOWS-1252"},
        {"latin1", "WINDOWS-1252"}, {"iso-8859-9", "WINDOWS-1254"}, {"ks_c_5601-1987", "CP949"},
        {"euc-kr", "CP949"}, {"gb2312", "GB18030"}, {"gbk", "GB18030"}, {"tis-620", "CP874"},
        {"big5", "BIG5-HKSCS"}};
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (!strcasecmp(cs, map[i][0])) return map[i][1];
    return cs;
}

/* ISO-2022-JP as Microsoft writes it (CP50220: NEC row 13 "①", IBM extensions) is not
 * what glibc's ISO-2022-JP accepts: re-encode as EUC-JP and read it as EUC-JP-MS. */
static char *jis_ms(pc_arena *a, const char *b, size_t n) {
    GString *e = g_string_sized_new(n);
    enum { ASCII, KANJI, KANA, HOJO } st = ASCII;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)b[i];
        if (c == 0x1b && i + 2 < n) {
            const char *s = b + i + 1;
            if (!strncmp(s, "$B", 2) || !strncmp(s, "$@", 2)) { st = KANJI; i += 2; continue; }
            if (!strncmp(s, "(B", 2) || !strncmp(s, "(J", 2)) { st = ASCII; i += 2; continue; }
            if (!strncmp(s, "(I", 2)) { st = KANA; i += 2; continue; }
            if (i + 3 < n && !strncmp(s, "$(D", 3)) { st = HOJO; i += 3; continue; }
        }
        if (c == '\n' || c == '\r' || c < 0x21 || c > 0x7e || st == ASCII) {
            g_string_append_c(e, (char)c);
        } else if (st == KANA) {
            g_string_append_c(e, (char)0x8e);
            g_string_append_c(e, (char)(c | 0x80));
        } else if (i + 1 < n) {
            if (st == HOJO) g_string_append_c(e, (char)0x8f);
            g_string_append_c(e, (char)(c | 0x80));
            g_string_append_c(e, (char)(b[++i] | 0x80));
        }
    }
    char *r = conv(a, e->str, e->len, "EUC-JP-MS");
    g_string_free(e, TRUE);
    return r;
}

char *pc_to_utf8(pc_arena *a, const char *b, size_t n, const char *charset) {
    char *r;
    if (!b || !n) return pc_strdup(a, "");
    bool has_esc = memchr(b, 0x1b, n) != NULL;          /* ISO-2022-JP escapes */
    if (charset && *charset && !is_ascii_compatible_label(charset) &&
        strcasecmp(charset, "utf-8") && (r = conv(a, b, n, alias(charset))))
        return r;
    if (!memchr(b, 0, n) && g_utf8_validate(b, (gssize)n, NULL) && !has_esc)
        return pc_strndup(a, b, n);
    static const char *const guesses[] = {"ISO-2022-JP", "EUC-JP", "CP932"};
    for (size_t i = has_esc ? 0 : 1; i < sizeof guesses / sizeof *guesses; i++) {
        if ((r = conv(a, b, n, guesses[i]))) return r;
        if (has_esc && !i && (r = jis_ms(a, b, n))) return r;
    }
    if ((r = conv(a, b, n, "WINDOWS-1252"))) return r;
    gchar *v = g_utf8_make_valid(b, (gssize)n);   /* last resort: U+FFFD for what's left */
    r = pc_strdup(a, v);
    g_free(v);
    return r;
}
