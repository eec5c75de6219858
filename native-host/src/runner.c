/* runner.c — see runner.h. Parent side: a FIFO of jobs, a pool of workers, poll() on their
 * answer pipes with the nearest deadline as timeout. Worker side: read a job, analyse it
 * (analyze.c), write the report back; under RLIMIT_AS = its size at start + the memory
 * budget. Pipe records: job = 4 × uint64 (raw, file, extra lengths, enrich) then the
 * bytes; answer = uint64 length then the report's JSON text. */
#include "runner.h"
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "analyze.h"
#include "checklib/check.h"
#include "protocol.h"
#include "report.h"
#include "verdict.h"

#if defined(__SANITIZE_ADDRESS__)
#define PC_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PC_SANITIZED 1
#endif
#endif

#define HEAD_KEEP (64 * 1024)   /* bytes of a message kept for a failure report */

typedef struct job {
    char *head, *file, *extra;   /* extra: {"options", "context"} JSON */
    size_t head_len;
    bool enrich;
    json_t *report;             /* set when done */
    double deadline, started;   /* wall clock (ms) */
    double budget;              /* ms of CPU (and the wall clock, unless starved) */
    double cpu0;                /* the worker's CPU time when the job started (ms) */
    struct job *next;
} job;

typedef struct {
    pid_t pid;                  /* 0: no process */
    int to, from;
    job *job;                   /* running, or NULL when idle */
    GByteArray *buf;
} worker;

struct pc_runner {
    pc_budget b;
    const pc_config *base;
    worker *w;
    job *head, *tail;
    size_t pending;
};

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static bool write_all(int fd, const void *p, size_t n) {
    for (size_t done = 0; done < n;) {
        ssize_t k = write(fd, (const char *)p + done, n - done);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return false;
        done += (size_t)k;
    }
    return true;
}

static bool read_all(int fd, void *p, size_t n) {
    for (size_t done = 0; done < n;) {
        ssize_t k = read(fd, (char *)p + done, n - done);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return false;
        done += (size_t)k;
    }
    return true;
}

/* ---- worker process ---- */

static void worker_limits(size_t memory_mb) {
    struct rlimit rl = {0, 0};
    setrlimit(RLIMIT_CORE, &rl);
    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
        (rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= (64u << 20))) {
        rl.rlim_cur = 64u << 20;                   /* the parsers recurse on nesting */
        setrlimit(RLIMIT_STACK, &rl);
    }
#ifndef PC_SANITIZED
    unsigned long pages = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f && fscanf(f, "%lu", &pages) == 1 && memory_mb) {
        rl.rlim_cur = rl.rlim_max = pages * (rlim_t)sysconf(_SC_PAGESIZE) + ((rlim_t)memory_mb << 20);
        setrlimit(RLIMIT_AS, &rl);
    }
    if (f) fclose(f);
#else
    (void)memory_mb;                               /* ASan reserves terabytes: no RLIMIT_AS */
#endif
}

static char *read_part(int fd, uint64_t n) {
    char *s = malloc(n + 1);
    if (!s || !read_all(fd, s, n)) _exit(0);
    s[n] = 0;
    return s;
}

static void worker_job(int in, int out, const pc_config *base) {
    uint64_t h[4];
    if (!read_all(in, h, sizeof h)) _exit(0);
    char *raw = read_part(in, h[0]), *file = read_part(in, h[1]), *opt = read_part(in, h[2]);
    pc_arena *a = pc_arena_new();
    pc_config cfg = *base;
    json_t *o = h[2] ? json_loads(opt, 0, NULL) : NULL;
    if (o) pc_protocol_config(a, o, &cfg);
    cfg.online.requested = h[3] != 0;
    json_t *r = pc_analyze(raw, h[0], &cfg, h[1] ? file : NULL);
    char *s = json_dumps(r, JSON_COMPACT);
    uint64_t n = s ? strlen(s) : 0;
    if (!write_all(out, &n, sizeof n) || !write_all(out, s, n)) _exit(0);
    free(s);
    json_decref(r);
    json_decref(o);
    pc_arena_free(a);
    free(raw);
    free(file);
    free(opt);
}

