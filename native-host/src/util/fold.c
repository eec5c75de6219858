/* fold.c — text folding with ICU: normalisation (NFKC case-fold) for matching words, and
 * UTS #39 confusable skeletons for look-alike names. See fold.h. */
#include "util/fold.h"
#include "data.h"
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/uspoof.h>

/* Letters, digits and combining marks stay; everything else becomes one space. */
static bool word_char(UChar32 c) {
    return u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK);
}

/* Characters that show nothing: zero-width space, (non-)joiner, word joiner, BOM, soft
 * hyphen. Phishing puts them inside words ("sus\u200Bpended") to break phrase matching. */
static bool zero_width(UChar32 c) {
    return (c >= 0x200b && c <= 0x200d) || c == 0x2060 || c == 0xfeff || c == 0xad;
}

/* Scripts whose words never need a zero-width character (Latin, Greek, Cyrillic, Japanese,
 * Chinese, Korean; digits): there one inside a word is a disguise. Persian and Arabic (ZWNJ),
 * Indic scripts (ZWJ/ZWNJ), Thai, Lao, Khmer, Myanmar (ZWSP between words) use them. */
static bool plain_script(UChar32 c) {
    UErrorCode e = U_ZERO_ERROR;
    UScriptCode s = uscript_getScript(c, &e);
    return U_SUCCESS(e) && (s == USCRIPT_LATIN || s == USCRIPT_GREEK || s == USCRIPT_CYRILLIC ||
                            s == USCRIPT_HAN || s == USCRIPT_HIRAGANA || s == USCRIPT_KATAKANA ||
                            s == USCRIPT_HANGUL || s == USCRIPT_COMMON || s == USCRIPT_INHERITED);
}

/* A soft hyphen, word joiner or BOM never separates words: always dropped. */
static bool never_a_break(UChar32 c) {
    return c == 0xad || c == 0x2060 || c == 0xfeff;
}

/* Skips the run of zero-width characters starting at s[*i] (c its first, prev the word
 * character before it, 0 if none): *i ends after the run. True when the run is dropped —
 * only soft hyphens, word joiners, BOMs; or inside a word of plain scripts on both sides —
 * false when it stays a word break (a Persian ZWNJ, a Thai ZWSP, a run ending a word). */
static bool skip_zero_width(const UChar *s, int32_t *i, int32_t n, UChar32 c, UChar32 prev) {
    bool dropped = never_a_break(c);
    UChar32 next = 0;
    while (*i < n) {
        int32_t at = *i;
        U16_NEXT(s, at, n, next);
        if (!zero_width(next)) break;
        dropped &= never_a_break(next);
        *i = at;
        next = 0;
    }
    return dropped || (prev && next && word_char(next) && plain_script(prev) &&
                       plain_script(next));
}

/* Rewrites s (length n) in place: non-word characters to spaces, runs collapsed, trimmed;
 * zero-width characters inside a word dropped (skip_zero_width). */
static int32_t squeeze(UChar *s, int32_t n) {
    int32_t i = 0, o = 0;
    bool space = true;                       /* drop leading spaces */
    UChar32 prev = 0;                        /* the last word character written */
    while (i < n) {
        UChar32 c;
        int32_t start = i;
        U16_NEXT(s, i, n, c);
        if (word_char(c)) {
            while (start < i) s[o++] = s[start++];
            space = false;
            prev = c;
        } else if (zero_width(c) && skip_zero_width(s, &i, n, c, space ? 0 : prev)) {
            continue;
        } else if (!space) {
            s[o++] = ' ';
            space = true;
        }
    }
    if (o && s[o - 1] == ' ') o--;
    return o;
}

static UChar *to_utf16(const char *s, int32_t *n) {
    UErrorCode e = U_ZERO_ERROR;
    u_strFromUTF8WithSub(NULL, 0, n, s, -1, 0xFFFD, NULL, &e);
    UChar *u = malloc(sizeof(UChar) * (size_t)(*n + 1));
    e = U_ZERO_ERROR;
    if (u) u_strFromUTF8WithSub(u, *n + 1, n, s, -1, 0xFFFD, NULL, &e);
    if (!u || U_FAILURE(e)) { free(u); return NULL; }
    return u;
}

static char *to_utf8(pc_arena *a, const UChar *u, int32_t n) {
    UErrorCode e = U_ZERO_ERROR;
    int32_t len = 0;
    u_strToUTF8WithSub(NULL, 0, &len, u, n, 0xFFFD, NULL, &e);
    char *out = pc_alloc(a, (size_t)len + 1);
    e = U_ZERO_ERROR;
    u_strToUTF8WithSub(out, len + 1, &len, u, n, 0xFFFD, NULL, &e);
    return U_FAILURE(e) ? pc_strdup(a, "") : out;
}

