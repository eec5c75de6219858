/* config.h — the user's and admin's settings for one analysis (CLI flags or the
 * `options` of an analyze request). */
#ifndef PC_CONFIG_H
#define PC_CONFIG_H
#include <stdbool.h>
#include <stddef.h>
#include "online/options.h"

typedef struct {
    const char *lang;              /* "en" or "ja" */
    const char **own_domains;      /* NULL-terminated, lowercase */
    const char **trusted_senders;  /* addresses or domains, lowercase */
    const char *authserv_id;       /* trusted Authentication-Results; NULL: topmost */
    const char *gateway_id;        /* the organisation's phishcheck gateway (checks/org.c); NULL: none */
    const char *recipient;         /* the user's address; NULL: first To/Delivered-To */
    bool no_upstream;              /* ignore other filters' verdict headers */
    size_t max_message;            /* bytes; larger messages are refused */
    pc_online_opts online;         /* online look-ups (online/options.h); off by default */
    const struct pc_context *context; /* what Thunderbird knows of the sender (context.h); NULL: nothing */
} pc_config;

#define PC_DEFAULT_MAX_MESSAGE ((size_t)64 * 1024 * 1024)

void pc_config_defaults(pc_config *c);

#endif
