/* summary.h — `phishcheck --summary`: what a mailbox, a Maildir or a folder of messages
 * holds, for administrators — counts by verdict and by flag, the brands most impersonated
 * and the domains most mail came from — as text or (with --json) one JSON object. Built
 * from the reports the CLI makes anyway (report.h), one message at a time. */
#ifndef PC_SUMMARY_H
#define PC_SUMMARY_H
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#define PC_SUMMARY_TOP 10   /* brands and sending domains listed */

typedef struct pc_summary pc_summary;

pc_summary *pc_summary_new(void);
/* Counts one message's report (docs/protocol.md). */
void pc_summary_add(pc_summary *s, const json_t *report);
/* Counts an input that could not be read. */
void pc_summary_failed(pc_summary *s);
/* {"messages", "unreadable", "verdicts", "flags", "brands", "sending_domains"}. */
json_t *pc_summary_json(const pc_summary *s);
/* The same as text, labels in lang ("en", "ja"). */
void pc_summary_text(const pc_summary *s, FILE *out, const char *lang);
void pc_summary_free(pc_summary *s);

#endif
