/* analyze.h — the pipeline in one call: raw bytes → parse → checks → verdict → report.
 * This is the file to read to see how a message flows. */
#ifndef PC_ANALYZE_H
#define PC_ANALYZE_H
#include <jansson.h>
#include <stddef.h>
#include "config.h"

/* Analyses one message; returns the report object (docs/protocol.md), never NULL.
 * file (may be NULL) is echoed as "file". */
json_t *pc_analyze(const char *raw, size_t len, const pc_config *cfg, const char *file);

#endif