/* Closes every descriptor above 2 but in and out: other workers' pipe ends, and in a
 * threaded parent (the milter) its sockets and whatever another thread just opened. */
static void close_others(int in, int out) {
#if defined(__linux__) && defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 34)
    unsigned lo = (unsigned)(in < out ? in : out), hi = (unsigned)(in < out ? out : in);
    if (lo > 3) close_range(3, lo - 1, 0);
    if (hi > lo + 1) close_range(lo + 1, hi - 1, 0);
    if (close_range(hi + 1, ~0U, 0) == 0) return;
#endif
    long max = sysconf(_SC_OPEN_MAX);
    if (max < 0 || max > 65536) max = 65536;
    for (int fd = 3; fd < max; fd++)
        if (fd != in && fd != out) close(fd);
}

static void worker_main(pc_runner *r, int in, int out) {
    close_others(in, out);
    sigset_t none;                                /* a threaded parent may block some */
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) { dup2(null, 0); dup2(null, 1); close(null); }
    signal(SIGPIPE, SIG_DFL);
    worker_limits(r->b.memory_mb);
    for (;;) worker_job(in, out, r->base);
}

static bool spawn(pc_runner *r, worker *w) {
    int jp[2], ap[2];
    if (pipe(jp)) return false;
    if (pipe(ap)) { close(jp[0]); close(jp[1]); return false; }
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        close(jp[1]);
        close(ap[0]);
        worker_main(r, jp[0], ap[1]);
    }
    close(jp[0]);
    close(ap[1]);
    if (pid < 0) { close(jp[1]); close(ap[0]); return false; }
    *w = (worker){pid, jp[1], ap[0], NULL, g_byte_array_new()};
    return true;
}

/* ---- failures ---- */

static const char *budget_text(pc_arena *a, const pc_budget *b, const char *flag) {
    if (!strcmp(flag, "limits.memory")) return pc_sprintf(a, "%zu MB", b->memory_mb);
    if (b->time_ms % 1000 == 0) return pc_sprintf(a, "%d s", b->time_ms / 1000);
    return pc_sprintf(a, "%d ms", b->time_ms);
}

json_t *pc_runner_failed_report(const char *raw, size_t len, const pc_config *cfg,
                                const char *file, const char *flag, const char *budget) {
    size_t n = len;                                   /* the header block only */
    const char *blank = memmem(raw, len, "\n\n", 2), *crlf = memmem(raw, len, "\r\n\r\n", 4);
    if (crlf && (!blank || crlf < blank)) blank = crlf;
    if (blank) n = (size_t)(blank - raw) + 1;
    pc_message *m = pc_message_parse(raw, n, NULL);
    pc_ctx ctx = {.msg = m, .cfg = cfg, .arena = m->arena, .check = "limits"};
    pc_flag_id(&ctx, flag, "budget", pc_strdup(m->arena, budget), NULL);
    int score = 0;
    pc_verdict v = pc_verdict_judge(&ctx.findings, false, &score);
    pc_report_in in = {m, cfg, &ctx.findings, v, score, false, file, {0, 0, 0}};
    json_t *r = pc_report_json(&in);
    pc_message_free(m);
    return r;
}

static void fail(pc_runner *r, job *j, const char *flag) {
    pc_arena *a = pc_arena_new();
    pc_config cfg = *r->base;
    json_t *o = j->extra ? json_loads(j->extra, 0, NULL) : NULL;
    if (o) pc_protocol_config(a, o, &cfg);
    j->report = pc_runner_failed_report(j->head, j->head_len, &cfg, j->file, flag,
                                        budget_text(a, &r->b, flag));
    json_decref(o);
    pc_arena_free(a);
}

/* The worker is gone (killed at the deadline, or died): reap it, answer for its job. */
static void lost(pc_runner *r, worker *w, bool timed_out) {
    if (timed_out) kill(w->pid, SIGKILL);
    close(w->to);
    close(w->from);
    int st = 0;
    struct rusage ru = {0};
    while (wait4(w->pid, &st, 0, &ru) < 0 && errno == EINTR) {}
    const char *flag = timed_out ? "limits.time"
                     : (size_t)ru.ru_maxrss * 1024 >= (r->b.memory_mb << 20) / 2 ? "limits.memory"
                     : "limits.crash";
    if (!timed_out && r->b.memory_mb && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL) flag = "limits.memory";
    if (w->job) fail(r, w->job, flag);
    g_byte_array_free(w->buf, TRUE);
    *w = (worker){0};
}

