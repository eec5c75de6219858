/* test_milter.c — the milter's header rewrite and settings (native-host/milter/rewrite.c,
 * conf.c) without libmilter: the verdict header formats, which incoming headers are forged
 * (ours to delete), the Subject tag, and milter.conf read through the CLI's option parser.
 * The whole milter behind a real Postfix: tests/milter/run.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "conf.h"
#include "data.h"
#include "rewrite.h"

static json_t *report(const char *json) {
    json_t *r = json_loads(json, 0, NULL);
    assert_non_null(r);
    return r;
}

static void writes_both_verdict_headers(void **s) {
    json_t *r = report("{\"verdict\":\"dangerous\",\"score\":185,\"flags\":[{\"id\":\"sender.brand_impersonation\"},"
                       "{\"id\":\"links.recipient\"},{\"id\":\"bad id; x=1\"}]}");
    char *xp = pcm_x_phishcheck(r), *ar = pcm_auth_results(r, "mx.example.jp");
    assert_string_equal(xp, "dangerous; score=185; flags=sender.brand_impersonation,links.recipient");
    assert_string_equal(ar, "mx.example.jp; x-phishcheck=dangerous policy.score=185 "
                            "policy.flags=sender.brand_impersonation,links.recipient");
    free(xp);
    free(ar);
    json_decref(r);
    r = report("{\"verdict\":\"safe\",\"score\":0,\"flags\":[]}");
    xp = pcm_x_phishcheck(r);
    assert_string_equal(xp, "safe; score=0; flags=");
    free(xp);
    json_decref(r);
}

static void reads_the_authserv_id(void **s) {
    char id[64];
    assert_true(pcm_authserv_id("mx.example.jp; spf=pass", id, sizeof id));
    assert_string_equal(id, "mx.example.jp");
    assert_true(pcm_authserv_id(" (by us (really)) mx.example.jp 1;\r\n\tdkim=pass", id, sizeof id));
    assert_string_equal(id, "mx.example.jp");
    assert_true(pcm_authserv_id("\"mx.example.jp\"; none", id, sizeof id));
    assert_string_equal(id, "mx.example.jp");
    assert_false(pcm_authserv_id("  ; spf=pass", id, sizeof id));
    assert_true(pcm_authserv_id("a-very-long-server-name.example.com;", id, 8));
    assert_string_equal(id, "a-very-");                  /* cut, never overrun */
}

static void removes_forged_verdicts_only(void **s) {
    assert_true(pcm_must_remove("X-Phishcheck", "safe; score=0; flags=", "mx.example.jp"));
    assert_true(pcm_must_remove("x-phishCHECK", "anything", NULL));
    assert_true(pcm_must_remove("Authentication-Results", "MX.Example.JP; x-phishcheck=safe", "mx.example.jp"));
    assert_true(pcm_must_remove("Authentication-Results", "(c) mx.example.jp.;\n\tspf=pass", "mx.example.jp"));
    /* someone else's results stay: the receiving server's, a relay's */
    assert_false(pcm_must_remove("Authentication-Results", "mx2.example.jp; spf=pass", "mx.example.jp"));
    assert_false(pcm_must_remove("Authentication-Results", "mx.example.jp.evil.com; spf=pass", "mx.example.jp"));
    assert_false(pcm_must_remove("Authentication-Results", "mx.example.j; spf=pass", "mx.example.jp"));
    assert_false(pcm_must_remove("ARC-Authentication-Results", "i=1; mx.example.jp; spf=pass", "mx.example.jp"));
    assert_false(pcm_must_remove("X-Phishcheck-Note", "x", "mx.example.jp"));
    /* lines the desk (parse/authres.c after RFC 2047 decoding) reads as ours go too */
    assert_true(pcm_must_remove("Authentication-Results", "(\\) mx.example.jp; x-phishcheck=safe",
                                "mx.example.jp"));
    assert_true(pcm_must_remove("Authentication-Results",
                                "=?us-ascii?q?mx.example.jp?=; x-phishcheck=safe", "mx.example.jp"));
    assert_true(pcm_must_remove("Authentication-Results", "MX.EXAMPLE.JP. 1; x-phishcheck=safe",
                                "mx.example.jp"));
    assert_true(pcm_must_remove("authentication-results", " mx.example.jp\r\n\t; none",
                                "mx.example.jp"));
    assert_false(pcm_must_remove("Authentication-Results",
                                 "=?us-ascii?q?mx.example.jp.evil.com?=; x-phishcheck=safe",
                                 "mx.example.jp"));
}

