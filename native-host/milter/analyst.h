/* analyst.h — the one thread of the milter that talks to the engine. libmilter serves each
 * SMTP connection in its own thread; those threads hand their message here and wait. This
 * thread feeds the messages to runner.c's worker processes (forked from this thread only,
 * each bound by the time and memory budget of the CLI's --time-limit/--memory-limit), so
 * the engine itself never runs in two threads of one process. It owns the current
 * configuration: a reload (SIGHUP) takes effect between messages, with fresh workers. */
#ifndef PCM_ANALYST_H
#define PCM_ANALYST_H
#include <jansson.h>
#include <stddef.h>
#include "conf.h"

/* Starts the thread with c (the analyst takes the reference). */
void pcm_analyst_start(pcm_conf *c);
/* The configuration now in force, referenced (pcm_conf_unref when done). */
pcm_conf *pcm_analyst_conf(void);
/* Analyses one message (waits); the report, or NULL when the queue is full or stopping
 * (on-error decides). file: a name for the report (the queue id). */
json_t *pcm_analyst_run(const char *raw, size_t len, const char *file);
/* Asks for a reload from path (done by the analyst thread between messages). */
void pcm_analyst_reload(const char *path);
/* Finishes the messages queued, stops the workers and the thread (the configuration
 * stays readable until the process exits). */
void pcm_analyst_stop(void);

#endif
