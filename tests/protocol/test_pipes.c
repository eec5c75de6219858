/* test_pipes.c — protocol tests against the real binary: starts `phishcheck` the way
 * Thunderbird does (manifest path + extension id) and talks to it through pipes. The
 * binary's path comes from $PHISHCHECK. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <glib.h>
#include <jansson.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct { pid_t pid; FILE *to, *from; } host;

/* Thunderbird passes the path of the (existing) manifest file and the extension id. */
static const char *manifest(void) {
    static char path[64];
    if (path[0]) return path;
    char dir[] = "/tmp/pc-manifest-XXXXXX";
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/phishcheck.json", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("{\"name\": \"phishcheck\", \"type\": \"stdio\"}\n", f);
    fclose(f);
    return path;
}

static host start(const char *extra) {
    const char *mf = manifest();
    int in[2], out[2];
    assert_int_equal(pipe(in), 0);
    assert_int_equal(pipe(out), 0);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[1]);
        close(out[0]);
        const char *bin = getenv("PHISHCHECK");
        if (extra) execl(bin, bin, "--native", extra, (char *)NULL);
        else execl(bin, bin, mf, "phishcheck@phishcheck.org", (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    return (host){pid, fdopen(in[1], "wb"), fdopen(out[0], "rb")};
}

static int stop(host *h) {
    if (h->to) fclose(h->to);
    int st = 0;
    waitpid(h->pid, &st, 0);
    fclose(h->from);
    return st;
}

static void send_raw(host *h, const void *d, size_t n) {
    assert_int_equal(fwrite(d, 1, n, h->to), n);
    fflush(h->to);
}

static void send_frame(host *h, const char *json, size_t n) {
    uint32_t len = (uint32_t)n;
    send_raw(h, &len, 4);
    send_raw(h, json, n);
}

static json_t *answer(host *h, size_t *size) {
    uint32_t n;
    if (fread(&n, 4, 1, h->from) != 1) return NULL;
    assert_true(n < 1024 * 1024);                        /* Thunderbird's limit */
    char *b = malloc(n);
    assert_int_equal(fread(b, 1, n, h->from), n);
    json_t *j = json_loadb(b, n, 0, NULL);
    free(b);
    if (size) *size = n;
    assert_non_null(j);
    return j;
}

static const char *code(json_t *j) {
    return json_string_value(json_object_get(json_object_get(j, "error"), "code"));
}

static char *analyze_request(const char *raw, size_t n, const char *id) {
    gchar *b64 = g_base64_encode((const guchar *)raw, n);
    json_t *req = json_pack("{s:s, s:s, s:s, s:{s:s}}", "id", id, "type", "analyze", "raw", b64,
                            "options", "lang", "ja");
    char *s = json_dumps(req, JSON_COMPACT);
    json_decref(req);
    g_free(b64);
    return s;
}

static void version_like_thunderbird(void **s) {
    host h = start(NULL);
    const char *req = "{\"id\":7,\"type\":\"version\"}";
    send_frame(&h, req, strlen(req));
    json_t *j = answer(&h, NULL);
    assert_int_equal(json_integer_value(json_object_get(j, "id")), 7);
    assert_int_equal(json_integer_value(json_object_get(j, "protocol")), 1);
    json_decref(j);
    assert_int_equal(stop(&h), 0);
}

/* ISO-2022-JP and 8-bit bytes survive base64 and are decoded. */
static void eight_bit_and_iso2022jp(void **s) {
    const char raw[] = "From: =?ISO-2022-JP?B?GyRCJSslNCVkGyhC?= <a@b.example>\r\n"
                       "Subject: \x1b$B%+%4%d\x1b(B\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
                       "Content-Transfer-Encoding: 8bit\r\n\r\ncaf\xe9\r\n";
    host h = start(NULL);
    char *req = analyze_request(raw, sizeof raw - 1, "m1");
    send_frame(&h, req, strlen(req));
    free(req);
    json_t *j = answer(&h, NULL);
    json_t *msg = json_object_get(json_object_get(j, "report"), "message");
    assert_string_equal(json_string_value(json_object_get(msg, "subject")), "カゴヤ");
    assert_non_null(strstr(json_string_value(json_object_get(msg, "from")), "カゴヤ"));
    json_decref(j);
    assert_int_equal(stop(&h), 0);
}

/* options.gateway_id names the organisation's gateway: its trusted verdict line becomes
 * the report's "organisation" section and sets the verdict's floor; without it, no section. */
static void organisation_verdict(void **s) {
    const char raw[] =
        "Received: from mx.example.jp (localhost [127.0.0.1]) by mx.example.jp with ESMTP id 1\r\n"
        "Authentication-Results: mx.example.jp; x-phishcheck=suspicious policy.score=40 policy.flags=a.b,c.d\r\n"
        "X-Phishcheck: suspicious; score=40; flags=a.b,c.d\r\n"
        "Received: from mail.shop.example (mail.shop.example [203.0.113.9]) by mx.example.jp with ESMTP id 2\r\n"
        "From: <info@shop.example>\r\nTo: <me@example.jp>\r\nSubject: hello\r\n\r\nhello\r\n";
    host h = start(NULL);
    gchar *b64 = g_base64_encode((const guchar *)raw, sizeof raw - 1);
    for (int with = 0; with < 2; with++) {
        json_t *req = json_pack("{s:i, s:s, s:s, s:{s:s}}", "id", with, "type", "analyze", "raw", b64,
                                "options", "gateway_id", with ? "MX.example.jp" : "");
        char *t = json_dumps(req, JSON_COMPACT);
        send_frame(&h, t, strlen(t));
        free(t);
        json_decref(req);
        json_t *j = answer(&h, NULL), *r = json_object_get(j, "report");
        json_t *org = json_object_get(r, "organisation");
        if (!with) {
            assert_null(org);
            assert_string_equal(json_string_value(json_object_get(r, "verdict")), "safe");
        } else {
            assert_string_equal(json_string_value(json_object_get(org, "server")), "mx.example.jp");
            assert_string_equal(json_string_value(json_object_get(org, "verdict")), "suspicious");
            assert_int_equal(json_integer_value(json_object_get(org, "score")), 40);
            assert_int_equal(json_array_size(json_object_get(org, "flags")), 2);
            assert_string_equal(json_string_value(json_object_get(org, "local_verdict")), "safe");
            assert_string_equal(json_string_value(json_object_get(r, "verdict")), "suspicious");
            assert_string_equal(json_string_value(json_object_get(json_object_get(r, "settings"), "gateway_id")),
                                "MX.example.jp");
        }
        json_decref(j);
    }
    g_free(b64);
    /* A gateway line out of bounds (20,000 ids, a score past any integer): a bounded section. */
    GString *big = g_string_new("Authentication-Results: mx.example.jp; x-phishcheck=dangerous "
                                "policy.score=999999999999999999999999 policy.flags=");
    for (int i = 0; i < 20000; i++) g_string_append_printf(big, "%sx.f%d", i ? "," : "", i);
    g_string_append(big, "\r\nReceived: from a (a [203.0.113.9]) by mx.example.jp with ESMTP id 3\r\n"
                         "From: <a@shop.example>\r\n\r\nhi\r\n");
    b64 = g_base64_encode((const guchar *)big->str, big->len);
    g_string_free(big, TRUE);
    json_t *req = json_pack("{s:i, s:s, s:s, s:{s:s}}", "id", 3, "type", "analyze", "raw", b64,
                            "options", "gateway_id", "mx.example.jp");
    char *t = json_dumps(req, JSON_COMPACT);
    send_frame(&h, t, strlen(t));
    free(t);
    json_decref(req);
    g_free(b64);
    json_t *j = answer(&h, NULL), *org = json_object_get(json_object_get(j, "report"), "organisation");
    assert_string_equal(json_string_value(json_object_get(org, "verdict")), "dangerous");
    assert_true(json_array_size(json_object_get(org, "flags")) <= 64);
    assert_true(json_is_integer(json_object_get(org, "score")));
    json_decref(j);
    assert_int_equal(stop(&h), 0);
}

/* A request whose attachment bodies the extension cut (`cut`): the report says so in
 * limits.cut; a whole message has no limits.cut. Sent as `binary`, as the extension does. */
static void cut_marked_in_report(void **s) {
    host h = start(NULL);
    const char *reqs[] = {
        "{\"id\":\"c1\",\"type\":\"analyze\",\"encoding\":\"binary\",\"raw\":"
        "\"From: a@b.example\\r\\nSubject: x\\r\\n\\r\\nhi\\r\\n\",\"cut\":{\"parts\":2,\"bytes\":123456}}",
        "{\"id\":\"c2\",\"type\":\"analyze\",\"encoding\":\"binary\",\"raw\":"
        "\"From: a@b.example\\r\\nSubject: x\\r\\n\\r\\nhi\\r\\n\"}",
    };
    for (int i = 0; i < 2; i++) {
        send_frame(&h, reqs[i], strlen(reqs[i]));
        json_t *j = answer(&h, NULL);
        json_t *cut = json_object_get(json_object_get(json_object_get(j, "report"), "limits"), "cut");
        if (i == 0) {
            assert_int_equal(json_integer_value(json_object_get(cut, "parts")), 2);
            assert_int_equal(json_integer_value(json_object_get(cut, "bytes")), 123456);
        } else {
            assert_null(cut);
        }
        json_decref(j);
    }
    assert_int_equal(stop(&h), 0);
}

/* Every bad frame gets a JSON error and the host goes on serving. */
static void keeps_serving_after_errors(void **s) {
    host h = start("--max-frame=2000");
    uint32_t zero = 0;
    send_raw(&h, &zero, 4);
    struct { const char *req; const char *code; } c[] = {
        {"{\"id\":1,\"type\":", "invalid_json"},
        {"{\"id\":2,\"type\":\"nope\"}", "unknown_type"},
        {"\"just a string\"", "invalid_request"},
        {"{\"id\":3,\"type\":\"analyze\",\"raw\":42}", "invalid_request"},
        {"{\"id\":4,\"type\":\"analyze\",\"raw\":\"%%%\"}", "invalid_request"},
    };
    json_t *j = answer(&h, NULL);
    assert_string_equal(code(j), "empty_frame");
    json_decref(j);
    for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
        send_frame(&h, c[i].req, strlen(c[i].req));
        j = answer(&h, NULL);
        assert_string_equal(code(j), c[i].code);
        json_decref(j);
    }
    send_frame(&h, "{\"x\":\"\xc3\x28\"}", 9);           /* invalid UTF-8 */
    j = answer(&h, NULL);
    assert_string_equal(code(j), "invalid_utf8");
    json_decref(j);
    char big[5000];
    memset(big, ' ', sizeof big);
    memcpy(big, "{\"type\":\"version\"", 17);
    big[sizeof big - 1] = '}';
    send_frame(&h, big, sizeof big);                        /* over --max-frame */
    j = answer(&h, NULL);
    assert_string_equal(code(j), "too_large");
    json_decref(j);
    send_frame(&h, "{\"id\":9,\"type\":\"version\"}", 25);  /* still alive */
    j = answer(&h, NULL);
    assert_true(json_is_true(json_object_get(j, "ok")));
    json_decref(j);
    assert_int_equal(stop(&h), 0);
}

