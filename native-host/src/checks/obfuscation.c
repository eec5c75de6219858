/* obfuscation.c — text written to slip past filters and to fool the reader at once:
 *  - filler characters inside words: variation selectors, tag characters, invisible
 *    operators, Hangul fillers, bidi controls, combining marks of another script laid on
 *    Latin letters ("amܿazoܿn", "L󠄹ed󠄹g󠄹er"). A person typing never puts them there;
 *    (zero-width spaces are content.invisible_chars);
 *  - a brand name readable only once the disguise is undone (fillers, zero-width
 *    characters, letter spacing "C o i n b a s e", capital I for l and digit 0 for o
 *    inside words: "PayPaI", "TrustwaIIet") in the display name or subject;
 *  - a random token in the subject or display name ("Liberação de IRPF - 6NwlyfzWcsNerv0",
 *    "Supp-UW4JPMXZGR3GABR") that makes every copy of a campaign unique to hash filters.
 * Guards: emoji presentation selectors after symbols don't count (only after letters);
 * ordinary accents (Latin/inherited combining marks) don't count; mixed-case words need
 * several case switches *and* digits, or many switches (camelCase product names have one
 * or two); pure hex (commit ids, hashes) and all-digit numbers (orders, tickets) are not
 * tokens; a brand writing from its own domain hides nothing. */
#include "checklib/check.h"
#include <glib.h>
#include <string.h>
#include "checklib/brand.h"

/* Characters with no visible form that only serve to break a word apart. */
static bool filler(gunichar c) {
    return (c >= 0xfe00 && c <= 0xfe0f) || (c >= 0xe0100 && c <= 0xe01ef) ||
           (c >= 0xe0000 && c <= 0xe007f) || c == 0x034f || (c >= 0x2061 && c <= 0x2064) ||
           c == 0x180e || c == 0x115f || c == 0x1160 || c == 0x3164 || c == 0xffa0 ||
           c == 0x17b4 || c == 0x17b5 || c == 0x200e || c == 0x200f ||
           (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

static bool zero_width(gunichar c) {
    return (c >= 0x200b && c <= 0x200d) || c == 0x2060 || c == 0xfeff || c == 0xad;
}

/* A combining mark of a script other than Latin laid on a Latin letter. */
static bool foreign_mark(gunichar c, gunichar base) {
    GUnicodeType t = g_unichar_type(c);
    if (t != G_UNICODE_NON_SPACING_MARK && t != G_UNICODE_SPACING_MARK &&
        t != G_UNICODE_ENCLOSING_MARK)
        return false;
    GUnicodeScript s = g_unichar_get_script(c);
    return base && g_unichar_get_script(base) == G_UNICODE_SCRIPT_LATIN &&
           s != G_UNICODE_SCRIPT_INHERITED && s != G_UNICODE_SCRIPT_COMMON &&
           s != G_UNICODE_SCRIPT_LATIN;
}

/* Bidi marks and embeddings (LRM, RLM, LRE ... PDF, isolates). */
static bool bidi_control(gunichar c) {
    return c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) ||
           (c >= 0x2066 && c <= 0x2069);
}

/* Characters mail software writes after words: bidi marks, and the combining grapheme
 * joiner that newsletters pad their preview text with ("Sale͏‌ ͏‌ ͏‌"). */
static bool padding(gunichar c) { return bidi_control(c) || c == 0x034f; }

/* A bidi control (or padding) at p that ends a word: mail clients of right-to-left languages wrap names
 * and addresses in them ("‫USRP-users‬‏ <‪list@x‬‏>:" in Gmail's Hebrew quote line). Only
 * one inside a word ("Ρ‎‎r‎i‎m‎e") breaks the word apart. */
static bool bidi_at_word_end(const char *p) {
    for (; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (!bidi_control(c) && !filler(c)) return !g_unichar_isalpha(c);
    }
    return true;
}

typedef struct { int chars, words; const char *word; } fillers;

/* Counts fillers that sit right after a letter (inside or at the end of a word). */
static fillers count_fillers(pc_ctx *ctx, const char *t) {
    fillers f = {0};
    gunichar base = 0;             /* last visible character */
    const char *wstart = t;
    bool in_word = false, counted = false;
    for (const char *p = t; *p; p = g_utf8_next_char(p)) {
        bool ascii = !((unsigned char)*p & 0x80);    /* no filler, mark or zero width */
        gunichar c = ascii ? (gunichar)*p : g_utf8_get_char(p);
        if (!ascii && (filler(c) || foreign_mark(c, base))) {
            if (base && g_unichar_isalpha(base) && !(padding(c) && bidi_at_word_end(p))) {
                f.chars++;
                if (!counted) {
                    f.words++;
                    counted = true;
                    if (!f.word) {
                        const char *e = p;
                        for (int i = 0; i < 24 && *e && !g_unichar_isspace(g_utf8_get_char(e)); i++)
                            e = g_utf8_next_char(e);
                        f.word = pc_strndup(ctx->arena, wstart, (size_t)(e - wstart));
                    }
                }
            }
            continue;
        }
        if (!ascii && zero_width(c)) continue;
        bool alpha = ascii ? g_ascii_isalpha((char)c) : g_unichar_isalpha(c);
        if (alpha && !in_word) { wstart = p; counted = false; }
        in_word = alpha;
        base = c;
    }
    return f;
}

/* The text with fillers and zero-width characters removed, letter-spaced runs closed up
 * ("C o i n b a s e" → "Coinbase"), camelCase split and I/0/1 inside lowercase words read
 * as l/o/l ("PayPaI" → "PayPal", "TrustwaIIet" → "Trustwallet"). */
static char *undisguise(pc_ctx *ctx, const char *t, bool split) {
    GString *plain = g_string_new(NULL);
    for (const char *p = t; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        gunichar prev = plain->len ? g_utf8_get_char(g_utf8_prev_char(plain->str + plain->len)) : 0;
        if (filler(c) || zero_width(c) || foreign_mark(c, prev)) continue;
        g_string_append_unichar(plain, c);
    }
    /* Close up single letters separated by single spaces (at least four in a row). */
    GString *out = g_string_new(NULL);
    const char *s = plain->str;
    size_t n = plain->len;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        int letters = 0;
        while (j < n && g_ascii_isalpha(s[j]) && (j + 1 == n || !g_ascii_isalnum(s[j + 1])) &&
               (j == 0 || !g_ascii_isalnum(s[j - 1]))) {
            letters++;
            if (j + 2 < n && s[j + 1] == ' ' && g_ascii_isalpha(s[j + 2])) j += 2;
            else { j++; break; }
        }
        if (letters >= 4) {
            for (size_t k = i; k < j; k++) if (s[k] != ' ') g_string_append_c(out, s[k]);
            i = j;
        } else {
            g_string_append_c(out, s[i]);
            i++;
        }
    }
    g_string_free(plain, TRUE);
    /* Per ASCII word: split camelCase, read I/0/1 between lowercase letters as l/o/l. */
    GString *res = g_string_new(NULL);
    s = out->str;
    n = out->len;
    for (size_t i = 0; i < n; i++) {
        char c = s[i], p = i ? s[i - 1] : 0, q = i + 1 < n ? s[i + 1] : 0;
        bool lower_p = g_ascii_islower(p), lower_q = g_ascii_islower(q);
        if (c == 'I' && (lower_p || (p == 'I' && i >= 2 && g_ascii_islower(s[i - 2]))) &&
            (lower_q || q == 'I' || !g_ascii_isalnum(q)))
            c = 'l';
        else if (c == '0' && g_ascii_isalpha(p) && g_ascii_isalpha(q)) c = 'o';
        else if (c == '1' && lower_p && lower_q) c = 'l';
        else if (split && g_ascii_isupper(c) && lower_p) g_string_append_c(res, ' ');
        g_string_append_c(res, c);
    }
    g_string_free(out, TRUE);
    char *r = pc_strdup(ctx->arena, res->str);
    g_string_free(res, TRUE);
    return r;
}

