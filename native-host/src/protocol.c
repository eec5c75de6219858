/* protocol.c — see protocol.h. Every failure becomes a JSON error answer; the loop goes on
 * serving after each one, except when the input itself has ended. */
#include "protocol.h"
#include <glib.h>
#include <jansson.h>
#include <string.h>
#include "analyze.h"
#include "context.h"
#include "fit.h"
#include "report_post.h"
#include "frame.h"
#include "runner.h"
#include "util/arena.h"

#define PC_MAX_ID 256   /* bytes of a string id echoed back */
static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static char *dump(json_t *j) {
    char *s = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    return s;
}

static json_t *error_json(json_t *id, const char *code, const char *message) {
    return json_pack("{s:O, s:b, s:s, s:{s:s, s:s}}", "id", id ? id : json_null(), "ok", 0,
                     "type", "error", "error", "code", code, "message", message);
}

char *pc_protocol_error(const char *code, const char *message) {
    return dump(error_json(NULL, code, message));
}

/* ["a", "b"] → NULL-terminated lowercase list in the arena; non-strings are skipped. */
static const char **list(pc_arena *a, json_t *arr) {
    if (!json_is_array(arr)) return NULL;
    const char **l = pc_alloc(a, (json_array_size(arr) + 1) * sizeof *l);
    size_t i, n = 0;
    json_t *v;
    json_array_foreach(arr, i, v) {
        if (!json_is_string(v)) continue;
        char *s = g_ascii_strdown(json_string_value(v), -1);
        l[n++] = pc_strdup(a, g_strstrip(s));
        g_free(s);
    }
    return l;
}

void pc_protocol_options(pc_arena *a, json_t *o, pc_config *c) {
    if (!json_is_object(o)) return;
    const char *lang = json_string_value(json_object_get(o, "lang"));
    if (lang) c->lang = !strncmp(lang, "ja", 2) ? "ja" : "en";
    if (json_object_get(o, "own_domains")) c->own_domains = list(a, json_object_get(o, "own_domains"));
    if (json_object_get(o, "trusted_senders"))
        c->trusted_senders = list(a, json_object_get(o, "trusted_senders"));
    const char *as = json_string_value(json_object_get(o, "authserv_id"));
    if (as && *as) c->authserv_id = pc_strdup(a, as);
    const char *gw = json_string_value(json_object_get(o, "gateway_id"));
    if (gw && *gw) c->gateway_id = pc_strdup(a, gw);
    const char *rc = json_string_value(json_object_get(o, "recipient"));
    if (rc && *rc) c->recipient = pc_strdup(a, rc);
    if (json_is_true(json_object_get(o, "no_upstream"))) c->no_upstream = true;
    pc_online_from_json(a, o, &c->online);
}

/* Strict base64 (RFC 4648): groups of four, '=' only as the last one or two characters,
 * and no stray bits in the last group; white space between groups is allowed. */
static bool base64_ok(const char *s, size_t n) {
    size_t k = 0, pad = 0, last = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\r' || c == '\n' || c == ' ' || c == '\t') continue;
        if (c == '=') { pad++; k++; continue; }
        if (pad || !(g_ascii_isalnum(c) || c == '+' || c == '/')) return false;
        last = (size_t)(strchr(B64, c) - B64);
        k++;
    }
    if (k % 4 || pad > 2) return false;
    return pad == 0 || (last & (pad == 1 ? 0x3 : 0xf)) == 0;
}

void pc_protocol_config(pc_arena *a, json_t *req, pc_config *c) {
    pc_protocol_options(a, json_object_get(req, "options"), c);
    const pc_context *cx = pc_context_from_json(a, json_object_get(req, "context"));
    if (cx) c->context = cx;                  /* what Thunderbird knows (issue #12) */
}

/* Decodes "raw" per "encoding"; returns NULL and sets *err on failure. */
static char *raw_bytes(json_t *req, size_t *len, const char **err) {
    json_t *raw = json_object_get(req, "raw");
    const char *enc = json_string_value(json_object_get(req, "encoding"));
    if (!json_is_string(raw)) { *err = "\"raw\" must be a string"; return NULL; }
    const char *s = json_string_value(raw);
    size_t n = json_string_length(raw);
    if (enc && !strcmp(enc, "binary")) {
        char *b = g_malloc(n + 1), *o = b;
        for (const char *p = s; p < s + n; p = g_utf8_next_char(p)) {
            gunichar c = g_utf8_get_char(p);
            if (c > 255) { g_free(b); *err = "\"binary\" raw holds a character above U+00FF"; return NULL; }
            *o++ = (char)c;
        }
        *len = (size_t)(o - b);
        return b;
    }
    if (enc && strcmp(enc, "base64")) { *err = "\"encoding\" must be base64 or binary"; return NULL; }
    if (!base64_ok(s, n)) { *err = "\"raw\" is not valid base64"; return NULL; }
    gsize out = 0;
    guchar *b = g_base64_decode(n ? s : "", &out);
    *len = out;
    return (char *)b;
}

/* The extension left out the middle of long attachment bodies (`cut`, docs/protocol.md):
 * the report says so in `limits.cut`, so nobody takes it for the whole message. */
static void mark_cut(json_t *rep, json_t *cut) {
    json_t *limits = json_object_get(rep, "limits");
    if (!json_is_object(cut) || !json_is_object(limits)) return;
    json_object_set_new(limits, "cut", json_pack("{s:I, s:I}",
        "parts", json_integer_value(json_object_get(cut, "parts")),
        "bytes", json_integer_value(json_object_get(cut, "bytes"))));
}

/* `analyze`, or `enrich`: the same plus the online look-ups when allowed; or `report`:
 * the same message posted to an HTTPS endpoint (report_post.c, issue #12). */
