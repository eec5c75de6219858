/* check.c — flag raising shared by all checks (not a check itself: no PC_CHECK here). */
#include "checklib/check.h"
#include <stdarg.h>
#include <string.h>

pc_finding *pc_found(const pc_ctx *ctx, const char *id) {
    for (size_t i = 0; i < ctx->findings.n; i++) {
        pc_finding *f = ctx->findings.v[i];
        if (!strcmp(f->id, id)) return f;
    }
    return NULL;
}

pc_finding *pc_flag(pc_ctx *ctx, const char *id, pc_severity sev, int score, ...) {
    pc_finding *f = pc_found(ctx, id);
    if (f) return f;                        /* one flag per id: the first evidence wins */
    f = pc_alloc(ctx->arena, sizeof *f);
    f->id = id;
    f->check = ctx->check;
    f->severity = sev;
    f->score = score;
    va_list ap;
    va_start(ap, score);
    for (const char *k; (k = va_arg(ap, const char *)) && f->n_ev < 8;) {
        const char *v = va_arg(ap, const char *);
        if (!v) break;
        f->ev[f->n_ev++] = (pc_evidence){k, v};
    }
    va_end(ap);
    pc_vec_push(ctx->arena, &ctx->findings, f);
    return f;
}