/* ---- parent side ---- */

/* CPU time (user + system) a process has used, in ms; -1 when unknown. */
static double cpu_ms(pid_t pid) {
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f) fclose(f);
    buf[n] = 0;
    char *p = strrchr(buf, ')');
    unsigned long ut = 0, st = 0;
    if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
        return -1;
    return (double)(ut + st) * 1000.0 / (double)sysconf(_SC_CLK_TCK);
}

/* At the deadline: a worker that was starved of CPU by a busy machine (it used less than
 * the budget) gets the rest of its budget, up to four times the budget in wall time. */
static bool past_budget(pc_runner *r, worker *w, double t) {
    job *j = w->job;
    double used = cpu_ms(w->pid) - j->cpu0, budget = j->budget;
    if (j->cpu0 < 0 || used < 0 || used >= budget * 0.9 || t - j->started >= 4 * budget) return true;
    j->deadline = t + (budget - used > 10 ? budget - used : 10);   /* ticks: 10 ms */
    return false;
}

pc_runner *pc_runner_new(const pc_budget *b, const pc_config *base) {
    pc_runner *r = calloc(1, sizeof *r);
    r->b = *b;
    if (r->b.jobs < 1) r->b.jobs = 1;
    r->base = base;
    r->w = calloc((size_t)r->b.jobs, sizeof *r->w);
    signal(SIGPIPE, SIG_IGN);                         /* a dead worker's pipe: EPIPE */
    return r;
}

/* An answer complete in w->buf becomes its job's report. */
static void take_answer(pc_runner *r, worker *w) {
    uint64_t n;
    if (w->buf->len < sizeof n) return;
    memcpy(&n, w->buf->data, sizeof n);
    if (w->buf->len < sizeof n + n) return;
    job *j = w->job;
    w->job = NULL;
    j->report = json_loadb((const char *)w->buf->data + sizeof n, n, 0, NULL);
    g_byte_array_set_size(w->buf, 0);
    if (!j->report) fail(r, j, "limits.crash");
}

static void drain(pc_runner *r, worker *w) {
    char chunk[65536];
    ssize_t k = read(w->from, chunk, sizeof chunk);
    if (k < 0 && errno == EINTR) return;
    if (k <= 0) { lost(r, w, false); return; }
    g_byte_array_append(w->buf, (guint8 *)chunk, (guint)k);
    take_answer(r, w);
}

/* Waits for progress of the busy workers (block: until something happens). */
static void pump(pc_runner *r, bool block) {
    struct pollfd fds[256];
    int idx[256], n = 0;
    double soon = -1, t = now_ms();
    for (int i = 0; i < r->b.jobs && n < 256; i++) {
        worker *w = &r->w[i];
        if (!w->pid || !w->job) continue;
        if (w->job->deadline && w->job->deadline <= t && past_budget(r, w, t)) { lost(r, w, true); return; }
        if (w->job->deadline && (soon < 0 || w->job->deadline - t < soon)) soon = w->job->deadline - t;
        fds[n] = (struct pollfd){w->from, POLLIN, 0};
        idx[n++] = i;
    }
    if (!n) return;
    int timeout = !block ? 0 : soon < 0 ? -1 : (int)soon + 1;
    if (poll(fds, (nfds_t)n, timeout) <= 0) return;
    for (int k = 0; k < n; k++)
        if (fds[k].revents) drain(r, &r->w[idx[k]]);
}

static worker *free_worker(pc_runner *r) {
    for (;;) {
        for (int i = 0; i < r->b.jobs; i++)
            if (!r->w[i].job && (r->w[i].pid || spawn(r, &r->w[i]))) return &r->w[i];
        bool busy = false;
        for (int i = 0; i < r->b.jobs; i++) busy |= r->w[i].job != NULL;
        if (!busy) return NULL;                       /* cannot fork at all */
        pump(r, true);
    }
}

