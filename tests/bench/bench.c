/* bench.c — `make bench`: speed and memory of phishcheck over a folder of mail
 * (default ../shared/corpus/phish-dev).
 *   1. per-message latency of the whole pipeline in-process: median, p99, messages/s;
 *   2. the real binary over the whole folder (`phishcheck --json DIR`): wall time, peak RSS;
 *   3. start-up: one process answering a native-messaging `version` request, median of 30. */
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

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}


static void in_process(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) { perror(dir); exit(2); }
    size_t cap = 4096, n = 0, bytes = 0;
    double *lat = malloc(cap * sizeof *lat), total = 0;
    pc_config cfg;
    pc_config_defaults(&cfg);
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.') continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len;
        char *raw = slurp(path, &len);
        if (!raw) continue;
        double t0 = now_ms();
        json_decref(pc_analyze(raw, len, &cfg, NULL));
        double dt = now_ms() - t0;
        g_free(raw);
        if (n == cap) lat = realloc(lat, (cap *= 2) * sizeof *lat);
        lat[n++] = dt;
        total += dt;
        bytes += len;
    }
    closedir(d);
    if (!n) { fprintf(stderr, "no messages in %s\n", dir); exit(2); }
    qsort(lat, n, sizeof *lat, cmp);
    printf("messages:            %zu (%.1f MB)\n", n, bytes / 1e6);
    printf("latency median:      %.3f ms\n", lat[n / 2]);
    printf("latency p99:         %.3f ms\n", lat[(size_t)(n * 0.99)]);
    printf("latency max:         %.3f ms\n", lat[n - 1]);
    printf("throughput:          %.0f messages/s (one core)\n", n / (total / 1e3));
    free(lat);
}

/* Runs argv with stdin from in_file (or /dev/null); returns wall ms, peak RSS in KiB. */
static double run(char *const argv[], const char *in_file, long *rss_kib) {
    fflush(stdout);                       /* or the child flushes our buffer too */
    double t0 = now_ms();
    pid_t pid = fork();
    if (pid == 0) {
        freopen(in_file ? in_file : "/dev/null", "rb", stdin);
        freopen("/dev/null", "wb", stdout);
        execv(argv[0], argv);
        _exit(127);
    }
    int st;
    struct rusage ru;
    wait4(pid, &st, 0, &ru);
    if (rss_kib) *rss_kib = ru.ru_maxrss;
    return now_ms() - t0;
}

static void whole_binary(const char *bin, const char *dir) {
    long rss = 0;
    char *argv[] = {(char *)bin, "--json", (char *)dir, NULL};
    double ms = run(argv, NULL, &rss);
    printf("binary over folder:  %.0f ms wall, peak RSS %.1f MB\n", ms, rss / 1024.0);
}

/* One process answering one request (a frame in a file on stdin), 30 times: the median
 * and max wall time from exec to exit, and the peak RSS. */
static void startup(const char *bin, const char *what, const char *req) {
    char tmp[] = "/tmp/pc-bench-XXXXXX";
    int fd = mkstemp(tmp);
    uint32_t n = (uint32_t)strlen(req);
    if (write(fd, &n, 4) != 4 || write(fd, req, n) != (ssize_t)n) exit(2);
    close(fd);
    double t[30];
    long rss = 0;
    char *argv[] = {(char *)bin, "phishcheck.json", "phishcheck@phishcheck.org", NULL};
    for (int i = 0; i < 30; i++) t[i] = run(argv, tmp, &rss);
    unlink(tmp);
    qsort(t, 30, sizeof *t, cmp);
    printf("start-up + %-9s %.2f ms median, %.2f ms max, RSS %.1f MB\n", what, t[15], t[29],
           rss / 1024.0);
}

/* An analyze request for the message in file (what a user waits for on the first mail). */
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
    const char *dir = argc > 1 ? argv[1] : "../shared/corpus/phish-dev";
    const char *bin = argc > 2 ? argv[2] : "native-host/phishcheck";
    printf("phishcheck bench over %s\n", dir);
    in_process(dir);
    whole_binary(bin, dir);
    startup(bin, "version:", "{\"id\":1,\"type\":\"version\"}");
    char *req = analyze_request("tests/cases/kagoya-delivery-failure.eml");
    if (req) startup(bin, "analyze:", req);
    g_free(req);
    return 0;
}
