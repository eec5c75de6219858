/* test_rfc2047.c — header text decoding (parse/rfc2047.c): encoded-words split the way
 * real mailers split them, the gmime 3.2.13 padding bug (#133), ISO-2022-JP and Q words,
 * mixed charsets, malformed words, address phrases and RFC 2231 file names — and the
 * same through the whole message parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>
#include "parse/model.h"
#include "parse/rfc2047.h"

static pc_arena *A;
static const char *dec(const char *s) { return pc_header_decode(A, s, strlen(s)); }
static const char *phr(const char *s) { return pc_header_decode_phrase(A, s, strlen(s)); }

static int setup(void **s) { A = pc_arena_new(); return 0; }
static int teardown(void **s) { pc_arena_free(A); return 0; }

#define AUPAY "=?UTF-8?B?44CQYXUgUEFZIOOCq+ODvOODieOAkeOBlOiri+axgumhjeeiuuWumuOBrg==?=\r\n " \
              "=?UTF-8?B?44GK55+l44KJ44Gb?="

/* A base64 word ending in '=' padding followed by another word: nothing may be lost. */
static void padded_words(void **s) {
    assert_string_equal(dec(" " AUPAY "\r\n"), "【au PAY カード】ご請求額確定のお知らせ");
    assert_string_equal(dec("=?utf-8?b?44GK5pSv5omV44GE5oOF5aCx44Gu56K66KqNIA==?= =?utf-8?b?QW1hem9u?="),
                        "お支払い情報の確認 Amazon");
    /* Missing padding is read too. */
    assert_string_equal(dec("=?UTF-8?B?QW1hem9uIA?="), "Amazon");
}

/* A UTF-8 character whose bytes are split over two words ("日本": 4 + 2 bytes). */
static void split_character(void **s) {
    assert_string_equal(dec("=?UTF-8?B?5pel5g==?= =?UTF-8?B?nKw=?="), "日本");
    assert_string_equal(dec("=?UTF-8?Q?=E6=97=A5=E6?=\r\n\t=?UTF-8?Q?=9C=AC?="), "日本");
}

static void iso2022jp(void **s) {
    assert_string_equal(dec("=?ISO-2022-JP?B?GyRCQEE1YT1xJE4bKEI=?= =?ISO-2022-JP?B?GyRCJCpDTiRpJDsbKEI=?="),
                        "請求書のお知らせ");
    assert_string_equal(dec("=?iso-2022-jp?b?GyRCJUYlOSVIGyhC?= 2024"), "テスト 2024");
    /* Microsoft's ISO-2022-JP (NEC row 13: "①") which glibc's ISO-2022-JP refuses. */
    assert_string_equal(dec("=?ISO-2022-JP?B?GyRCLSEbKEI=?="), "①");
    /* Raw (unencoded) ISO-2022-JP and Shift_JIS text in a header. */
    assert_string_equal(dec("\x1b$B%F%9%H\x1b(B abc"), "テスト abc");
    assert_string_equal(dec("\x83\x65\x83\x58\x83\x67"), "テスト");
}

static void q_and_mixed(void **s) {
    assert_string_equal(dec("=?ISO-8859-1?Q?Caf=E9_cr=E8me?="), "Café crème");
    /* Different charsets side by side: the white space between words still goes. */
    assert_string_equal(dec("=?ISO-8859-1?Q?Caf=E9?= =?UTF-8?B?5pel5pys?="), "Café日本");
    /* White space between a word and plain text stays. */
    assert_string_equal(dec("Re: =?utf-8?q?W=C3=B6rld?= now"), "Re: Wörld now");
    assert_string_equal(dec("=?windows-1252?q?=93quoted=94?="), "\u201cquoted\u201d");
    assert_string_equal(dec("=?shift_jis?B?h0A=?="), "①");           /* CP932 extension */
    assert_string_equal(dec("=?UTF-8*ja?Q?=E6=97=A5?="), "日");      /* RFC 2231 language */
}

static void malformed(void **s) {
    assert_string_equal(dec("=?UTF-8?X?abc?= x"), "=?UTF-8?X?abc?= x");       /* no such encoding */
    assert_string_equal(dec("=?UTF-8?B?QW1hem9u"), "=?UTF-8?B?QW1hem9u");   /* unterminated */
    assert_string_equal(dec("=??B?QW1hem9u?="), "=??B?QW1hem9u?=");         /* no charset */
    assert_string_equal(dec("=?UTF-8?Q?a b?="), "=?UTF-8?Q?a b?=");         /* space inside */
    assert_string_equal(dec("=?UTF-8?B?QW1h!!em9u?="), "Amazon");             /* junk skipped */
    assert_string_equal(dec("=?x-no-such-cs?Q?abc?="), "abc");               /* unknown label */
    assert_string_equal(dec("=?UTF-8?Q?Pay=00Pal?="), "PayPal");             /* NUL dropped */
    assert_string_equal(dec("=?UTF-8?Q?a=0D=0Ab?="), "a  b");                /* no new lines */
    assert_string_equal(dec("=?UTF-8?B?QW1hem9u?= =?UTF-8?Z?x?="), "Amazon =?UTF-8?Z?x?=");
    assert_string_equal(dec("price =? 5 ?= ok"), "price =? 5 ?= ok");
    assert_string_equal(dec(""), "");
    assert_non_null(dec("=?UTF-8?B?/////w==?="));                          /* invalid UTF-8 */
}

