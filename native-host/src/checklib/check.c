/* check.c — flag raising shared by all checks (not a check itself: no PC_CHECK here).
 * Severity and score come from native-host/data/flags.tsv (id, variant, severity, score). */
#include "checklib/check.h"
#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "data.h"

static const char *const sev_names[] = {"info", "low", "medium", "high", "critical"};

const char *pc_severity_name(pc_severity sev) {
    return sev >= PC_SEV_INFO && sev <= PC_SEV_CRITICAL ? sev_names[sev] : "info";
}

pc_finding *pc_found(const pc_ctx *ctx, const char *id) {
    for (size_t i = 0; i < ctx->findings.n; i++) {
        pc_finding *f = ctx->findings.v[i];
        if (!strcmp(f->id, id)) return f;
    }
    return NULL;
}

typedef struct { pc_severity sev; int score; } weight;

/* flags.tsv by key ("id" for the "-" row, else "id/variant"); built on first use and kept
 * for the process, as the tables are. Rows with an unknown severity are left out (make
 * flags-test names them). */
static GHashTable *weights(void) {
    static GHashTable *index;
    if (index) return index;
    index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    const pc_table *t = pc_data_table("flags.tsv");
    for (size_t i = 0; i < t->n; i++) {
        const pc_row *r = &t->rows[i];
        for (int s = PC_SEV_INFO; r->n >= 4 && s <= PC_SEV_CRITICAL; s++) {
            if (strcmp(r->f[2], sev_names[s])) continue;
            weight *w = g_new(weight, 1);
            *w = (weight){(pc_severity)s, atoi(r->f[3])};
            g_hash_table_insert(index, strcmp(r->f[1], "-") ? g_strdup_printf("%s/%s", r->f[0], r->f[1])
                                                          : g_strdup(r->f[0]), w);
        }
    }
    return index;
}

bool pc_flag_weight(const char *key, pc_severity *sev, int *score) {
    const weight *w = g_hash_table_lookup(weights(), key);
    *sev = w ? w->sev : PC_SEV_INFO;
    *score = w ? w->score : 0;
    if (!w) fprintf(stderr, "phishcheck: flag %s has no row in flags.tsv (info, 0)\n", key);
    return w != NULL;
}

/* The id of key: itself, or the part before "/variant" (a copy in the arena). */
static const char *id_of(pc_ctx *ctx, const char *key) {
    const char *slash = strchr(key, '/');
    return slash ? pc_strndup(ctx->arena, key, (size_t)(slash - key)) : key;
}

pc_finding *pc_flag_id(pc_ctx *ctx, const char *key, ...) {
    const char *id = id_of(ctx, key);
    pc_finding *f = pc_found(ctx, id);
    if (f) return f;                        /* one flag per id: the first evidence wins */
    f = pc_alloc(ctx->arena, sizeof *f);
    f->id = id;
    f->check = ctx->check;
    pc_flag_weight(key, &f->severity, &f->score);
    va_list ap;
    va_start(ap, key);
    for (const char *k; (k = va_arg(ap, const char *)) && f->n_ev < 8;) {
        const char *v = va_arg(ap, const char *);
        if (!v) break;
        f->ev[f->n_ev++] = (pc_evidence){k, v};
    }
    va_end(ap);
    pc_vec_push(ctx->arena, &ctx->findings, f);
    return f;
}
