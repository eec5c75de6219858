/* fuzz_url.c — libFuzzer target: URL parsing and host normalisation. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "parse/url.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    pc_arena *a = pc_arena_new();
    char *s = pc_strndup(a, (const char *)data, size);
    pc_url *u = pc_url_parse(a, s);
    if (u && u->host) {
        pc_host_private_suffix(u->host);
        pc_host_unicode(a, u->host);
    }
    pc_url_decode(a, s, true);
    pc_host_ascii(a, s);
    pc_arena_free(a);
    return 0;
}
