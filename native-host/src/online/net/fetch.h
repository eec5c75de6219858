/* fetch.h — every HTTPS request of one enrichment: libcurl multi, all in parallel, one
 * deadline. Answers are memoised for the message and kept on disk (cache.h) for their TTL.
 * A service asks with pc_fetch_get() as often as it likes: the first call starts the
 * request (or finds the cached answer), later ones return the same entry, whose state says
 * whether the answer is there. A look-up is thus a function re-run as answers come in. */
#ifndef PC_ONLINE_FETCH_H
#define PC_ONLINE_FETCH_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "online/options.h"

typedef enum { PC_LK_PENDING, PC_LK_OK, PC_LK_FAILED, PC_LK_TIMEOUT, PC_LK_SKIPPED } pc_lk_state;

typedef struct pc_lk {
    pc_lk_state state;
    bool cached;            /* answered from the disk cache */
    long status;            /* HTTP status (2xx or 404 when OK) */
    char *body;             /* the answer, NUL-terminated */
    size_t len;
    const char *error;      /* why it failed (or a note on a local / skipped look-up) */
    void *parsed;           /* a service's decoded answer, freed with free_parsed */
    void (*free_parsed)(void *);
} pc_lk;

typedef struct {
    const char *service;    /* "dns", "rdap", "urlhaus" ... (the report; the cache key) */
    const char *target;     /* what is looked up, "TXT example.com" (ditto) */
    const char *url;
    const char *post;       /* POST body; NULL: GET */
    size_t post_len;
    const char *const *headers; /* extra request headers, NULL-terminated; or NULL */
    size_t max_body;        /* larger answers fail */
    int ttl;                /* seconds an answer stays cached (0: not kept) */
} pc_lk_req;

typedef struct pc_fetcher pc_fetcher;

/* Starts the look-ups of one message; only one fetcher exists at a time (others wait). */
pc_fetcher *pc_fetcher_new(const pc_online_opts *o, int budget_ms);
/* The entry of this look-up (service + target), starting it on first call. Never NULL. */
pc_lk *pc_fetch_get(pc_fetcher *f, const pc_lk_req *r);
/* A service found the answer unusable (malformed): the entry fails with why and leaves
 * the disk cache. */
void pc_fetch_reject(pc_lk *lk, const char *why);
/* The answer of an OK entry as JSON (kept in parsed); NULL, and the entry rejected, when it
 * is not a JSON object. */
json_t *pc_fetch_json(pc_lk *lk);
/* Records a look-up made without the network (state OK: a local list) or not made at all
 * (PC_LK_SKIPPED: no API key, no RDAP server ...), with a note why. Once per target. */
void pc_fetch_note(pc_fetcher *f, const char *service, const char *target, pc_lk_state st,
                   const char *note);
/* Waits until at least one answer has arrived: true; false when nothing is in flight or
 * the budget is spent (whatever is still in flight then has timed out). */
bool pc_fetcher_wait(pc_fetcher *f);
/* Milliseconds elapsed since pc_fetcher_new. */
double pc_fetcher_elapsed(const pc_fetcher *f);
/* The `lookups` section of the report (docs/protocol.md); frees the fetcher. */
json_t *pc_fetcher_finish(pc_fetcher *f);

#endif
