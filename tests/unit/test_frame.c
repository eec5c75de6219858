/* test_frame.c — the native-messaging frame codec (frame.c) and request handling
 * (protocol.c) in-process. The real binary over pipes: tests/protocol/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "frame.h"
#include "protocol.h"

static FILE *mem(const void *data, size_t n) { return fmemopen((void *)data, n, "rb"); }

static size_t put_frame(char *buf, const char *json) {
    uint32_t n = (uint32_t)strlen(json);
    memcpy(buf, &n, 4);
    memcpy(buf + 4, json, n);
    return n + 4;
}

static void reads_frames_in_order(void **s) {
    char buf[256];
    size_t n = put_frame(buf, "{\"a\":1}");
    n += put_frame(buf + n, "[]");
    FILE *f = mem(buf, n);
    char *b;
    size_t len;
    assert_int_equal(pc_frame_read(f, 1024, &b, &len), PC_FRAME_OK);
    assert_string_equal(b, "{\"a\":1}");
    free(b);
    assert_int_equal(pc_frame_read(f, 1024, &b, &len), PC_FRAME_OK);
    assert_int_equal((int)len, 2);
    free(b);
    assert_int_equal(pc_frame_read(f, 1024, &b, &len), PC_FRAME_EOF);
    fclose(f);
}

static void bad_frames(void **s) {
    char buf[64];
    char *b;
    size_t len;
    uint32_t zero = 0, big = 100, huge = 0xffffffffu;
    memcpy(buf, &zero, 4);
    FILE *f = mem(buf, 4);
    assert_int_equal(pc_frame_read(f, 1024, &b, &len), PC_FRAME_EMPTY);
    fclose(f);
    memcpy(buf, &big, 4);
    memcpy(buf + 4, "{\"x\":", 5);                       /* says 100, has 5 */
    f = mem(buf, 9);
    assert_int_equal(pc_frame_read(f, 1024, &b, &len), PC_FRAME_TRUNCATED);
    assert_null(b);
    fclose(f);
    f = mem("\x01\x00", 2);                               /* half a length */
    assert_int_equal(pc_frame_read(f, 1024, &b, &len), PC_FRAME_TRUNCATED);
    fclose(f);
    memcpy(buf, &huge, 4);                                /* 4 GiB claimed, 4 bytes there */
    f = mem(buf, 8);
    assert_int_equal(pc_frame_read(f, 1024, &b, &len), PC_FRAME_TRUNCATED);
    fclose(f);
    char over[64];                                        /* over the limit: skipped */
    size_t n = put_frame(over, "{\"long\":\"xxxxxxxxxx\"}");
    n += put_frame(over + n, "{}");
    f = mem(over, n);
    assert_int_equal(pc_frame_read(f, 8, &b, &len), PC_FRAME_TOO_LARGE);
    assert_int_equal(pc_frame_read(f, 8, &b, &len), PC_FRAME_OK);
    assert_string_equal(b, "{}");
    free(b);
    fclose(f);
}

static json_t *handle(const char *req) {
    pc_host_opts o = {.max_frame = PC_DEFAULT_MAX_FRAME};
    pc_config_defaults(&o.base);
    char *ans = pc_protocol_handle(req, strlen(req), &o);
    json_t *j = json_loads(ans, 0, NULL);
    assert_non_null(j);
    assert_true(strlen(ans) < PC_MAX_ANSWER);
    free(ans);
    return j;
}

static const char *code(json_t *j) {
    return json_string_value(json_object_get(json_object_get(j, "error"), "code"));
}

static void requests(void **s) {
    json_t *j = handle("{\"id\": 41, \"type\": \"version\"}");
    assert_true(json_is_true(json_object_get(j, "ok")));
    assert_int_equal(json_integer_value(json_object_get(j, "id")), 41);
    json_decref(j);
    /* "From: a@b.example\r\nSubject: hi\r\n\r\nhello\r\n" in base64 */
    j = handle("{\"id\":\"x\",\"type\":\"analyze\",\"raw\":\"RnJvbTogYUBiLmV4YW1wbGUNClN1YmplY3Q6IGhpDQoNCmhlbGxvDQo=\",\"options\":{\"lang\":\"ja\"}}");
    assert_string_equal(json_string_value(json_object_get(j, "id")), "x");
    json_t *rep = json_object_get(j, "report");
    assert_string_equal(json_string_value(json_object_get(rep, "verdict")), "safe");
    assert_string_equal(json_string_value(json_object_get(rep, "lang")), "ja");
    assert_string_equal(json_string_value(json_object_get(json_object_get(rep, "message"), "subject")), "hi");
    json_decref(j);
    j = handle("{\"type\":\"analyze\",\"encoding\":\"binary\",\"raw\":\"Subject: caf\\u00e9\\r\\n\\r\\nx\"}");
    assert_true(json_is_true(json_object_get(j, "ok")));
    json_decref(j);
}

static void request_errors(void **s) {
    struct { const char *req, *code; } c[] = {
        {"{\"type\":", "invalid_json"},
        {"[1,2]", "invalid_request"},
        {"{\"id\":1}", "invalid_request"},
        {"{\"id\":1,\"type\":\"frobnicate\"}", "unknown_type"},
        {"{\"type\":\"analyze\"}", "invalid_request"},
        {"{\"type\":\"analyze\",\"raw\":\"@@@notbase64\"}", "invalid_request"},
        {"{\"type\":\"analyze\",\"raw\":\"x\",\"encoding\":\"rot13\"}", "invalid_request"},
        {"{\"type\":\"analyze\",\"encoding\":\"binary\",\"raw\":\"\\u3042\"}", "invalid_request"},
        {"{\"type\":\"version\",\"type\":\"version\"}", "invalid_json"},
        {"\xff\xfe{}", "invalid_utf8"},
    };
    for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
        json_t *j = handle(c[i].req);
        assert_false(json_is_true(json_object_get(j, "ok")));
        assert_string_equal(code(j), c[i].code);
        json_decref(j);
    }
}

int main(void) {
    const struct CMUnitTest t[] = {
        cmocka_unit_test(reads_frames_in_order), cmocka_unit_test(bad_frames),
        cmocka_unit_test(requests), cmocka_unit_test(request_errors),
    };
    return cmocka_run_group_tests_name("frame+protocol", t, NULL, NULL);
}
