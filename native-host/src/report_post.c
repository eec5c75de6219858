/* report_post.c — see report_post.h. */
#include "report_post.h"
#include <curl/curl.h>
#include <glib.h>
#include <string.h>
#include <time.h>
#include "data.h"

static json_t *error(const char *code, const char *message) {
    return json_pack("{s:b, s:s, s:{s:s, s:s}}", "ok", 0, "type", "error", "error", "code",
                     code, "message", message);
}

/* A string field of req, cut to max bytes on a character boundary; NULL if absent. */
static json_t *text_field(json_t *req, const char *key, size_t max) {
    const char *s = json_string_value(json_object_get(req, key));
    if (!s) return json_null();
    size_t n = strlen(s);
    if (n > max) n = (size_t)(g_utf8_find_prev_char(s, s + max + 1) - s);
    return json_stringn(s, n);
}

json_t *pc_report_body(json_t *req, const char *raw, size_t len, json_t *rep) {
    json_t *msg = json_object_get(rep, "message");
    char *b64 = g_base64_encode((const guchar *)raw, len);
    char *sha = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)raw, len);
    char when[32];
    time_t now = time(NULL);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    json_t *m = json_pack("{s:s, s:s, s:I, s:s, s:O, s:O, s:O}", "encoding", "base64", "raw",
                          b64, "size", (json_int_t)len, "sha256", sha, "from",
                          json_object_get(msg, "from"), "subject", json_object_get(msg, "subject"),
                          "message_id", json_object_get(msg, "message_id"));
    g_free(b64);
    g_free(sha);
    return json_pack("{s:s, s:i, s:s, s:o, s:o, s:{s:s, s:s}, s:o, s:o}", "type",
                     "phishcheck-report", "version", 1, "reported_at", when, "reporter",
                     text_field(req, "reporter", 320), "comment",
                     text_field(req, "comment", PC_REPORT_MAX_COMMENT), "client", "name",
                     "phishcheck", "version", PC_VERSION, "message", m, "analysis", rep);
}

static size_t discard(char *p, size_t size, size_t n, void *user) {
    size_t *got = user;
    *got += size * n;
    return *got > 65536 ? 0 : size * n;        /* the answer is not needed: keep it short */
}

/* Posts body to url; returns the HTTP status, or 0 with *why set. */
static long post(const char *url, const char *body, const char *token, const char *ca_file,
                 char *why, size_t why_len) {
    static bool init;
    if (!init) { curl_global_init(CURL_GLOBAL_DEFAULT); init = true; }
    CURL *c = curl_easy_init();
    if (!c) { snprintf(why, why_len, "libcurl could not start"); return 0; }
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
    char *auth = token ? g_strdup_printf("Authorization: Bearer %s", token) : NULL;
    if (auth) h = curl_slist_append(h, auth);
    size_t got = 0;
    char err[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (ca_file) curl_easy_setopt(c, CURLOPT_CAINFO, ca_file);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
    curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)PC_REPORT_TIMEOUT_S);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "phishcheck/" PC_VERSION);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &got);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
    CURLcode rc = curl_easy_perform(c);
    long status = 0;
    if (rc == CURLE_OK || rc == CURLE_WRITE_ERROR)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    else
        snprintf(why, why_len, "%s", *err ? err : curl_easy_strerror(rc));
    curl_slist_free_all(h);
    g_free(auth);
    curl_easy_cleanup(c);
    return status;
}

json_t *pc_report_send(json_t *req, const char *raw, size_t len, const pc_config *cfg, json_t *rep) {
    const char *url = json_string_value(json_object_get(req, "url"));
    if (!url || g_ascii_strncasecmp(url, "https://", 8)) {
        json_decref(rep);
        return error("invalid_request", "\"url\" must be an https:// address");
    }
    json_t *body = pc_report_body(req, raw, len, rep);
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    char why[CURL_ERROR_SIZE + 32] = "";
    long status = text ? post(url, text, json_string_value(json_object_get(req, "token")),
                              cfg->online.ca_file, why, sizeof why)
                       : 0;
    free(text);
    if (!status) return error("report_failed", *why ? why : "could not build the report");
    if (status < 200 || status > 299) {
        snprintf(why, sizeof why, "the server answered HTTP %ld", status);
        json_t *e = error("report_failed", why);
        json_object_set_new(json_object_get(e, "error"), "status", json_integer(status));
        return e;
    }
    return json_pack("{s:b, s:s, s:i, s:s}", "ok", 1, "type", "reported", "status", (int)status,
                     "url", url);
}

static json_t *target(const pc_row *r) {
    return json_pack("{s:s, s:s, s:s, s:s}", "kind", r->f[0], "name", r->f[1], "address", r->f[2],
                     "source", r->f[3]);
}

json_t *pc_report_targets(json_t *req) {
    const pc_table *t = pc_data_table("brand-report.tsv");
    const char *national = json_string_value(json_object_get(req, "national"));
    json_t *out = json_array();
    for (size_t i = 0; i < t->n; i++) {
        const pc_row *r = &t->rows[i];
        if (r->n < 4) continue;
        bool want = national && !strcmp(r->f[0], "national-jp") && !strcmp(national, "jp");
        size_t k;
        json_t *b;
        json_array_foreach(json_object_get(req, "brands"), k, b)
            want |= !strcmp(r->f[0], "brand") && json_is_string(b) && !strcmp(json_string_value(b), r->f[1]);
        if (want) json_array_append_new(out, target(r));
    }
    return json_pack("{s:b, s:s, s:o}", "ok", 1, "type", "report_targets", "targets", out);
}
