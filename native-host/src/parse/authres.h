/* authres.h — Authentication-Results (RFC 8601) and Received-SPF result parsing. */
#ifndef PC_AUTHRES_H
#define PC_AUTHRES_H
#include "parse/model.h"

pc_authres *pc_authres_parse(pc_arena *a, const char *value);
/* True for a phishcheck gateway's verdict line alone (x-phishcheck=, no spf/dkim/dmarc):
 * no authentication result to believe, whoever wrote it. */
bool pc_authres_verdict_only(const pc_authres *r);
/* Fills the methods into lacks (spf, dkim, dmarc) from another header of the same server. */
void pc_authres_merge(pc_authres *into, const pc_authres *from);
/* The result word of a Received-SPF value ("softfail"), lowercased; NULL if none. */
char *pc_received_spf_result(pc_arena *a, const char *value);

#endif
