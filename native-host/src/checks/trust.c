/* trust.c — finds the trusted Authentication-Results and the entry hop by walking the
 * headers in order (topmost first). See trust.h. */
#include "checks/trust.h"
#include <string.h>
#include "parse/authres.h"

static bool is(const pc_header *h, const char *name) { return !strcasecmp(h->name, name); }

/* Index in m->headers of the trusted AR (and its index in m->authres); -1 if none. */
static long trusted_ar(const pc_message *m, const char *want, size_t *which) {
    size_t n_ar = 0;
    for (size_t i = 0; i < m->headers.n; i++) {
        if (!is(m->headers.v[i], "Authentication-Results")) continue;
        const pc_authres *ar = n_ar < m->authres.n ? m->authres.v[n_ar] : NULL;
        n_ar++;
        if (!ar) break;
        if (!want || (ar->authserv_id && !strcasecmp(ar->authserv_id, want))) {
            *which = n_ar - 1;
            return (long)i;
        }
    }
    return -1;
}

pc_trust pc_trust_read(const pc_ctx *ctx) {
    const pc_message *m = ctx->msg;
    pc_trust t = {0};
    size_t which = 0;
    long at = trusted_ar(m, ctx->cfg->authserv_id, &which);
    if (at >= 0) {
        t.ar = m->authres.v[which];
        t.spf = t.ar->spf;
    }
    size_t hop = 0;
    for (size_t i = 0; i < m->headers.n && !t.entry; i++) {
        const pc_header *h = m->headers.v[i];
        bool below = (long)i > at;
        if (is(h, "Received") && hop < m->hops.n) {
            const pc_hop *p = m->hops.v[hop++];
            if (below && p->ip && !p->ip_private) t.entry = p;
        } else if (is(h, "Received-SPF") && below && !t.spf) {
            t.spf = pc_received_spf_result(ctx->arena, h->value);
        }
    }
    return t;
}
