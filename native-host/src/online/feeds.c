/* feeds.c — see feeds.h; also pc_online_update_feeds() (online.h). A list replaces its
 * previous copy in one transaction; a list that fails to download keeps the old copy.
 * JPCERT/CC publishes one CSV a month ("date,URL,description"): the last three are read. */
#include "online/feeds.h"
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "online/net/cache.h"
#include "online/net/fetch.h"
#include "online/online.h"

#define FEED_BUDGET_MS 120000
#define MAX_FEED (64u << 20)
#define JPCERT_MONTHS 3

typedef struct { const char *source; pc_lk *lk[JPCERT_MONTHS]; int n; bool csv; } feed;

long pc_feed_count(void) {
    sqlite3 *db = pc_cache_db();
    sqlite3_stmt *st;
    long n = 0;
    if (db && sqlite3_prepare_v2(db, "SELECT sum(n) FROM feed_info", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) n = (long)sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    return n;
}

static const char *path_of(const pc_url *u) { return u->path && *u->path ? u->path : "/"; }

/* Is `listed` the link's path or a folder above it? */
static bool covers(const char *listed, const char *path) {
    size_t n = strlen(listed);
    return !strncmp(listed, path, n) && (listed[n - 1] == '/' || !path[n] || path[n] == '/');
}

bool pc_feed_match(pc_arena *a, const pc_url *u, pc_feed_hit *hit) {
    sqlite3 *db = pc_cache_db();
    sqlite3_stmt *st;
    bool found = false;
    if (!db || !u->host ||
        sqlite3_prepare_v2(db, "SELECT path, source, label FROM feed WHERE host=?", -1, &st, NULL) != SQLITE_OK)
        return false;
    sqlite3_bind_text(st, 1, u->host, -1, SQLITE_STATIC);
    while (!found && sqlite3_step(st) == SQLITE_ROW) {
        if (!covers((const char *)sqlite3_column_text(st, 0), path_of(u))) continue;
        hit->source = pc_strdup(a, (const char *)sqlite3_column_text(st, 1));
        hit->label = pc_strdup(a, (const char *)sqlite3_column_text(st, 2));
        found = true;
    }
    sqlite3_finalize(st);
    return found;
}

/* ---- --update-feeds ---- */

static void exec(sqlite3 *db, const char *sql) { sqlite3_exec(db, sql, NULL, NULL, NULL); }

/* Adds the URLs of one downloaded list (text: a URL a line; csv: date,URL,description). */
static long store(sqlite3 *db, sqlite3_stmt *ins, const char *source, const pc_lk *lk, bool csv) {
    pc_arena *a = pc_arena_new();
    long n = 0;
    char **lines = g_strsplit(lk->body ? lk->body : "", "\n", -1);
    for (char **l = lines; *l; l++) {
        char **f = g_strsplit(g_strstrip(*l), ",", csv ? 3 : 1);
        const char *url = csv ? f[0] && f[1] ? f[1] : NULL : f[0];
        pc_url *u = url && *url ? pc_url_parse(a, url) : NULL;
        if (u && u->host && (!strcmp(u->scheme, "http") || !strcmp(u->scheme, "https"))) {
            sqlite3_bind_text(ins, 1, u->host, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(ins, 2, path_of(u), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(ins, 3, source, -1, SQLITE_STATIC);
            sqlite3_bind_text(ins, 4, csv && f[2] ? f[2] : "", -1, SQLITE_TRANSIENT);
            n += sqlite3_step(ins) == SQLITE_DONE && sqlite3_changes(db) > 0;
            sqlite3_reset(ins);
        }
        g_strfreev(f);
    }
    g_strfreev(lines);
    pc_arena_free(a);
    return n;
}

/* Replaces a list's rows when every part of it arrived; prints what happened. */
static bool replace(sqlite3 *db, const feed *fd) {
    for (int i = 0; i < fd->n; i++)
        if (fd->lk[i]->state != PC_LK_OK) {
            fprintf(stderr, "phishcheck: %s: %s (old copy kept)\n", fd->source,
                    fd->lk[i]->error ? fd->lk[i]->error : "failed");
            return false;
        }
    sqlite3_stmt *del, *ins, *info;
    exec(db, "BEGIN");
    sqlite3_prepare_v2(db, "DELETE FROM feed WHERE source=?", -1, &del, NULL);
    sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO feed VALUES(?,?,?,?)", -1, &ins, NULL);
    sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO feed_info VALUES(?,?,?)", -1, &info, NULL);
    sqlite3_bind_text(del, 1, fd->source, -1, SQLITE_STATIC);
    sqlite3_step(del);
    long n = 0;
    for (int i = 0; i < fd->n; i++)
        if (fd->lk[i]->status != 404) n += store(db, ins, fd->source, fd->lk[i], fd->csv);
    sqlite3_bind_text(info, 1, fd->source, -1, SQLITE_STATIC);
    sqlite3_bind_int64(info, 2, n);
    sqlite3_bind_int64(info, 3, time(NULL));
    sqlite3_step(info);
    sqlite3_finalize(del);
    sqlite3_finalize(ins);
    sqlite3_finalize(info);
    exec(db, "COMMIT");
    fprintf(stderr, "phishcheck: %s: %ld URLs\n", fd->source, n);
    return true;
}

static pc_lk *get(pc_fetcher *f, const char *target, const char *url) {
    pc_lk_req r = {"feed", target, url, NULL, 0, NULL, MAX_FEED, 0};
    return pc_fetch_get(f, &r);
}

int pc_online_update_feeds(const pc_online_opts *o) {
    sqlite3 *db = pc_cache_db();
    if (!db) { fprintf(stderr, "phishcheck: cannot open the cache database\n"); return 1; }
    if (o->if_stale && !pc_feed_refresh_due()) return 0;   /* fresh, or look-ups never used */
    pc_fetcher *f = pc_fetcher_new(o, FEED_BUDGET_MS);
    feed op = {"OpenPhish", {get(f, "openphish", o->openphish_url ? o->openphish_url : PC_OPENPHISH_URL)}, 1, false};
    feed jp = {"JPCERT/CC", {0}, JPCERT_MONTHS, true};
    const char *base = o->jpcert_url ? o->jpcert_url : PC_JPCERT_URL;
    GDateTime *now = g_date_time_new_now_utc();
    for (int i = 0; i < JPCERT_MONTHS; i++) {
        GDateTime *m = g_date_time_add_months(now, -i);
        char *file = g_date_time_format(m, "%Y/%Y%m.csv");
        char *url = g_strdup_printf("%s%s%s", base, base[strlen(base) - 1] == '/' ? "" : "/", file);
        jp.lk[i] = get(f, file, url);
        g_free(url), g_free(file);
        g_date_time_unref(m);
    }
    g_date_time_unref(now);
    while (pc_fetcher_wait(f)) {}
    bool ok = replace(db, &op);
    ok &= replace(db, &jp);
    json_decref(pc_fetcher_finish(f));
    return ok ? 0 : 1;
}
