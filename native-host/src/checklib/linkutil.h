/* linkutil.h — helpers the link checks share (links.c, redirect.c, forms.c ...): where a
 * link really leads once redirectors are unwrapped, host lookups in the data lists, and
 * "does this string carry the recipient's address?". Not a check (no PC_CHECK here). */
#ifndef PC_LINKUTIL_H
#define PC_LINKUTIL_H
#include <stdbool.h>
#include "checklib/check.h"

/* Where a link leads. hops counts unwrapped redirects; via is the first redirector met
 * (NULL if none; a listed host whose target cannot be read is via with hops 0) and
 * via_kind its redirectors.tsv kind ("open", "esp", "wrapper",
 * "shortener", or "param" for an unlisted host carrying a URL in its query). */
typedef struct {
    const pc_url *final;     /* the last URL found (the link's own when nothing unwraps) */
    const pc_url *via;
    const char *via_kind;
    int hops;
} pc_target;

pc_target pc_link_target(pc_ctx *ctx, const pc_url *u);

/* The kind column of the first row of data file `table` whose host (and optional
 * "/path" prefix) matches this URL: host equal or a subdomain. NULL if none. Col: the
 * column to return (1 = kind). */
const char *pc_url_listed(const pc_url *u, const char *table, int col);

/* True when s (a URL or part of it) contains the recipient's address: plain,
 * percent-encoded or base64 (any of the three alignments). */
bool pc_has_recipient(pc_ctx *ctx, const char *s);

/* The sender's registrable domain (From), NULL if unknown. */
const char *pc_sender_reg(const pc_ctx *ctx);

/* True for links a reader clicks: <a>, <area>, URLs in plain text and forms (no images). */
bool pc_link_clickable(const pc_link *l);

/* Case-insensitive ASCII substring search. */
const char *pc_strcasestr(const char *hay, const char *needle);

#endif
