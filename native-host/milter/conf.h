/* conf.h — the milter's settings: /etc/phishcheck/milter.conf (`key = value` lines, '#'
 * comments; docs/gateway.md lists every key). Keys of the milter's own (socket, server-id,
 * add-headers, tag-subject, action, reject-text, on-error, jobs, peer-timeout, log) are read here; every
 * other key is a phishcheck command-line option without its "--" (own-domain, authserv-id,
 * data-dir, time-limit, memory-limit, max-message, online, ...) and goes through the CLI's
 * own option parser (cli.h), so the milter analyses exactly as `phishcheck` would.
 * A loaded configuration is shared by reference: reload (SIGHUP) makes a new one while
 * messages in flight keep the one they started with. */
#ifndef PCM_CONF_H
#define PCM_CONF_H
#include <stdbool.h>
#include <stddef.h>
#include <stdatomic.h>
#include "cli.h"

typedef enum { PCM_ACT_NONE, PCM_ACT_REJECT, PCM_ACT_QUARANTINE } pcm_action;

typedef struct pcm_conf {
    const char *socket;          /* "unix:/path" or "inet:port@host" */
    const char *server_id;       /* authserv-id of our Authentication-Results */
    bool add_headers;            /* X-Phishcheck + Authentication-Results (default yes) */
    const char *tag;             /* Subject tag of dangerous mail; NULL: off */
    pcm_action action;           /* for dangerous mail (default none) */
    const char *reject_text;
    bool tempfail_on_error;      /* on-error = tempfail (default accept) */
    bool syslog;                 /* log = syslog (default stderr) */
    int jobs;                    /* analysis workers (default: cores, at most 16) */
    int peer_timeout;            /* s libmilter waits for the MTA's next command (default 600) */
    pc_cli_settings cli;         /* the analysis settings (cli.host.base is the pc_config) */
    /* storage */
    char *text, **argv, **keep, *hostname;
    int argc;
    bool parsed;
    _Atomic int refs;
} pcm_conf;

#define PCM_DEFAULT_MAX_MESSAGE "16M"   /* bytes buffered per message (max-message) */
#define PCM_DEFAULT_SOCKET "inet:8897@127.0.0.1"

/* Reads path (NULL: defaults only) into a new configuration (refs 1); NULL with a message
 * in err on error. Parses with getopt: not thread-safe, call from one thread. */
pcm_conf *pcm_conf_load(const char *path, char *err, size_t errlen);
/* Same, from text in memory (unit tests); name is used in messages. */
pcm_conf *pcm_conf_parse(const char *text, const char *name, char *err, size_t errlen);
void pcm_conf_ref(pcm_conf *c);
void pcm_conf_unref(pcm_conf *c);

#endif
