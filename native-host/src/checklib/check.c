/* check.c — flag raising shared by all checks (not a check itself: no PC_CHECK here).
 * Severity and score come from native-host/data/flags.tsv (id, variant, severity, score). */
#include "checklib/check.h"
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

/* The flags.tsv row of key: id and variant ("-" when key has no "/variant"). */
static const pc_row *weight_row(const char *key) {
    const pc_table *t = pc_data_table("flags.tsv");
    const char *slash = strchr(key, '/');
    size_t n = slash ? (size_t)(slash - key) : strlen(key);
    const char *variant = slash ? slash + 1 : "-";
    for (size_t i = 0; i < t->n; i++) {
        const pc_row *r = &t->rows[i];
        if (r->n >= 4 && !strncmp(r->f[0], key, n) && !r->f[0][n] && !strcmp(r->f[1], variant))
            return r;
    }
    return NULL;
}

bool pc_flag_weight(const char *key, pc_severity *sev, int *score) {
    const pc_row *r = weight_row(key);
    *sev = PC_SEV_INFO;
    *score = 0;
    for (int s = PC_SEV_INFO; r && s <= PC_SEV_CRITICAL; s++)
        if (!strcmp(r->f[2], sev_names[s])) {
            *sev = (pc_severity)s;
            *score = atoi(r->f[3]);
            return true;
        }
    fprintf(stderr, "phishcheck: flag %s has no row in flags.tsv (info, 0)\n", key);
    return false;
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
