/* runner.h — analysis in supervised worker processes, so that no message can take the
 * host's time or memory whatever the parser libraries do. A worker (fork of the host,
 * reused across messages) analyses one message at a time under an address-space limit;
 * the host waits for its answer until a deadline, kills it past the deadline, and
 * answers for that message a report that says so (limits.time / limits.memory /
 * limits.crash, suspicious). The next message gets a fresh worker. With several workers
 * (CLI -j N) messages run in parallel and answers come back in the order given. */
#ifndef PC_RUNNER_H
#define PC_RUNNER_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "config.h"

typedef struct {
    int time_ms;        /* per message; 0: no deadline */
    size_t memory_mb;   /* address space a message may add; 0: no limit */
    int jobs;           /* workers; 1 in native mode */
} pc_budget;

#define PC_DEFAULT_TIME_MS 2000
#define PC_DEFAULT_MEMORY_MB 256

typedef struct pc_runner pc_runner;

/* Workers are forked on demand; they inherit base (request options are applied on top). */
pc_runner *pc_runner_new(const pc_budget *b, const pc_config *base);
/* Hands one message to a free worker (waiting for one when all are busy). extra: what the
 * request adds to the settings, {"options": {...}, "context": {...}} (may be NULL);
 * enrich: run the online stage. */
void pc_runner_submit(pc_runner *r, const char *raw, size_t len, const char *file,
                      json_t *options, bool enrich);
/* Reports submitted and not yet taken. */
size_t pc_runner_pending(const pc_runner *r);
/* The report of the oldest message submitted (waits for it); NULL when none is pending. */
json_t *pc_runner_next(pc_runner *r);
/* Like next, but returns NULL at once when the oldest is not finished yet. */
json_t *pc_runner_ready(pc_runner *r);
/* For a caller that waits on several runners at once (the milter's analyst): the answer
 * pipes of the busy workers (at most max, POLLIN) and, in *timeout_ms, the ms until the
 * nearest deadline (-1: none). Returns how many fds it filled. After poll(),
 * pc_runner_ready takes what is done (and enforces the deadlines). */
struct pollfd;
int pc_runner_pollfds(const pc_runner *r, struct pollfd *fds, int max, int *timeout_ms);
void pc_runner_free(pc_runner *r);

/* The report for a message the worker could not finish: its headers (cheaply parsed)
 * and one flag (limits.time ...) with the budget as evidence. */
json_t *pc_runner_failed_report(const char *raw, size_t len, const pc_config *cfg,
                                const char *file, const char *flag, const char *budget);

#endif