/* Address headers: a decoded name becomes one quoted phrase; addresses stay as written. */
static void phrases(void **s) {
    assert_string_equal(phr(" =?UTF-8?Q?Doe,_John?= <j@example.com>"), "\"Doe, John\" <j@example.com>");
    assert_string_equal(phr("\"=?UTF-8?Q?a=22b?=\" <x@y.z>"), "\"a\\\"b\" <x@y.z>");
    assert_string_equal(phr("x@y.z (=?UTF-8?Q?a=29?=)"), "x@y.z (a\\))");
    assert_string_equal(phr("<=?UTF-8?Q?x?=@y.z>"), "<=?UTF-8?Q?x?=@y.z>");
    assert_string_equal(phr("=?UTF-8?Q?x?=@y.z"), "=?UTF-8?Q?x?=@y.z");
}

static void params(void **s) {
    assert_string_equal(pc_param_decode(A, "attachment; filename*=UTF-8''%E8%AB%8B%E6%B1%82.pdf", "filename"),
                        "請求.pdf");
    assert_string_equal(pc_param_decode(A, "attachment;\r\n filename*0*=UTF-8''%E8%AB%8B;\r\n filename*1=\".pdf\"",
                                        "filename"), "請.pdf");
    assert_string_equal(pc_param_decode(A, "attachment; filename=\"=?UTF-8?B?6KuL5rGC5pu4LnBkZg==?= "
                                        "=?UTF-8?B?Lmpz?=\"", "filename"), "請求書.pdf.js");
    /* RFC 2047 words cut into RFC 2231 sections (as some Japanese mailers write them). */
    assert_string_equal(pc_param_decode(A, "attachment; filename*0=\"=?UTF-8?B?6KuL5rGC5pu4LnBkZg==?=\";"
                                        " filename*1=\" =?UTF-8?B?Lmpz?=\"", "filename"), "請求書.pdf.js");
    assert_string_equal(pc_param_decode(A, "attachment; filename=plain.txt; size=3", "filename"), "plain.txt");
    assert_string_equal(pc_param_decode(A, "image/png; name=\"a\\\"b.png\"", "name"), "a\"b.png");
    assert_null(pc_param_decode(A, "attachment; size=3", "filename"));
    assert_null(pc_param_decode(A, "attachment; filenamex=a", "filename"));
}

/* Through the whole parser: Subject, display names, file names. */
static void in_message(void **s) {
    const char *raw =
        "From: " AUPAY " <info@example.com>\r\n"
        "Reply-To: =?UTF-8?B?44GK5pSv5omV44GE5oOF5aCx44Gu56K66KqNIA==?= =?UTF-8?B?QW1hem9u?= <r@example.net>\r\n"
        "To: =?UTF-8?Q?Doe,_John?= <j@example.com>, b@example.com\r\n"
        "Subject: " AUPAY "\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
        "--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
        "--b\r\nContent-Type: application/octet-stream\r\n"
        "Content-Disposition: attachment;\r\n filename=\"=?UTF-8?B?6KuL5rGC5pu4LnBkZg==?= =?UTF-8?B?Lmpz?=\"\r\n\r\n"
        "x\r\n--b--\r\n";
    pc_message *m = pc_message_parse(raw, strlen(raw), NULL);
    assert_string_equal(m->subject, "【au PAY カード】ご請求額確定のお知らせ");
    assert_string_equal(pc_msg_header(m, "Subject"), "【au PAY カード】ご請求額確定のお知らせ");
    assert_string_equal(m->from->display, "【au PAY カード】ご請求額確定のお知らせ");
    assert_string_equal(m->from->addr, "info@example.com");
    assert_int_equal(m->n_from, 1);
    assert_string_equal(m->reply_to->display, "お支払い情報の確認 Amazon");
    assert_int_equal(m->to.n, 2);
    assert_string_equal(((pc_addr *)m->to.v[0])->display, "Doe, John");
    assert_int_equal(m->attachments.n, 1);
    assert_string_equal(((pc_attachment *)m->attachments.v[0])->filename, "請求書.pdf.js");
    pc_message_free(m);
}

int main(void) {
    const struct CMUnitTest t[] = {
        cmocka_unit_test(padded_words), cmocka_unit_test(split_character),
        cmocka_unit_test(iso2022jp), cmocka_unit_test(q_and_mixed),
        cmocka_unit_test(malformed), cmocka_unit_test(phrases),
        cmocka_unit_test(params), cmocka_unit_test(in_message),
    };
    return cmocka_run_group_tests(t, setup, teardown);
}
