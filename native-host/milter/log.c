/* log.c — see log.h. */
#include "log.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

static void out(const pcm_conf *c, int prio, const char *line) {
    if (c && c->syslog) { syslog(prio, "%s", line); return; }
    size_t n = strlen(line);
    char *s = malloc(n + 2);
    memcpy(s, line, n);
    s[n] = '\n';
    ssize_t w = write(2, s, n + 1);        /* one write: lines never interleave */
    (void)w;
    free(s);
}

void pcm_log_message(const pcm_conf *c, const char *queue_id, json_t *report,
                     const char *action, size_t removed, size_t size, bool truncated, double ms) {
    json_t *j = json_object(), *flags = json_array(), *f;
    size_t i;
    json_array_foreach(json_object_get(report, "flags"), i, f)
        json_array_append(flags, json_object_get(f, "id"));
    json_object_set_new(j, "queue_id", queue_id ? json_string(queue_id) : json_null());
    json_object_set(j, "verdict", report ? json_object_get(report, "verdict") : json_null());
    json_object_set(j, "score", report ? json_object_get(report, "score") : json_null());
    json_object_set_new(j, "flags", flags);
    json_object_set_new(j, "ms", json_integer((json_int_t)(ms + 0.5)));
    json_object_set_new(j, "action", json_string(action));
    json_object_set_new(j, "size", json_integer((json_int_t)size));
    if (truncated) json_object_set_new(j, "truncated", json_true());
    if (removed) json_object_set_new(j, "removed", json_integer((json_int_t)removed));
    char *s = json_dumps(j, JSON_COMPACT);
    out(c, LOG_INFO, s);
    free(s);
    json_decref(j);
}

void pcm_log_notice(const pcm_conf *c, const char *fmt, ...) {
    char buf[1024] = "phishcheck-milter: ";
    size_t k = strlen(buf);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + k, sizeof buf - k, fmt, ap);
    va_end(ap);
    out(c, LOG_NOTICE, buf);
}
