/* test_parse.c — the message model (parse/): headers, Received, Authentication-Results,
 * charsets, HTML, attachments, limits. Messages are built inline for the purpose. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parse/attach.h"
#include "parse/authres.h"
#include "parse/charset.h"
#include "parse/model.h"
#include "parse/received.h"

static pc_message *parse(const char *raw) { return pc_message_parse(raw, strlen(raw), NULL); }
static pc_link *link_at(pc_message *m, size_t i) { return i < m->links.n ? m->links.v[i] : NULL; }

static void received_shapes(void **s) {
    pc_arena *a = pc_arena_new();
    pc_hop *h = pc_received_parse(a, "from Praisemmm (ioooo.japaneast.cloudapp.azure.com [74.226.196.215])\r\n\tby mx.example.jp (Postfix) with ESMTP id X; Wed, 17 Jan 2024 10:12:43 +0900");
    assert_string_equal(h->helo, "Praisemmm");
    assert_string_equal(h->rdns, "ioooo.japaneast.cloudapp.azure.com");
    assert_string_equal(h->ip, "74.226.196.215");
    assert_string_equal(h->by, "mx.example.jp");
    assert_string_equal(h->with, "ESMTP");
    assert_non_null(strstr(h->date, "2024"));
    h = pc_received_parse(a, "from mail-qt1-f178.google.com (209.85.160.178) by X.outlook.com (10.13.30.111) with Microsoft SMTP Server");
    assert_string_equal(h->helo, "mail-qt1-f178.google.com");
    assert_string_equal(h->ip, "209.85.160.178");
    h = pc_received_parse(a, "from host.example.org ([203.0.113.9] helo=fakehelo) by mx.example.jp with esmtp (Exim 4.96)");
    assert_string_equal(h->helo, "fakehelo");
    assert_string_equal(h->rdns, "host.example.org");
    assert_string_equal(h->ip, "203.0.113.9");
    h = pc_received_parse(a, "from unknown (HELO localhost) (198.51.100.7) by mail.example.com with SMTP");
    assert_string_equal(h->helo, "localhost");
    assert_string_equal(h->ip, "198.51.100.7");
    h = pc_received_parse(a, "from [192.168.1.20] by smtp.example.com");
    assert_string_equal(h->ip, "192.168.1.20");
    assert_true(h->ip_private);
    h = pc_received_parse(a, "by mail-qt1-f178.google.com with SMTP id d75a77b69052e");
    assert_null(h->helo);
    assert_string_equal(h->by, "mail-qt1-f178.google.com");
    h = pc_received_parse(a, "(((((((garbage");                     /* no crash, no data */
    assert_null(h->ip);
    pc_arena_free(a);
}

static void private_ips(void **s) {
    assert_true(pc_ip_private("10.1.2.3"));
    assert_true(pc_ip_private("172.20.0.1"));
    assert_false(pc_ip_private("172.32.0.1"));
    assert_true(pc_ip_private("100.64.1.1"));
    assert_true(pc_ip_private("::1"));
    assert_true(pc_ip_private("fd00::5"));
    assert_true(pc_ip_private("::ffff:192.168.0.1"));
    assert_false(pc_ip_private("2603:10b6:510:1b3::9"));
    assert_false(pc_ip_private("159.253.120.237"));
}

