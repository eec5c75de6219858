/* test_limits.c — bounds that hold for any input: answers fit (fit.c: strings cut, low
 * flags dropped, never the verdict's reasons), limits before the parsers (prelimit.c:
 * headers, parts; html.c: elements, depth) and the limits.* flags they raise. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include "analyze.h"
#include "fit.h"
#include "parse/model.h"
#include "parse/prelimit.h"

static json_t *flag(const char *id, const char *sev, int score, size_t ev_len) {
    char *ev = g_malloc(ev_len + 1);
    memset(ev, 'e', ev_len);
    ev[ev_len] = 0;
    json_t *f = json_pack("{s:s, s:s, s:i, s:s, s:s, s:{s:s}}", "id", id, "severity", sev, "score",
                          score, "title", "t", "detail", ev, "evidence", "v", ev);
    g_free(ev);
    return f;
}

static json_t *report(const char *verdict, int score) {
    return json_pack("{s:s, s:s, s:i, s:s, s:[], s:{s:s}, s:{s:b}}", "verdict", verdict, "lang", "en",
                     "score", score, "summary", "s", "flags", "message", "subject", "x",
                     "settings", "trusted_sender", 0);
}

static bool has(json_t *r, const char *id) {
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(r, "flags"), i, f)
        if (!strcmp(json_string_value(json_object_get(f, "id")), id)) return true;
    return false;
}

/* Many low flags with long texts: dropped from the lowest, the critical reason kept. */
static void fit_drops_low_flags_first(void **s) {
    json_t *r = report("dangerous", 300);
    json_array_append_new(json_object_get(r, "flags"), flag("attachments.executable", "critical", 80, 100));
    for (int i = 0; i < 200; i++)
        json_array_append_new(json_object_get(r, "flags"), flag("links.http_login", "low", 5, 20000));
    char *out = pc_fit_dump(r, r, 100000);
    assert_non_null(out);
    assert_true(strlen(out) < 100000);
    assert_true(has(r, "attachments.executable"));
    assert_string_equal(json_string_value(json_object_get(r, "verdict")), "dangerous");
    assert_true(json_integer_value(json_object_get(r, "flags_omitted")) > 100);
    free(out);
    json_decref(r);
}

/* The reasons themselves cannot fit: no unexplained verdict, limits.answer instead. */
static void fit_never_keeps_unexplained_verdict(void **s) {
    json_t *r = report("dangerous", 90);
    json_array_append_new(json_object_get(r, "flags"), flag("sender.brand_impersonation", "high", 45, 400));
    json_array_append_new(json_object_get(r, "flags"), flag("links.text_mismatch", "high", 45, 400));
    char *out = pc_fit_dump(r, r, 900);
    assert_non_null(out);
    assert_true(strlen(out) < 900);
    assert_true(has(r, "limits.answer"));
    assert_string_equal(json_string_value(json_object_get(r, "verdict")), "suspicious");
    free(out);
    json_decref(r);
}

/* Message fields are cut to PC_MAX_FIELD characters on a UTF-8 boundary. */
static void fit_cuts_fields(void **s) {
    GString *subj = g_string_new(NULL);
    for (int i = 0; i < 5000; i++) g_string_append(subj, "\xe3\x81\x82");
    json_t *r = report("safe", 0);
    json_object_set_new(json_object_get(r, "message"), "subject", json_string(subj->str));
    char *out = pc_fit_dump(r, r, 1000000);
    const char *cut = json_string_value(json_object_get(json_object_get(r, "message"), "subject"));
    assert_int_equal(g_utf8_strlen(cut, -1), PC_MAX_FIELD + 1);     /* + "…" */
    assert_true(g_utf8_validate(cut, -1, NULL));
    free(out);
    json_decref(r);
    g_string_free(subj, TRUE);
}

static pc_precut prelimit(const char *raw) {
    pc_prelimits lim = {10, 100, 1000, 20};
    return pc_prelimit(raw, strlen(raw), &lim);
}

static void prelimit_headers(void **s) {
    GString *m = g_string_new(NULL);
    for (int i = 0; i < 30; i++) g_string_append_printf(m, "X-H%d: v\r\n", i);
    g_string_append(m, "\r\nbody stays\r\n");
    pc_precut c = prelimit(m->str);
    assert_true(c.headers_cut);
    assert_non_null(strstr(c.buf, "X-H9:"));
    assert_null(strstr(c.buf, "X-H10:"));
    assert_non_null(strstr(c.buf, "body stays"));
    g_free(c.buf);
    c = prelimit("Subject: fine\r\nX-A: b\r\n\r\nbody\r\n");
    assert_false(c.headers_cut || c.parts_cut);
    assert_null(c.buf);
    g_string_free(m, TRUE);
}

