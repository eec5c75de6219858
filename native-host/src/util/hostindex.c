/* hostindex.c — a hash table from domain to the ascending ids listed under it; a host is
 * looked up as itself and as each name after one of its dots (a.b.c: a.b.c, b.c, c),
 * which are exactly the domains pc_host_within() would accept. See hostindex.h. */
#include "util/hostindex.h"
#include <glib.h>
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