static void authres_shapes(void **s) {
    pc_arena *a = pc_arena_new();
    pc_authres *r = pc_authres_parse(a, "mx.example.jp; spf=softfail (not permitted) smtp.mailfrom=info@kagoya.net; dkim=fail header.d=x.com; dkim=pass header.i=@kagoya.jp; dmarc=fail header.from=kagoya.net");
    assert_string_equal(r->authserv_id, "mx.example.jp");
    assert_string_equal(r->spf, "softfail");
    assert_string_equal(r->spf_domain, "kagoya.net");
    assert_string_equal(r->dkim, "pass");
    assert_string_equal(r->dkim_domain, "kagoya.jp");
    assert_string_equal(r->dmarc, "fail");
    assert_string_equal(r->dmarc_from, "kagoya.net");
    r = pc_authres_parse(a, "spf=pass (sender IP is 209.85.160.178) smtp.mailfrom=gmail.com; dkim=pass (signature was verified) header.d=gmail.com;dmarc=pass action=none header.from=gmail.com;compauth=pass reason=100");
    assert_null(r->authserv_id);
    assert_string_equal(r->spf, "pass");
    assert_string_equal(r->dmarc_from, "gmail.com");
    r = pc_authres_parse(a, "mx.example.jp 1; none");
    assert_string_equal(r->authserv_id, "mx.example.jp");
    assert_null(r->spf);
    assert_string_equal(pc_received_spf_result(a, " SoftFail (domain of x) client-ip=1.2.3.4"), "softfail");
    /* A phishcheck gateway's verdict line (checks/org.c): no authentication result. */
    r = pc_authres_parse(a, "MX.Example.jp; x-phishcheck=Dangerous policy.score=185\r\n\tpolicy.flags=sender.brand_impersonation,links.redirector");
    assert_string_equal(r->authserv_id, "mx.example.jp");
    assert_string_equal(r->phishcheck, "dangerous");
    assert_string_equal(r->phishcheck_score, "185");
    assert_string_equal(r->phishcheck_flags, "sender.brand_impersonation,links.redirector");
    assert_true(pc_authres_verdict_only(r));
    r = pc_authres_parse(a, "mx.example.jp; x-phishcheck=safe policy.score=0 policy.flags=; spf=pass smtp.mailfrom=a.jp");
    assert_string_equal(r->phishcheck, "safe");
    assert_null(r->phishcheck_flags);
    assert_false(pc_authres_verdict_only(r));
    pc_arena_free(a);
}

static void charsets(void **s) {
    pc_arena *a = pc_arena_new();
    const char jis[] = "\x1b$B%+%4%d\x1b(B";                 /* カゴヤ in ISO-2022-JP */
    assert_string_equal(pc_to_utf8(a, jis, sizeof jis - 1, "iso-2022-jp"), "カゴヤ");
    assert_string_equal(pc_to_utf8(a, jis, sizeof jis - 1, NULL), "カゴヤ");   /* unlabelled */
    const char sjis[] = "\x83\x4a\x83\x53\x83\x84";           /* カゴヤ in Shift_JIS */
    assert_string_equal(pc_to_utf8(a, sjis, sizeof sjis - 1, "shift_jis"), "カゴヤ");
    assert_string_equal(pc_to_utf8(a, sjis, sizeof sjis - 1, "us-ascii"), "カゴヤ");  /* mislabelled */
    const char euc[] = "\xa5\xab\xa5\xb4\xa5\xe4";
    assert_string_equal(pc_to_utf8(a, euc, sizeof euc - 1, "euc-jp"), "カゴヤ");
    assert_string_equal(pc_to_utf8(a, "caf\xe9", 4, "iso-8859-1"), "café");
    assert_string_equal(pc_to_utf8(a, "caf\xe9", 4, "bogus-charset"), "café");
    char *u = pc_to_utf8(a, "\xff\xfe\x00x", 4, "utf-8");       /* invalid: still valid UTF-8 */
    assert_non_null(u);
    pc_arena_free(a);
}

#define HDRS "From: \"Kagoya\" <info@kagoya.net>\r\nTo: Me <me@example.jp>\r\nSubject: =?UTF-8?B?44OG44K544OI?=\r\nMIME-Version: 1.0\r\n"

