/* charset.h — turns a text part's bytes into UTF-8, whatever its label says. */
#ifndef PC_CHARSET_H
#define PC_CHARSET_H
#include <stddef.h>
#include "util/arena.h"

/* Decodes bytes labelled with charset (may be NULL) into valid UTF-8. Tries the label,
 * then UTF-8, then the Japanese encodings, then windows-1252; never fails. */
char *pc_to_utf8(pc_arena *a, const char *bytes, size_t len, const char *charset);

#endif
