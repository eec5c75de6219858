/* spf.c — see spf.h. check_host() walks the record's terms in order; a mechanism answers
 * yes, no, pending or an error. On "pending" the walk goes on only to put later queries in
 * flight (their answers are not used in this pass). */
#include "online/spf.h"
#include <ctype.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include "online/net/doh.h"
#include "online/net/ipnet.h"

#define MAX_LOOKUPS 10
#define MAX_VOIDS 2
#define MAX_ALLOWED 8

enum { NO, YES, PENDING, TEMP, PERM };

typedef struct {
    pc_spf_query *q;
    unsigned char ip[16];
    bool v6;
    const char *local, *odomain;   /* sender's local part and domain */
    int lookups, voids;
} spf;

static pc_spf_result check_host(spf *s, const char *domain, int depth);

const char *pc_spf_name(pc_spf_result r) {
    static const char *const n[] = {"pending", "none", "neutral", "pass", "fail", "softfail",
                                    "temperror", "permerror"};
    return n[r];
}

static const pc_dns *dns(spf *s, const char *name, int type) {
    return pc_dns_get(s->q->f, s->q->o, name, type);
}

static void allow(spf *s, const char *what) {
    pc_vec *v = &s->q->allowed;
    for (size_t i = 0; i < v->n; i++) if (!strcmp(v->v[i], what)) return;
    if (v->n < MAX_ALLOWED) pc_vec_push(s->q->a, v, pc_strdup(s->q->a, what));
}

/* ---- macros (§7) ---- */

static char *ip_macro(spf *s) {
    if (!s->v6) return g_strdup_printf("%u.%u.%u.%u", s->ip[0], s->ip[1], s->ip[2], s->ip[3]);
    GString *g = g_string_new(NULL);
    for (int i = 0; i < 16; i++) g_string_append_printf(g, "%s%x.%x", i ? "." : "", s->ip[i] >> 4, s->ip[i] & 15);
    return g_string_free(g, FALSE);
}

static char *macro_value(spf *s, char letter, const char *domain) {
    switch (tolower((unsigned char)letter)) {
    case 's': return g_strdup_printf("%s@%s", s->local, s->odomain);
    case 'l': return g_strdup(s->local);
    case 'o': return g_strdup(s->odomain);
    case 'd': case 'h': return g_strdup(domain);
    case 'i': return ip_macro(s);
    case 'v': return g_strdup(s->v6 ? "ip6" : "in-addr");
    case 'p': return g_strdup("unknown");
    default: return NULL;
    }
}

/* One %{...} body: letter, digits, 'r', delimiters. */
static bool expand_one(spf *s, const char *m, size_t n, const char *domain, GString *out) {
    char *v = n ? macro_value(s, m[0], domain) : NULL;
    if (!v) return false;
    size_t i = 1;
    int keep = 0;
    while (i < n && isdigit((unsigned char)m[i])) keep = keep * 10 + (m[i++] - '0');
    bool rev = i < n && tolower((unsigned char)m[i]) == 'r';
    char *delims = g_strndup(m + i + rev, n - i - rev);
    char **parts = g_strsplit_set(v, *delims ? delims : ".", -1);
    int np = (int)g_strv_length(parts), from = keep && keep < np ? np - keep : 0;
    if (rev) for (int a = 0, b = np - 1; a < b; a++, b--) { char *t = parts[a]; parts[a] = parts[b]; parts[b] = t; }
    for (int k = from; k < np; k++) g_string_append_printf(out, "%s%s", k > from ? "." : "", parts[k]);
    g_strfreev(parts);
    g_free(delims);
    g_free(v);
    return true;
}

/* Expands a domain-spec; NULL when its macros are malformed (a permerror). */
static char *expand(spf *s, const char *spec, const char *domain) {
    GString *out = g_string_new(NULL);
    for (const char *p = spec; *p; p++) {
        if (*p != '%') { g_string_append_c(out, *p); continue; }
        const char *end;
        switch (*++p) {
        case '%': g_string_append_c(out, '%'); break;
        case '_': g_string_append_c(out, ' '); break;
        case '-': g_string_append(out, "%20"); break;
        case '{':
            end = strchr(p, '}');
            if (end && expand_one(s, p + 1, (size_t)(end - p - 1), domain, out)) { p = end; break; }
            /* fall through */
        default: g_string_free(out, TRUE); return NULL;
        }
    }
    return g_string_free(out, FALSE);
}

/* ---- addresses ---- */

/* Does address text `addr` (from DNS or ip4:/ip6:) hold our IP, given the prefix lengths? */
static bool matches(spf *s, const char *addr, int cidr4, int cidr6) {
    unsigned char b[16];
    bool v6;
    if (!pc_ip_parse(addr, b, &v6) || v6 != s->v6) return false;
    return pc_ip_in_net(s->ip, b, v6 ? cidr6 : cidr4);
}

