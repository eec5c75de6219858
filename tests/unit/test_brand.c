/* test_brand.c — the brand table (brand.c) and text folding (util/fold.c): names found
 * in text, domains owned, and the ways a foreign domain imitates a brand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>
#include "checklib/brand.h"
#include "util/fold.h"

static pc_arena *A;

static void folds_width_case_and_punctuation(void **s) {
    assert_string_equal(pc_fold(A, "Kagoya Active! Mail"), "kagoya active mail");
    assert_string_equal(pc_fold(A, "ＫＡＧＯＹＡ　サポート"), "kagoya サポート");
    assert_string_equal(pc_fold(A, "Mcafee™"), "mcafee");
    assert_string_equal(pc_fold(A, "  "), "");
    assert_string_equal(pc_skeleton(A, "paypa1"), pc_skeleton(A, "paypal"));
    assert_string_equal(pc_skeleton(A, "amaz0n"), pc_skeleton(A, "amazon"));
    assert_string_equal(pc_skeleton(A, "p\xd0\xb0ypal"), pc_skeleton(A, "paypal"));
}

/* Zero-width characters inside a word vanish where no script needs them ("sus\u200Bpended",
 * "アカウント\u200B停止", "Ver\u00ADsicherung"); they stay a word break where the script writes them
 * (Persian ZWNJ, Devanagari ZWJ/ZWNJ, Thai ZWSP between words) or at a word's end, and an
 * emoji ZWJ sequence is no word at all. */
static void folds_away_zero_width_inside_words(void **s) {
    assert_string_equal(pc_fold(A, "sus\xe2\x80\x8bpended"), "suspended");
    assert_string_equal(pc_fold(A, "Pa\xe2\x80\x8cyP\xe2\x80\x8d" "al \xe2\x81\xa0ID"), "paypal id");
    assert_string_equal(pc_fold(A, "ver\xe2\x80\x8b\xe2\x80\x8b\xef\xbb\xbfify"), "verify");
    assert_string_equal(pc_fold(A, "Ver\xc2\xadsiche\xc2\xadrung"), "versicherung");
    assert_string_equal(pc_fold(A, "\xe3\x82\xa2\xe3\x82\xab\xe3\x82\xa6\xe3\x83\xb3\xe3\x83\x88"
                                   "\xe2\x80\x8b\xe5\x81\x9c\xe6\xad\xa2"),
                        "\xe3\x82\xa2\xe3\x82\xab\xe3\x82\xa6\xe3\x83\xb3\xe3\x83\x88\xe5\x81\x9c\xe6\xad\xa2");
    assert_string_equal(pc_fold(A, "Sale\xe2\x80\x8c\xe2\x80\x8c now"), "sale now");
    /* Persian "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645" (I want): the ZWNJ stays a break */
    assert_string_equal(pc_fold(A, "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae\xd9\x88\xd8\xa7\xd9\x87\xd9\x85"),
                        "\xd9\x85\xdb\x8c \xd8\xae\xd9\x88\xd8\xa7\xd9\x87\xd9\x85");
    /* Devanagari \u0915\u094D\u200D\u0937: ZWJ after a virama stays a break */
    assert_string_equal(pc_fold(A, "\xe0\xa4\x95\xe0\xa5\x8d\xe2\x80\x8d\xe0\xa4\xb7"),
                        "\xe0\xa4\x95\xe0\xa5\x8d \xe0\xa4\xb7");
    /* Thai words separated by ZWSP (\u0E44\u0E17\u0E22 \u200B \u0E20\u0E32\u0E29\u0E32) */
    assert_string_equal(pc_fold(A, "\xe0\xb9\x84\xe0\xb8\x97\xe0\xb8\xa2\xe2\x80\x8b\xe0\xb8\xa0\xe0\xb8\xb2\xe0\xb8\xa9\xe0\xb8\xb2"),
                        "\xe0\xb9\x84\xe0\xb8\x97\xe0\xb8\xa2 \xe0\xb8\xa0\xe0\xb8\xb2\xe0\xb8\xa9\xe0\xb8\xb2");
    /* family emoji (man ZWJ woman ZWJ girl) between words */
    assert_string_equal(pc_fold(A, "our \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 trip"),
                        "our trip");
}

