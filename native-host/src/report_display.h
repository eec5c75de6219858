/* report_display.h — display-only parts of the report: evidence labels and value texts
 * in the report's language, and the hosts the message's links lead to. */
#ifndef PC_REPORT_DISPLAY_H
#define PC_REPORT_DISPLAY_H
#include <jansson.h>
#include "checklib/check.h"

json_t *pc_report_display(pc_arena *a, pc_finding *const *flags, size_t n, const char *lang);
json_t *pc_report_links(const pc_message *m);

#endif