/* Splits "target/24//64" into the target and prefix lengths; false when malformed. */
static bool cidr(char *arg, int *c4, int *c6) {
    *c4 = 32, *c6 = 128;
    char *dbl = strstr(arg, "//");
    if (dbl) { *c6 = atoi(dbl + 2); *dbl = 0; }
    char *sl = strchr(arg, '/');
    if (sl) { *c4 = atoi(sl + 1); *sl = 0; }
    return *c4 >= 0 && *c4 <= 32 && *c6 >= 0 && *c6 <= 128;
}

/* ---- mechanisms ---- */

static int count_lookup(spf *s) { return ++s->lookups > MAX_LOOKUPS ? PERM : NO; }

static int void_lookup(spf *s) { return ++s->voids > MAX_VOIDS ? PERM : NO; }

/* A or AAAA of host (our IP's family) against the prefix lengths. */
static int addr_match(spf *s, const char *host, int c4, int c6, bool count_void) {
    const pc_dns *d = dns(s, host, s->v6 ? PC_DNS_AAAA : PC_DNS_A);
    if (!d) return PENDING;
    if (d->rcode < 0 || (d->rcode && d->rcode != 3)) return TEMP;
    if (!d->n) return count_void ? void_lookup(s) : NO;
    int r = NO;
    for (int i = 0; i < d->n; i++) {
        char *net = g_strdup_printf("%s/%d", d->rr[i], s->v6 ? c6 : c4);
        allow(s, (s->v6 ? c6 == 128 : c4 == 32) ? d->rr[i] : net);
        g_free(net);
        if (matches(s, d->rr[i], c4, c6)) r = YES;
    }
    return r;
}

static int mx_match(spf *s, const char *host, int c4, int c6) {
    const pc_dns *d = dns(s, host, PC_DNS_MX);
    if (!d) return PENDING;
    if (d->rcode < 0 || (d->rcode && d->rcode != 3)) return TEMP;
    if (!d->n || (d->n == 1 && !strcmp(d->rr[0], "."))) return void_lookup(s);
    if (d->n > MAX_LOOKUPS) return PERM;
    int r = NO;
    for (int i = 0; i < d->n; i++) {       /* all queries go out before any answer is used */
        int m = addr_match(s, d->rr[i], c4, c6, false);
        if (m == YES || (r != YES && m > r)) r = m;
    }
    return r;
}

static int include(spf *s, const char *target, int depth) {
    switch (check_host(s, target, depth + 1)) {
    case PC_SPF_PENDING: return PENDING;
    case PC_SPF_PASS: return YES;
    case PC_SPF_TEMPERROR: return TEMP;
    case PC_SPF_PERMERROR: case PC_SPF_NONE: return PERM;
    default: return NO;
    }
}

static int literal(spf *s, const char *arg, bool v6) {
    char *a = g_strdup(arg), *sl = strchr(a, '/');
    int bits = sl ? atoi(sl + 1) : (v6 ? 128 : 32);
    if (sl) *sl = 0;
    unsigned char b[16];
    bool is6;
    int r = PERM;
    if (pc_ip_parse(a, b, &is6) && is6 == v6 && bits >= 0 && bits <= (v6 ? 128 : 32)) {
        allow(s, arg);
        r = is6 == s->v6 && pc_ip_in_net(s->ip, b, bits) ? YES : NO;
    }
    g_free(a);
    return r;
}

static int exists(spf *s, const char *target) {
    const pc_dns *d = dns(s, target, PC_DNS_A);
    if (!d) return PENDING;
    if (d->rcode < 0 || (d->rcode && d->rcode != 3)) return TEMP;
    return d->n ? YES : void_lookup(s);
}

/* One mechanism (name, argument after ':' or the "/cidr" suffix; may be NULL) for domain. */
static int mechanism(spf *s, const char *name, const char *arg, const char *domain, int depth) {
    if (!g_ascii_strcasecmp(name, "all")) return YES;
    if (!g_ascii_strcasecmp(name, "ip4")) return literal(s, arg ? arg : "", false);
    if (!g_ascii_strcasecmp(name, "ip6")) return literal(s, arg ? arg : "", true);
    static const char *const dns_mech[] = {"a", "mx", "include", "exists", "ptr", NULL};
    int k = 0;
    while (dns_mech[k] && g_ascii_strcasecmp(name, dns_mech[k])) k++;
    if (!dns_mech[k] || count_lookup(s) == PERM) return PERM;
    if (k == 4) return NO;                                  /* ptr: never matches */
    int c4 = 32, c6 = 128;
    char *spec = g_strdup(arg ? arg : "");
    bool ok = k > 1 || cidr(spec, &c4, &c6);               /* a, mx: "target/24//64" */
    char *target = ok ? expand(s, *spec ? spec : domain, domain) : NULL;
    g_free(spec);
    int r = !target || !*target ? PERM
          : k == 0 ? addr_match(s, target, c4, c6, true)
          : k == 1 ? mx_match(s, target, c4, c6)
          : k == 2 ? include(s, target, depth) : exists(s, target);
    g_free(target);
    return r;
}

