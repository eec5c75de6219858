/* received.h — parses one Received header value into a hop (from/rDNS/IP/by/with/date). */
#ifndef PC_RECEIVED_H
#define PC_RECEIVED_H
#include "parse/model.h"

pc_hop *pc_received_parse(pc_arena *a, const char *value);
/* True for loopback, RFC 1918, link-local, CGNAT, ULA and unparsable addresses. */
bool pc_ip_private(const char *ip);

#endif
