/* protocol.h — native-messaging requests and answers (docs/protocol.md): one request
 * payload in, one answer JSON out; and the serving loop over stdin/stdout. */
#ifndef PC_PROTOCOL_H
#define PC_PROTOCOL_H
#include <stddef.h>
#include <stdio.h>
#include <jansson.h>
#include "config.h"
#include "util/arena.h"

struct pc_runner;

typedef struct {
    pc_config base;      /* settings from the command line; requests may add to them */
    size_t max_frame;    /* default PC_DEFAULT_MAX_FRAME */
    int time_ms;         /* per-message budget (runner.h); 0 with memory_mb 0: in-process */
    size_t memory_mb;
    struct pc_runner *runner;   /* set while serving: analyses run in a worker */
} pc_host_opts;

#define PC_DEFAULT_MAX_FRAME ((size_t)96 * 1024 * 1024)
#define PC_MAX_ANSWER ((size_t)1000 * 1000)   /* Thunderbird refuses > 1 MiB */

/* Applies a request's "options" object to c (strings copied into a). */
void pc_protocol_options(pc_arena *a, json_t *o, pc_config *c);
/* Applies what a request adds to the settings: its "options" and "context". */
void pc_protocol_config(pc_arena *a, json_t *req, pc_config *c);
/* Handles one request payload; returns the answer (malloc'd JSON text). */
char *pc_protocol_handle(const char *payload, size_t len, const pc_host_opts *o);
/* Answers an error with this code (for framing errors found before any JSON). */
char *pc_protocol_error(const char *code, const char *message);
/* Serves frames from in to out until in ends; returns 0. */
int pc_protocol_serve(FILE *in, FILE *out, const pc_host_opts *o);

#endif
