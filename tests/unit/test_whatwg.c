/* test_whatwg.c — links read as the browser opens them (parse/whatwg.c via pc_url_parse):
 * the cases of issue 10, IPv4 number forms, IPv6, IDNA, and what a browser refuses. The
 * wider comparison with Node's URL is tests/url/oracle.sh (make url-oracle). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>
#include "parse/url.h"
#include "parse/whatwg.h"

static pc_arena *A;
static int setup(void **s) { A = pc_arena_new(); return 0; }
static int teardown(void **s) { pc_arena_free(A); return 0; }

static const char *host(const char *href) {
    pc_url *u = pc_url_parse(A, href);
    return u ? u->host : NULL;
}

static void issue_cases(void **s) {
    assert_string_equal(host("https://evil.example\\.paypal.com/"), "evil.example");
    assert_string_equal(host("https:\\\\evil.example\\owa"), "evil.example");
    assert_string_equal(host("https://pay\tpal.com/"), "paypal.com");
    assert_string_equal(host("https://pay\r\npal.com/x"), "paypal.com");
    pc_url *u = pc_url_parse(A, "https://evil.example\\@www.apple.com/");
    assert_string_equal(u->host, "evil.example");
    assert_null(u->user);                             /* no userinfo: '\' ended the host */
    assert_string_equal(u->path, "/@www.apple.com/");
    u = pc_url_parse(A, "https://www.apple.com@evil.example/");   /* a real userinfo */
    assert_string_equal(u->host, "evil.example");
    assert_string_equal(u->user, "www.apple.com");
}

static void slashes_and_spaces(void **s) {
    assert_string_equal(host("https:evil.example/login"), "evil.example");
    assert_string_equal(host("https:////evil.example/login"), "evil.example");
    assert_string_equal(host("\x01 https://evil.example/ \x1f"), "evil.example");
    assert_string_equal(host("ht\ttps://evil.example/"), "evil.example");
    assert_string_equal(host("HTTPS://EVIL.Example:443/"), "evil.example");
    assert_int_equal(pc_url_parse(A, "https://evil.example:443/")->port, 0);
    assert_int_equal(pc_url_parse(A, "https://evil.example:8443/")->port, 8443);
    assert_string_equal(host("https://a@b@evil.example/"), "evil.example");
    pc_url *u = pc_url_parse(A, "https://evil.example/a\\b?q=c\\d#e\\f");
    assert_string_equal(u->path, "/a/b");
    assert_string_equal(u->query, "q=c\\d");
}

static void ip_forms(void **s) {
    const char *const t[][2] = {
        {"http://0x7f.1/", "127.0.0.1"}, {"http://3232235777/", "192.168.1.1"},
        {"http://0300.0250.01.01/", "192.168.1.1"}, {"http://192.168.1.1./", "192.168.1.1"},
        {"http://1.2.3/", "1.2.0.3"}, {"http://017700000001/", "127.0.0.1"},
        {"http://[0:0:0:0:0:ffff:192.168.0.1]/", "::ffff:c0a8:1"},
        {"http://[2001:DB8:0:0:1:0:0:1]/", "2001:db8::1:0:0:1"}, {"http://[::1]/", "::1"},
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        pc_url *u = pc_url_parse(A, t[i][0]);
        assert_non_null(u);
        assert_string_equal(u->host, t[i][1]);
        assert_true(u->is_ip);
        assert_null(u->reg);
    }
    assert_false(pc_url_parse(A, "http://1x.example/")->is_ip);      /* guard: a name */
    assert_false(pc_url_parse(A, "http://cafe.example/")->is_ip);
}

static void idna_and_percent(void **s) {
    assert_string_equal(host("https://%65vil.example/"), "evil.example");
    assert_string_equal(host("https://ｐａｙｐａｌ．ｃｏｍ/"), "paypal.com");
    assert_string_equal(host("https://paypal。com/"), "paypal.com");
    assert_string_equal(host("https://аpple.com/"), "xn--pple-43d.com");
    assert_true(pc_url_parse(A, "https://аpple.com/")->is_idn);
    assert_string_equal(host("https://faß.de/"), "xn--fa-hia.de");              /* not "fass" */
    assert_string_equal(host("https://-evil-.example/"), "-evil-.example");   /* no hyphen rules */
    assert_string_equal(host("https://evil.example!paypal.com/"), "evil.example!paypal.com");
}

/* What a browser refuses to open is no URL for us either. */
static void refused(void **s) {
    const char *const t[] = {"https://", "https://:443/", "https://evil example.com/",
                             "https://evil%00.example/", "http://[::1/", "http://999.1.1.1/",
                             "http://1.2.3.4.5/", "http://0x100000000/", "http://www.apple.com%40evil.example/",
                             "https://evil.example:99999/", "https://evil.example:8o/"};
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) assert_null(pc_url_parse(A, t[i]));
    /* Guard: a scheme-less "www." link in text is still taken as http. */
    assert_string_equal(host("www.evil.example/login"), "www.evil.example");
}

int main(void) {
    const struct CMUnitTest t[] = {
        cmocka_unit_test(issue_cases), cmocka_unit_test(slashes_and_spaces),
        cmocka_unit_test(ip_forms), cmocka_unit_test(idna_and_percent), cmocka_unit_test(refused),
    };
    return cmocka_run_group_tests(t, setup, teardown);
}