/* ---- records ---- */

static bool is_spf(const char *t) {
    return !g_ascii_strncasecmp(t, "v=spf1", 6) && (!t[6] || t[6] == ' ');
}

/* The domain's SPF record into *rec (NULL: none); a result other than PENDING ends it. */
static pc_spf_result record(spf *s, const char *domain, const char **rec) {
    const pc_dns *d = dns(s, domain, PC_DNS_TXT);
    *rec = NULL;
    if (!d) return PC_SPF_PENDING;
    if (d->rcode < 0 || (d->rcode && d->rcode != 3)) return PC_SPF_TEMPERROR;
    int n = 0;
    for (int i = 0; i < d->n; i++) if (is_spf(d->rr[i])) *rec = d->rr[i], n++;
    return n > 1 ? PC_SPF_PERMERROR : n ? PC_SPF_NEUTRAL : PC_SPF_NONE;
}

static pc_spf_result qualified(char q) {
    return q == '-' ? PC_SPF_FAIL : q == '~' ? PC_SPF_SOFTFAIL : q == '?' ? PC_SPF_NEUTRAL : PC_SPF_PASS;
}

static pc_spf_result error_result(int m) {
    return m == TEMP ? PC_SPF_TEMPERROR : m == PERM ? PC_SPF_PERMERROR : PC_SPF_PENDING;
}

/* Walks the terms: the result of the first matching mechanism, PC_SPF_NONE when none
 * matched; *redirect gets the redirect= target (owned by terms). */
static pc_spf_result walk(spf *s, char **terms, const char *domain, int depth, char **redirect) {
    pc_spf_result res = PC_SPF_NONE;
    bool decided = false, pending = false;
    for (char **t = terms + 1; *t; t++) {
        if (!**t) continue;
        size_t nl = strcspn(*t, ":/=");
        if ((*t)[nl] == '=') {                          /* modifier */
            if (!g_ascii_strncasecmp(*t, "redirect=", 9)) *redirect = *t + 9;
            continue;
        }
        if (decided) continue;
        char q = strchr("+-~?", **t) ? **t : '+';
        char *name = g_strndup(*t + (q == **t), nl - (q == **t));
        const char *rest = *t + nl;
        int m = mechanism(s, name, *rest == ':' ? rest + 1 : *rest ? rest : NULL, domain, depth);
        g_free(name);
        if (m == PENDING) { pending = true; continue; }
        if (pending) continue;                          /* only prefetching now */
        if (m == YES) { res = qualified(q); decided = true; }
        else if (m != NO) { res = error_result(m); decided = true; }
    }
    return pending ? PC_SPF_PENDING : res;
}

static pc_spf_result check_host(spf *s, const char *domain, int depth) {
    const char *rec;
    pc_spf_result r = record(s, domain, &rec);
    if (r != PC_SPF_NEUTRAL) return r;
    char **terms = g_strsplit(rec, " ", -1), *redirect = NULL;
    r = walk(s, terms, domain, depth, &redirect);
    if (r == PC_SPF_NONE && redirect) {     /* an "all" in the record always matches first */
        char *target = expand(s, redirect, domain);
        r = !target || count_lookup(s) == PERM ? PC_SPF_PERMERROR : check_host(s, target, depth + 1);
        if (r == PC_SPF_NONE) r = PC_SPF_PERMERROR;
        g_free(target);
    } else if (r == PC_SPF_NONE) {
        r = PC_SPF_NEUTRAL;
    }
    g_strfreev(terms);
    return r;
}

pc_spf_result pc_spf_check(pc_spf_query *q, const char *domain) {
    spf s = {.q = q};
    q->allowed.n = 0;
    if (!domain || !q->ip || !pc_ip_parse(q->ip, s.ip, &s.v6)) return PC_SPF_NONE;
    const char *at = q->sender ? strrchr(q->sender, '@') : NULL;
    s.local = at ? pc_strndup(q->a, q->sender, (size_t)(at - q->sender)) : "postmaster";
    s.odomain = at ? at + 1 : domain;
    return check_host(&s, domain, 0);
}
