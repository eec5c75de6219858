/* lazylibs.c — libcurl, c-ares and SQLite loaded on first use instead of at start-up.
 * Linked normally, libcurl alone brings 25 shared objects (TLS, Kerberos, LDAP, SSH ...)
 * that the dynamic loader maps and relocates before main(): two thirds of its start-up
 * work, paid by every `version` answer and every mail without links. Built with
 * PC_LAZY_LIBS (the Makefile does on Linux and then links none of the three), this file
 * defines the functions of theirs the host calls; each one, on its first call, dlopen()s
 * the library and forwards to the real function. Without PC_LAZY_LIBS it is empty.
 * Code that starts using another function of theirs adds it here; until then the
 * Makefile's --as-needed links that library at start-up again (`ldd` lists it). */
#ifdef PC_LAZY_LIBS
#define CURL_DISABLE_TYPECHECK         /* plain prototypes for curl_easy_setopt & co */
#include <ares.h>
#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

enum { LIB_CURL, LIB_CARES, LIB_SQLITE, N_LIBS };
static const char *const sonames[N_LIBS] = {"libcurl.so.4", "libcares.so.2", "libsqlite3.so.0"};
static void *handles[N_LIBS];
static pthread_once_t once[N_LIBS] = {PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT};

/* A library that cannot be loaded is a broken installation: say which, and stop. */
static void missing(const char *what) {
    fprintf(stderr, "phishcheck: cannot load %s: %s\n", what, dlerror());
    exit(70);
}

static void open_curl(void) { handles[LIB_CURL] = dlopen(sonames[LIB_CURL], RTLD_NOW | RTLD_LOCAL); }
static void open_cares(void) { handles[LIB_CARES] = dlopen(sonames[LIB_CARES], RTLD_NOW | RTLD_LOCAL); }
static void open_sqlite(void) { handles[LIB_SQLITE] = dlopen(sonames[LIB_SQLITE], RTLD_NOW | RTLD_LOCAL); }
static void (*const openers[N_LIBS])(void) = {open_curl, open_cares, open_sqlite};

static void *sym(int lib, const char *name) {
    pthread_once(&once[lib], openers[lib]);
    if (!handles[lib]) missing(sonames[lib]);
    void *f = dlsym(handles[lib], name);
    if (!f) missing(name);
    return f;
}

