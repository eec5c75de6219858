/* catalog.c — see catalog.h. */
#include "catalog.h"
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include "data.h"
#include "parse/url.h"

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

/* An IDN host ("xn--...") in Unicode with its punycode beside it ("例え.jp (xn--r8jz45g.jp)",
 * full-width brackets in Japanese); NULL for anything else. */
static const char *idn_shown(pc_arena *a, const char *v, const char *lang) {
    if (!strstr(v, "xn--") || strpbrk(v, " /@:?#\t")) return NULL;
    const char *u = pc_host_unicode(a, v);
    if (!u || !strcmp(u, v)) return NULL;
    return pc_sprintf(a, lang && !strcmp(lang, "ja") ? "%s（%s）" : "%s (%s)", u, v);
}

const char *pc_value_text(pc_arena *a, const char *key, const char *value, const char *lang) {
    const char *t = lookup(pc_sprintf(a, "value.%s.%s", key, value), lang ? lang : "en", 0);
    if (t) return t;
    const char *idn = idn_shown(a, value, lang);
    return idn ? idn : value;
}

const char *pc_label_text(const char *key, const char *lang) {
    char id[96];
    snprintf(id, sizeof id, "label.%s", key);
    const char *t = lookup(id, lang ? lang : "en", 0);
    return t ? t : lookup(id, "en", 0);
}

/* The evidence value named by the placeholder at p ("{key}..."), or NULL. */
static const pc_evidence *placeholder(const char *p, const pc_evidence *ev, int n_ev) {
    const char *close = *p == '{' ? strchr(p, '}') : NULL;
    for (int i = 0; close && i < n_ev; i++)
        if (strlen(ev[i].key) == (size_t)(close - p - 1) && !strncmp(ev[i].key, p + 1, (size_t)(close - p - 1)))
            return &ev[i];
    return NULL;
}

/* After a placeholder whose value is v: the end of a following " ({other})" whose value
 * is the same ("{host} ({ip})" when the host has no name), so it is not said twice. */
static const char *repeat_end(const char *q, const char *v, const pc_evidence *ev, int n_ev) {
    static const char *const brackets[][2] = {{" (", ")"}, {"(", ")"}, {"（", "）"}};
    for (size_t b = 0; b < sizeof brackets / sizeof *brackets; b++) {
        size_t open = strlen(brackets[b][0]), shut = strlen(brackets[b][1]);
        if (strncmp(q, brackets[b][0], open)) continue;
        const pc_evidence *other = placeholder(q + open, ev, n_ev);
        const char *close = other ? strchr(q + open, '}') : NULL;
        if (close && !strncmp(close + 1, brackets[b][1], shut) && !strcmp(other->value, v))
            return close + shut;
    }
    return NULL;
}

/* Replaces {key} with the evidence value as shown to people (pc_value_text); unknown keys
 * are left as they are. */
static char *fill(pc_arena *a, const char *lang, const char *tmpl, const pc_evidence *ev,
                  int n_ev) {
    GString *s = g_string_new(NULL);
    for (const char *p = tmpl; *p; p++) {
        const pc_evidence *e = placeholder(p, ev, n_ev);
        if (e) {
            g_string_append(s, pc_value_text(a, e->key, e->value, lang));
            p = strchr(p, '}');
            const char *skip = repeat_end(p + 1, e->value, ev, n_ev);
            if (skip) p = skip;
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
    return fill(a, lang, t, ev, n_ev);
}