/* ASCII folds to the same without ICU (it has no compatibility forms, and casefolding
 * ASCII is lowercasing): letters and digits lowercased, every run of the rest one space. */
static char *fold_ascii(pc_arena *a, const char *s, size_t n) {
    char *out = pc_alloc(a, n + 1), *o = out;
    bool space = true;
    for (const char *p = s; *p; p++) {
        char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) *o++ = c, space = false;
        else if (c >= 'A' && c <= 'Z') *o++ = (char)(c - 'A' + 'a'), space = false;
        else if (!space) *o++ = ' ', space = true;
    }
    if (o > out && o[-1] == ' ') o--;
    *o = 0;
    return out;
}

static bool is_ascii(const char *s, size_t *n) {
    const char *p = s;
    while (*p && !((unsigned char)*p & 0x80)) p++;
    *n = (size_t)(p - s);
    return !*p;
}

char *pc_fold(pc_arena *a, const char *utf8) {
    size_t len;
    if (utf8 && is_ascii(utf8, &len)) return fold_ascii(a, utf8, len);
    int32_t n = 0;
    UChar *u = utf8 ? to_utf16(utf8, &n) : NULL;
    if (!u) return pc_strdup(a, "");
    n = squeeze(u, n);                       /* first, so "™" is a space, not "tm" */
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nf = unorm2_getNFKCCasefoldInstance(&e);
    int32_t cap = n * 3 + 16;                /* NFKC rarely grows text much; retried if so */
    UChar *f = malloc(sizeof(UChar) * (size_t)cap);
    int32_t m = f && U_SUCCESS(e) ? unorm2_normalize(nf, u, n, f, cap, &e) : -1;
    if (e == U_BUFFER_OVERFLOW_ERROR) {
        free(f);
        cap = m + 1;
        f = malloc(sizeof(UChar) * (size_t)cap);
        e = U_ZERO_ERROR;
        m = f ? unorm2_normalize(nf, u, n, f, cap, &e) : -1;
    }
    char *out = f && U_SUCCESS(e) && m >= 0 ? to_utf8(a, f, squeeze(f, m)) : pc_strdup(a, "");
    free(u);
    free(f);
    return out;
}

char *pc_skeleton(pc_arena *a, const char *utf8) {
    static USpoofChecker *sc;
    UErrorCode e = U_ZERO_ERROR;
    if (!sc) sc = uspoof_open(&e);
    if (!sc || U_FAILURE(e)) return NULL;
    int32_t len = uspoof_getSkeletonUTF8(sc, 0, utf8, -1, NULL, 0, &e);
    if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e)) return NULL;
    char *out = pc_alloc(a, (size_t)len + 1);
    e = U_ZERO_ERROR;
    uspoof_getSkeletonUTF8(sc, 0, utf8, -1, out, len + 1, &e);
    if (U_FAILURE(e)) return NULL;
    for (char *c = out; *c; c++)             /* "amaz0n" → "amazOn" → "amazon" */
        if (*c >= 'A' && *c <= 'Z') *c = (char)(*c - 'A' + 'a');
    return out;
}

static bool latin_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool pc_fold_word_at(const char *hay, const char *p, size_t k) {
    if (latin_alnum(p[0]) && p > hay && latin_alnum(p[-1])) return false;
    return !(latin_alnum(p[k - 1]) && latin_alnum(p[k]));
}

const char *pc_fold_find(const char *hay, const char *needle) {
    size_t k = strlen(needle);
    if (!k) return NULL;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        if (pc_fold_word_at(hay, p, k)) return p;
    return NULL;
}

/* Folded data columns, kept for the process (a word list is folded once, not per message). */
typedef struct folded_col { struct folded_col *next; const char *file; int col; const char **v; } folded_col;

const char *const *pc_fold_column(const char *file, int col) {
    static folded_col *cache;
    static pc_arena *arena;
    for (folded_col *c = cache; c; c = c->next)
        if (c->col == col && !strcmp(c->file, file)) return c->v;
    if (!arena) arena = pc_arena_new();
    const pc_table *t = pc_data_table(file);
    folded_col *c = pc_alloc(arena, sizeof *c);
    c->file = pc_strdup(arena, file);
    c->col = col;
    c->v = pc_alloc(arena, (t->n + 1) * sizeof *c->v);
    for (size_t i = 0; i < t->n; i++)
        if (t->rows[i].n > col) c->v[i] = pc_fold(arena, t->rows[i].f[col]);
    c->next = cache;
    cache = c;
    return c->v;
}
