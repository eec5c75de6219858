/* enrich.h — what the enrichment stage's services share: the message's look-up targets
 * and the fetcher. A service is a function re-run until it returns true (all its answers
 * are in) or, once the budget is spent, run one last time with final set; it raises its
 * flags only then (done or final), in a fixed order, so reports do not depend on timing. */
#ifndef PC_ONLINE_ENRICH_H
#define PC_ONLINE_ENRICH_H
#include "checklib/check.h"
#include "online/net/fetch.h"

#define PC_MAX_URLS 20          /* links checked for reputation */
#define PC_MAX_LINK_DOMAINS 5   /* link domains looked up in RDAP */

typedef struct {
    pc_ctx *ctx;                /* message, config, findings */
    const pc_online_opts *o;
    pc_fetcher *f;
    const char *ip;             /* where the mail entered the user's servers; NULL if none */
    long long arrival;          /* when (Unix time): that hop's date, else now */
    const char *from_domain;    /* From: domain; NULL if none */
    const char *env_domain;     /* envelope sender's domain (Return-Path, smtp.mailfrom) */
    const char *env_sender;     /* envelope sender address, for SPF macros */
    pc_vec urls;                /* pc_url*: links to check, recipient's address removed */
    pc_vec link_domains;        /* char*: registrable domains of links, not the sender's */
    bool feeds_refreshing;      /* a background refresh of the local lists was started */
} pc_enrich;

typedef bool (*pc_service)(pc_enrich *e, bool final);

bool pc_online_sender(pc_enrich *e, bool final);      /* sender.c: SPF, DMARC, MX */
bool pc_online_rdap(pc_enrich *e, bool final);        /* rdap.c: registration, network */
bool pc_online_reputation(pc_enrich *e, bool final);  /* reputation.c: listed links */

#endif
