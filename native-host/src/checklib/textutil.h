/* textutil.h — the text a reader sees, for the content checks (content.c ...). Folding and
 * phrase search are util/fold.h. Not a check (no PC_CHECK here). */
#ifndef PC_TEXTUTIL_H
#define PC_TEXTUTIL_H
#include "checklib/check.h"

/* Subject, display name and visible text, joined with newlines (capped at 256 KiB, cut on
 * a character boundary). */
const char *pc_reader_text(pc_ctx *ctx);

/* A lure phrase (data/lures.tsv, folded once per process): its category and phrase. */
typedef struct { const char *category; const char *phrase; } pc_lure;
/* Every lure phrase; *n gets their number. */
const pc_lure *pc_lures(size_t *n);
/* The lure phrases found in folded text as pc_fold_find finds them, in one pass: their
 * indexes into pc_lures(), ascending (in the arena); *n gets their number. */
const size_t *pc_lures_found(pc_arena *a, const char *folded, size_t *n);
/* The first lure phrase found in folded text (util/fold.h), urgency rows left out unless
 * weak_too; NULL if none. */
const pc_lure *pc_lure_in(const char *folded, bool weak_too);

#endif
