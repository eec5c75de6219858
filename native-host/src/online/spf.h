/* spf.h — SPF (RFC 7208) check_host() over DNS-over-HTTPS answers: ip4, ip6, a, mx,
 * include, redirect, exists, macros, the 10-look-up and 2-void-look-up limits (ptr is
 * counted but never matches, as §5.5 advises). The check is re-run as answers arrive: it
 * answers PC_SPF_PENDING while some are missing, after putting every query it can already
 * name in flight, so a record's includes are fetched in parallel. */
#ifndef PC_ONLINE_SPF_H
#define PC_ONLINE_SPF_H
#include "online/net/fetch.h"
#include "util/arena.h"

typedef enum { PC_SPF_PENDING, PC_SPF_NONE, PC_SPF_NEUTRAL, PC_SPF_PASS, PC_SPF_FAIL,
               PC_SPF_SOFTFAIL, PC_SPF_TEMPERROR, PC_SPF_PERMERROR } pc_spf_result;

typedef struct {
    pc_fetcher *f;
    const pc_online_opts *o;
    pc_arena *a;
    const char *ip;        /* the connecting IP, as text */
    const char *sender;    /* envelope sender local@domain (macros); NULL: postmaster@domain */
    pc_vec allowed;        /* out, char*: addresses and networks the domain names */
} pc_spf_query;

pc_spf_result pc_spf_check(pc_spf_query *q, const char *domain);
const char *pc_spf_name(pc_spf_result r);

#endif
