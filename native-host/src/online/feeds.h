/* feeds.h — local copies of phishing URL lists (the OpenPhish community feed, JPCERT/CC's
 * phishurl-list), downloaded by `phishcheck --update-feeds` into the cache database and
 * matched without any network traffic. With look-ups on they refresh themselves: lists
 * over a day old are downloaded again in the background (refresh.c), at most once a day. */
#ifndef PC_ONLINE_FEEDS_H
#define PC_ONLINE_FEEDS_H
#include <jansson.h>
#include <stdbool.h>
#include "online/options.h"
#include "parse/url.h"

typedef struct { const char *source, *label; } pc_feed_hit;

/* URLs in the local lists (0: never downloaded). */
long pc_feed_count(void);
/* Is the link listed: the same host, and the listed path equal to or a folder above the
 * link's? Strings of hit are in a. */
bool pc_feed_match(pc_arena *a, const pc_url *u, pc_feed_hit *hit);

/* ---- refresh.c ---- */

/* The lists for the report's `lookups`: {"OpenPhish": {"urls": 2, "updated":
 * "2026-11-30T08:00:00Z", "age_hours": 3}, ...}; {} before the first download. */
json_t *pc_feed_info(void);
/* Seconds since the oldest list was downloaded; -1 when one never was. */
long pc_feed_age(void);
/* Online look-ups are running: when the lists are over a day old and no refresh started
 * in the last day (in any phishcheck process of this user), starts `phishcheck
 * --update-feeds` detached in the background and returns true at once. Also marks the
 * cache as used with look-ups on (for --if-stale). */
bool pc_feed_refresh_start(const pc_online_opts *o);
/* --update-feeds --if-stale: true when a download is due now (look-ups were used with
 * this cache, the lists are over a day old, no refresh started in the last day); it then
 * counts as started. */
bool pc_feed_refresh_due(void);

#endif
