/* bench.c — `make bench`: speed and memory of phishcheck, against the parse floor
 * (tests/bench/floor.c: gmime + gumbo parsing only, the least any checker on these
 * libraries does) and the targets of issue 11. Figures only, never pass/fail.
 *   bench BIN FLOOR NAME=DIR[:MAX_RATIO] ...
 *   1. (printed last) per corpus: phishcheck's whole pipeline in-process (pc_analyze) and the floor, in
 *      interleaved rounds (BENCH_ROUNDS, default 3; the median round counts), timed in CPU
 *      time (steadier than the wall clock on a shared machine): total, messages/s, per
 *      message median and p99, and the ratio phishcheck / floor;
 *   2. first, before the corpora are read in: the real binary over the first corpus
 *      (`phishcheck --json DIR`): wall, CPU, peak RSS;
 *   3. start-up: exec until the answer to a native `version` request, and to a first
 *      `analyze` (what the user waits for on the first mail): medians of 30 runs. */
#include <errno.h>
#include <dirent.h>
#include <glib.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "analyze.h"
#include "../testutil.h"

#define MSGS_PER_S_TARGET 1000
#define STARTUP_TARGET_MS 15.0
#define RSS_TARGET_MB 30.0

static double clock_ms(clockid_t c) {
    struct timespec ts;
    clock_gettime(c, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* ---- the corpora, read into memory first (no disk in the timed loop) ---- */

typedef struct { char **raw; size_t *len; size_t n, bytes; } corpus;

static corpus load(const char *dir) {
    corpus c = {0};
    DIR *d = opendir(dir);
    if (!d) { perror(dir); exit(2); }
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.') continue;
        char *path = g_build_filename(dir, e->d_name, NULL);
        size_t len;
        char *raw = slurp(path, &len);
        g_free(path);
        if (!raw) continue;
        c.raw = realloc(c.raw, (c.n + 1) * sizeof *c.raw);
        c.len = realloc(c.len, (c.n + 1) * sizeof *c.len);
        c.raw[c.n] = raw;
        c.len[c.n++] = len;
        c.bytes += len;
    }
    closedir(d);
    if (!c.n) { fprintf(stderr, "bench: no messages in %s\n", dir); exit(2); }
    return c;
}

typedef struct { size_t n; double total, median, p99, wall; } timing;   /* CPU ms, wall ms */

static timing summarise(double *lat, size_t n, double wall) {
    timing t = {n, 0, 0, 0, wall};
    for (size_t i = 0; i < n; i++) t.total += lat[i];
    qsort(lat, n, sizeof *lat, cmp);
    t.median = lat[n / 2];
    t.p99 = lat[(size_t)(n * 0.99)];
    return t;
}

/* The whole pipeline over every message, in this process. */
static timing in_process(const corpus *c) {
    pc_config cfg;
    pc_config_defaults(&cfg);
    double *lat = malloc(c->n * sizeof *lat), wall = clock_ms(CLOCK_MONOTONIC);
    for (size_t i = 0; i < c->n; i++) {
        double t0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
        json_decref(pc_analyze(c->raw[i], c->len[i], &cfg, NULL));
        lat[i] = clock_ms(CLOCK_PROCESS_CPUTIME_ID) - t0;
    }
    timing t = summarise(lat, c->n, clock_ms(CLOCK_MONOTONIC) - wall);
    free(lat);
    return t;
}

/* ---- child processes ---- */

typedef struct { double answer_ms, cpu_ms; long rss_kib; int status; GString *out; } outcome;

/* True once out holds one whole native-messaging frame (4-byte length + JSON). */
static bool whole_frame(const GString *out) {
    uint32_t n;
    if (out->len < 4) return false;
    memcpy(&n, out->str, 4);
    return out->len >= 4 + (size_t)n;
}

/* Runs argv with stdin from in_file (/dev/null if NULL), its stdout read into out.
 * answer_ms: wall time from fork until a whole frame came (frame) or the child ended. */
static outcome spawn(char *const argv[], const char *in_file, bool frame) {
    outcome o = {0, 0, 0, 0, g_string_new(NULL)};
    int fd[2];
    if (pipe(fd)) exit(2);
    fflush(stdout);                       /* or the child flushes our buffer too */
    double t0 = clock_ms(CLOCK_MONOTONIC);
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen(in_file ? in_file : "/dev/null", "rb", stdin)) _exit(126);
        dup2(fd[1], 1);
        close(fd[0]);
        close(fd[1]);
        execv(argv[0], argv);
        _exit(127);
    }
    close(fd[1]);
    char buf[65536];
    for (ssize_t r; (r = read(fd[0], buf, sizeof buf)) != 0;) {
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) break;
        bool had = frame && whole_frame(o.out);
        g_string_append_len(o.out, buf, r);
        if (frame && !had && whole_frame(o.out)) o.answer_ms = clock_ms(CLOCK_MONOTONIC) - t0;
    }
    close(fd[0]);
    struct rusage ru;
    wait4(pid, &o.status, 0, &ru);
    if (!o.answer_ms) o.answer_ms = clock_ms(CLOCK_MONOTONIC) - t0;
    o.cpu_ms = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
               (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
    o.rss_kib = ru.ru_maxrss;
    return o;
}

