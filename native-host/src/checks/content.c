/* content.c — what the words of a mail try to make the reader do (lures.tsv: delivery
 * failure, mailbox full, account suspended, verify, log in, password expiry, payment,
 * shared document, prize, crypto, advance fee; urgency as a weak extra), in any of the
 * listed languages, and text disguised against filters: words mixing Latin with Cyrillic
 * or Greek letters ("Binаnсе"), mathematical "fancy" letters (𝕀𝕙𝕣), invisible
 * characters inside words.
 * Guards: phrases are specific and matched at word boundaries; one category alone stays
 * below the suspicious score; urgency alone is low. */
#include "checks/check.h"
#include <glib.h>
#include <string.h>
#include "checks/textutil.h"
#include "data.h"
#include "util/fold.h"

typedef struct { const char *category; const char *phrase; } lure;

/* The lure phrases, folded (util/fold.h) once per process. */
static const lure *lures(size_t *n) {
    static lure *all;
    static size_t count;
    static pc_arena *arena;
    if (!all) {
        const pc_table *t = pc_data_table("lures.tsv");
        arena = pc_arena_new();
        all = pc_alloc(arena, (t->n + 1) * sizeof *all);
        for (size_t i = 0; i < t->n; i++) {
            if (t->rows[i].n < 3) continue;
            all[count].phrase = pc_fold(arena, t->rows[i].f[2]);
            all[count].category = t->rows[i].f[0];
            if (*all[count].phrase) count++;
        }
    }
    *n = count;
    return all;
}

static void flag_lure(pc_ctx *ctx, const char *cat, const char *phrase, int nth) {
    bool weak = !strcmp(cat, "urgency");
    int score = weak ? 10 : nth == 0 ? 20 : 15;
    pc_flag(ctx, pc_sprintf(ctx->arena, "content.%s", cat), weak ? PC_SEV_LOW : PC_SEV_MEDIUM,
            score, "phrase", phrase, NULL);
}

static void lure_phrases(pc_ctx *ctx, const char *folded) {
    size_t n;
    const lure *l = lures(&n);
    int categories = 0;
    for (size_t i = 0; i < n; i++) {
        char *id = pc_sprintf(ctx->arena, "content.%s", l[i].category);
        if (pc_found(ctx, id) || !pc_fold_find(folded, l[i].phrase)) continue;
        flag_lure(ctx, l[i].category, l[i].phrase, categories);
        if (strcmp(l[i].category, "urgency")) categories++;
    }
}

typedef struct { int mixed, fancy, invisible; const char *mixed_word; } disguise;

static bool invisible(gunichar c) {
    return (c >= 0x200b && c <= 0x200d) || c == 0x2060 || c == 0xfeff || c == 0xad;
}

/* Ends a word at p: counts it when it mixed Latin with Cyrillic or Greek letters. */
static void end_word(pc_ctx *ctx, disguise *d, const char *start, const char *p,
                     int latin, int other) {
    if (latin && other && latin + other >= 3) {
        if (!d->mixed_word) d->mixed_word = pc_strndup(ctx->arena, start, (size_t)(p - start));
        d->mixed++;
    }
}

static disguise scan_disguise(pc_ctx *ctx, const char *t) {
    disguise d = {0};
    const char *start = t;
    int latin = 0, other = 0;
    for (const char *p = t; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c >= 0x1d400 && c <= 0x1d7ff) d.fancy++;
        if (invisible(c)) { if (latin + other) d.invisible++; continue; }
        if (!g_unichar_isalpha(c)) {
            end_word(ctx, &d, start, p, latin, other);
            latin = other = 0;
            start = g_utf8_next_char(p);
            continue;
        }
        GUnicodeScript s = g_unichar_get_script(c);
        latin += s == G_UNICODE_SCRIPT_LATIN;
        other += s == G_UNICODE_SCRIPT_CYRILLIC || s == G_UNICODE_SCRIPT_GREEK;
    }
    end_word(ctx, &d, start, start + strlen(start), latin, other);
    return d;
}

static void disguised_text(pc_ctx *ctx, const char *text) {
    if (!g_utf8_validate(text, -1, NULL)) return;
    disguise d = scan_disguise(ctx, text);
    if (d.mixed)
        pc_flag(ctx, "content.mixed_script", d.mixed >= 2 ? PC_SEV_HIGH : PC_SEV_MEDIUM,
                d.mixed >= 2 ? 35 : 25, "word", d.mixed_word,
                "count", pc_sprintf(ctx->arena, "%d", d.mixed), NULL);
    if (d.fancy >= 3)
        pc_flag(ctx, "content.fancy_letters", PC_SEV_MEDIUM, 25,
                "count", pc_sprintf(ctx->arena, "%d", d.fancy), NULL);
    if (d.invisible >= 3)
        pc_flag(ctx, "content.invisible_chars", PC_SEV_MEDIUM, 20,
                "count", pc_sprintf(ctx->arena, "%d", d.invisible), NULL);
}

PC_CHECK(content) {
    const char *text = pc_reader_text(ctx);
    lure_phrases(ctx, pc_fold(ctx->arena, text));
    disguised_text(ctx, text);
}
