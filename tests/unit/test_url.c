/* test_url.c — URL parsing and host normalisation (parse/url.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>
#include "parse/url.h"

static pc_arena *A;
static int setup(void **s) { A = pc_arena_new(); return 0; }
static int teardown(void **s) { pc_arena_free(A); return 0; }

static void parses_parts(void **s) {
    pc_url *u = pc_url_parse(A, "  https://User@Sub.Example.CO.JP:8443/a/b?x=1#frag ");
    assert_non_null(u);
    assert_string_equal(u->scheme, "https");
    assert_string_equal(u->host, "sub.example.co.jp");
    assert_string_equal(u->reg, "example.co.jp");
    assert_string_equal(u->user, "User");
    assert_string_equal(u->path, "/a/b");
    assert_string_equal(u->query, "x=1");
    assert_string_equal(u->fragment, "frag");
    assert_int_equal(u->port, 8443);
    assert_false(u->is_ip);
}

static void idn_both_forms(void **s) {
    pc_url *u = pc_url_parse(A, "http://ドメイン.テスト.jp/");
    assert_non_null(u);
    assert_non_null(strstr(u->host, "xn--"));
    assert_true(u->is_idn);
    assert_string_equal(u->host_u, "ドメイン.テスト.jp");
    pc_url *p = pc_url_parse(A, "http://xn--pple-43d.com/login");   /* Cyrillic а */
    assert_string_equal(p->host, "xn--pple-43d.com");
    assert_string_equal(p->host_u, "аpple.com");
    assert_true(p->is_idn);
}

static void ip_literals(void **s) {
    assert_true(pc_url_parse(A, "http://74.226.196.215/x")->is_ip);
    assert_true(pc_url_parse(A, "http://[2001:db8::1]/")->is_ip);
    pc_url *dec = pc_url_parse(A, "http://1249756375/");      /* decimal IPv4 */
    assert_non_null(dec);
    assert_true(dec->is_ip);
    assert_null(pc_url_parse(A, "http://74.226.196.215/")->reg);
}

static void scheme_less_www(void **s) {
    pc_url *u = pc_url_parse(A, "www.kagoya.jp/support");
    assert_non_null(u);
    assert_string_equal(u->scheme, "http");
    assert_string_equal(u->reg, "kagoya.jp");
}

static void rejects_garbage(void **s) {
    assert_null(pc_url_parse(A, ""));
    assert_null(pc_url_parse(A, "not a url"));
    assert_null(pc_url_parse(A, "http://"));
    assert_null(pc_url_parse(A, NULL));
}

static void userinfo_trick(void **s) {
    pc_url *u = pc_url_parse(A, "https://www.kagoya.jp@evil.example.com/login");
    assert_string_equal(u->host, "evil.example.com");
    assert_string_equal(u->user, "www.kagoya.jp");
}

static void registrable_and_private(void **s) {
    assert_string_equal(pc_reg_domain(A, "a.b.example.co.uk"), "example.co.uk");
    assert_null(pc_reg_domain(A, "co.jp"));
    assert_true(pc_host_private_suffix("evil-login.web.app"));
    assert_true(pc_host_private_suffix("x.github.io"));
    assert_false(pc_host_private_suffix("www.kagoya.jp"));
    assert_false(pc_host_private_suffix("github.io"));
    assert_true(pc_host_within("mail.kagoya.jp", "kagoya.jp"));
    assert_true(pc_host_within("kagoya.jp", "kagoya.jp"));
    assert_false(pc_host_within("notkagoya.jp", "kagoya.jp"));
}

static void decode(void **s) {
    assert_string_equal(pc_url_decode(A, "a%40b.jp+x%2", true), "a@b.jp x%2");
    assert_string_equal(pc_url_decode(A, "%00z", false), " z");   /* never an embedded NUL */
    assert_string_equal(pc_host_ascii(A, "MAIL.Example.COM."), "mail.example.com");
}

int main(void) {
    const struct CMUnitTest t[] = {
        cmocka_unit_test(parses_parts), cmocka_unit_test(idn_both_forms),
        cmocka_unit_test(ip_literals), cmocka_unit_test(scheme_less_www),
        cmocka_unit_test(rejects_garbage), cmocka_unit_test(userinfo_trick),
        cmocka_unit_test(registrable_and_private), cmocka_unit_test(decode),
    };
    return cmocka_run_group_tests_name("url", t, setup, teardown);
}
