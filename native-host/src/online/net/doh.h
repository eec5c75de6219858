/* doh.h — DNS over HTTPS (RFC 8484, POST application/dns-message). c-ares builds the
 * queries and decodes the answers; answers are cached (fetch.h) for PC_DNS_TTL. */
#ifndef PC_ONLINE_DOH_H
#define PC_ONLINE_DOH_H
#include "online/net/fetch.h"

enum { PC_DNS_A = 1, PC_DNS_MX = 15, PC_DNS_TXT = 16, PC_DNS_AAAA = 28 };
#define PC_DNS_TTL 3600

typedef struct {
    int rcode;     /* 0 NOERROR, 3 NXDOMAIN, ...; -1: no usable answer (failed, timed out) */
    int n;
    char **rr;     /* TXT: each record's strings joined; A/AAAA: address as text;
                      MX: host names by preference ("." for a null MX) */
} pc_dns;

/* The answer for name (any case, trailing dot or not) and type; NULL while pending. */
const pc_dns *pc_dns_get(pc_fetcher *f, const pc_online_opts *o, const char *name, int type);

#endif
