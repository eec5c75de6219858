/* cache.c — see cache.h. Table `answer` holds look-up answers under a key naming the
 * service and the target ("dns TXT example.com"), never a URL with an API key; table
 * `feed` (feeds.c) the phishing URLs of the local lists, `feed_info` when each was
 * downloaded, `feed_refresh` when a background refresh was last started (its row exists
 * once online look-ups ran with this cache), `inflight` the look-ups some process is
 * making right now (so parallel workers ask each thing once). Expired rows are purged on open. */
#include "online/net/cache.h"
#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static const char schema[] =
    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    "CREATE TABLE IF NOT EXISTS answer(key TEXT PRIMARY KEY, status INTEGER, body BLOB,"
    " expires INTEGER);"
    "CREATE INDEX IF NOT EXISTS answer_expires ON answer(expires);"
    "CREATE TABLE IF NOT EXISTS feed(host TEXT, path TEXT, source TEXT, label TEXT,"
    " PRIMARY KEY(host, path, source));"
    "CREATE TABLE IF NOT EXISTS feed_info(source TEXT PRIMARY KEY, n INTEGER, updated INTEGER);"
    "CREATE TABLE IF NOT EXISTS feed_refresh(id INTEGER PRIMARY KEY, started INTEGER);"
    "CREATE TABLE IF NOT EXISTS inflight(key TEXT PRIMARY KEY, until INTEGER);";

static char *cache_dir(void) {
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    if (xdg && *xdg == '/') return g_build_filename(xdg, "phishcheck", NULL);
    if (home && *home) return g_build_filename(home, ".cache", "phishcheck", NULL);
    return NULL;
}

/* The schema, retried while another process holds the database: processes that open a new
 * cache at once (the workers of a scan) meet in the WAL switch, where SQLite answers BUSY
 * at once rather than through the busy handler to avoid a deadlock. A process left
 * without the database would ask every look-up again (at most ~2 s of tries). */
static int make_schema(sqlite3 *db) {
    int rc = SQLITE_BUSY;
    for (int i = 0; i < 40; i++) {
        rc = sqlite3_exec(db, schema, NULL, NULL, NULL);
        if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED) break;
        g_usleep(50000);
    }
    return rc;
}

static void *open_db(void *unused) {
    char *dir = cache_dir();
    if (!dir || (g_mkdir_with_parents(dir, 0700) && errno != EEXIST)) { g_free(dir); return NULL; }
    char *path = g_build_filename(dir, "online.sqlite", NULL);
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                             SQLITE_OPEN_FULLMUTEX, NULL);
    g_free(path);
    g_free(dir);
    if (rc == SQLITE_OK) sqlite3_busy_timeout(db, 2000);
    if (rc == SQLITE_OK) rc = make_schema(db);
    if (rc != SQLITE_OK) {
        sqlite3_close(db);
        return NULL;
    }
    char purge[96];
    snprintf(purge, sizeof purge, "DELETE FROM answer WHERE expires < %lld", (long long)time(NULL));
    sqlite3_exec(db, purge, NULL, NULL, NULL);
    return db;
}

sqlite3 *pc_cache_db(void) {
    static GOnce once = G_ONCE_INIT;
    return g_once(&once, open_db, NULL);
}

bool pc_cache_get(const char *key, long *status, char **body, size_t *len) {
    sqlite3 *db = pc_cache_db();
    sqlite3_stmt *st;
    if (!db || sqlite3_prepare_v2(db, "SELECT status, body FROM answer WHERE key=? AND expires>=?",
                                  -1, &st, NULL) != SQLITE_OK)
        return false;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, time(NULL));
    bool hit = sqlite3_step(st) == SQLITE_ROW;
    if (hit) {
        *status = (long)sqlite3_column_int64(st, 0);
        *len = (size_t)sqlite3_column_bytes(st, 1);
        *body = malloc(*len + 1);
        if (*len) memcpy(*body, sqlite3_column_blob(st, 1), *len);
        (*body)[*len] = 0;
    }
    sqlite3_finalize(st);
    return hit;
}

void pc_cache_put(const char *key, long status, const char *body, size_t len, int ttl) {
    sqlite3 *db = pc_cache_db();
    sqlite3_stmt *st;
    if (!db || ttl <= 0 ||
        sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO answer VALUES(?,?,?,?)", -1, &st, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, status);
    sqlite3_bind_blob(st, 3, body ? body : "", (int)len, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)time(NULL) + ttl);
    sqlite3_step(st);
    sqlite3_finalize(st);
}

void pc_cache_del(const char *key) {
    sqlite3 *db = pc_cache_db();
    sqlite3_stmt *st;
    if (!db || sqlite3_prepare_v2(db, "DELETE FROM answer WHERE key=?", -1, &st, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_step(st);
    sqlite3_finalize(st);
}

/* Runs one statement binding key (and an integer); the number of rows it changed. A BUSY
 * the busy handler did not wait out (WAL answers some at once) is tried again a few times:
 * a claim or a check that failed would make this process ask what another is asking. */
static int run_key(const char *sql, const char *key, sqlite3_int64 n) {
    sqlite3 *db = pc_cache_db();
    sqlite3_stmt *st;
    if (!db || sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, n);
    int rc = sqlite3_step(st);
    for (int i = 0; i < 10 && ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED); i++) {
        g_usleep(20000);
        sqlite3_reset(st);
        rc = sqlite3_step(st);
    }
    int changed = sqlite3_stmt_readonly(st) ? rc == SQLITE_ROW
                : rc == SQLITE_DONE ? sqlite3_changes(db) : -1;
    sqlite3_finalize(st);
    return changed;
}

bool pc_cache_claim(const char *key, int seconds) {
    sqlite3_int64 now = time(NULL);
    run_key("DELETE FROM inflight WHERE key=?1 AND until<?2", key, now);
    int n = run_key("INSERT OR IGNORE INTO inflight VALUES(?1, ?2)", key, now + seconds);
    return n != 0;            /* -1: no database: fetch anyway */
}

bool pc_cache_claimed(const char *key) {
    return run_key("SELECT 1 FROM inflight WHERE key=?1 AND until>=?2", key, time(NULL)) == 1;
}

void pc_cache_release(const char *key) { run_key("DELETE FROM inflight WHERE key=?1 AND ?2=?2", key, 0); }
