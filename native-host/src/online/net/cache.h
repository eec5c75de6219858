/* cache.h — the on-disk cache of look-up answers and the local phishing-URL feeds, one
 * SQLite file per user: $XDG_CACHE_HOME/phishcheck/online.sqlite (else
 * ~/.cache/phishcheck/). Several phishcheck processes may share it (WAL, busy timeout).
 * Every function is a no-op / miss when the file cannot be opened. */
#ifndef PC_ONLINE_CACHE_H
#define PC_ONLINE_CACHE_H
#include <stdbool.h>
#include <stddef.h>
#include <sqlite3.h>

/* The process's cache connection, opened on first use; NULL when unusable. */
sqlite3 *pc_cache_db(void);

/* A cached answer: its HTTP status and body (malloc'd, NUL-terminated). False on a miss or
 * when it has expired. */
bool pc_cache_get(const char *key, long *status, char **body, size_t *len);
/* Stores an answer for ttl seconds. */
void pc_cache_put(const char *key, long status, const char *body, size_t len, int ttl);
void pc_cache_del(const char *key);

/* Look-ups in flight in any process sharing the cache (the workers of a mailbox scan
 * asking the same): true when this process takes key for at most `seconds` (it will put
 * the answer in the cache, then release it); false when another process holds it. A
 * holder that died is forgotten when its time is up. */
bool pc_cache_claim(const char *key, int seconds);
/* True while some process holds key. */
bool pc_cache_claimed(const char *key);
void pc_cache_release(const char *key);

#endif
