/* authres.c — "authserv-id [version]; method=result (comment) ptype.prop=value ...; ..."
 * Comments are dropped first. Microsoft writes no authserv-id (the first segment already
 * holds "spf=..."): authserv_id stays NULL then. Of several dkim results, a pass wins.
 * One server may split its results over several headers (kernel.org: DKIM, DMARC, SPF in
 * three): pc_authres_merge joins them. A phishcheck gateway's verdict is a method of its own:
 * "x-phishcheck=dangerous policy.score=185 policy.flags=a.b,c.d" (checks/org.c). */
#include "parse/authres.h"
#include <ctype.h>
#include <string.h>

static char *strip_comments(pc_arena *a, const char *s) {
    char *out = pc_alloc(a, strlen(s) + 1), *o = out;
    int depth = 0;
    for (; *s; s++) {
        if (*s == '(') depth++;
        else if (*s == ')' && depth) depth--;
        else if (!depth) *o++ = *s;
    }
    return out;
}

static char *lowered(pc_arena *a, const char *s, size_t n) {
    char *r = pc_strndup(a, s, n);
    for (char *c = r; *c; c++) *c = (char)tolower((unsigned char)*c);
    return r;
}

/* Value of "key=" inside a segment (stops at space or ';'), lowercased; NULL if absent. */
static char *prop(pc_arena *a, const char *seg, const char *key) {
    size_t k = strlen(key);
    for (const char *p = seg; (p = strcasestr(p, key)); p += k) {
        if ((p == seg || isspace((unsigned char)p[-1])) && p[k] == '=') {
            const char *v = p + k + 1;
            while (*v == '"') v++;
            size_t n = strcspn(v, " \t\r\n\";");
            return n ? lowered(a, v, n) : NULL;
        }
    }
    return NULL;
}

static char *domain_of(char *v) {
    char *at = v ? strrchr(v, '@') : NULL;
    return at ? at + 1 : v;
}

static void take_method(pc_arena *a, pc_authres *r, const char *seg) {
    while (isspace((unsigned char)*seg)) seg++;
    size_t m = strcspn(seg, "= \t");
    if (seg[m] != '=') return;
    const char *res = seg + m + 1;
    char *result = lowered(a, res, strcspn(res, " \t\r\n;"));
    if (m == 3 && strncasecmp(seg, "spf", 3) == 0 && !r->spf) {
        r->spf = result;
        r->spf_domain = domain_of(prop(a, seg, "smtp.mailfrom"));
        if (!r->spf_domain) r->spf_domain = prop(a, seg, "smtp.helo");
    } else if (m == 4 && strncasecmp(seg, "dkim", 4) == 0 && (!r->dkim || strcmp(r->dkim, "pass"))) {
        r->dkim = result;
        r->dkim_domain = prop(a, seg, "header.d");
        if (!r->dkim_domain) r->dkim_domain = domain_of(prop(a, seg, "header.i"));
    } else if (m == 5 && strncasecmp(seg, "dmarc", 5) == 0 && !r->dmarc) {
        r->dmarc = result;
        r->dmarc_from = prop(a, seg, "header.from");
    } else if (m == 12 && strncasecmp(seg, "x-phishcheck", 12) == 0 && !r->phishcheck) {
        r->phishcheck = result;
        r->phishcheck_score = prop(a, seg, "policy.score");
        r->phishcheck_flags = prop(a, seg, "policy.flags");
    }
}

pc_authres *pc_authres_parse(pc_arena *a, const char *value) {
    pc_authres *r = pc_alloc(a, sizeof *r);
    r->raw = pc_strdup(a, value);
    char *s = strip_comments(a, value);
    bool first = true;
    for (char *seg = s; seg;) {
        char *end = strchr(seg, ';');
        if (end) *end = 0;
        while (isspace((unsigned char)*seg)) seg++;
        if (first && *seg && !strchr(seg, '='))
            r->authserv_id = lowered(a, seg, strcspn(seg, " \t"));
        else
            take_method(a, r, seg);
        first = false;
        seg = end ? end + 1 : NULL;
    }
    return r;
}

bool pc_authres_verdict_only(const pc_authres *r) {
    return r->phishcheck && !r->spf && !r->dkim && !r->dmarc;
}

void pc_authres_merge(pc_authres *into, const pc_authres *from) {
    if (!into->spf && from->spf) { into->spf = from->spf; into->spf_domain = from->spf_domain; }
    if (!into->dkim && from->dkim) { into->dkim = from->dkim; into->dkim_domain = from->dkim_domain; }
    if (!into->dmarc && from->dmarc) { into->dmarc = from->dmarc; into->dmarc_from = from->dmarc_from; }
}

char *pc_received_spf_result(pc_arena *a, const char *value) {
    while (value && isspace((unsigned char)*value)) value++;
    if (!value || !*value) return NULL;
    return lowered(a, value, strcspn(value, " \t;("));
}
