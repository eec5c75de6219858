/* fit.h — every answer fits: a report (or an answer holding one) is shrunk until its JSON
 * is under a byte limit (Thunderbird drops host answers over 1 MiB; the CLI's JSON lines
 * are bounded the same way). */
#ifndef PC_FIT_H
#define PC_FIT_H
#include <jansson.h>
#include <stddef.h>

#define PC_MAX_FIELD 1000     /* characters kept of a message field (subject, from ...) */

/* Returns the compact JSON text of `whole` (malloc'd), shrinking `report` (inside whole,
 * or whole itself) until the text is under max bytes: long strings cut, low flags dropped
 * from the lowest score up (counted in flags_omitted) but never the flags the verdict
 * rests on; if even those cannot fit, the report says so (flag limits.answer, verdict
 * suspicious). NULL only when nothing fits (then the caller answers an error). */
char *pc_fit_dump(json_t *whole, json_t *report, size_t max);

/* s cut to at most max characters (UTF-8 boundary), "…" appended when cut; in a new
 * g_malloc'd string, or NULL when s needs no cut. */
char *pc_fit_cut(const char *s, size_t max);

#endif
