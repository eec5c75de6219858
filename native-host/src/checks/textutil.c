/* textutil.c — see textutil.h. */
#include "checks/textutil.h"
#include <glib.h>
#include <string.h>
#include "data.h"
#include "util/fold.h"

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

const pc_lure *pc_lures(size_t *n) {
    static pc_lure *all;
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

const pc_lure *pc_lure_in(const char *folded, bool weak_too) {
    size_t n;
    const pc_lure *l = pc_lures(&n);
    for (size_t i = 0; i < n; i++)
        if ((weak_too || strcmp(l[i].category, "urgency")) && pc_fold_find(folded, l[i].phrase))
            return &l[i];
    return NULL;
}