static json_t *analyze(json_t *req, json_t *id, const pc_host_opts *o, bool enrich, bool report) {
    pc_arena *a = pc_arena_new();
    pc_config cfg = o->base;
    pc_protocol_config(a, req, &cfg);
    cfg.online.requested = enrich;
    const char *err = NULL;
    size_t len = 0;
    char *raw = raw_bytes(req, &len, &err);
    json_t *ans;
    if (!raw) {
        ans = error_json(id, "invalid_request", err);
    } else if (len > cfg.max_message) {
        ans = error_json(id, "message_too_large", "the message is larger than --max-message");
    } else {
        json_t *rep;
        if (o->runner) {                     /* a supervised worker: bounded time and memory */
            json_t *extra = json_pack("{s:O?, s:O?}", "options", json_object_get(req, "options"),
                                      "context", json_object_get(req, "context"));
            pc_runner_submit(o->runner, raw, len, NULL, extra, enrich);
            json_decref(extra);
            rep = pc_runner_next(o->runner);
        } else {
            rep = pc_analyze(raw, len, &cfg, NULL);
        }
        mark_cut(rep, json_object_get(req, "cut"));
        if (report) {                        /* the report's analysis, posted (report_post.c) */
            ans = pc_report_send(req, raw, len, &cfg, rep);
            json_object_set(ans, "id", id);
        } else {
            ans = json_pack("{s:O, s:b, s:s, s:o}", "id", id, "ok", 1, "type", "report", "report", rep);
        }
    }
    g_free(raw);
    pc_arena_free(a);
    return ans;
}

/* Keeps an answer under Thunderbird's limit (fit.c). */
static char *fit(json_t *ans) {
    char *s = pc_fit_dump(ans, json_object_get(ans, "report"), PC_MAX_ANSWER);
    json_decref(ans);
    return s ? s : pc_protocol_error("internal", "the answer does not fit in 1 MiB");
}

/* The id as echoed: scalars only, and short (a long one would not fit the answer). */
static json_t *request_id(json_t *req, bool *too_long) {
    json_t *id = json_object_get(req, "id");
    *too_long = false;
    if (id && (json_is_object(id) || json_is_array(id))) return NULL;
    if (json_is_string(id) && json_string_length(id) > PC_MAX_ID) { *too_long = true; return NULL; }
    return id;
}

char *pc_protocol_handle(const char *payload, size_t len, const pc_host_opts *o) {
    if (!g_utf8_validate(payload, (gssize)len, NULL))
        return pc_protocol_error("invalid_utf8", "request is not valid UTF-8");
    json_error_t jerr;
    json_t *req = json_loadb(payload, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL | JSON_DECODE_ANY, &jerr);
    if (!req) {
        char msg[300];
        snprintf(msg, sizeof msg, "request is not valid JSON: %s (at %d)", jerr.text, jerr.position);
        return pc_protocol_error("invalid_json", msg);
    }
    bool long_id;
    json_t *id = request_id(req, &long_id);
    json_t *jtype = json_object_get(req, "type");
    const char *type = json_string_value(jtype);
    if (type && strlen(type) != json_string_length(jtype)) type = "";   /* "version\u0000x" */
    json_t *ans;
    if (!json_is_object(req)) ans = error_json(NULL, "invalid_request", "request must be a JSON object");
    else if (long_id) ans = error_json(NULL, "invalid_request", "\"id\" is longer than 256 bytes");
    else if (!type) ans = error_json(id, "invalid_request", "request has no \"type\"");
    else if (!strcmp(type, "version"))
        ans = json_pack("{s:O, s:b, s:s, s:s, s:i}", "id", id ? id : json_null(), "ok", 1,
                        "type", "version", "version", PC_VERSION, "protocol", 1);
    else if (!strcmp(type, "analyze") || !strcmp(type, "enrich"))
        ans = analyze(req, id ? id : json_null(), o, !strcmp(type, "enrich"), false);
    else if (!strcmp(type, "report"))
        ans = analyze(req, id ? id : json_null(), o, false, true);
    else if (!strcmp(type, "report_targets")) {
        ans = pc_report_targets(req);
        json_object_set(ans, "id", id ? id : json_null());
    }
    else ans = error_json(id, "unknown_type", "unknown request type");
    json_decref(req);
    return fit(ans);
}

/* Serves frames until the input ends. */
static int serve(FILE *in, FILE *out, const pc_host_opts *o) {
    for (;;) {
        char *buf = NULL, *ans = NULL;
        size_t len = 0;
        pc_frame_status st = pc_frame_read(in, o->max_frame, &buf, &len);
        switch (st) {
        case PC_FRAME_EOF: return 0;
        case PC_FRAME_OK: ans = pc_protocol_handle(buf, len, o); break;
        case PC_FRAME_EMPTY: ans = pc_protocol_error("empty_frame", "zero-length frame"); break;
        case PC_FRAME_TOO_LARGE: ans = pc_protocol_error("too_large", "frame is larger than --max-frame"); break;
        case PC_FRAME_TRUNCATED: ans = pc_protocol_error("truncated_frame", "input ended inside a frame"); break;
        }
        free(buf);
        if (!ans) ans = pc_protocol_error("internal", "could not build an answer");
        int w = pc_frame_write(out, ans, strlen(ans));
        free(ans);
        if (w || st == PC_FRAME_TRUNCATED) return 0;
    }
}

int pc_protocol_serve(FILE *in, FILE *out, const pc_host_opts *opts) {
    pc_host_opts local = *opts, *o = &local;
    pc_budget b = {opts->time_ms, opts->memory_mb, 1};
    if (b.time_ms || b.memory_mb) local.runner = pc_runner_new(&b, &opts->base);
    int rc = serve(in, out, o);
    pc_runner_free(local.runner);
    return rc;
}
