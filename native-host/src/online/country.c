/* country.c — see country.h. countries.tsv rows: code, English name, Japanese name,
 * other English names separated by '|'. */
#include "online/country.h"
#include <glib.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include "data.h"

static const pc_row *row_of(const char *code) {
    const pc_table *t = pc_data_table("countries.tsv");
    for (size_t i = 0; code && i < t->n; i++)
        if (t->rows[i].n >= 3 && !strcasecmp(t->rows[i].f[0], code)) return &t->rows[i];
    return NULL;
}

/* Is name one of the '|'-separated names in list (case-insensitive)? */
static bool among(const char *list, const char *name, size_t n) {
    for (const char *p = list; p && *p;) {
        size_t k = strcspn(p, "|");
        if (k == n && !strncasecmp(p, name, n)) return true;
        p += k + (p[k] == '|');
    }
    return false;
}

const char *pc_country_code(const char *s) {
    if (!s) return NULL;
    while (g_ascii_isspace(*s)) s++;
    size_t n = strlen(s);
    while (n && (g_ascii_isspace(s[n - 1]) || s[n - 1] == '.' || s[n - 1] == ',')) n--;
    if (n == 2) {
        char code[3] = {s[0], s[1], 0};
        const pc_row *r = row_of(code);
        return r ? r->f[0] : NULL;
    }
    const pc_table *t = pc_data_table("countries.tsv");
    for (size_t i = 0; n > 2 && i < t->n; i++) {
        const pc_row *r = &t->rows[i];
        if (r->n >= 3 && (among(r->f[1], s, n) || (r->n > 3 && among(r->f[3], s, n)))) return r->f[0];
    }
    return NULL;
}

const char *pc_country_name(const char *code, const char *lang) {
    const pc_row *r = row_of(code);
    return r ? r->f[lang && !strcmp(lang, "ja") ? 2 : 1] : NULL;
}