static void headers_and_upstream(void **s) {
    pc_message *m = parse(HDRS "Reply-To: other@evil.example\r\nX-Spam: Yes\r\nX-Spam-Score: 49\r\n"
                          "X-MS-Exchange-Organization-SCL: 9\r\nList-Id: <dev.lists.example.org>\r\n"
                          "DKIM-Signature: v=1; a=rsa-sha256; d=Example.COM; s=s1; b=xx\r\n\r\nbody\r\n");
    assert_string_equal(m->subject, "テスト");
    assert_string_equal(m->from->display, "Kagoya");
    assert_string_equal(m->from->domain, "kagoya.net");
    assert_string_equal(m->from->reg, "kagoya.net");
    assert_string_equal(m->reply_to->domain, "evil.example");
    assert_int_equal(m->spam_flag, 1);
    assert_true(m->has_spam_score);
    assert_true(m->spam_score == 49.0);
    assert_int_equal(m->scl, 9);
    assert_string_equal(m->list_id, "<dev.lists.example.org>");
    assert_string_equal(m->dkim_domains.v[0], "example.com");
    assert_int_equal((int)m->to.n, 1);
    pc_message_free(m);
    m = parse(HDRS "X-Spam-Status: No, score=-2.1 required=5.0 tests=ALL_TRUSTED\r\n\r\nx\r\n");
    assert_int_equal(m->spam_flag, 0);
    assert_true(m->spam_score < -2.0 && m->spam_required == 5.0);
    pc_message_free(m);
    m = parse(HDRS "X-Spamd-Result: default: True [15.20 / 15.00]; R_SPF_FAIL(1.00)\r\n\r\nx\r\n");
    assert_int_equal(m->spam_flag, 1);
    assert_true(m->spam_score > 15.1 && m->spam_required == 15.0);
    pc_message_free(m);
}

static void html_links_and_forms(void **s) {
    pc_message *m = parse(HDRS "Content-Type: text/html; charset=utf-8\r\n\r\n"
        "<html><head><style>p{}</style><script>var x=1</script></head><body>"
        "<p>Hello <b>you</b></p><a href=\"https://evil.example/x?u=1&amp;v=2\">https://www.kagoya.jp/</a>"
        "<a href='https://t.example/c'><img src=btn.png alt='Open'></a>"
        "<div style=\"display: none\">hidden words</div>"
        "<form action=\"http://collect.example/post\"><input type=text><input type=password></form>"
        "<meta http-equiv=refresh content=\"0; url=https://refresh.example/\"></body></html>\r\n");
    assert_true(m->has_html);
    assert_int_equal((int)m->links.n, 3);
    pc_link *l = link_at(m, 0);
    assert_string_equal(l->href, "https://evil.example/x?u=1&v=2");
    assert_string_equal(l->text, "https://www.kagoya.jp/");
    assert_string_equal(l->url->host, "evil.example");
    assert_string_equal(l->url->query, "u=1&v=2");
    assert_true(link_at(m, 1)->has_img);
    assert_string_equal(link_at(m, 1)->text, "Open");
    assert_int_equal(link_at(m, 2)->src, PC_LINK_REFRESH);
    assert_int_equal((int)m->forms.n, 1);
    pc_form *f = m->forms.v[0];
    assert_string_equal(f->url->host, "collect.example");
    assert_int_equal(f->n_password, 1);
    assert_non_null(strstr(m->text, "Hello you"));
    assert_null(strstr(m->text, "hidden words"));
    assert_null(strstr(m->text, "var x"));
    pc_message_free(m);
}

static void hidden_html_text(void **s) {
    pc_message *m = parse(HDRS "Content-Type: text/html; charset=utf-8\r\n\r\n"
        "<p>Visible</p><div style=\"font-size:0px\">salad words</div>"
        "<span style='visibility: hidden'>more</span><p style=\"max-height:0\">kept</p>"
        "<p style=\"font-size:10px\">ten</p>\r\n");
    assert_non_null(strstr(m->text, "Visible"));
    assert_non_null(strstr(m->text, "kept"));
    assert_non_null(strstr(m->text, "ten"));
    assert_null(strstr(m->text, "salad"));
    assert_int_equal((int)m->hidden_chars, 15);            /* "salad words" + "more" */
    assert_int_equal((int)m->hidden_letters, 14);
    assert_string_equal(m->hidden_sample, "salad words");
    pc_message_free(m);
}

static void plain_text_urls(void **s) {
    pc_message *m = parse(HDRS "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                          "ログイン: http://sgogoj.com/kagoya/activemail.kagoya?login=me@example.jp。\r\n"
                          "or (www.example.org/path). not a url: http:// nothing\r\n");
    assert_int_equal((int)m->links.n, 2);
    assert_string_equal(link_at(m, 0)->url->host, "sgogoj.com");
    assert_string_equal(link_at(m, 0)->url->query, "login=me@example.jp");
    assert_string_equal(link_at(m, 1)->url->host, "www.example.org");
    assert_int_equal(link_at(m, 0)->src, PC_LINK_TEXT);
    pc_message_free(m);
}

