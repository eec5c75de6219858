/* hostindex.c — a hash table from domain to the ascending ids listed under it; a host is
 * looked up as itself and as each name after one of its dots (a.b.c: a.b.c, b.c, c),
 * which are exactly the domains pc_host_within() would accept. See hostindex.h. */
#include "util/hostindex.h"
#include "data.h"
#include <glib.h>
#include <stdlib.h>
#include <string.h>

struct pc_host_index { GHashTable *by_domain; };   /* char* → GArray of size_t */

static void free_ids(gpointer a) { g_array_free(a, TRUE); }

pc_host_index *pc_host_index_new(void) {
    pc_host_index *x = g_new0(pc_host_index, 1);
    x->by_domain = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_ids);
    return x;
}

void pc_host_index_free(pc_host_index *x) {
    if (!x) return;
    g_hash_table_destroy(x->by_domain);
    g_free(x);
}

void pc_host_index_add(pc_host_index *x, const char *domain, size_t id) {
    if (!domain || !*domain) return;
    GArray *ids = g_hash_table_lookup(x->by_domain, domain);
    if (!ids) {
        ids = g_array_new(FALSE, FALSE, sizeof(size_t));
        g_hash_table_insert(x->by_domain, g_strdup(domain), ids);
    }
    g_array_append_val(ids, id);
}

/* The smallest id under this exact domain that passes ok and is below best. */
static size_t first_of(const pc_host_index *x, const char *dom, pc_host_index_ok ok,
                       void *user, size_t best) {
    GArray *ids = g_hash_table_lookup(x->by_domain, dom);
    for (guint i = 0; ids && i < ids->len; i++) {
        size_t id = g_array_index(ids, size_t, i);
        if (id >= best) break;
        if (!ok || ok(user, id)) return id;
    }
    return best;
}

size_t pc_host_index_first(const pc_host_index *x, const char *host, pc_host_index_ok ok,
                           void *user) {
    size_t best = PC_HOST_NONE;
    if (!host || !*host) return best;
    for (const char *p = host;; p++) {
        best = first_of(x, p, ok, user, best);
        if (!(p = strchr(p, '.'))) return best;
    }
}

const pc_host_index *pc_host_index_of_table(const char *table) {
    static struct listed { struct listed *next; const char *table; pc_host_index *x; } *cache;
    for (struct listed *c = cache; c; c = c->next)
        if (!strcmp(c->table, table)) return c->x;
    const pc_table *t = pc_data_table(table);
    struct listed *c = calloc(1, sizeof *c);
    c->table = strdup(table);
    c->x = pc_host_index_new();
    for (size_t i = 0; i < t->n; i++) {
        if (!t->rows[i].n) continue;
        size_t hl = strcspn(t->rows[i].f[0], "/");
        if (hl >= 256) continue;
        char *host = g_strndup(t->rows[i].f[0], hl);
        pc_host_index_add(c->x, host, i);
        g_free(host);
    }
    c->next = cache;
    cache = c;
    return c->x;
}
