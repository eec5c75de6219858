/* online.h — the online look-ups (issue #6), one enrichment stage after the offline checks:
 * DNS over HTTPS (SPF, DMARC, MX of the sender's domains), RDAP (domain age, registrar,
 * privacy proxy, the origin IP's network) and URL reputation (URLhaus, Safe Browsing, the
 * local OpenPhish/JPCERT lists). All in parallel within one time budget; answers cached on
 * disk; every failure leaves the offline verdict standing. Flags are "online.<what>". */
#ifndef PC_ONLINE_H
#define PC_ONLINE_H
#include <jansson.h>
#include "checklib/check.h"

/* Runs the stage when ctx->cfg->online asks for it (requested) and allows it (enabled):
 * adds its findings to ctx and returns the report's `lookups` section. Requested but not
 * enabled: {"enabled": false}, nothing sent. Not requested: NULL. */
json_t *pc_online_enrich(pc_ctx *ctx);

/* --update-feeds: downloads the phishing URL lists into the cache; exit status. */
int pc_online_update_feeds(const pc_online_opts *o);

#endif
