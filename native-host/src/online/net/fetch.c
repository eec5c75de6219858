/* fetch.c — see fetch.h. One libcurl multi handle lives for the whole process, so TLS
 * connections to the resolver and the RDAP servers are reused from message to message.
 * Only HTTPS is spoken; redirects stay on HTTPS. A 429/503 answer is remembered for a
 * minute so a mailbox scan backs off instead of hammering a rate-limited service. What
 * another process is already asking (the parallel workers of a mailbox scan, sharing the
 * cache) is not asked again: the entry waits for that answer to reach the cache, and asks
 * itself only if the other process gives up without one. */
#include "online/net/fetch.h"
#include <curl/curl.h>
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "online/net/cache.h"

#define BACKOFF_S 60
#define POLL_MS 20          /* how often an entry waiting for another process looks */

typedef struct {
    pc_lk lk;                /* first: the public part */
    char *key, *service, *target, *post;
    CURL *easy;
    pc_lk_req *req;          /* a waiting entry's request, to make if the holder fails */
    bool claimed;            /* this process holds the key in the cache's inflight table */
    struct curl_slist *hdrs;
    size_t max_body;
    int ttl;
    double t0, ms;
    char errbuf[CURL_ERROR_SIZE];   /* curl's message, or "HTTP 429": lk.error points here */
} entry;

struct pc_fetcher {
    const pc_online_opts *o;
    double t0, deadline;
    GHashTable *by_key;      /* key → entry* */
    GPtrArray *order;        /* entry*, in the order asked (the report) */
    int running, waiting;
};

static GMutex lock;
static CURLM *multi;

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void free_req(pc_lk_req *r) {
    if (!r) return;
    for (const char *const *h = r->headers; h && *h; h++) g_free((char *)*h);
    g_free((char **)r->headers);
    g_free((char *)r->url);
    g_free((char *)r->post);
    g_free(r);
}

static void free_entry(entry *e) {
    if (e->lk.parsed && e->lk.free_parsed) e->lk.free_parsed(e->lk.parsed);
    free_req(e->req);
    if (e->hdrs) curl_slist_free_all(e->hdrs);
    free(e->lk.body);
    g_free(e->key); g_free(e->service); g_free(e->target); g_free(e->post);
    g_free(e);
}

pc_fetcher *pc_fetcher_new(const pc_online_opts *o, int budget_ms) {
    g_mutex_lock(&lock);
    if (!multi) {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        multi = curl_multi_init();
        curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, 6L);   /* as browsers do */
    }
    pc_fetcher *f = g_new0(pc_fetcher, 1);
    f->o = o;
    f->t0 = now_ms();
    f->deadline = f->t0 + budget_ms;
    f->by_key = g_hash_table_new(g_str_hash, g_str_equal);
    f->order = g_ptr_array_new_with_free_func((GDestroyNotify)free_entry);
    return f;
}

double pc_fetcher_elapsed(const pc_fetcher *f) { return now_ms() - f->t0; }

static size_t on_data(char *p, size_t size, size_t n, void *user) {
    entry *e = user;
    size_t add = size * n;
    if (e->lk.len + add > e->max_body) return 0;          /* aborts: answer too large */
    char *b = realloc(e->lk.body, e->lk.len + add + 1);
    if (!b) return 0;
    memcpy(b + e->lk.len, p, add);
    e->lk.body = b;
    e->lk.len += add;
    b[e->lk.len] = 0;
    return add;
}

static entry *new_entry(pc_fetcher *f, const char *service, const char *target) {
    entry *e = g_new0(entry, 1);
    e->service = g_strdup(service);
    e->target = g_strdup(target);
    e->key = g_strdup_printf("%s %s", service, target);
    e->t0 = now_ms();
    g_hash_table_insert(f->by_key, e->key, e);
    g_ptr_array_add(f->order, e);
    return e;
}

static void finish(entry *e, pc_lk_state st, const char *error) {
    e->lk.state = st;
    e->lk.error = error;
    e->ms = now_ms() - e->t0;
    if (e->claimed) pc_cache_release(e->key);
    e->claimed = false;
}

static bool from_cache(entry *e) {
    if (!pc_cache_get(e->key, &e->lk.status, &e->lk.body, &e->lk.len)) return false;
    e->lk.cached = true;
    bool ok = e->lk.status < 400 || e->lk.status == 404;
    finish(e, ok ? PC_LK_OK : PC_LK_FAILED, ok ? NULL : "rate limited (backing off)");
    return true;
}