static void hidden_brand(pc_ctx *ctx, const char *where, const char *text) {
    if (!text || !*text || pc_found(ctx, "obfuscation.hidden_brand")) return;
    const pc_message *m = ctx->msg;
    const pc_brand *b = pc_brand_named(ctx->arena, undisguise(ctx, text, false));
    if (!b) b = pc_brand_named(ctx->arena, undisguise(ctx, text, true));
    if (!b) return;
    /* Named plainly already: hidden only when fillers were woven into it. */
    if (pc_brand_named(ctx->arena, text) == b && !count_fillers(ctx, text).chars &&
        !g_utf8_strchr(text, -1, 0x200b) &&
        !g_utf8_strchr(text, -1, 0x200c) && !g_utf8_strchr(text, -1, 0x200d) &&
        !g_utf8_strchr(text, -1, 0xad))
        return;
    if (m->from && m->from->domain && pc_brand_owns(ctx->arena, b, m->from->domain)) return;
    pc_flag_id(ctx, "obfuscation.hidden_brand", "brand", b->name,
            "where", where, "text", text, NULL);
}

static int klass(char c) { return g_ascii_isdigit(c) ? 0 : g_ascii_isupper(c) ? 1 : 2; }

/* A run of letters and digits that no one would type: base62 ("6NwlyfzWcsNerv0"), or
 * capitals and digits interleaved ("UW4JPMXZGR3GABR"). */
static bool random_token(const char *t, size_t n) {
    if (n < 8 || n > 64) return false;
    int digits = 0, upper = 0, lower = 0, changes = 0, up_after_low = 0;
    bool hex = true;
    for (size_t i = 0; i < n; i++) {
        int k = klass(t[i]);
        digits += k == 0; upper += k == 1; lower += k == 2;
        if (!g_ascii_isxdigit(t[i])) hex = false;
        if (i && klass(t[i - 1]) != k) changes++;
        if (i && k == 1 && klass(t[i - 1]) == 2) up_after_low++;
    }
    if (hex && !(upper && lower)) return false;
    if (lower >= 2 && upper >= 2)
        return changes >= 4 && ((digits && up_after_low >= 2) || up_after_low >= 4);
    if (!lower && upper >= 4 && digits >= 2) return n >= 10 && changes >= 3;
    if (!upper && lower >= 4 && digits >= 2) return n >= 10 && changes >= 4;
    return false;
}

