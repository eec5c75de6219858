/* log.h — the milter's log: one JSON line per message (queue_id, verdict, score, flags,
 * ms, action, size, truncated, removed) and its own notices, to stderr or syslog (mail
 * facility) as the configuration says. Lines are written whole (safe from any thread). */
#ifndef PCM_LOG_H
#define PCM_LOG_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "conf.h"

void pcm_log_message(const pcm_conf *c, const char *queue_id, json_t *report,
                     const char *action, size_t removed, size_t size, bool truncated, double ms);
/* A notice (start, stop, reload, errors), printf-style. */
void pcm_log_notice(const pcm_conf *c, const char *fmt, ...);

#endif