static void attachments(void **s) {
    pc_message *m = parse(HDRS "Content-Type: multipart/mixed; boundary=B\r\n\r\n"
        "--B\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
        "--B\r\nContent-Type: application/octet-stream\r\n"
        "Content-Disposition: attachment; filename*=UTF-8''%E8%AB%8B%E6%B1%82%E6%9B%B8.pdf.exe\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\nTVqQAAMAAAAEAAAA\r\n"
        "--B\r\nContent-Type: text/html; name=\"scan.html\"\r\nContent-Disposition: attachment; filename=\"scan.html\"\r\n\r\n"
        "<html><form action=https://x.example/p><input type=password></form></html>\r\n"
        "--B\r\nContent-Type: message/rfc822\r\n\r\nFrom: a@b.example\r\nSubject: inner\r\n"
        "Content-Type: text/html\r\n\r\n<a href=\"https://inner.example/\">x</a>\r\n"
        "--B--\r\n");
    assert_int_equal((int)m->attachments.n, 3);
    pc_attachment *exe = m->attachments.v[0];
    assert_string_equal(exe->filename, "請求書.pdf.exe");
    assert_string_equal(exe->sniffed_type, "application/x-msdownload");
    assert_int_equal((int)exe->size, 12);
    pc_attachment *html = m->attachments.v[1];
    assert_true(html->html_has_form);
    pc_attachment *inner = m->attachments.v[2];
    assert_string_equal(inner->declared_type, "message/rfc822");
    bool nested_link = false;
    for (size_t i = 0; i < m->links.n; i++)
        if (link_at(m, i)->nested && !strcmp(link_at(m, i)->url->host, "inner.example")) nested_link = true;
    assert_true(nested_link);
    pc_message_free(m);
}

/* sniff(bytes): pc_attach_sniff on an exact-size heap copy (ASan sees any read past it). */
static pc_attachment *sniff(pc_arena *a, const void *bytes, size_t n) {
    pc_attachment *att = pc_alloc(a, sizeof *att);
    unsigned char *d = malloc(n ? n : 1);
    memcpy(d, bytes, n);
    pc_attach_sniff(a, att, d, n);
    free(d);
    return att;
}

/* An OLE directory entry at d: UTF-16LE name, its byte length, type, colour. */
static void ole_entry(unsigned char *d, const char *name, unsigned type) {
    size_t k = strlen(name);
    for (size_t i = 0; i < k; i++) d[2 * i] = (unsigned char)name[i];
    d[64] = (unsigned char)(2 * k + 2);
    d[66] = (unsigned char)type;
    d[67] = 1;
}

/* A VBA project is found by content (parse/attach.c): OLE directory entries at any offset,
 * an OOXML central directory naming vbaProject.bin; truncated and look-alike bytes are not. */
