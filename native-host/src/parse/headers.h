/* headers.h — the header-level part of the model: addresses, Received chain,
 * authentication results, upstream filter verdicts, list headers. */
#ifndef PC_HEADERS_H
#define PC_HEADERS_H
#include <gmime/gmime.h>
#include "parse/model.h"

void pc_headers_read(pc_message *m, GMimeMessage *msg);
/* Parses "Name <a@b>" (or a bare address) into an address; NULL if no mailbox. */
pc_addr *pc_addr_parse(pc_arena *a, const char *text);

#endif