static void truncated_frame_ends_cleanly(void **s) {
    host h = start(NULL);
    uint32_t n = 500;
    send_raw(&h, &n, 4);
    send_raw(&h, "{\"type\"", 7);
    fclose(h.to);
    h.to = NULL;
    json_t *j = answer(&h, NULL);
    assert_string_equal(code(j), "truncated_frame");
    json_decref(j);
    assert_int_equal(stop(&h), 0);
}

static void message_size_limit(void **s) {
    host h = start("--max-message=1000");
    char raw[2000];
    memset(raw, 'a', sizeof raw);
    memcpy(raw, "Subject: x\r\n\r\n", 14);
    char *req = analyze_request(raw, sizeof raw, "big");
    send_frame(&h, req, strlen(req));
    free(req);
    json_t *j = answer(&h, NULL);
    assert_string_equal(code(j), "message_too_large");
    assert_string_equal(json_string_value(json_object_get(j, "id")), "big");
    json_decref(j);
    assert_int_equal(stop(&h), 0);
}

/* A 6 MB message with 20,000 links: answered, and the answer stays under 1 MiB. */
static void large_message_small_answer(void **s) {
    GString *m = g_string_new("From: \"Support\" <x@y.example>\r\nSubject: big\r\n"
                              "Content-Type: text/html; charset=utf-8\r\n\r\n<html><body>");
    for (int i = 0; i < 20000; i++)
        g_string_append_printf(m, "<a href=\"http://198.51.100.%d/login?id=%d\">https://www.paypal.com/%d</a>\n",
                               i % 250, i, i);
    while (m->len < 6 * 1024 * 1024) g_string_append(m, "<p>padding text padding text</p>\n");
    g_string_append(m, "</body></html>\r\n");
    host h = start(NULL);
    char *req = analyze_request(m->str, m->len, "large");
    send_frame(&h, req, strlen(req));
    free(req);
    size_t size = 0;
    json_t *j = answer(&h, &size);
    assert_true(json_is_true(json_object_get(j, "ok")));
    assert_true(size < 1000 * 1000);
    json_decref(j);
    g_string_free(m, TRUE);
    assert_int_equal(stop(&h), 0);
}

