/* whatwg.h — the steps of the WHATWG URL standard (what Firefox, Thunderbird and every
 * browser do) that decide which host a link opens, done before libcurl's URL API sees the
 * link: tab/CR/LF removed anywhere, C0 controls and spaces trimmed, '\' read as '/' in
 * http(s) URLs, any number of slashes after "https:", the last '@' of the authority, and
 * the host parser (percent-decoding, IDNA, IPv4 numbers such as 0x7f.1 or 3232235777,
 * IPv6 serialisation, forbidden code points). */
#ifndef PC_WHATWG_H
#define PC_WHATWG_H
#include <stdbool.h>
#include "util/arena.h"

/* Removes ASCII tab, CR and LF anywhere and C0 controls and spaces at both ends. */
char *pc_whatwg_prep(pc_arena *a, const char *s);

typedef struct {
    char *scheme;      /* lowercase: http, https, ws, wss, ftp */
    char *user;        /* userinfo up to its first ':' (NULL when none) */
    char *host;        /* WHATWG host: lowercase ASCII/punycode, dotted IPv4, IPv6 w/o [] */
    int port;          /* explicit non-default port, else 0 */
    bool is_ip;
    char *rest;        /* path, query and fragment, '\' in the path made '/' ("" if none) */
} pc_whatwg;

/* Splits a prepped URL of a special scheme (http, https, ws, wss, ftp) as the standard
 * does. Returns 1 when it is one and parses, 0 when the scheme is not special (let
 * another parser try), -1 when a browser refuses it (bad host or port). */
int pc_whatwg_split(pc_arena *a, const char *s, pc_whatwg *out);

/* The WHATWG host parser for special schemes on a host string as written; NULL when it is
 * refused. *is_ip tells an IPv4/IPv6 result. */
char *pc_whatwg_host(pc_arena *a, const char *host, bool *is_ip);

#endif
