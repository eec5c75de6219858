/* fit.c — see fit.h. Order of sacrifice: long strings (message fields, settings), then
 * flags below the verdict's reasons (lowest score first), then every string of the kept
 * flags cut shorter; last, when the reasons themselves cannot fit, a report that says the
 * answer was too large (never a verdict whose reasons are missing). */
#include "fit.h"
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include "catalog.h"
#include "verdict.h"

char *pc_fit_cut(const char *s, size_t max) {
    if (!s || (size_t)g_utf8_strlen(s, -1) <= max) return NULL;
    const char *end = g_utf8_offset_to_pointer(s, (glong)max);
    return g_strdup_printf("%.*s…", (int)(end - s), s);
}

static size_t dumped_size(json_t *j) {
    char *s = json_dumps(j, JSON_COMPACT);
    size_t n = s ? strlen(s) : (size_t)-1;
    free(s);
    return n;
}

/* Cuts the string member key of object o to max characters. */
static void cut_member(json_t *o, const char *key, size_t max) {
    char *c = pc_fit_cut(json_string_value(json_object_get(o, key)), max);
    if (c) json_object_set_new(o, key, json_string(c));
    g_free(c);
}

static void cut_all_members(json_t *o, size_t max) {
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v) cut_member(o, k, max);
}

static void cut_list(json_t *arr, size_t n, size_t chars) {
    while (json_array_size(arr) > n) json_array_remove(arr, n);
    for (size_t i = 0; i < json_array_size(arr); i++) {
        char *c = pc_fit_cut(json_string_value(json_array_get(arr, i)), chars);
        if (c) json_array_set_new(arr, i, json_string(c));
        g_free(c);
    }
}

/* Strings a report may carry at any length, cut to `chars` (lists to `items`). */
static void cut_report(json_t *r, size_t chars, size_t items) {
    cut_all_members(json_object_get(r, "message"), chars);
    cut_member(r, "file", chars * 4);
    json_t *set = json_object_get(r, "settings");
    cut_list(json_object_get(set, "own_domains"), items, chars);
    cut_list(json_object_get(set, "trusted_senders"), items, chars);
    cut_member(set, "authserv_id", chars);
    cut_member(set, "gateway_id", chars);
    cut_all_members(json_object_get(r, "organisation"), chars);
    cut_list(json_object_get(json_object_get(r, "organisation"), "flags"), items, chars);
    cut_list(json_object_get(json_object_get(r, "limits"), "parse_errors"), items, chars);
}

static pc_severity severity_of(const char *name) {
    static const char *const names[] = {"info", "low", "medium", "high", "critical"};
    for (int i = 0; i < 5; i++)
        if (name && !strcmp(name, names[i])) return (pc_severity)i;
    return PC_SEV_INFO;
}

/* How many of the (score-sorted) flags the verdict rests on: the shortest prefix that
 * judges the same. */
static size_t reasons(json_t *r) {
    json_t *flags = json_object_get(r, "flags");
    const char *verdict = json_string_value(json_object_get(r, "verdict"));
    bool trusted = json_is_true(json_object_get(json_object_get(r, "settings"), "trusted_sender"));
    size_t n = json_array_size(flags), k;
    pc_finding *f = calloc(n ? n : 1, sizeof *f);
    void **ptrs = calloc(n ? n : 1, sizeof *ptrs);
    char (*check)[64] = calloc(n ? n : 1, sizeof *check);
    for (k = 0; k <= n; k++) {
        pc_vec v = {ptrs, k, n};
        if (verdict && !strcmp(pc_verdict_name(pc_verdict_judge(&v, trusted, NULL)), verdict)) break;
        if (k == n) break;
        json_t *fl = json_array_get(flags, k);
        const char *id = json_string_value(json_object_get(fl, "id"));
        snprintf(check[k], sizeof check[k], "%.*s", (int)strcspn(id ? id : "", "."), id ? id : "");
        f[k] = (pc_finding){.id = id, .check = check[k],
                            .severity = severity_of(json_string_value(json_object_get(fl, "severity"))),
                            .score = (int)json_integer_value(json_object_get(fl, "score"))};
        ptrs[k] = &f[k];
    }
    free(f);
    free(ptrs);
    free(check);
    return k > n ? n : k;
}

/* Drops flags after the first `keep` from the end until `total` bytes fit in max. */
static size_t drop_flags(json_t *r, size_t keep, size_t total, size_t max) {
    json_t *flags = json_object_get(r, "flags");
    json_int_t dropped = 0;
    while (total > max && json_array_size(flags) > keep) {
        size_t last = json_array_size(flags) - 1;
        total -= dumped_size(json_array_get(flags, last)) + 1;
        json_array_remove(flags, last);
        dropped++;
    }
    if (dropped) {
        json_int_t before = json_integer_value(json_object_get(r, "flags_omitted"));
        json_object_set_new(r, "flags_omitted", json_integer(before + dropped));
    }
    return total;
}

static void cut_flags(json_t *r, size_t ev_chars, size_t text_chars) {
    size_t i;
    json_t *fl;
    json_array_foreach(json_object_get(r, "flags"), i, fl) {
        cut_all_members(json_object_get(fl, "evidence"), ev_chars);
        cut_member(fl, "title", text_chars);
        cut_member(fl, "detail", text_chars);
    }
}

/* The reasons cannot fit: the report says so instead of keeping an unexplained verdict. */
static void answer_too_large(json_t *r) {
    const char *lang = json_string_value(json_object_get(r, "lang"));
    pc_arena *a = pc_arena_new();
    pc_severity sev;
    int score;
    pc_flag_weight("limits.answer", &sev, &score);
    json_t *flag = json_pack("{s:s, s:s, s:i, s:s, s:s, s:{}}", "id", "limits.answer",
                             "severity", pc_severity_name(sev), "score", score, "title",
                             pc_text(a, "limits.answer", lang, 0, NULL, 0), "detail",
                             pc_text(a, "limits.answer", lang, 1, NULL, 0), "evidence");
    json_int_t omitted = json_integer_value(json_object_get(r, "flags_omitted")) +
                         (json_int_t)json_array_size(json_object_get(r, "flags"));
    json_object_set_new(r, "flags", json_pack("[o]", flag));
    json_object_set_new(r, "flags_omitted", json_integer(omitted));
    json_object_set_new(r, "verdict", json_string("suspicious"));
    json_object_set_new(r, "score", json_integer(PC_SUSPICIOUS_AT));
    json_object_set_new(r, "summary", json_string(pc_text(a, "limits.answer", lang, 0, NULL, 0)));
    pc_arena_free(a);
}

char *pc_fit_dump(json_t *whole, json_t *r, size_t max) {
    if (r) cut_report(r, PC_MAX_FIELD, 200);
    size_t total = dumped_size(whole);
    if (r && total >= max) {
        total = drop_flags(r, reasons(r), total, max - 1);
        if (total >= max) {
            cut_report(r, 200, 20);
            json_object_del(r, "lookups");
            cut_flags(r, 100, 300);
            total = dumped_size(whole);
        }
        if (total >= max) {
            answer_too_large(r);
            cut_report(r, 100, 5);
            total = dumped_size(whole);
        }
    }
    char *s = json_dumps(whole, JSON_COMPACT);
    if (s && strlen(s) >= max) { free(s); s = NULL; }
    return s;
}
