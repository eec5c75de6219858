/* textutil.h — the text a reader sees, for the content checks (content.c ...). Folding and
 * phrase search are util/fold.h. Not a check (no PC_CHECK here). */
#ifndef PC_TEXTUTIL_H
#define PC_TEXTUTIL_H
#include "checks/check.h"

/* Subject, display name and visible text, joined with newlines (capped at 256 KiB, cut on
 * a character boundary). */
const char *pc_reader_text(pc_ctx *ctx);

#endif
