/* url_host.c — for the URL oracle test (oracle.sh): reads one JSON string (an href) per
 * line on stdin and prints, per line, what pc_url_parse made of it as JSON:
 * {"url":true,"scheme":"https","host":"evil.example"} or {"url":false}. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parse/url.h"

int main(void) {
    char *line = NULL;
    size_t cap = 0;
    for (ssize_t n; (n = getline(&line, &cap, stdin)) > 0;) {
        json_t *in = json_loads(line, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
        pc_arena *a = pc_arena_new();
        pc_url *u = json_is_string(in) ? pc_url_parse(a, json_string_value(in)) : NULL;
        json_t *out = u ? json_pack("{s:b, s:s?, s:s?}", "url", 1, "scheme", u->scheme, "host", u->host)
                        : json_pack("{s:b}", "url", 0);
        char *s = json_dumps(out, JSON_COMPACT);
        puts(s);
        free(s);
        json_decref(out);
        json_decref(in);
        pc_arena_free(a);
    }
    free(line);
    return 0;
}