static void start(pc_fetcher *f, entry *e, const pc_lk_req *r) {
    long left = (long)(f->deadline - now_ms());
    if (left <= 0) { finish(e, PC_LK_TIMEOUT, "budget spent"); return; }
    CURL *c = e->easy = curl_easy_init();
    e->max_body = r->max_body;
    e->ttl = r->ttl;
    curl_easy_setopt(c, CURLOPT_URL, r->url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 3L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, left);
    curl_easy_setopt(c, CURLOPT_PIPEWAIT, 1L);            /* HTTP/2: one connection, multiplexed */
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)r->max_body);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "phishcheck/" PC_VERSION);
    if (f->o->ca_file) curl_easy_setopt(c, CURLOPT_CAINFO, f->o->ca_file);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, e);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, e->errbuf);
    curl_easy_setopt(c, CURLOPT_PRIVATE, e);
    if (r->post) {
        e->post = g_memdup2(r->post, r->post_len);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, e->post);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)r->post_len);
    }
    for (const char *const *h = r->headers; h && *h; h++) e->hdrs = curl_slist_append(e->hdrs, *h);
    if (e->hdrs) curl_easy_setopt(c, CURLOPT_HTTPHEADER, e->hdrs);
    curl_multi_add_handle(multi, c);
    f->running++;
}

/* A copy of the request, kept while the entry waits for another process. */
static pc_lk_req *copy_req(const pc_lk_req *r) {
    pc_lk_req *c = g_memdup2(r, sizeof *r);
    size_t n = 0;
    while (r->headers && r->headers[n]) n++;
    char **h = g_new0(char *, n + 1);
    for (size_t i = 0; i < n; i++) h[i] = g_strdup(r->headers[i]);
    c->headers = (const char *const *)h;
    c->url = g_strdup(r->url);
    c->post = r->post ? g_memdup2(r->post, r->post_len) : NULL;
    c->service = c->target = NULL;            /* the entry has them */
    return c;
}

/* Asks now, unless another process is asking the same (then waits for its answer). */
static void start_or_wait(pc_fetcher *f, entry *e, const pc_lk_req *r) {
    long left_s = (long)(f->deadline - now_ms()) / 1000 + 1;
    if (r->ttl > 0 && f->deadline > now_ms()) {
        if (!(e->claimed = pc_cache_claim(e->key, (int)left_s))) {
            if (!e->req) e->req = copy_req(r), f->waiting++;
            return;
        }
        if (from_cache(e)) return;     /* put there between our miss and our claim */
    }
    start(f, e, r);
}

pc_lk *pc_fetch_get(pc_fetcher *f, const pc_lk_req *r) {
    char *key = g_strdup_printf("%s %s", r->service, r->target);
    entry *e = g_hash_table_lookup(f->by_key, key);
    g_free(key);
    if (e) return &e->lk;
    e = new_entry(f, r->service, r->target);
    if (!from_cache(e)) start_or_wait(f, e, r);
    return &e->lk;
}

/* Entries waiting for another process: answered once it put the answer in the cache;
 * asked here when it gave up without one. How many got an answer. */
static int poll_waiting(pc_fetcher *f) {
    int n = 0;
    for (guint i = 0; f->waiting && i < f->order->len; i++) {
        entry *e = g_ptr_array_index(f->order, i);
        if (!e->req || e->lk.state != PC_LK_PENDING) continue;
        bool held = pc_cache_claimed(e->key);   /* first: the holder caches, then releases */
        bool got = from_cache(e);
        if (!got && held) continue;
        pc_lk_req *r = e->req;
        e->req = NULL;
        f->waiting--;
        if (got) n++;
        else start_or_wait(f, e, r);
        free_req(r);
    }
    return n;
}

void pc_fetch_note(pc_fetcher *f, const char *service, const char *target, pc_lk_state st,
                   const char *note) {
    char *key = g_strdup_printf("%s %s", service, target);
    bool seen = g_hash_table_contains(f->by_key, key);
    g_free(key);
    if (!seen) finish(new_entry(f, service, target), st, note);
}

void pc_fetch_reject(pc_lk *lk, const char *why) {
    entry *e = (entry *)lk;
    lk->state = PC_LK_FAILED;
    lk->error = why;
    pc_cache_del(e->key);
}

static void decref(void *j) { json_decref(j); }

json_t *pc_fetch_json(pc_lk *lk) {
    if (lk->state != PC_LK_OK) return NULL;
    if (!lk->parsed) {
        json_t *j = json_loadb(lk->body ? lk->body : "", lk->len, 0, NULL);
        if (!json_is_object(j)) {
            json_decref(j);
            pc_fetch_reject(lk, "malformed answer");
            return NULL;
        }
        lk->parsed = j;
        lk->free_parsed = decref;
    }
    return lk->parsed;
}

