/* trust.h — which headers the user's own side wrote and can be believed (used by the auth
 * and route checks; not a check itself). Anyone can write Received and
 * Authentication-Results headers into a message before sending it; only those added by
 * the receiving servers, above the hop where the message entered them, tell the truth. */
#ifndef PC_TRUST_H
#define PC_TRUST_H
#include "checks/check.h"

typedef struct {
    const pc_authres *ar;   /* the receiving server's Authentication-Results; NULL if none */
    const pc_hop *entry;    /* the hop where the message came in from outside; NULL if unknown */
    const char *spf;        /* SPF result: the trusted AR's, else the Received-SPF next to it */
} pc_trust;

/* The trusted AR is the one whose authserv-id the user configured, else the topmost. The
 * entry hop is the first Received below it with a public address (without an AR: the
 * topmost Received with a public address). */
pc_trust pc_trust_read(const pc_ctx *ctx);

#endif
