/* authres.h — Authentication-Results (RFC 8601) and Received-SPF result parsing. */
#ifndef PC_AUTHRES_H
#define PC_AUTHRES_H
#include "parse/model.h"

pc_authres *pc_authres_parse(pc_arena *a, const char *value);
/* The result word of a Received-SPF value ("softfail"), lowercased; NULL if none. */
char *pc_received_spf_result(pc_arena *a, const char *value);

#endif
