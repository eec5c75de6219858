/* url.h — URL parsing (libcurl's URL API) and host normalisation: lowercase, IDN to
 * punycode and Unicode (libidn2), registrable domain (libpsl). */
#ifndef PC_URL_H
#define PC_URL_H
#include <stdbool.h>
#include "util/arena.h"

typedef struct {
    char *raw;         /* as given (trimmed) */
    char *scheme;      /* lowercase: http, https, mailto, ... */
    char *host;        /* lowercase ASCII, punycode for IDN, IPv6 without brackets */
    char *host_u;      /* Unicode form (differs from host only for IDN) */
    char *reg;         /* registrable domain of host; NULL for IP literals and bare suffixes */
    char *user;        /* userinfo before '@', if any */
    char *path, *query, *fragment;  /* as in the URL (still percent-encoded) */
    int port;          /* explicit port or 0 */
    bool is_ip;        /* host is an IPv4/IPv6 literal (any notation curl accepts) */
    bool is_idn;       /* host has a punycode (xn--) label */
} pc_url;

/* Parses an absolute URL (a scheme-less "www.x.y/..." is taken as http). NULL if unusable. */
pc_url *pc_url_parse(pc_arena *a, const char *s);

/* Normalises a host name or mail domain: lowercase ASCII (punycode); NULL if invalid. */
char *pc_host_ascii(pc_arena *a, const char *host);
/* Unicode form of an ASCII/punycode host (returns host itself when not IDN). */
char *pc_host_unicode(pc_arena *a, const char *host);
/* Registrable domain ("example.co.jp" for "a.b.example.co.jp"); NULL when none. */
char *pc_reg_domain(pc_arena *a, const char *host);
/* True when host's public suffix is a private-section PSL entry (github.io, web.app ...). */
bool pc_host_private_suffix(const char *host);
/* True when the host equals dom or is a subdomain of it (both lowercase ASCII). */
bool pc_host_within(const char *host, const char *dom);

/* Percent-decodes (and '+' → ' ' when form is true) into a new string. */
char *pc_url_decode(pc_arena *a, const char *s, bool form);

#endif