static void finds_whole_words_only(void **s) {
    assert_non_null(pc_fold_find("ana mileage", "ana"));
    assert_null(pc_fold_find("banana split", "ana"));
    assert_non_null(pc_fold_find("paypalアカウント", "paypal"));
}

static const char *named(const char *text) {
    const pc_brand *b = pc_brand_named(A, text);
    return b ? b->name : "";
}

static void names_brands_in_text(void **s) {
    assert_string_equal(named("Kagoya Active! Mail"), "KAGOYA");
    assert_string_equal(named("いつもカゴヤジャパンをご利用いただき"), "KAGOYA");
    assert_string_equal(named("Microsoft account team ,_"), "Microsoft");
    assert_string_equal(named("【三井住友カード】ご利用確認"), "三井住友カード");
    assert_string_equal(named("Amazon Visa Zinia"), "Amazon");
    assert_string_equal(named("Taro Sagawa"), "");
    assert_string_equal(named("Mizuho Tanaka"), "");
    assert_string_equal(named("sign-ups and follow-ups"), "");
}

static void knows_owned_domains(void **s) {
    const pc_brand *b = pc_brand_owner(A, "mail.kagoya.jp");
    assert_non_null(b);
    assert_string_equal(b->name, "KAGOYA");
    assert_null(pc_brand_owner(A, "kagoya.net"));
    assert_non_null(pc_brand_owner(A, "www.amazon.co.jp"));
    assert_non_null(pc_brand_owner(A, "amazon.pl"));
    assert_null(pc_brand_owner(A, "amazon.xyz"));
    assert_true(pc_brand_owns(A, b, "kagoya.com"));
}

static void look(const char *host, const char *brand, pc_look kind) {
    pc_lookalike l = pc_brand_lookalike(A, host);
    if (l.kind != kind) fail_msg("%s: %s, want %s", host, pc_look_name(l.kind), pc_look_name(kind));
    if (brand) assert_string_equal(l.brand->name, brand);
}

static void spots_lookalike_domains(void **s) {
    look("kagoya.net", "KAGOYA", PC_LOOK_SUFFIX);
    look("amazon-co-jp.xyz", "Amazon", PC_LOOK_EMBEDS);
    look("paypal.com.secure-login.net", "PayPal", PC_LOOK_EMBEDS);
    look("kagoyamail.com", "KAGOYA", PC_LOOK_EMBEDS);
    look("paypa1.com", "PayPal", PC_LOOK_CONFUSABLE);
    look("rnicrosoft-support.com", "Microsoft", PC_LOOK_CONFUSABLE);
    look("xn--pypal-4ve.com", "PayPal", PC_LOOK_CONFUSABLE);      /* pаypal, Cyrillic а */
    look("rakutem.co.jp", "楽天", PC_LOOK_TYPO);
    look("finance.com", NULL, PC_LOOK_NONE);
    look("kagoya.jp", NULL, PC_LOOK_NONE);
    look("aica-interior.co.jp", NULL, PC_LOOK_NONE);
    look("192.0.2.1", NULL, PC_LOOK_NONE);
    look("example.com", NULL, PC_LOOK_NONE);
}

int main(void) {
    A = pc_arena_new();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(folds_width_case_and_punctuation),
        cmocka_unit_test(folds_away_zero_width_inside_words),
        cmocka_unit_test(finds_whole_words_only),
        cmocka_unit_test(names_brands_in_text),
        cmocka_unit_test(knows_owned_domains),
        cmocka_unit_test(spots_lookalike_domains),
    };
    int r = cmocka_run_group_tests_name("brand", tests, NULL, NULL);
    pc_arena_free(A);
    return r;
}