static json_t *analyze_answer(host *h, const char *raw, size_t n, size_t *size) {
    char *req = analyze_request(raw, n, "h");
    send_frame(h, req, strlen(req));
    free(req);
    return answer(h, size);
}

static bool has_flag(json_t *ans, const char *id) {
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(json_object_get(ans, "report"), "flags"), i, f)
        if (!strcmp(json_string_value(json_object_get(f, "id")), id)) return true;
    return false;
}

static const char *verdict(json_t *ans) {
    return json_string_value(json_object_get(json_object_get(ans, "report"), "verdict"));
}

static void still_serving(host *h) {
    send_frame(h, "{\"id\":9,\"type\":\"version\"}", 25);
    json_t *j = answer(h, NULL);
    assert_true(json_is_true(json_object_get(j, "ok")));
    json_decref(j);
}

/* A message past the time budget: killed, answered with limits.time, the host serves on. */
static void time_budget(void **s) {
    GString *m = g_string_new("From: a@b.example\r\nSubject: slow\r\n"      /* ~1 s of work */
                              "Content-Type: multipart/mixed; boundary=b\r\n\r\n");
    for (int part = 0; part < 12; part++) {
        g_string_append(m, "--b\r\nContent-Type: text/html\r\n\r\n");
        for (int i = 0; i < 10000; i++)
            g_string_append_printf(m, "<p>text <a href=\"http://x%d.example/%d\">x</a></p>\n", i % 97, i);
    }
    host h = start("--time-limit=1");
    json_t *j = analyze_answer(&h, m->str, m->len, NULL);
    assert_true(has_flag(j, "limits.time"));
    assert_string_equal(verdict(j), "suspicious");
    assert_string_equal(json_string_value(json_object_get(json_object_get(json_object_get(j, "report"), "message"), "subject")), "slow");
    json_decref(j);
    still_serving(&h);
    j = analyze_answer(&h, "Subject: small\r\n\r\nhello\r\n", 24, NULL);   /* a new worker */
    assert_true(json_is_true(json_object_get(j, "ok")));     /* (1 ms may not do for it) */
    assert_true(!strcmp(verdict(j), "safe") || has_flag(j, "limits.time"));
    json_decref(j);
    g_string_free(m, TRUE);
    assert_int_equal(stop(&h), 0);
}

