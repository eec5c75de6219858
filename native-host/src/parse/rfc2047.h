/* rfc2047.h — the one decoder of header text (RFC 2047 encoded-words, raw 8-bit text).
 * gmime 3.2.13 (Debian 12) loses the text after a base64 word ending in '=' padding when
 * another word follows (gmime issue #133): every header value, display name and file name
 * the model holds is decoded here instead, each word on its own, as Thunderbird does. */
#ifndef PC_RFC2047_H
#define PC_RFC2047_H
#include <stdbool.h>
#include <stddef.h>
#include "util/arena.h"

/* Unfolds and decodes a raw header value (unstructured text such as Subject): encoded-
 * words are decoded one by one, white space between adjacent words is dropped and the
 * bytes of adjacent words in one charset are joined before conversion (a character split
 * over two words survives). Raw 8-bit text is converted too (UTF-8, ISO-2022-JP, Shift_JIS
 * guesses). Control characters become spaces (NUL is dropped). Never NULL for non-NULL in. */
char *pc_header_decode(pc_arena *a, const char *raw, size_t len);

/* For address headers (From, To, Reply-To ...): the same decoding, but each run of encoded-
 * words in a phrase becomes a quoted-string (escaped inside quotes and comments), so an
 * address parser sees the decoded display name whole, commas and all. Words inside <...>
 * or next to '@' are left alone. */
char *pc_header_decode_phrase(pc_arena *a, const char *raw, size_t len);

/* The value of MIME parameter name (e.g. "filename") in a raw Content-Disposition or
 * Content-Type value, decoded: RFC 2231 (name*=charset'lang'..., name*0*= sections) and
 * RFC 2047 words in a plain quoted value. NULL when absent. */
char *pc_param_decode(pc_arena *a, const char *raw, const char *name);

#endif
