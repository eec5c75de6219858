/* report.h — the report: JSON (docs/protocol.md) and, for the CLI, readable text made
 * from that same JSON. */
#ifndef PC_REPORT_H
#define PC_REPORT_H
#include <jansson.h>
#include <stdio.h>
#include "checklib/check.h"
#include "verdict.h"

typedef struct {
    const pc_message *msg;
    const pc_config *cfg;
    const pc_vec *findings;
    pc_verdict verdict;
    int score;
    bool trusted;
    const char *file;
    double timing[3];   /* parse, checks, total (ms) */
} pc_report_in;

#define PC_MAX_FLAGS 200
#define PC_MAX_EVIDENCE 400   /* characters kept of one evidence value */
#define PC_MAX_ORG_FLAGS 64   /* flag ids kept of the organisation's verdict */

json_t *pc_report_json(const pc_report_in *in);
/* Writes the report as text a person reads (colour when tty is true). */
void pc_report_text(const json_t *report, FILE *out, bool tty);

#endif
