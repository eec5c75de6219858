/* test_speedups.c — the one-pass and hashed look-ups that replaced scans (issue 11) give
 * the answers the scans gave: Aho–Corasick (util/multimatch.c) against strstr, the host
 * index (util/hostindex.c) against pc_host_within over the list, ASCII folding against
 * ICU's, on generated inputs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "parse/url.h"
#include "util/fold.h"
#include "util/hostindex.h"
#include "util/multimatch.h"

static uint32_t seed = 12345;
static uint32_t next(void) { return seed = seed * 1103515245u + 12345u; }

/* A string of n letters from a small alphabet (so that patterns do occur). */
static void random_text(char *out, size_t n, const char *alphabet) {
    size_t k = strlen(alphabet);
    for (size_t i = 0; i < n; i++) out[i] = alphabet[(next() >> 16) % k];
    out[n] = 0;
}

typedef struct { size_t n; size_t *pat, *at; } hits;

static bool record(void *user, size_t pat, const char *text, size_t at) {
    hits *h = user;
    h->pat[h->n] = pat;
    h->at[h->n++] = at;
    return false;
}

/* Every (pattern, position) strstr finds, the automaton reports, and nothing else. */
static void multimatch_equals_strstr(void **s) {
    enum { PATS = 40, LEN = 2000 };
    char *pats[PATS], text[LEN + 1];
    for (int round = 0; round < 20; round++) {
        for (int i = 0; i < PATS; i++) {
            pats[i] = malloc(8);
            random_text(pats[i], 1 + (next() >> 16) % 6, "abc");
        }
        pats[3][0] = 0;                                   /* "" never matches */
        random_text(text, LEN, "abcd");
        pc_multimatch *mm = pc_multimatch_new((const char *const *)pats, PATS);
        hits h = {0, calloc(PATS * LEN, sizeof(size_t)), calloc(PATS * LEN, sizeof(size_t))};
        pc_multimatch_scan(mm, text, record, &h);
        size_t want = 0;
        for (int i = 0; i < PATS; i++) {
            if (!*pats[i]) continue;
            for (const char *p = strstr(text, pats[i]); p; p = strstr(p + 1, pats[i])) {
                want++;
                bool found = false;
                for (size_t k = 0; k < h.n && !found; k++)
                    found = h.pat[k] == (size_t)i && h.at[k] == (size_t)(p - text);
                assert_true(found);
            }
        }
        assert_int_equal(h.n, want);
        pc_multimatch_free(mm);
        free(h.pat);
        free(h.at);
        for (int i = 0; i < PATS; i++) free(pats[i]);
    }
}

static bool stop_at_first(void *user, size_t pat, const char *text, size_t at) {
    *(size_t *)user = at;
    return true;
}

static void multimatch_stops_when_asked(void **s) {
    const char *pats[] = {"needle", "eed"};
    pc_multimatch *mm = pc_multimatch_new(pats, 2);
    size_t at = 0;
    assert_true(pc_multimatch_scan(mm, "hay needle hay", stop_at_first, &at));
    assert_int_equal(at, 5);                              /* "eed" ends first */
    assert_false(pc_multimatch_scan(mm, "no such thing", stop_at_first, &at));
    pc_multimatch_free(mm);
}

/* The first listed domain a host is within, as a scan of the list finds it. */
static size_t scan(const char *const *doms, size_t n, const char *host) {
    for (size_t i = 0; i < n; i++)
        if (pc_host_within(host, doms[i])) return i;
    return PC_HOST_NONE;
}

static void hostindex_equals_scan(void **s) {
    const char *doms[] = {"example.com", "mail.example.com", "co.jp", "example.co.jp",
                          "example.com", "x.y.z", "", ".odd", "a..b", "z"};
    size_t n = sizeof doms / sizeof *doms;
    pc_host_index *x = pc_host_index_new();
    for (size_t i = 0; i < n; i++) pc_host_index_add(x, doms[i], i);
    const char *hosts[] = {"example.com", "www.example.com", "mail.example.com", "xexample.com",
                           "shop.example.co.jp", "co.jp", "w.x.y.z", "y.z", "z", "q.odd",
                           "q..odd", "a..b", "b", "", ".", "example.com."};
    for (size_t i = 0; i < sizeof hosts / sizeof *hosts; i++)
        assert_int_equal(pc_host_index_first(x, hosts[i], NULL, NULL), scan(doms, n, hosts[i]));
    pc_host_index_free(x);
}

static void ascii_folds_as_icu(void **s) {
    pc_arena *a = pc_arena_new();
    char text[64];
    for (int round = 0; round < 2000; round++) {
        random_text(text, 12, "aZ9 !-_.\t\x01~");
        /* With a non-ASCII letter at the end pc_fold takes ICU's path for the same text. */
        char *ascii = pc_fold(a, text), *icu = pc_fold(a, pc_sprintf(a, "%s \xc3\xa9", text));
        size_t k = strlen(ascii);
        assert_memory_equal(ascii, icu, k);
        assert_string_equal(icu + k, k ? " \xc3\xa9" : "\xc3\xa9");
    }
    pc_arena_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(multimatch_equals_strstr),
        cmocka_unit_test(multimatch_stops_when_asked),
        cmocka_unit_test(hostindex_equals_scan),
        cmocka_unit_test(ascii_folds_as_icu),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