/* The floor program over dir: its own line "floor N TOTAL MEDIAN P99 WALL LINKS". */
static timing floor_run(const char *floor, const char *dir, long *rss_kib) {
    char *argv[] = {(char *)floor, (char *)dir, NULL};
    outcome o = spawn(argv, NULL, false);
    timing t = {0};
    if (sscanf(o.out->str, "floor %zu %lf %lf %lf %lf", &t.n, &t.total, &t.median, &t.p99,
               &t.wall) != 5) {
        fprintf(stderr, "bench: %s gave no figures: %s\n", floor, o.out->str);
        exit(2);
    }
    *rss_kib = o.rss_kib;
    g_string_free(o.out, TRUE);
    return t;
}

/* ---- reports ---- */

static void line(const char *who, const timing *t) {
    printf("  %-11s %8.0f ms CPU  %6.0f msg/s  median %6.3f ms  p99 %7.3f ms  (wall %.0f ms)\n",
           who, t->total, t->n / (t->total / 1e3), t->median, t->p99, t->wall);
}

static const char *met(bool ok) { return ok ? "met" : "NOT met"; }

static int by_total(const void *a, const void *b) {
    double x = ((const timing *)a)->total, y = ((const timing *)b)->total;
    return (x > y) - (x < y);
}

/* One corpus: rounds of floor then phishcheck; the median round of each is reported. */
static void compare(const char *name, const char *dir, const char *floor, double max_ratio,
                    bool phishing, int rounds) {
    corpus c = load(dir);
    timing pc[16], fl[16];
    long rss = 0;
    for (int r = 0; r < rounds; r++) {
        fl[r] = floor_run(floor, dir, &rss);
        pc[r] = in_process(&c);
    }
    qsort(pc, rounds, sizeof *pc, by_total);
    qsort(fl, rounds, sizeof *fl, by_total);
    timing *p = &pc[rounds / 2], *f = &fl[rounds / 2];
    double ratio = p->total / f->total, rate = p->n / (p->total / 1e3);
    printf("%s: %zu messages (%.1f MB), median of %d interleaved rounds\n", name, c.n,
           c.bytes / 1e6, rounds);
    line("phishcheck", p);
    line("floor", f);
    printf("  ratio       %.2fx the floor's time", ratio);
    if (max_ratio > 0) printf(" (target <= %.1fx: %s)", max_ratio, met(ratio <= max_ratio));
    if (phishing) printf("; %.0f msg/s (target >= %d: %s)", rate, MSGS_PER_S_TARGET,
                         met(rate >= MSGS_PER_S_TARGET));
    printf("\n");
    for (size_t i = 0; i < c.n; i++) g_free(c.raw[i]);
    free(c.raw);
    free(c.len);
}

/* The real binary over dir: wall, CPU, peak RSS. Run before the corpora are read into
 * this process: a child's peak RSS counts what it shared with us at fork. */