/* Past the memory budget (not under ASan, which cannot limit address space). */
static void memory_budget(void **s) {
    if (getenv("PC_TEST_SANITIZED")) skip();
    GString *m = g_string_new("From: a@b.example\r\nSubject: big\r\nContent-Type: text/html\r\n\r\n");
    while (m->len < 8 * 1024 * 1024) g_string_append(m, "<p>some text <a href=\"http://x.example/\">x</a></p>\n");
    host h = start("--memory-limit=4");
    json_t *j = analyze_answer(&h, m->str, m->len, NULL);
    assert_true(has_flag(j, "limits.memory"));
    assert_string_equal(verdict(j), "suspicious");
    json_decref(j);
    still_serving(&h);
    g_string_free(m, TRUE);
    assert_int_equal(stop(&h), 0);
}

/* The host's worker process (its child), or 0 if none appears within 5 s. */
static pid_t worker_of(pid_t host_pid) {
    for (int tries = 0; tries < 500; tries++) {
        GDir *d = g_dir_open("/proc", 0, NULL);
        pid_t found = 0;
        for (const char *e; d && !found && (e = g_dir_read_name(d));) {
            char path[64], *stat = NULL;
            snprintf(path, sizeof path, "/proc/%s/stat", e);
            if (!g_ascii_isdigit(e[0]) || !g_file_get_contents(path, &stat, NULL, NULL)) continue;
            const char *close = strrchr(stat, ')');   /* "pid (comm) state ppid ..." */
            int ppid = 0;
            if (close && sscanf(close + 1, " %*c %d", &ppid) == 1 && ppid == host_pid) found = atoi(e);
            g_free(stat);
        }
        if (d) g_dir_close(d);
        if (found) return found;
        g_usleep(10000);
    }
    return 0;
}

/* A worker that dies under its budget (killed from outside while it reads a slow message):
 * that message is answered with limits.crash, the host serves on with a new worker. */