static const char *find_token(pc_ctx *ctx, const char *s) {
    if (!s) return NULL;
    for (const char *p = s; *p;) {
        if (!g_ascii_isalnum(*p)) { p++; continue; }
        const char *e = p;
        while (g_ascii_isalnum(*e)) e++;
        /* Part of a longer word with non-ASCII letters ("Disponível") is no token. */
        bool glued = (*e & 0x80) || (p > s && (p[-1] & 0x80));
        if (!glued && random_token(p, (size_t)(e - p))) return pc_strndup(ctx->arena, p, (size_t)(e - p));
        p = e;
    }
    return NULL;
}

static bool word_of(const char *w, size_t n, bool title) {
    if (n < 2 || (title && !g_ascii_isupper(w[0]))) return false;
    for (size_t i = title; i < n; i++)
        if (!g_ascii_islower(w[i])) return false;
    return true;
}

/* The word around p is a lowercase program identifier ("__kfence_free", "__init__",
 * "page__free"): letters, digits and underscores, no capital, at least two letters — what
 * kernel and library patches name in their subjects. Spacing tricks write words
 * ("Bitcoin__Transfer", "__C0NGrATS__"). */
static bool identifier_at(const char *s, const char *p) {
    const char *b = p, *e = p;
    while (b > s && (g_ascii_isalnum(b[-1]) || b[-1] == '_')) b--;
    while (g_ascii_isalnum(*e) || *e == '_') e++;
    int letters = 0;
    for (const char *q = b; q < e; q++) {
        if (g_ascii_isupper(*q)) return false;
        letters += g_ascii_islower(*q) != 0;
    }
    return letters >= 2;
}

/* Underscores standing in for spaces, against filters that match words: a run of two or
 * more next to a letter or digit ("Bitcoin__Transfer", "Now!!___ID#"), or a text without
 * spaces made of >= 3 words joined by '_', natural words (one Capitalised, one lowercase),
 * not an identifier (SPAM_PHRASE_55, db_based_whitelist): "Your_transfer_0.7495_BTC".
 * Markup emphasis (_Sweet!_) has single underscores and spaces. */
static bool underscore_spacing(const char *s) {
    if (!s) return false;
    for (const char *p = strstr(s, "__"); p; p = strstr(p + 1, "__")) {
        const char *e = p + strspn(p, "_");
        if (((p > s && g_ascii_isalnum(p[-1])) || g_ascii_isalnum(*e)) && !identifier_at(s, p))
            return true;
    }
    if (strchr(s, ' ')) return false;
    int words = 0;
    bool title = false, lower = false;
    for (const char *p = s; *p;) {
        size_t n = strcspn(p, "_");
        words += n > 0;
        title |= word_of(p, n, true);
        lower |= word_of(p, n, false);
        p += n + (p[n] == '_');
    }
    return words >= 3 && title && lower && strchr(s, '_');
}

PC_CHECK(obfuscation) {
    const pc_message *m = ctx->msg;
    const char *disp = m->from && m->from->display ? m->from->display : NULL;
    const char *subj = m->subject;
    const char *parts[] = {subj, disp, m->text};
    fillers total = {0};
    for (int i = 0; i < 3; i++) {
        if (!parts[i] || !g_utf8_validate(parts[i], -1, NULL)) continue;
        fillers f = count_fillers(ctx, parts[i]);
        total.chars += f.chars;
        total.words += f.words;
        if (!total.word) total.word = f.word;
    }
    if (total.chars >= 3 && (total.words >= 2 || total.chars >= 6))
        pc_flag_id(ctx, total.words >= 4 ? "obfuscation.filler_chars/words"
                                         : "obfuscation.filler_chars", "word", total.word,
                "count", pc_sprintf(ctx->arena, "%d", total.chars), NULL);
    if (disp && g_utf8_validate(disp, -1, NULL)) hidden_brand(ctx, "display name", disp);
    if (subj && g_utf8_validate(subj, -1, NULL)) hidden_brand(ctx, "subject", subj);
    if (underscore_spacing(subj) || underscore_spacing(disp))
        pc_flag_id(ctx, "obfuscation.underscore_spacing", "text",
                underscore_spacing(subj) ? subj : disp, NULL);
    if (pc_found(ctx, "obfuscation.random_token")) return;
    const char *tok = find_token(ctx, subj);
    const char *where = "subject";
    if (!tok) { tok = find_token(ctx, disp); where = "display name"; }
    if (tok)
        pc_flag_id(ctx, "obfuscation.random_token", "token", tok,
                "where", where, NULL);
}