static void prelimit_parts(void **s) {
    GString *m = g_string_new("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n");
    for (int i = 0; i < 50; i++) g_string_append_printf(m, "--b\r\n\r\npart %d\r\n", i);
    g_string_append(m, "--b--\r\n");
    pc_precut c = prelimit(m->str);
    assert_true(c.parts_cut);
    assert_non_null(strstr(c.buf, "part 17"));
    assert_null(strstr(c.buf, "part 19"));
    g_free(c.buf);
    g_string_truncate(m, 0);                                 /* "--" lines that are no delimiter */
    g_string_append(m, "Content-Type: text/plain\r\n\r\n");
    for (int i = 0; i < 50; i++) g_string_append(m, "-----------\r\n--b\r\n");
    c = prelimit(m->str);
    assert_false(c.parts_cut);
    g_string_free(m, TRUE);
}

static bool flagged(const char *raw, size_t n, const char *id) {
    pc_config cfg;
    pc_config_defaults(&cfg);
    json_t *r = pc_analyze(raw, n, &cfg, NULL);
    bool hit = has(r, id);
    const char *v = json_string_value(json_object_get(r, "verdict"));
    if (hit) assert_string_not_equal(v, "safe");
    json_decref(r);
    return hit;
}

/* HTML nested deeper than the limit, or with more elements, is cut and flagged; ordinary
 * sloppy HTML (unclosed <p>, <li>, <td>) is not. */
static void html_limits(void **s) {
    GString *m = g_string_new("Content-Type: text/html\r\n\r\n");
    for (int i = 0; i < 1000; i++) g_string_append(m, "<div>");
    assert_true(flagged(m->str, m->len, "limits.html"));
    g_string_assign(m, "Content-Type: text/html\r\n\r\n");
    for (int i = 0; i < 300; i++) g_string_append(m, "<table><tr><td><b><i><font><span></zz></zz></zz>");
    assert_true(flagged(m->str, m->len, "limits.html"));
    g_string_assign(m, "Content-Type: text/html\r\n\r\n<ul>");
    for (int i = 0; i < 3000; i++) g_string_append(m, "<li><p>item <a href=\"https://shop.example/\">x</a><br>");
    g_string_append(m, "</ul><table>");
    for (int i = 0; i < 2000; i++) g_string_append(m, "<tr><td>a<td>b");
    assert_false(flagged(m->str, m->len, "limits.html"));
    g_string_free(m, TRUE);
}

/* A forwarded message nested past the depth limit is a finding, not "safe, 0 flags". */
static void nested_past_depth(void **s) {
    GString *m = g_string_new("From: a@b.example\r\nSubject: x\r\nContent-Type: message/rfc822\r\n\r\n");
    for (int i = 0; i < 25; i++) g_string_append(m, "Subject: fw\r\nContent-Type: message/rfc822\r\n\r\n");
    g_string_append(m, "Subject: inner\r\n\r\nhello\r\n");
    assert_true(flagged(m->str, m->len, "limits.depth"));
    g_string_free(m, TRUE);
}

/* More MIME parts than the limit (1,000): cut, and flagged limits.parts; a long but
 * ordinary multipart (a digest of 200 parts) is not. */
static void too_many_parts(void **s) {
    for (int n = 200; n <= 1500; n += 1300) {
        GString *m = g_string_new("From: a@b.example\r\nSubject: x\r\n"
                                  "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n");
        for (int i = 0; i < n; i++) g_string_append_printf(m, "--b\r\n\r\npart %d\r\n", i);
        g_string_append(m, "--b--\r\n");
        if (n > 1000) assert_true(flagged(m->str, m->len, "limits.parts"));
        else assert_false(flagged(m->str, m->len, "limits.parts"));
        g_string_free(m, TRUE);
    }
}

int main(void) {
    const struct CMUnitTest t[] = {
        cmocka_unit_test(fit_drops_low_flags_first), cmocka_unit_test(fit_never_keeps_unexplained_verdict),
        cmocka_unit_test(fit_cuts_fields), cmocka_unit_test(prelimit_headers),
        cmocka_unit_test(prelimit_parts), cmocka_unit_test(html_limits),
        cmocka_unit_test(nested_past_depth), cmocka_unit_test(too_many_parts),
    };
    return cmocka_run_group_tests_name("limits", t, NULL, NULL);
}
