/* options.h — settings of the online look-ups (issue #6), part of pc_config. Everything is
 * off and empty by default: nothing leaves the machine unless `enabled` (the user's or
 * admin's consent: CLI --online, request option "online") and `requested` (this run asks
 * for enrichment: --online, an `enrich` request) are both true. NULL URLs mean the
 * public defaults below. */
#ifndef PC_ONLINE_OPTIONS_H
#define PC_ONLINE_OPTIONS_H
#include <jansson.h>
#include <stdbool.h>
#include "util/arena.h"

typedef struct {
    bool enabled;               /* consent to online look-ups */
    bool requested;             /* this analysis asks for the enrichment stage */
    bool update_feeds;          /* CLI --update-feeds */
    int budget_ms;              /* overall time budget; 0: PC_ONLINE_BUDGET_MS */
    const char *doh_url;        /* DNS over HTTPS resolver (RFC 8484, POST) */
    const char *rdap_bootstrap; /* folder holding IANA's dns.json, ipv4.json, ipv6.json */
    const char *urlhaus_url;    /* URLhaus API base (…/v1/) */
    const char *urlhaus_key;    /* URLhaus Auth-Key; no key: not asked */
    const char *safebrowsing_url; /* Safe Browsing API base (…/v5/) */
    const char *safebrowsing_key; /* API key; no key: not asked */
    const char *openphish_url;  /* OpenPhish community feed (text, one URL a line) */
    const char *jpcert_url;     /* JPCERT/CC phishurl-list base (YYYY/YYYYMM.csv below) */
    const char *ca_file;        /* extra CA bundle (tests, company proxies) */
    const char *feeds_refresh;  /* "off": lists are refreshed only by --update-feeds */
    bool if_stale;              /* --update-feeds --if-stale (timers): only when due */
} pc_online_opts;

#define PC_ONLINE_BUDGET_MS 3000
#define PC_DOH_URL "https://cloudflare-dns.com/dns-query"
#define PC_RDAP_BOOTSTRAP "https://data.iana.org/rdap/"
#define PC_URLHAUS_URL "https://urlhaus-api.abuse.ch/v1/"
#define PC_SAFEBROWSING_URL "https://safebrowsing.googleapis.com/v5/"
#define PC_OPENPHISH_URL "https://openphish.com/feed.txt"
#define PC_JPCERT_URL "https://raw.githubusercontent.com/JPCERTCC/phishurl-list/main/"

/* getopt_long entries of the CLI flags, all answering `val`; pc_online_set() takes the
 * entry's name and the argument. */
#define PC_ONLINE_LONGOPTS(val)                                                            \
    {"online", 0, 0, val}, {"online-budget", 1, 0, val}, {"doh-url", 1, 0, val},          \
    {"rdap-bootstrap", 1, 0, val}, {"urlhaus-url", 1, 0, val}, {"urlhaus-key", 1, 0, val}, \
    {"safebrowsing-url", 1, 0, val}, {"safebrowsing-key", 1, 0, val},                     \
    {"openphish-url", 1, 0, val}, {"jpcert-url", 1, 0, val}, {"ca-file", 1, 0, val},      \
    {"update-feeds", 0, 0, val}, {"feeds-refresh", 1, 0, val}, {"if-stale", 0, 0, val}

extern const char pc_online_usage[];

/* Messages a mailbox scan checks at once by default (no -j): the number of cores, or with
 * look-ups on twice that (at most 16), since the workers then partly wait on the network
 * (bench-online on 2 busy cores: 100 mails 9.9 s at -j 1, 5.0 s at -j 4; -j 8 ran out of
 * CPU and budget). */
int pc_online_default_jobs(const pc_online_opts *o, int cores);

/* Sets the option of CLI flag `name` (without "--"); returns 0, or -1 for a bad value. */
int pc_online_set(pc_online_opts *o, const char *name, const char *arg);
/* Reads the request options ("online", "online_budget_ms", "doh_url" ...; flag names with
 * '_' for '-'); strings are copied into a. */
void pc_online_from_json(pc_arena *a, json_t *options, pc_online_opts *o);

#endif