static double job_deadline(const pc_runner *r, json_t *options, bool enrich) {
    if (!r->b.time_ms) return 0;
    double ms = r->b.time_ms;
    if (enrich) {
        json_t *opt = json_object_get(options, "options");
        json_int_t online = json_integer_value(json_object_get(opt, "online_budget_ms"));
        int base = r->base->online.budget_ms ? r->base->online.budget_ms : PC_ONLINE_BUDGET_MS;
        ms += online > base ? (double)online : base;  /* look-ups have their own budget */
    }
    return now_ms() + ms;
}

static bool send_job(worker *w, const char *raw, size_t len, const char *file, const char *opt,
                     bool enrich) {
    uint64_t h[4] = {len, file ? strlen(file) : 0, opt ? strlen(opt) : 0, enrich};
    return write_all(w->to, h, sizeof h) && write_all(w->to, raw, len) &&
           write_all(w->to, file ? file : "", h[1]) && write_all(w->to, opt ? opt : "", h[2]);
}

void pc_runner_submit(pc_runner *r, const char *raw, size_t len, const char *file,
                      json_t *options, bool enrich) {
    job *j = calloc(1, sizeof *j);
    j->head_len = len < HEAD_KEEP ? len : HEAD_KEEP;
    j->head = g_malloc(j->head_len + 1);
    if (j->head_len) memcpy(j->head, raw, j->head_len);    /* raw may be NULL when len is 0 */
    j->head[j->head_len] = 0;
    j->file = file ? g_strdup(file) : NULL;
    j->extra = options ? json_dumps(options, JSON_COMPACT) : NULL;
    j->enrich = enrich;
    if (r->tail) r->tail->next = j; else r->head = j;
    r->tail = j;
    r->pending++;
    worker *w = free_worker(r);
    if (!w) { fail(r, j, "limits.crash"); return; }
    w->job = j;
    bool sent = send_job(w, raw, len, file, j->extra, enrich);
    j->started = now_ms();
    j->cpu0 = cpu_ms(w->pid);
    j->deadline = job_deadline(r, options, enrich);
    j->budget = j->deadline ? j->deadline - j->started : 0;
    if (!sent) lost(r, w, false);
}

size_t pc_runner_pending(const pc_runner *r) { return r->pending; }

static json_t *pop(pc_runner *r) {
    job *j = r->head;
    json_t *rep = j->report;
    r->head = j->next;
    if (!r->head) r->tail = NULL;
    r->pending--;
    g_free(j->head);
    g_free(j->file);
    free(j->extra);
    free(j);
    return rep;
}

json_t *pc_runner_ready(pc_runner *r) {
    if (!r->head) return NULL;
    if (!r->head->report) pump(r, false);
    return r->head->report ? pop(r) : NULL;
}

int pc_runner_pollfds(const pc_runner *r, struct pollfd *fds, int max, int *timeout_ms) {
    int n = 0;
    double t = now_ms(), soon = -1;
    for (int i = 0; i < r->b.jobs && n < max; i++) {
        const worker *w = &r->w[i];
        if (!w->pid || !w->job) continue;
        fds[n++] = (struct pollfd){w->from, POLLIN, 0};
        double left = w->job->deadline ? w->job->deadline - t : -1;
        if (w->job->deadline && (soon < 0 || left < soon)) soon = left < 0 ? 0 : left;
    }
    *timeout_ms = soon < 0 ? -1 : (int)soon + 1;
    return n;
}

json_t *pc_runner_next(pc_runner *r) {
    if (!r->head) return NULL;
    while (!r->head->report) pump(r, true);
    return pop(r);
}

void pc_runner_free(pc_runner *r) {
    if (!r) return;
    while (r->head) json_decref(pc_runner_next(r));
    for (int i = 0; i < r->b.jobs; i++) {
        worker *w = &r->w[i];
        if (!w->pid) continue;
        close(w->to);                                 /* the worker sees EOF and exits; */
        close(w->from);                               /* not waited for: tearing down its */
        waitpid(w->pid, NULL, WNOHANG);               /* memory takes ~10 ms (init reaps it) */
        g_byte_array_free(w->buf, TRUE);
    }
    free(r->w);
    free(r);
}
