/* test_fidelity.c — the parse fixes of issue 10 beyond RFC 2047: Received TLS comments,
 * Authentication-Results split over several headers, NUL bytes in the header block and
 * CR-only line ends. Messages are built inline for the purpose. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>
#include "parse/model.h"
#include "parse/received.h"

static pc_message *parse_n(const char *raw, size_t n) { return pc_message_parse(raw, n, NULL); }
static pc_message *parse(const char *raw) { return parse_n(raw, strlen(raw)); }
static pc_authres *ar(pc_message *m, size_t i) { return i < m->authres.n ? m->authres.v[i] : NULL; }
static bool has_error(pc_message *m, const char *e) {
    for (size_t i = 0; i < m->errors.n; i++) if (!strcmp(m->errors.v[i], e)) return true;
    return false;
}

/* "(using TLSv1.2 with cipher ...)" is how the mail came, not who sent it. */
static void received_tls_comment(void **s) {
    pc_arena *a = pc_arena_new();
    pc_hop *h = pc_received_parse(a, "from host.example.org ([203.0.113.9])\r\n\t(using TLSv1.2 with cipher "
                                     "ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits))\r\n\t(No client certificate "
                                     "requested)\r\n\tby mx.example.jp (Postfix) with ESMTPS id 2D; Mon, 3 Jun 2024");
    assert_null(h->rdns);
    assert_string_equal(h->ip, "203.0.113.9");
    assert_string_equal(h->helo, "host.example.org");
    assert_string_equal(h->by, "mx.example.jp");
    h = pc_received_parse(a, "from unknown (unknown [198.51.100.7]) (using TLSv1.3 with cipher "
                             "TLS_AES_256_GCM_SHA384 (256/256 bits)) by mx.example.jp");
    assert_null(h->rdns);
    assert_string_equal(h->ip, "198.51.100.7");
    /* Guard: the rDNS name in the first comment is still read, TLS comment or not. */
    h = pc_received_parse(a, "from mx0.example.com (mx0.example.com [198.51.100.64]) (using TLSv1.2 with "
                          "cipher X (256/256 bits)) by smtp.example.org (Postfix)");
    assert_string_equal(h->rdns, "mx0.example.com");
    h = pc_received_parse(a, "from unknown (HELO localhost) (198.51.100.7) by mail.example.com with SMTP");
    assert_string_equal(h->helo, "localhost");
    assert_string_equal(h->ip, "198.51.100.7");
    pc_arena_free(a);
}

#define BODY "From: a@example.com\r\nSubject: s\r\n\r\nhi\r\n"

/* kernel.org: DKIM above the server's own Received, DMARC and SPF below it: one verdict. */
static void authres_split(void **s) {
    pc_message *m = parse(
        "Received: from localhost (localhost [127.0.0.1]) by smtp.subspace.kernel.org (Postfix);\r\n"
        "Authentication-Results: smtp.subspace.kernel.org;\r\n\tdkim=pass header.d=redhat.com\r\n"
        "Received: from mx.redhat.com (mx.redhat.com [170.10.129.124]) by smtp.subspace.kernel.org (Postfix)\r\n"
        "Authentication-Results: smtp.subspace.kernel.org; arc=none smtp.client-ip=170.10.129.124\r\n"
        "Authentication-Results: smtp.subspace.kernel.org; dmarc=pass (p=quarantine) header.from=redhat.com\r\n"
        "Authentication-Results: smtp.subspace.kernel.org; spf=pass smtp.mailfrom=redhat.com\r\n"
        "Received: by mail.redhat.com with SMTP\r\n"
        "Authentication-Results: smtp.subspace.kernel.org; dkim=fail header.d=evil.example\r\n" BODY);
    pc_authres *r = ar(m, 0);
    assert_string_equal(r->authserv_id, "smtp.subspace.kernel.org");
    assert_string_equal(r->dkim, "pass");
    assert_string_equal(r->dkim_domain, "redhat.com");
    assert_string_equal(r->dmarc, "pass");
    assert_string_equal(r->dmarc_from, "redhat.com");
    assert_string_equal(r->spf, "pass");
    assert_string_equal(r->spf_domain, "redhat.com");
    assert_int_equal(m->authres.n, 5);            /* each header still in the model */
    pc_message_free(m);
    /* Guards: another server's results, and results below a Received by another host
     * (written before the server saw the mail — possibly forged), are not taken in. */
    m = parse("Authentication-Results: mx.example.jp; spf=fail smtp.mailfrom=paypal.com\r\n"
              "Authentication-Results: other.example.net; dkim=pass header.d=paypal.com\r\n"
              "Authentication-Results: mx.example.jp; dmarc=pass header.from=paypal.com\r\n"
              "Received: from relay.bulk.example ([198.51.100.9]) by mx.example.jp\r\n"
              "Received: from web01 by relay.bulk.example\r\n"
              "Authentication-Results: mx.example.jp; dkim=pass header.d=paypal.com\r\n" BODY);
    r = ar(m, 0);
    assert_string_equal(r->spf, "fail");
    assert_null(r->dkim);                         /* not from other.example.net, not forged */
    assert_null(r->dmarc);                        /* another server's header came between */
    pc_message_free(m);
}

/* gmime ends a header value at a NUL: the From address vanished with it. */
static void nul_in_headers(void **s) {
    static const char raw[] = "From: \"Pay\0Pal Security\" <security@paypal-check.example>\r\n"
                              "Subject: Your account\0 is limited\r\n\r\nbody with a \0 NUL\r\n";
    pc_message *m = parse_n(raw, sizeof raw - 1);
    assert_non_null(m->from);
    assert_string_equal(m->from->addr, "security@paypal-check.example");
    assert_string_equal(m->from->display, "PayPal Security");
    assert_string_equal(m->subject, "Your account is limited");
    assert_true(has_error(m, "nul_in_headers"));
    pc_message_free(m);
    m = parse("From someone@example.com Mon Jan  1 00:00:00 2024");   /* no mail at all */
    assert_null(m->from);
    assert_true(has_error(m, "no_headers"));
    pc_message_free(m);
    m = parse(BODY);                             /* guard: clean mail, no such remark */
    assert_false(has_error(m, "no_headers"));
    assert_false(has_error(m, "nul_in_headers"));
    assert_false(has_error(m, "cr_line_ends"));
    pc_message_free(m);
}

static void cr_only(void **s) {
    pc_message *m = parse("From: \"Bank\" <info@bank.example>\rTo: me@example.jp\rSubject: cr only\r"
                          "Content-Type: text/plain\r\rVisit https://bank.example/login today.\r");
    assert_non_null(m->from);
    assert_string_equal(m->from->addr, "info@bank.example");
    assert_string_equal(m->subject, "cr only");
    assert_int_equal(m->to.n, 1);
    assert_non_null(strstr(m->text, "Visit"));
    assert_int_equal(m->links.n, 1);
    assert_true(has_error(m, "cr_line_ends"));
    pc_message_free(m);
    /* Guard: CRLF mail with a stray CR inside a line stays as it is. */
    m = parse("From: a@example.com\r\nSubject: one\rtwo\r\n\r\nhi\r\n");
    assert_false(has_error(m, "cr_line_ends"));
    assert_non_null(m->from);
    pc_message_free(m);
}

int main(void) {
    const struct CMUnitTest t[] = {
        cmocka_unit_test(received_tls_comment), cmocka_unit_test(authres_split),
        cmocka_unit_test(nul_in_headers), cmocka_unit_test(cr_only),
    };
    return cmocka_run_group_tests(t, NULL, NULL);
}
