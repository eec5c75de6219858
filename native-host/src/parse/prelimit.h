/* prelimit.h — limits applied to the raw bytes before gmime sees them: header count and
 * size, and MIME parts. gmime builds its whole tree (recursively) before we can walk it,
 * so a bomb must be cut here, not refused after parsing. */
#ifndef PC_PRELIMIT_H
#define PC_PRELIMIT_H
#include <stdbool.h>
#include <stddef.h>

typedef struct {
    size_t max_headers;      /* header fields of the top message kept (default 1000) */
    size_t max_header_bytes; /* bytes kept of one header field (default 64 KiB) */
    size_t max_head_bytes;   /* bytes of the whole header block (default 1 MiB) */
    size_t max_parts;        /* MIME parts before the rest is cut (default 1000) */
} pc_prelimits;

typedef struct {
    char *buf;               /* a trimmed copy (g_malloc'd), or NULL: use the input as is */
    size_t len;              /* length to parse */
    bool headers_cut, parts_cut;
} pc_precut;

/* Measures raw against lim; on excess returns the bytes to parse instead. */
pc_precut pc_prelimit(const char *raw, size_t len, const pc_prelimits *lim);

#endif