static void vba_by_content(void **s) {
    pc_arena *a = pc_arena_new();
    static const unsigned char ole[8] = {0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1};
    unsigned char d[2048] = {0};
    memcpy(d, ole, 8);
    ole_entry(d + 1000, "_VBA_PROJECT", 2);                   /* unaligned: a cut file */
    assert_true(sniff(a, d, sizeof d)->vba);
    assert_false(sniff(a, d, 1000 + 127)->vba);               /* entry cut short: not read */
    d[1000 + 66] = 1;                                          /* a storage of that name */
    assert_false(sniff(a, d, sizeof d)->vba);
    memset(d + 8, 0, sizeof d - 8);
    ole_entry(d + 512, "VBA", 1);
    assert_true(sniff(a, d, sizeof d)->vba);
    d[512 + 64] = 10;                                          /* wrong name length */
    assert_false(sniff(a, d, sizeof d)->vba);
    memset(d + 8, 0, sizeof d - 8);                            /* the word in a text stream */
    memcpy(d + 600, "_\0V\0B\0A\0_\0P\0R\0O\0J\0E\0C\0T\0 \0", 26);
    assert_false(sniff(a, d, sizeof d)->vba);
    memcpy(d, "PK\x03\x04", 4);                                /* not OLE: not scanned */
    ole_entry(d + 512, "VBA", 1);
    assert_false(sniff(a, d, sizeof d)->vba);

    /* ZIP central directory entries: 46-byte header + name */
    unsigned char z[400] = {0};
    size_t at = 0;
    const char *names[] = {"[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"};
    memcpy(z, "PK\x03\x04", 4);
    at = 40;
    for (int i = 0; i < 3; i++) {
        size_t k = strlen(names[i]);
        memcpy(z + at, "PK\x01\x02", 4);
        z[at + 28] = (unsigned char)k;
        memcpy(z + at + 46, names[i], k);
        at += 46 + k;
    }
    assert_true(sniff(a, z, at)->vba);
    assert_false(sniff(a, z, at - 1)->vba);                    /* last name runs past the end */
    z[40 + 46] = 'x';                                           /* no [Content_Types].xml */
    assert_false(sniff(a, z, at)->vba);
    z[40 + 46] = '[';
    memcpy(z + at - 19, "xvbaProject.bin", 15);               /* another part's name */
    z[at - 19 - 46 + 28] = 15;
    assert_false(sniff(a, z, at - 4)->vba);
    assert_false(sniff(a, "", 0)->vba);
    pc_arena_free(a);
}

static void bomb_is_bounded(void **s) {
    /* 5000 nested multiparts: refused before gmime recurses. */
    size_t n = 5000, cap = n * 80 + 200;
    char *raw = malloc(cap), *p = raw;
    p += sprintf(p, "From: a@b.example\r\nMIME-Version: 1.0\r\n");
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "Content-Type: multipart/mixed; boundary=b%zu\r\n\r\n--b%zu\r\n", i, i);
    p += sprintf(p, "\r\nx\r\n");
    pc_message *m = pc_message_parse(raw, (size_t)(p - raw), NULL);
    assert_true(m->truncated);
    pc_message_free(m);
    /* 60 nested levels: parsed down to the depth limit. */
    p = raw;
    p += sprintf(p, "From: a@b.example\r\nMIME-Version: 1.0\r\n");
    for (size_t i = 0; i < 60; i++)
        p += sprintf(p, "Content-Type: multipart/mixed; boundary=b%zu\r\n\r\n--b%zu\r\n", i, i);
    p += sprintf(p, "Content-Type: text/plain\r\n\r\ndeep\r\n");
    m = pc_message_parse(raw, (size_t)(p - raw), NULL);
    assert_true(m->truncated);
    assert_true(m->max_depth <= 20);
    pc_message_free(m);
    free(raw);
}

static void broken_input(void **s) {
    const char *cases[] = {"", "\r\n\r\n", "garbage without headers", "From:\r\n\r\n",
                           "Content-Type: multipart/mixed; boundary=\"\r\n\r\n--\r\n",
                           "From: <@>\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!!\r\n"};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        pc_message *m = parse(cases[i]);
        assert_non_null(m);
        assert_non_null(m->text);
        pc_message_free(m);
    }
    char bin[256];
    for (int i = 0; i < 256; i++) bin[i] = (char)i;
    pc_message *m = pc_message_parse(bin, sizeof bin, NULL);
    assert_non_null(m);
    pc_message_free(m);
}

int main(void) {
    const struct CMUnitTest t[] = {
        cmocka_unit_test(received_shapes), cmocka_unit_test(private_ips),
        cmocka_unit_test(authres_shapes), cmocka_unit_test(charsets),
        cmocka_unit_test(headers_and_upstream), cmocka_unit_test(html_links_and_forms), cmocka_unit_test(hidden_html_text),
        cmocka_unit_test(plain_text_urls), cmocka_unit_test(attachments), cmocka_unit_test(vba_by_content),
        cmocka_unit_test(bomb_is_bounded), cmocka_unit_test(broken_input),
    };
    return cmocka_run_group_tests_name("parse", t, NULL, NULL);
}
