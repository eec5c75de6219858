/* summary.c — see summary.h. Counts are per message: a flag, brand or domain counts once
 * for each message that has it. Ties are listed by name, so the output is stable. */
#include "summary.h"
#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "catalog.h"
#include "util/arena.h"

struct pc_summary {
    long messages, unreadable, verdicts[3];
    GHashTable *flags, *brands, *domains, *domains_bad;   /* name → count */
};

static const char *const verdicts[] = {"safe", "suspicious", "dangerous"};

pc_summary *pc_summary_new(void) {
    pc_summary *s = calloc(1, sizeof *s);
    s->flags = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    s->brands = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    s->domains = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    s->domains_bad = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return s;
}

static void bump(GHashTable *t, const char *key) {
    if (!key || !*key) return;
    gpointer old = NULL;
    if (g_hash_table_lookup_extended(t, key, NULL, &old))
        g_hash_table_replace(t, g_strdup(key), GSIZE_TO_POINTER(GPOINTER_TO_SIZE(old) + 1));
    else
        g_hash_table_insert(t, g_strdup(key), GSIZE_TO_POINTER(1));
}

/* The domain of the report's From ("\"Name\" <a@b.example>" or "a@b.example"), lowercase. */
static char *from_domain(const char *from) {
    if (!from) return NULL;
    const char *lt = strrchr(from, '<');
    const char *addr = lt ? lt + 1 : from;
    const char *at = NULL;
    for (const char *p = addr; *p && *p != '>'; p++) if (*p == '@') at = p;
    if (!at) return NULL;
    return g_ascii_strdown(at + 1, (gssize)strcspn(at + 1, ">"));
}

void pc_summary_add(pc_summary *s, const json_t *r) {
    const char *v = json_string_value(json_object_get(r, "verdict"));
    int k = v && !strcmp(v, "dangerous") ? 2 : v && !strcmp(v, "suspicious") ? 1 : 0;
    s->messages++;
    s->verdicts[k]++;
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);   /* brands of this message */
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(r, "flags"), i, f) {
        bump(s->flags, json_string_value(json_object_get(f, "id")));
        const char *b = json_string_value(json_object_get(json_object_get(f, "evidence"), "brand"));
        if (b && g_hash_table_add(seen, (gpointer)b)) bump(s->brands, b);
    }
    g_hash_table_destroy(seen);
    char *d = from_domain(json_string_value(json_object_get(json_object_get(r, "message"), "from")));
    bump(s->domains, d);
    if (k) bump(s->domains_bad, d);
    g_free(d);
}

void pc_summary_failed(pc_summary *s) { s->unreadable++; }

typedef struct { const char *key; long n; } entry;

static int by_count(const void *a, const void *b) {
    const entry *x = a, *y = b;
    return x->n != y->n ? (y->n > x->n ? 1 : -1) : strcmp(x->key, y->key);
}

/* The table's entries, most first; *n gets their number. */
static entry *sorted(GHashTable *t, size_t *n) {
    *n = g_hash_table_size(t);
    entry *e = calloc(*n + 1, sizeof *e);
    GHashTableIter it;
    gpointer k, v;
    size_t i = 0;
    g_hash_table_iter_init(&it, t);
    while (g_hash_table_iter_next(&it, &k, &v)) e[i++] = (entry){k, (long)GPOINTER_TO_SIZE(v)};
    qsort(e, *n, sizeof *e, by_count);
    return e;
}

static json_t *list_json(const pc_summary *s, GHashTable *t, const char *name, size_t top) {
    size_t n;
    entry *e = sorted(t, &n);
    json_t *a = json_array();
    for (size_t i = 0; i < n && i < top; i++) {
        json_t *o = json_pack("{s:s, s:I}", name, e[i].key, "messages", (json_int_t)e[i].n);
        if (t == s->domains)
            json_object_set_new(o, "not_safe", json_integer((json_int_t)GPOINTER_TO_SIZE(
                                                   g_hash_table_lookup(s->domains_bad, e[i].key))));
        json_array_append_new(a, o);
    }
    free(e);
    return a;
}

json_t *pc_summary_json(const pc_summary *s) {
    json_t *v = json_object();
    for (int i = 0; i < 3; i++) json_object_set_new(v, verdicts[i], json_integer(s->verdicts[i]));
    return json_pack("{s:I, s:I, s:o, s:o, s:o, s:o}", "messages", (json_int_t)s->messages,
                     "unreadable", (json_int_t)s->unreadable, "verdicts", v, "flags",
                     list_json(s, s->flags, "id", SIZE_MAX), "brands",
                     list_json(s, s->brands, "brand", PC_SUMMARY_TOP), "sending_domains",
                     list_json(s, s->domains, "domain", PC_SUMMARY_TOP));
}

static void section(FILE *out, const char *title, json_t *list, const char *key) {
    fprintf(out, "%s\n", title);
    size_t i;
    json_t *e;
    if (!json_array_size(list)) fputs("  -\n", out);
    json_array_foreach(list, i, e) {
        fprintf(out, "  %6lld  %s", (long long)json_integer_value(json_object_get(e, "messages")),
                json_string_value(json_object_get(e, key)));
        json_t *bad = json_object_get(e, "not_safe");
        if (bad) fprintf(out, " (%lld)", (long long)json_integer_value(bad));
        fputc('\n', out);
    }
}

void pc_summary_text(const pc_summary *s, FILE *out, const char *lang) {
    pc_arena *a = pc_arena_new();
    json_t *j = pc_summary_json(s);
#define T(id) pc_text(a, "overview." id, lang, 0, NULL, 0)
    fprintf(out, "%s: %ld", T("messages"), s->messages);
    if (s->unreadable) fprintf(out, " (%s: %ld)", T("unreadable"), s->unreadable);
    fputc('\n', out);
    for (int i = 2; i >= 0; i--)
        fprintf(out, "  %6ld  %s\n", s->verdicts[i], pc_text(a, pc_sprintf(a, "overview.%s", verdicts[i]), lang, 0, NULL, 0));
    section(out, T("flags"), json_object_get(j, "flags"), "id");
    section(out, T("brands"), json_object_get(j, "brands"), "brand");
    section(out, T("domains"), json_object_get(j, "sending_domains"), "domain");
#undef T
    json_decref(j);
    pc_arena_free(a);
}

void pc_summary_free(pc_summary *s) {
    if (!s) return;
    g_hash_table_destroy(s->flags);
    g_hash_table_destroy(s->brands);
    g_hash_table_destroy(s->domains);
    g_hash_table_destroy(s->domains_bad);
    free(s);
}