static void worker_crash(void **s) {
    GString *m = g_string_new("From: a@b.example\r\nSubject: dies\r\n"      /* ~1 s of work */
                              "Content-Type: multipart/mixed; boundary=b\r\n\r\n");
    for (int part = 0; part < 12; part++) {
        g_string_append(m, "--b\r\nContent-Type: text/html\r\n\r\n");
        for (int i = 0; i < 10000; i++)
            g_string_append_printf(m, "<p>text <a href=\"http://x%d.example/%d\">x</a></p>\n", i % 97, i);
    }
    host h = start("--time-limit=60000");
    char *req = analyze_request(m->str, m->len, "h");
    send_frame(&h, req, strlen(req));
    free(req);
    pid_t w = worker_of(h.pid);
    assert_true(w > 0);
    assert_int_equal(kill(w, SIGTERM), 0);
    json_t *j = answer(&h, NULL);
    assert_true(has_flag(j, "limits.crash"));
    assert_string_equal(verdict(j), "suspicious");
    json_decref(j);
    j = analyze_answer(&h, "Subject: small\r\n\r\nhello\r\n", 24, NULL);   /* a new worker */
    assert_string_equal(verdict(j), "safe");
    assert_false(has_flag(j, "limits.crash"));
    json_decref(j);
    g_string_free(m, TRUE);
    assert_int_equal(stop(&h), 0);
}

/* Huge header values: the answer fits and says the headers were cut. */
static void huge_fields_fit(void **s) {
    GString *m = g_string_new("From: \"");
    for (int i = 0; i < 1000000; i++) g_string_append_c(m, 'x');
    g_string_append(m, "\" <a@b.example>\r\nSubject: ");
    for (int i = 0; i < 1000000; i++) g_string_append(m, "\xe3\x81\x82");
    g_string_append(m, "\r\nMessage-ID: <");
    for (int i = 0; i < 1000000; i++) g_string_append_c(m, 'm');
    g_string_append(m, "@b.example>\r\n\r\nhttp://203.0.113.9/login\r\n");
    host h = start(NULL);
    size_t size = 0;
    json_t *j = analyze_answer(&h, m->str, m->len, &size);
    assert_true(size < 1000 * 1000);
    assert_true(has_flag(j, "limits.headers"));
    const char *subj = json_string_value(json_object_get(json_object_get(json_object_get(j, "report"), "message"), "subject"));
    assert_true(g_utf8_strlen(subj, -1) <= 1001);
    json_decref(j);
    g_string_free(m, TRUE);
    assert_int_equal(stop(&h), 0);
}

/* A 2 MB id is not echoed; odd base64 and a type with a NUL are refused. */
static void strict_requests(void **s) {
    host h = start(NULL);
    GString *req = g_string_new("{\"type\":\"version\",\"id\":\"");
    for (int i = 0; i < 2 * 1024 * 1024; i++) g_string_append_c(req, 'i');
    g_string_append(req, "\"}");
    send_frame(&h, req->str, req->len);
    size_t size = 0;
    json_t *j = answer(&h, &size);
    assert_true(size < 1000);
    assert_string_equal(code(j), "invalid_request");
    assert_true(json_is_null(json_object_get(j, "id")));
    json_decref(j);
    struct { const char *req, *code; } c[] = {
        {"{\"id\":1,\"type\":\"analyze\",\"raw\":\"QUJD=\"}", "invalid_request"},
        {"{\"id\":2,\"type\":\"analyze\",\"raw\":\"QUI=\"}", NULL},
        {"{\"id\":3,\"type\":\"analyze\",\"raw\":\"QUJ=\"}", "invalid_request"},
        {"{\"id\":4,\"type\":\"version\\u0000x\"}", "unknown_type"},
        {"{\"id\":5,\"type\":\"analyze\",\"raw\":\"QU=I\"}", "invalid_request"},
    };
    for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
        send_frame(&h, c[i].req, strlen(c[i].req));
        j = answer(&h, NULL);
        if (c[i].code) assert_string_equal(code(j), c[i].code);
        else assert_true(json_is_true(json_object_get(j, "ok")));
        json_decref(j);
    }
    g_string_free(req, TRUE);
    assert_int_equal(stop(&h), 0);
}

int main(void) {
    signal(SIGPIPE, SIG_IGN);
    if (!getenv("PHISHCHECK")) { fprintf(stderr, "set PHISHCHECK to the binary\n"); return 2; }
    const struct CMUnitTest t[] = {
        cmocka_unit_test(version_like_thunderbird), cmocka_unit_test(eight_bit_and_iso2022jp),
        cmocka_unit_test(keeps_serving_after_errors), cmocka_unit_test(truncated_frame_ends_cleanly),
        cmocka_unit_test(message_size_limit), cmocka_unit_test(large_message_small_answer),
        cmocka_unit_test(cut_marked_in_report), cmocka_unit_test(organisation_verdict),
        cmocka_unit_test(time_budget), cmocka_unit_test(memory_budget), cmocka_unit_test(worker_crash),
        cmocka_unit_test(huge_fields_fit), cmocka_unit_test(strict_requests),
    };
    return cmocka_run_group_tests_name("protocol over pipes", t, NULL, NULL);
}
