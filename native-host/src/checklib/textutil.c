/* textutil.c — see textutil.h. */
#include "checklib/textutil.h"
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include "data.h"
#include "util/fold.h"
#include "util/multimatch.h"

#define MAX_TEXT (256u * 1024)

const char *pc_reader_text(pc_ctx *ctx) {
    const pc_message *m = ctx->msg;
    const char *disp = m->from && m->from->display ? m->from->display : "";
    char *t = pc_sprintf(ctx->arena, "%s\n%s\n%s", m->subject ? m->subject : "", disp,
                         m->text ? m->text : "");
    if (strlen(t) > MAX_TEXT) {
        const char *end = t + MAX_TEXT;
        g_utf8_validate(t, MAX_TEXT, &end);          /* cut on a character boundary */
        t[end - t] = 0;
    }
    return t;
}

/* The lure table and an automaton over its phrases, built once per process. */
static struct { pc_lure *all; size_t n; pc_multimatch *mm; pc_arena *arena; } L;

static void load(void) {
    if (L.all) return;
    const pc_table *t = pc_data_table("lures.tsv");
    pc_arena *arena = L.arena = pc_arena_new();   /* kept: LeakSanitizer sees it reachable */
    L.all = pc_alloc(arena, (t->n + 1) * sizeof *L.all);
    for (size_t i = 0; i < t->n; i++) {
        if (t->rows[i].n < 3) continue;
        L.all[L.n].phrase = pc_fold(arena, t->rows[i].f[2]);
        L.all[L.n].category = t->rows[i].f[0];
        if (*L.all[L.n].phrase) L.n++;
    }
    const char **pats = pc_alloc(arena, (L.n + 1) * sizeof *pats);
    for (size_t i = 0; i < L.n; i++) pats[i] = L.all[i].phrase;
    L.mm = pc_multimatch_new(pats, L.n);
}

const pc_lure *pc_lures(size_t *n) {
    load();
    *n = L.n;
    return L.all;
}

static bool mark(void *found, size_t pat, const char *text, size_t at) {
    if (pc_fold_word_at(text, text + at, strlen(L.all[pat].phrase))) ((bool *)found)[pat] = true;
    return false;
}

/* found[i] set for every lure phrase i in folded text (as pc_fold_find finds words). */
static void scan(const char *folded, bool *found) {
    load();
    pc_multimatch_scan(L.mm, folded, mark, found);
}

const size_t *pc_lures_found(pc_arena *a, const char *folded, size_t *n) {
    load();
    bool *found = pc_alloc(a, L.n + 1);
    size_t *idx = pc_alloc(a, (L.n + 1) * sizeof *idx);
    scan(folded, found);
    *n = 0;
    for (size_t i = 0; i < L.n; i++)
        if (found[i]) idx[(*n)++] = i;
    return idx;
}

const pc_lure *pc_lure_in(const char *folded, bool weak_too) {
    load();
    bool *found = calloc(L.n + 1, 1);
    const pc_lure *hit = NULL;
    scan(folded, found);
    for (size_t i = 0; i < L.n && !hit; i++)
        if (found[i] && (weak_too || strcmp(L.all[i].category, "urgency"))) hit = &L.all[i];
    free(found);
    return hit;
}