static void detach(pc_fetcher *f, entry *e) {
    curl_multi_remove_handle(multi, e->easy);
    curl_easy_cleanup(e->easy);
    e->easy = NULL;
    f->running--;
}

/* A transfer ended: classify, cache what deserves it. */
static void done(pc_fetcher *f, entry *e, CURLcode rc) {
    curl_easy_getinfo(e->easy, CURLINFO_RESPONSE_CODE, &e->lk.status);
    long st = e->lk.status;
    if (rc == CURLE_WRITE_ERROR || rc == CURLE_FILESIZE_EXCEEDED)
        finish(e, PC_LK_FAILED, "answer too large");
    else if (rc == CURLE_OPERATION_TIMEDOUT)
        finish(e, PC_LK_TIMEOUT, "budget spent");
    else if (rc != CURLE_OK)
        finish(e, PC_LK_FAILED, *e->errbuf ? e->errbuf : curl_easy_strerror(rc));
    else if ((st >= 200 && st < 300) || st == 404) {
        pc_cache_put(e->key, st, e->lk.body, e->lk.len, e->ttl);   /* before the release */
        finish(e, PC_LK_OK, NULL);
    } else {
        snprintf(e->errbuf, sizeof e->errbuf, "HTTP %ld", st);
        if (st == 429 || st == 503) pc_cache_put(e->key, st, "", 0, BACKOFF_S);
        finish(e, PC_LK_FAILED, e->errbuf);
    }
    detach(f, e);
}

static int drain(pc_fetcher *f) {
    int n = 0, left;
    for (CURLMsg *m; (m = curl_multi_info_read(multi, &left));) {
        if (m->msg != CURLMSG_DONE) continue;
        entry *e;
        curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&e);
        done(f, e, m->data.result);
        n++;
    }
    return n;
}

static void expire(pc_fetcher *f) {
    for (guint i = 0; i < f->order->len; i++) {
        entry *e = g_ptr_array_index(f->order, i);
        if (e->req && e->lk.state == PC_LK_PENDING) {
            finish(e, PC_LK_TIMEOUT, "budget spent");
            free_req(e->req), e->req = NULL, f->waiting--;
        }
        if (!e->easy) continue;
        finish(e, PC_LK_TIMEOUT, "budget spent");
        detach(f, e);
    }
}

bool pc_fetcher_wait(pc_fetcher *f) {
    while (f->running > 0 || f->waiting > 0) {
        double left = f->deadline - now_ms();
        if (left <= 0) break;
        int still, tick = f->waiting ? POLL_MS : 50;
        curl_multi_perform(multi, &still);
        if (drain(f) + poll_waiting(f)) return true;
        curl_multi_poll(multi, NULL, 0, left < tick ? (int)left + 1 : tick, NULL);
    }
    expire(f);
    return false;
}

static const char *const state_names[] = {"pending", "ok", "failed", "timeout", "skipped"};

static json_t *item_json(const entry *e) {
    const char *st = e->lk.cached && e->lk.state == PC_LK_OK ? "cache" : state_names[e->lk.state];
    json_t *j = json_pack("{s:s, s:s, s:s, s:f}", "service", e->service, "target", e->target,
                          "status", st, "ms", round(e->ms * 10) / 10);
    if (e->lk.error)
        json_object_set_new(j, e->lk.state == PC_LK_FAILED || e->lk.state == PC_LK_TIMEOUT
                               ? "error" : "note", json_string(e->lk.error));
    return j;
}

json_t *pc_fetcher_finish(pc_fetcher *f) {
    expire(f);
    json_t *items = json_array(), *counts = json_object();
    for (guint i = 0; i < f->order->len; i++) {
        json_t *it = item_json(g_ptr_array_index(f->order, i));
        const char *st = json_string_value(json_object_get(it, "status"));
        json_object_set_new(counts, st, json_integer(json_integer_value(json_object_get(counts, st)) + 1));
        json_array_append_new(items, it);
    }
    json_t *j = json_pack("{s:b, s:i, s:f, s:o, s:o}", "enabled", 1, "budget_ms",
                          (int)(f->deadline - f->t0), "elapsed_ms", round(pc_fetcher_elapsed(f) * 10) / 10,
                          "counts", counts, "items", items);
    g_hash_table_destroy(f->by_key);
    g_ptr_array_free(f->order, TRUE);
    g_free(f);
    g_mutex_unlock(&lock);
    return j;
}
