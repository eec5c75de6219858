/* refresh.c — keeping the local phishing lists fresh without anyone running
 * --update-feeds (see feeds.h). The refresh is a child process, `phishcheck
 * --update-feeds` with the same list URLs and CA file, in its own session with its output
 * discarded: it never takes from a message's time budget, and a one-shot CLI run may exit
 * while it works. Table feed_refresh (cache.c) holds when one was last started, so
 * parallel processes and mailbox scans start one a day at most. */
#include <glib.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "online/net/cache.h"
#include "online/feeds.h"

#define DAY 86400
#define N_SOURCES 2      /* OpenPhish, JPCERT/CC (feeds.c) */

extern char **environ;

json_t *pc_feed_info(void) {
    json_t *out = json_object();
    sqlite3 *db = pc_cache_db();
    sqlite3_stmt *st;
    if (!db || sqlite3_prepare_v2(db, "SELECT source, n, updated FROM feed_info", -1, &st, NULL) != SQLITE_OK)
        return out;
    time_t now = time(NULL);
    while (sqlite3_step(st) == SQLITE_ROW) {
        time_t at = (time_t)sqlite3_column_int64(st, 2);
        char when[32];
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&at));
        json_object_set_new(out, (const char *)sqlite3_column_text(st, 0),
                            json_pack("{s:I, s:s, s:I}", "urls", (json_int_t)sqlite3_column_int64(st, 1),
                                      "updated", when, "age_hours", (json_int_t)((now - at) / 3600)));
    }
    sqlite3_finalize(st);
    return out;
}

long pc_feed_age(void) {
    sqlite3 *db = pc_cache_db();
    sqlite3_stmt *st;
    long age = -1;
    if (!db || sqlite3_prepare_v2(db, "SELECT count(*), min(updated) FROM feed_info", -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) >= N_SOURCES)
        age = (long)(time(NULL) - sqlite3_column_int64(st, 1));
    sqlite3_finalize(st);
    return age;
}

/* Takes the day's refresh for this process: true when none was started in the last day.
 * One UPDATE, so two processes asking at once cannot both win. */
static bool claim(sqlite3 *db) {
    char sql[128];
    snprintf(sql, sizeof sql, "UPDATE feed_refresh SET started=%lld WHERE id=1 AND started<=%lld",
             (long long)time(NULL), (long long)time(NULL) - DAY);
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK && sqlite3_changes(db) == 1;
}

static bool stale(void) {
    long age = pc_feed_age();
    return age < 0 || age > DAY;
}

static void *reap(void *pid) {
    waitpid((pid_t)(long)pid, NULL, 0);
    return NULL;
}

/* This program's path: the running binary on Linux, else whatever "phishcheck" PATH finds. */
static const char *self(char *buf, size_t n) {
    ssize_t k = readlink("/proc/self/exe", buf, n - 1);
    if (k <= 0) return NULL;
    buf[k] = 0;
    return buf;
}

static bool spawn_update(const pc_online_opts *o) {
    const char *argv[10] = {"phishcheck", "--update-feeds"};
    int n = 2;
    const char *opt[][2] = {{"--openphish-url", o->openphish_url}, {"--jpcert-url", o->jpcert_url},
                            {"--ca-file", o->ca_file}};
    for (int i = 0; i < 3; i++)
        if (opt[i][1]) argv[n++] = opt[i][0], argv[n++] = opt[i][1];
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    posix_spawn_file_actions_init(&fa);
    for (int fd = 0; fd < 3; fd++) posix_spawn_file_actions_addopen(&fa, fd, "/dev/null", fd ? 1 : 0, 0);
    posix_spawnattr_init(&at);
#ifdef POSIX_SPAWN_SETSID
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSID);   /* outlives the CLI, not its signals */
#endif
    char buf[4096];
    const char *path = self(buf, sizeof buf);
    pid_t pid;
    int rc = path ? posix_spawn(&pid, path, &fa, &at, (char **)argv, environ)
                  : posix_spawnp(&pid, "phishcheck", &fa, &at, (char **)argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    if (rc) return false;
    g_thread_unref(g_thread_new("feeds-reaper", reap, (void *)(long)pid));
    return true;
}

bool pc_feed_refresh_start(const pc_online_opts *o) {
    sqlite3 *db = pc_cache_db();
    if (!db) return false;
    sqlite3_exec(db, "INSERT OR IGNORE INTO feed_refresh VALUES(1, 0)", NULL, NULL, NULL);
    if (o->feeds_refresh && !strcmp(o->feeds_refresh, "off")) return false;
    return stale() && claim(db) && spawn_update(o);
}

bool pc_feed_refresh_due(void) {
    sqlite3 *db = pc_cache_db();
    return db && stale() && claim(db);      /* no feed_refresh row: look-ups never ran */
}
