/* feeds.h — local copies of phishing URL lists (the OpenPhish community feed, JPCERT/CC's
 * phishurl-list), downloaded by `phishcheck --update-feeds` into the cache database and
 * matched without any network traffic. */
#ifndef PC_ONLINE_FEEDS_H
#define PC_ONLINE_FEEDS_H
#include <stdbool.h>
#include "parse/url.h"

typedef struct { const char *source, *label; } pc_feed_hit;

/* URLs in the local lists (0: never downloaded). */
long pc_feed_count(void);
/* Is the link listed: the same host, and the listed path equal to or a folder above the
 * link's? Strings of hit are in a. */
bool pc_feed_match(pc_arena *a, const pc_url *u, pc_feed_hit *hit);

#endif
