/* frame.c — see frame.h. The body is read in chunks into a buffer that grows as bytes
 * really arrive, so a lying length costs nothing until the bytes exist. */
#include "frame.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t read_full(FILE *in, void *p, size_t n) {
    size_t got = 0;
    while (got < n) {
        size_t r = fread((char *)p + got, 1, n - got, in);
        if (!r) break;
        got += r;
    }
    return got;
}

static pc_frame_status skip(FILE *in, size_t n) {
    char scratch[65536];
    while (n) {
        size_t k = n < sizeof scratch ? n : sizeof scratch;
        if (read_full(in, scratch, k) != k) return PC_FRAME_TRUNCATED;
        n -= k;
    }
    return PC_FRAME_TOO_LARGE;
}

pc_frame_status pc_frame_read(FILE *in, size_t max, char **buf, size_t *len) {
    uint32_t n;
    *buf = NULL;
    *len = 0;
    size_t h = read_full(in, &n, sizeof n);
    if (h == 0) return PC_FRAME_EOF;
    if (h < sizeof n) return PC_FRAME_TRUNCATED;
    if (n == 0) return PC_FRAME_EMPTY;
    if (n > max) return skip(in, n);
    size_t cap = n < 65536 ? n : 65536, got = 0;
    char *b = malloc(cap + 1);
    while (b && got < n) {
        if (got == cap) {
            cap = cap * 2 < n ? cap * 2 : n;
            char *nb = realloc(b, cap + 1);
            if (!nb) { free(b); b = NULL; break; }
            b = nb;
        }
        size_t r = read_full(in, b + got, cap - got);
        got += r;
        if (got < cap) break;                 /* input ended */
    }
    if (!b) return skip(in, n - got);
    if (got < n) { free(b); return PC_FRAME_TRUNCATED; }
    b[n] = 0;
    *buf = b;
    *len = n;
    return PC_FRAME_OK;
}

int pc_frame_write(FILE *out, const char *data, size_t len) {
    uint32_t n = (uint32_t)len;
    if (fwrite(&n, sizeof n, 1, out) != 1 || fwrite(data, 1, len, out) != len) return -1;
    return fflush(out);
}
