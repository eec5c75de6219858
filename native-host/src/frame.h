/* frame.h — native-messaging framing: a 4-byte native-endian length, then that many
 * bytes of JSON. Reading never trusts the length: oversized frames are skipped. */
#ifndef PC_FRAME_H
#define PC_FRAME_H
#include <stddef.h>
#include <stdio.h>

typedef enum {
    PC_FRAME_OK,         /* *buf holds *len bytes (malloc'd, NUL-terminated) */
    PC_FRAME_EOF,        /* input ended cleanly between frames */
    PC_FRAME_EMPTY,      /* a zero-length frame */
    PC_FRAME_TOO_LARGE,  /* over max: its bytes were read and dropped */
    PC_FRAME_TRUNCATED   /* input ended inside a frame */
} pc_frame_status;

pc_frame_status pc_frame_read(FILE *in, size_t max, char **buf, size_t *len);
/* Writes one frame and flushes; 0 on success. */
int pc_frame_write(FILE *out, const char *data, size_t len);

#endif
