/* catalog.c — see catalog.h. */
#include "catalog.h"
#include <glib.h>
#include <string.h>
#include "data.h"

static const char *lookup(const char *id, const char *lang, int which) {
    const pc_table *t = pc_data_table("catalog.tsv");
    for (size_t i = 0; i < t->n; i++) {
        const pc_row *r = &t->rows[i];
        if (r->n > 2 + which && !strcmp(r->f[0], id) && !strcmp(r->f[1], lang))
            return r->f[2 + which];
    }
    return NULL;
}

bool pc_text_exists(const char *id, const char *lang) { return lookup(id, lang, 0) != NULL; }

/* Replaces {key} with the evidence value; unknown keys are left as they are. */
static char *fill(pc_arena *a, const char *tmpl, const pc_evidence *ev, int n_ev) {
    GString *s = g_string_new(NULL);
    for (const char *p = tmpl; *p; p++) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        int i = 0;
        if (close)
            for (; i < n_ev; i++)
                if (strlen(ev[i].key) == (size_t)(close - p - 1) &&
                    !strncmp(ev[i].key, p + 1, (size_t)(close - p - 1)))
                    break;
        if (close && i < n_ev) {
            g_string_append(s, ev[i].value);
            p = close;
        } else {
            g_string_append_c(s, *p);
        }
    }
    char *r = pc_strndup(a, s->str, s->len);
    g_string_free(s, TRUE);
    return r;
}

char *pc_text(pc_arena *a, const char *id, const char *lang, int which, const pc_evidence *ev,
              int n_ev) {
    const char *t = lookup(id, lang ? lang : "en", which);
    if (!t) t = lookup(id, "en", which);
    if (!t) return which ? pc_strdup(a, "") : pc_strdup(a, id);
    return fill(a, t, ev, n_ev);
}