static void tags_the_subject(void **s) {
    char *t = pcm_tag_subject("Your account", "[PHISHING?]");
    assert_string_equal(t, "[PHISHING?] Your account");
    free(t);
    assert_null(pcm_tag_subject("[PHISHING?] Your account", "[PHISHING?]"));   /* once */
    t = pcm_tag_subject(NULL, "[PHISHING?]");
    assert_string_equal(t, "[PHISHING?]");
    free(t);
    /* a Japanese tag is an encoded word; before another encoded word its space is inside */
    t = pcm_tag_subject("=?ISO-2022-JP?B?GyRCJDkkWRsoQg==?=", "[要注意]");
    assert_string_equal(t, "=?UTF-8?B?W+imgeazqOaEj10g?= =?ISO-2022-JP?B?GyRCJDkkWRsoQg==?=");
    free(t);
    t = pcm_tag_subject("Invoice", "[要注意]");
    assert_string_equal(t, "=?UTF-8?B?W+imgeazqOaEj10=?= Invoice");
    free(t);
}

static void reads_settings_through_the_cli_options(void **s) {
    char err[512] = "";
    pcm_conf *c = pcm_conf_parse("# a comment\n"
                                 "server-id = mx.example.jp\n"
                                 "socket = unix:/run/x.sock\n"
                                 "own-domain = example.jp\n"
                                 "own-domain = example.co.jp\n"
                                 "authserv-id = mx.example.jp\n"
                                 "time-limit = 1500\n"
                                 "no-upstream = yes\n"
                                 "online = no\n"
                                 "tag-subject = \"[phish?]\"\n"
                                 "action = quarantine\n"
                                 "on-error = tempfail\n"
                                 "peer-timeout = 120\n",
                                 "test.conf", err, sizeof err);
    assert_non_null(c);
    assert_string_equal(c->server_id, "mx.example.jp");
    assert_string_equal(c->socket, "unix:/run/x.sock");
    assert_string_equal(c->tag, "[phish?]");
    assert_int_equal(c->action, PCM_ACT_QUARANTINE);
    assert_true(c->tempfail_on_error);
    assert_int_equal(c->peer_timeout, 120);
    const pc_config *b = &c->cli.host.base;
    assert_string_equal(b->own_domains[0], "example.jp");
    assert_string_equal(b->own_domains[1], "example.co.jp");
    assert_null(b->own_domains[2]);
    assert_string_equal(b->authserv_id, "mx.example.jp");
    assert_true(b->no_upstream);
    assert_false(b->online.requested);
    assert_int_equal(c->cli.host.time_ms, 1500);
    assert_int_equal(b->max_message, 16 << 20);          /* the milter's own default */
    pcm_conf_unref(c);

    c = pcm_conf_parse("", "empty", err, sizeof err);     /* defaults */
    assert_non_null(c);
    assert_true(c->add_headers);
    assert_null(c->tag);
    assert_int_equal(c->action, PCM_ACT_NONE);
    assert_false(c->tempfail_on_error);
    assert_int_equal(c->peer_timeout, 600);
    assert_false(c->cli.host.base.online.requested);
    pcm_conf_unref(c);
}

static void refuses_bad_settings(void **s) {
    char err[512] = "";
    assert_null(pcm_conf_parse("action = delete\n", "a.conf", err, sizeof err));
    assert_non_null(strstr(err, "a.conf:1"));
    assert_null(pcm_conf_parse("server-id mx.example.jp\n", "b.conf", err, sizeof err));
    assert_non_null(strstr(err, "b.conf:1"));
    assert_null(pcm_conf_parse("\njobs = 0\n", "c.conf", err, sizeof err));
    assert_non_null(strstr(err, "c.conf:2"));
    assert_null(pcm_conf_parse("peer-timeout = 5\n", "h.conf", err, sizeof err));
    assert_non_null(strstr(err, "peer-timeout"));
    assert_null(pcm_conf_parse("peer-timeout = 99999\n", "i.conf", err, sizeof err));
    assert_null(pcm_conf_parse("server-id = mx.example.jp; spf=pass\n", "f.conf", err, sizeof err));
    assert_null(pcm_conf_parse("server-id =\n", "g.conf", err, sizeof err));
    assert_null(pcm_conf_parse("no-such-option = 1\n", "d.conf", err, sizeof err));
    assert_null(pcm_conf_parse("json = yes\n", "e.conf", err, sizeof err));   /* not a setting */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(writes_both_verdict_headers),
        cmocka_unit_test(reads_the_authserv_id),
        cmocka_unit_test(removes_forged_verdicts_only),
        cmocka_unit_test(tags_the_subject),
        cmocka_unit_test(reads_settings_through_the_cli_options),
        cmocka_unit_test(refuses_bad_settings),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    pc_data_free();
    return rc;
}