/* The real function `name`, looked up once (the pointer is published atomically). */
#define REAL(lib, name)                                                              \
    static __typeof__(&name) real_;                                                  \
    __typeof__(&name) f = __atomic_load_n(&real_, __ATOMIC_ACQUIRE);                 \
    if (!f) {                                                                        \
        f = (__typeof__(&name))sym(lib, #name);                                      \
        __atomic_store_n(&real_, f, __ATOMIC_RELEASE);                               \
    }

#define FN(lib, ret, name, params, args) \
    ret name params { REAL(lib, name) return f args; }
#define VOID_FN(lib, name, params, args) \
    void name params { REAL(lib, name) f args; }

/* ---- libcurl: URL API (parse/url.c), easy and multi (online/, report_post.c) ---- */
FN(LIB_CURL, CURLU *, curl_url, (void), ())
VOID_FN(LIB_CURL, curl_url_cleanup, (CURLU *u), (u))
FN(LIB_CURL, CURLUcode, curl_url_set, (CURLU *u, CURLUPart w, const char *p, unsigned int fl),
   (u, w, p, fl))
FN(LIB_CURL, CURLUcode, curl_url_get, (CURLU *u, CURLUPart w, char **p, unsigned int fl),
   (u, w, p, fl))
VOID_FN(LIB_CURL, curl_free, (void *p), (p))
FN(LIB_CURL, CURLcode, curl_global_init, (long flags), (flags))
FN(LIB_CURL, CURL *, curl_easy_init, (void), ())
FN(LIB_CURL, CURLcode, curl_easy_perform, (CURL *c), (c))
VOID_FN(LIB_CURL, curl_easy_cleanup, (CURL *c), (c))
FN(LIB_CURL, const char *, curl_easy_strerror, (CURLcode e), (e))
FN(LIB_CURL, struct curl_slist *, curl_slist_append, (struct curl_slist *l, const char *s), (l, s))
VOID_FN(LIB_CURL, curl_slist_free_all, (struct curl_slist *l), (l))
FN(LIB_CURL, CURLM *, curl_multi_init, (void), ())
FN(LIB_CURL, CURLMcode, curl_multi_add_handle, (CURLM *m, CURL *c), (m, c))
FN(LIB_CURL, CURLMcode, curl_multi_remove_handle, (CURLM *m, CURL *c), (m, c))
FN(LIB_CURL, CURLMcode, curl_multi_perform, (CURLM *m, int *running), (m, running))
FN(LIB_CURL, CURLMcode, curl_multi_poll,
   (CURLM *m, struct curl_waitfd fds[], unsigned int n, int ms, int *ret), (m, fds, n, ms, ret))
FN(LIB_CURL, CURLMsg *, curl_multi_info_read, (CURLM *m, int *left), (m, left))

/* The option's number tells the type of its one argument (curl.h: CURLOPTTYPE_*). */
CURLcode curl_easy_setopt(CURL *c, CURLoption o, ...) {
    REAL(LIB_CURL, curl_easy_setopt)
    va_list ap;
    va_start(ap, o);
    CURLcode r;
    if (o < CURLOPTTYPE_OBJECTPOINT) r = f(c, o, va_arg(ap, long));
    else if (o >= CURLOPTTYPE_OFF_T && o < CURLOPTTYPE_BLOB) r = f(c, o, va_arg(ap, curl_off_t));
    else if (o >= CURLOPTTYPE_FUNCTIONPOINT && o < CURLOPTTYPE_OFF_T)
        r = f(c, o, va_arg(ap, void (*)(void)));
    else r = f(c, o, va_arg(ap, void *));
    va_end(ap);
    return r;
}

CURLMcode curl_multi_setopt(CURLM *m, CURLMoption o, ...) {
    REAL(LIB_CURL, curl_multi_setopt)
    va_list ap;
    va_start(ap, o);
    CURLMcode r;
    if (o < CURLOPTTYPE_OBJECTPOINT) r = f(m, o, va_arg(ap, long));
    else if (o >= CURLOPTTYPE_OFF_T && o < CURLOPTTYPE_BLOB) r = f(m, o, va_arg(ap, curl_off_t));
    else if (o >= CURLOPTTYPE_FUNCTIONPOINT && o < CURLOPTTYPE_OFF_T)
        r = f(m, o, va_arg(ap, void (*)(void)));
    else r = f(m, o, va_arg(ap, void *));
    va_end(ap);
    return r;
}

/* Every CURLINFO_* takes a pointer to where the answer goes. */
CURLcode curl_easy_getinfo(CURL *c, CURLINFO i, ...) {
    REAL(LIB_CURL, curl_easy_getinfo)
    va_list ap;
    va_start(ap, i);
    CURLcode r = f(c, i, va_arg(ap, void *));
    va_end(ap);
    return r;
}

/* ---- c-ares: DNS messages for DNS over HTTPS (online/net/doh.c) ---- */
FN(LIB_CARES, int, ares_create_query,
   (const char *name, int dnsclass, int type, unsigned short id, int rd, unsigned char **buf,
    int *buflen, int max_udp_size), (name, dnsclass, type, id, rd, buf, buflen, max_udp_size))
VOID_FN(LIB_CARES, ares_free_string, (void *s), (s))
VOID_FN(LIB_CARES, ares_free_data, (void *d), (d))
FN(LIB_CARES, int, ares_parse_a_reply,
   (const unsigned char *b, int n, struct hostent **h, struct ares_addrttl *t, int *nt),
   (b, n, h, t, nt))
FN(LIB_CARES, int, ares_parse_aaaa_reply,
   (const unsigned char *b, int n, struct hostent **h, struct ares_addr6ttl *t, int *nt),
   (b, n, h, t, nt))
FN(LIB_CARES, int, ares_parse_mx_reply, (const unsigned char *b, int n, struct ares_mx_reply **mx),
   (b, n, mx))
FN(LIB_CARES, int, ares_parse_txt_reply_ext,
   (const unsigned char *b, int n, struct ares_txt_ext **txt), (b, n, txt))

/* ---- SQLite: the look-up cache (online/net/cache.c) ---- */
FN(LIB_SQLITE, int, sqlite3_open_v2, (const char *file, sqlite3 **db, int flags, const char *vfs),
   (file, db, flags, vfs))
FN(LIB_SQLITE, int, sqlite3_close, (sqlite3 *db), (db))
FN(LIB_SQLITE, int, sqlite3_busy_timeout, (sqlite3 *db, int ms), (db, ms))
FN(LIB_SQLITE, int, sqlite3_exec,
   (sqlite3 *db, const char *sql, int (*cb)(void *, int, char **, char **), void *arg, char **err),
   (db, sql, cb, arg, err))
FN(LIB_SQLITE, int, sqlite3_prepare_v2,
   (sqlite3 *db, const char *sql, int n, sqlite3_stmt **st, const char **tail),
   (db, sql, n, st, tail))
FN(LIB_SQLITE, int, sqlite3_step, (sqlite3_stmt *st), (st))
FN(LIB_SQLITE, int, sqlite3_stmt_readonly, (sqlite3_stmt *st), (st))
FN(LIB_SQLITE, int, sqlite3_reset, (sqlite3_stmt *st), (st))
FN(LIB_SQLITE, int, sqlite3_finalize, (sqlite3_stmt *st), (st))
FN(LIB_SQLITE, int, sqlite3_changes, (sqlite3 *db), (db))
FN(LIB_SQLITE, int, sqlite3_bind_text,
   (sqlite3_stmt *st, int i, const char *s, int n, void (*del)(void *)), (st, i, s, n, del))
FN(LIB_SQLITE, int, sqlite3_bind_blob,
   (sqlite3_stmt *st, int i, const void *b, int n, void (*del)(void *)), (st, i, b, n, del))
FN(LIB_SQLITE, int, sqlite3_bind_int64, (sqlite3_stmt *st, int i, sqlite3_int64 v), (st, i, v))
FN(LIB_SQLITE, int, sqlite3_column_int, (sqlite3_stmt *st, int i), (st, i))
FN(LIB_SQLITE, sqlite3_int64, sqlite3_column_int64, (sqlite3_stmt *st, int i), (st, i))
FN(LIB_SQLITE, const unsigned char *, sqlite3_column_text, (sqlite3_stmt *st, int i), (st, i))
FN(LIB_SQLITE, const void *, sqlite3_column_blob, (sqlite3_stmt *st, int i), (st, i))
FN(LIB_SQLITE, int, sqlite3_column_bytes, (sqlite3_stmt *st, int i), (st, i))
#endif
