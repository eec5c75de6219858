/* analyst.c — see analyst.h. A FIFO of waiting messages under one mutex; the thread
 * submits while a worker is free (runner.h: pending < jobs means one is) and otherwise
 * waits for the oldest report, which is bounded by the time budget. */
#include "analyst.h"
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "log.h"
#include "runner.h"

typedef struct req {
    const char *raw, *file;
    size_t len;
    json_t *report;
    bool done;
    struct req *next;
} req;

static struct {
    pthread_mutex_t mx;
    pthread_cond_t work, answered;
    pthread_t thread;
    req *head, *tail;          /* waiting for a worker */
    req *sent[256];            /* submitted, oldest first (at most jobs) */
    int nsent, queued;
    bool stop, running;
    char *reload;              /* path asked for, or NULL */
    pcm_conf *conf;
    pc_runner *runner;
} A = {.mx = PTHREAD_MUTEX_INITIALIZER, .work = PTHREAD_COND_INITIALIZER,
       .answered = PTHREAD_COND_INITIALIZER};

#define MAX_QUEUED 1024        /* messages waiting beyond this: on-error */

static pc_runner *runner_for(pcm_conf *c) {
    pc_budget b = {c->cli.host.time_ms, c->cli.host.memory_mb, c->jobs};
    if (b.jobs > 256) b.jobs = 256;
    return pc_runner_new(&b, &c->cli.host.base);
}

/* Between messages: a new configuration and fresh workers (under the lock). */
static void do_reload(void) {
    char *path = A.reload, err[512];
    A.reload = NULL;
    pthread_mutex_unlock(&A.mx);
    pcm_conf *c = pcm_conf_load(path, err, sizeof err);
    if (!c) pcm_log_notice(A.conf, "reload: %s; the running settings stay", err);
    else pcm_log_notice(c, "reloaded %s", path);
    free(path);
    pthread_mutex_lock(&A.mx);
    if (!c) return;
    pc_runner_free(A.runner);
    pcm_conf *old = A.conf;
    A.conf = c;
    A.runner = runner_for(c);
    pcm_conf_unref(old);
}

static void submit_one(void) {
    req *r = A.head;
    A.head = r->next;
    if (!A.head) A.tail = NULL;
    A.queued--;
    A.sent[A.nsent++] = r;
    pthread_mutex_unlock(&A.mx);
    pc_runner_submit(A.runner, r->raw, r->len, r->file, NULL, A.conf->cli.host.base.online.requested);
    pthread_mutex_lock(&A.mx);
}

static void answer_oldest(void) {
    pthread_mutex_unlock(&A.mx);
    json_t *rep = pc_runner_next(A.runner);
    pthread_mutex_lock(&A.mx);
    req *r = A.sent[0];
    memmove(A.sent, A.sent + 1, sizeof A.sent[0] * (size_t)--A.nsent);
    r->report = rep;
    r->done = true;
    pthread_cond_broadcast(&A.answered);
}

static void *loop(void *unused) {
    pthread_mutex_lock(&A.mx);
    for (;;) {
        int jobs = A.conf->jobs < 256 ? A.conf->jobs : 256;
        if (A.head && A.nsent < jobs && !A.reload) submit_one();
        else if (A.nsent) answer_oldest();
        else if (A.reload) do_reload();
        else if (A.stop && !A.head) break;
        else pthread_cond_wait(&A.work, &A.mx);
    }
    pthread_mutex_unlock(&A.mx);
    return NULL;
}

void pcm_analyst_start(pcm_conf *c) {
    A.conf = c;
    A.runner = runner_for(c);
    A.running = true;
    pthread_create(&A.thread, NULL, loop, NULL);
}

pcm_conf *pcm_analyst_conf(void) {
    pthread_mutex_lock(&A.mx);
    pcm_conf *c = A.conf;
    pcm_conf_ref(c);
    pthread_mutex_unlock(&A.mx);
    return c;
}

json_t *pcm_analyst_run(const char *raw, size_t len, const char *file) {
    req r = {raw, file, len, NULL, false, NULL};
    pthread_mutex_lock(&A.mx);
    if (A.stop || !A.running || A.queued >= MAX_QUEUED) {
        pthread_mutex_unlock(&A.mx);
        return NULL;
    }
    if (A.tail) A.tail->next = &r; else A.head = &r;
    A.tail = &r;
    A.queued++;
    pthread_cond_signal(&A.work);
    while (!r.done) pthread_cond_wait(&A.answered, &A.mx);
    pthread_mutex_unlock(&A.mx);
    return r.report;
}

void pcm_analyst_reload(const char *path) {
    pthread_mutex_lock(&A.mx);
    free(A.reload);
    A.reload = strdup(path);
    pthread_cond_signal(&A.work);
    pthread_mutex_unlock(&A.mx);
}

void pcm_analyst_stop(void) {
    pthread_mutex_lock(&A.mx);
    if (!A.running) { pthread_mutex_unlock(&A.mx); return; }
    A.stop = true;
    free(A.reload);
    A.reload = NULL;
    pthread_cond_signal(&A.work);
    pthread_mutex_unlock(&A.mx);
    pthread_join(A.thread, NULL);
    pc_runner_free(A.runner);
    A.runner = NULL;
    pthread_mutex_lock(&A.mx);
    A.running = false;            /* A.conf stays: a connection thread libmilter has not */
    pthread_mutex_unlock(&A.mx);  /* ended yet may still ask for it until the exit */
}