static void whole_binary(const char *bin, const char *dir) {
    char *argv[] = {(char *)bin, "--json", (char *)dir, NULL};
    outcome o = spawn(argv, NULL, false);
    double mb = o.rss_kib / 1024.0;
    printf("binary over %s: %.0f ms wall, %.0f ms CPU, peak RSS %.1f MB (target <= %.0f MB: %s)\n",
           dir, o.answer_ms, o.cpu_ms, mb, RSS_TARGET_MB, met(mb <= RSS_TARGET_MB));
    g_string_free(o.out, TRUE);
}

/* One process answering one request (a frame in a file on stdin), 30 times: medians of
 * the wall time from exec to the answer and of the CPU time the process used. */
static void startup(const char *bin, const char *what, const char *req, double target) {
    char tmp[] = "/tmp/pc-bench-XXXXXX";
    int fd = mkstemp(tmp);
    uint32_t n = (uint32_t)strlen(req);
    if (write(fd, &n, 4) != 4 || write(fd, req, n) != (ssize_t)n) exit(2);
    close(fd);
    double wall[30], cpu[30];
    long rss = 0;
    char dir[] = "/tmp/pc-bench-XXXXXX", manifest[64];     /* launched as Thunderbird does */
    if (!mkdtemp(dir)) exit(2);
    snprintf(manifest, sizeof manifest, "%s/phishcheck.json", dir);
    if (!g_file_set_contents(manifest, "{}", 2, NULL)) exit(2);
    char *argv[] = {(char *)bin, manifest, "phishcheck@phishcheck.org", NULL};
    for (int i = 0; i < 30; i++) {
        outcome o = spawn(argv, tmp, true);
        wall[i] = o.answer_ms;
        cpu[i] = o.cpu_ms;
        rss = o.rss_kib;
        g_string_free(o.out, TRUE);
    }
    unlink(tmp);
    unlink(manifest);
    rmdir(dir);
    qsort(wall, 30, sizeof *wall, cmp);
    qsort(cpu, 30, sizeof *cpu, cmp);
    printf("start-up + %-8s %6.2f ms median to the answer (min %.2f), %.2f ms CPU, RSS %.1f MB",
           what, wall[15], wall[0], cpu[15], rss / 1024.0);
    if (target > 0) printf(" (target <= %.0f ms: %s)", target, met(wall[15] <= target));
    printf("\n");
}

/* An analyze request for the message in file. */
static char *analyze_request(const char *file) {
    size_t len;
    char *raw = slurp(file, &len);
    if (!raw) return NULL;
    gchar *b64 = g_base64_encode((const guchar *)raw, len);
    char *req = g_strdup_printf("{\"id\":1,\"type\":\"analyze\",\"raw\":\"%s\"}", b64);
    g_free(b64);
    g_free(raw);
    return req;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: bench BIN FLOOR NAME=DIR[:MAX_RATIO] ...\n");
        return 2;
    }
    const char *bin = argv[1], *floor = argv[2], *env = getenv("BENCH_ROUNDS");
    int rounds = env ? atoi(env) : 3;
    if (rounds < 1 || rounds > 16) rounds = 3;
    char *first = NULL;
    for (int i = 3; i < argc && !first; i++)
        if (strchr(argv[i], '=')) first = g_strndup(strchr(argv[i], '=') + 1,
                                                    strcspn(strchr(argv[i], '=') + 1, ":"));
    if (first) whole_binary(bin, first);
    startup(bin, "version:", "{\"id\":1,\"type\":\"version\"}", 0);
    char *req = analyze_request("tests/cases/kagoya-delivery-failure.eml");
    if (req) startup(bin, "analyze:", req, STARTUP_TARGET_MS);
    g_free(req);
    for (int i = 3; i < argc; i++) {
        char *name = g_strdup(argv[i]), *dir = strchr(name, '='), *max = NULL;
        if (!dir) continue;
        *dir++ = 0;
        if ((max = strrchr(dir, ':'))) *max++ = 0;
        compare(name, dir, floor, max ? atof(max) : 0, strstr(name, "phish") != NULL, rounds);
        g_free(name);
    }
    g_free(first);
    return 0;
}
