/* analyst.c — see analyst.h. `jobs` runners of one worker each, so that any finished
 * message is answered at once (one runner of N workers answers in submission order: a
 * message stuck until its deadline would hold back every later one). Waiting messages
 * form a FIFO under one mutex; the thread polls the busy workers' answer pipes (runner.h,
 * pc_runner_pollfds) together with a wake-up pipe that new messages, reload and stop
 * write to, with the nearest deadline as timeout. */
#include "analyst.h"
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "log.h"
#include "runner.h"

#define MAX_JOBS 256
#define MAX_QUEUED 1024        /* messages waiting beyond this: on-error */

typedef struct req {
    const char *raw, *file;
    size_t len;
    json_t *report;
    bool done;
    struct req *next;
} req;

typedef struct {
    pc_runner *r;
    req *busy;                 /* the message its worker checks, or NULL */
} slot;

static struct {
    pthread_mutex_t mx;
    pthread_cond_t answered;
    pthread_t thread;
    int wake[2];               /* self-pipe: something to do */
    req *head, *tail;          /* waiting for a worker */
    int queued, nslots, nbusy;
    slot slots[MAX_JOBS];
    bool stop, running;
    char *reload;              /* path asked for, or NULL */
    pcm_conf *conf;
} A = {.mx = PTHREAD_MUTEX_INITIALIZER, .answered = PTHREAD_COND_INITIALIZER,
       .wake = {-1, -1}};

static void wake(void) {
    ssize_t w = write(A.wake[1], "x", 1);    /* full pipe: a wake-up is pending anyway */
    (void)w;
}

static void runners_for(pcm_conf *c) {
    pc_budget b = {c->cli.host.time_ms, c->cli.host.memory_mb, 1};
    A.nslots = c->jobs < MAX_JOBS ? c->jobs : MAX_JOBS;
    for (int i = 0; i < A.nslots; i++) A.slots[i] = (slot){pc_runner_new(&b, &c->cli.host.base), NULL};
}

static void runners_free(void) {
    for (int i = 0; i < A.nslots; i++) pc_runner_free(A.slots[i].r);
    A.nslots = 0;
}

/* With no message in a worker: a new configuration and fresh workers (lock held). */
static void do_reload(void) {
    char *path = A.reload, err[512];
    A.reload = NULL;
    pthread_mutex_unlock(&A.mx);
    pcm_conf *c = pcm_conf_load(path, err, sizeof err);
    if (!c) pcm_log_notice(A.conf, "reload: %s; the running settings stay", err);
    else pcm_log_notice(c, "reloaded %s", path);
    free(path);
    if (c) {
        runners_free();
        runners_for(c);
    }
    pthread_mutex_lock(&A.mx);
    if (!c) return;
    pcm_conf *old = A.conf;
    A.conf = c;
    pcm_conf_unref(old);
}

/* Hands waiting messages to idle workers (lock held). */
static void submit_waiting(void) {
    for (int i = 0; i < A.nslots && A.head && !A.reload; i++) {
        slot *s = &A.slots[i];
        if (s->busy) continue;
        req *r = A.head;
        A.head = r->next;
        if (!A.head) A.tail = NULL;
        A.queued--;
        s->busy = r;
        A.nbusy++;
        pthread_mutex_unlock(&A.mx);
        pc_runner_submit(s->r, r->raw, r->len, r->file, NULL, A.conf->cli.host.base.online.requested);
        pthread_mutex_lock(&A.mx);
    }
}

/* Answers every message whose report is ready (lock held). */
static void collect(void) {
    for (int i = 0; i < A.nslots; i++) {
        slot *s = &A.slots[i];
        if (!s->busy) continue;
        json_t *rep = pc_runner_ready(s->r);
        if (!rep) continue;
        s->busy->report = rep;
        s->busy->done = true;
        s->busy = NULL;
        A.nbusy--;
        pthread_cond_broadcast(&A.answered);
    }
}

/* Waits (unlocked) for a worker's answer, a deadline or a wake-up. */
static void wait_events(void) {
    static struct pollfd fds[MAX_JOBS + 1];
    int n = 1, timeout = -1;
    fds[0] = (struct pollfd){A.wake[0], POLLIN, 0};
    for (int i = 0; i < A.nslots; i++) {
        if (!A.slots[i].busy) continue;
        int t;
        n += pc_runner_pollfds(A.slots[i].r, fds + n, MAX_JOBS + 1 - n, &t);
        if (t >= 0 && (timeout < 0 || t < timeout)) timeout = t;
    }
    pthread_mutex_unlock(&A.mx);
    if (poll(fds, (nfds_t)n, timeout) > 0 && fds[0].revents) {
        char buf[256];
        while (read(A.wake[0], buf, sizeof buf) > 0) {}
    }
    pthread_mutex_lock(&A.mx);
}

static void *loop(void *unused) {
    pthread_mutex_lock(&A.mx);
    for (;;) {
        collect();
        if (A.reload && !A.nbusy) do_reload();
        submit_waiting();
        collect();              /* a worker that died on submit, or already answered: */
        if (A.stop && !A.head && !A.nbusy) break;
        if (A.head && A.nbusy < A.nslots && !A.reload) continue;   /* no wake-up comes */
        wait_events();
    }
    pthread_mutex_unlock(&A.mx);
    return NULL;
}

void pcm_analyst_start(pcm_conf *c) {
    if (pipe2(A.wake, O_NONBLOCK | O_CLOEXEC)) { perror("phishcheck-milter: pipe"); exit(71); }
    A.conf = c;
    runners_for(c);
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
    wake();
    while (!r.done) pthread_cond_wait(&A.answered, &A.mx);
    pthread_mutex_unlock(&A.mx);
    return r.report;
}

void pcm_analyst_reload(const char *path) {
    pthread_mutex_lock(&A.mx);
    free(A.reload);
    A.reload = strdup(path);
    wake();
    pthread_mutex_unlock(&A.mx);
}

void pcm_analyst_stop(void) {
    pthread_mutex_lock(&A.mx);
    if (!A.running) { pthread_mutex_unlock(&A.mx); return; }
    A.stop = true;
    free(A.reload);
    A.reload = NULL;
    wake();
    pthread_mutex_unlock(&A.mx);
    pthread_join(A.thread, NULL);
    runners_free();
    pthread_mutex_lock(&A.mx);
    A.running = false;            /* A.conf stays: a connection thread libmilter has not */
    pthread_mutex_unlock(&A.mx);  /* ended yet may still ask for it until the exit */
}
