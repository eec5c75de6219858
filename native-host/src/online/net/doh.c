/* doh.c — see doh.h. Query ID 0 (RFC 8484 §4.1) keeps answers cacheable by HTTP caches. */
#include "online/net/doh.h"
#include <ares.h>
#include <arpa/inet.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ANSWER 65535
#define MAX_RR 64

static const char *type_name(int t) {
    return t == PC_DNS_A ? "A" : t == PC_DNS_MX ? "MX" : t == PC_DNS_TXT ? "TXT" : "AAAA";
}

static void free_dns(void *p) {
    pc_dns *d = p;
    for (int i = 0; i < d->n; i++) g_free(d->rr[i]);
    g_free(d->rr);
    g_free(d);
}

static void add(pc_dns *d, char *s) {
    if (d->n >= MAX_RR) { g_free(s); return; }
    d->rr = g_renew(char *, d->rr, d->n + 1);
    d->rr[d->n++] = s;
}

static int txt(pc_dns *d, const unsigned char *b, int n) {
    struct ares_txt_ext *t, *head;
    int rc = ares_parse_txt_reply_ext(b, n, &head);
    if (rc != ARES_SUCCESS) return rc;
    GString *rec = NULL;
    for (t = head; t; t = t->next) {
        if (t->record_start && rec) add(d, g_string_free(rec, FALSE)), rec = NULL;
        if (!rec) rec = g_string_new(NULL);
        g_string_append_len(rec, (const char *)t->txt, (gssize)t->length);
    }
    if (rec) add(d, g_string_free(rec, FALSE));
    ares_free_data(head);
    return ARES_SUCCESS;
}

static int by_pref(const void *a, const void *b) {
    const struct ares_mx_reply *x = *(void *const *)a, *y = *(void *const *)b;
    return (int)x->priority - (int)y->priority;
}

static int mx(pc_dns *d, const unsigned char *b, int n) {
    struct ares_mx_reply *head, *m, *v[MAX_RR];
    int rc = ares_parse_mx_reply(b, n, &head), k = 0;
    if (rc != ARES_SUCCESS) return rc;
    for (m = head; m && k < MAX_RR; m = m->next) v[k++] = m;
    qsort(v, (size_t)k, sizeof *v, by_pref);
    for (int i = 0; i < k; i++) add(d, g_strdup(*v[i]->host ? v[i]->host : "."));
    ares_free_data(head);
    return ARES_SUCCESS;
}

static int addr(pc_dns *d, const unsigned char *b, int n, int type) {
    struct ares_addrttl a4[MAX_RR];
    struct ares_addr6ttl a6[MAX_RR];
    int k = MAX_RR, rc = type == PC_DNS_A ? ares_parse_a_reply(b, n, NULL, a4, &k)
                                          : ares_parse_aaaa_reply(b, n, NULL, a6, &k);
    if (rc != ARES_SUCCESS) return rc;
    for (int i = 0; i < k; i++) {
        char s[INET6_ADDRSTRLEN];
        inet_ntop(type == PC_DNS_A ? AF_INET : AF_INET6,
                  type == PC_DNS_A ? (void *)&a4[i].ipaddr : (void *)&a6[i].ip6addr, s, sizeof s);
        add(d, g_strdup(s));
    }
    return ARES_SUCCESS;
}

/* Decodes an answer; NULL when it is no DNS response. */
static pc_dns *decode(const unsigned char *b, size_t len, int type) {
    if (len < 12 || len > MAX_ANSWER || !(b[2] & 0x80)) return NULL;
    pc_dns *d = g_new0(pc_dns, 1);
    d->rcode = b[3] & 0x0f;
    if (d->rcode != 0) return d;
    int n = (int)len, rc = type == PC_DNS_TXT ? txt(d, b, n)
                         : type == PC_DNS_MX  ? mx(d, b, n) : addr(d, b, n, type);
    if (rc == ARES_SUCCESS || rc == ARES_ENODATA) return d;
    free_dns(d);
    return NULL;
}

static pc_lk *request(pc_fetcher *f, const pc_online_opts *o, const char *name, int type) {
    unsigned char *q;
    int qlen;
    if (ares_create_query(name, 1 /* IN */, type, 0, 1, &q, &qlen, 0) != ARES_SUCCESS) return NULL;
    static const char *const hdrs[] = {"Content-Type: application/dns-message",
                                       "Accept: application/dns-message", NULL};
    char *target = g_strdup_printf("%s %s", type_name(type), name);
    pc_lk_req r = {"dns", target, o->doh_url ? o->doh_url : PC_DOH_URL, (const char *)q,
                   (size_t)qlen, hdrs, MAX_ANSWER, PC_DNS_TTL};
    pc_lk *lk = pc_fetch_get(f, &r);
    g_free(target);
    ares_free_string(q);
    return lk;
}

const pc_dns *pc_dns_get(pc_fetcher *f, const pc_online_opts *o, const char *name, int type) {
    static const pc_dns failed = {-1, 0, NULL};
    char *n = g_ascii_strdown(name, -1);
    size_t l = strlen(n);
    if (l && n[l - 1] == '.') n[--l] = 0;
    pc_lk *lk = l && l <= 253 ? request(f, o, n, type) : NULL;
    g_free(n);
    if (!lk) return &failed;
    if (lk->state == PC_LK_PENDING) return NULL;
    if (lk->state != PC_LK_OK) return &failed;
    if (!lk->parsed) {
        lk->parsed = decode((const unsigned char *)lk->body, lk->len, type);
        lk->free_parsed = free_dns;
        if (!lk->parsed) pc_fetch_reject(lk, "malformed DNS answer");
    }
    return lk->parsed ? lk->parsed : &failed;
}
