/* whatwg.c — see whatwg.h. Follows https://url.spec.whatwg.org/ (basic URL parser: scheme,
 * special authority slashes, authority, host and port states; host parser; IPv4 parser;
 * IPv6 serializer). Tested against Node's URL by tests/url/oracle.sh. */
#include "parse/whatwg.h"
#include <arpa/inet.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uidna.h>
#include "parse/url.h"

char *pc_whatwg_prep(pc_arena *a, const char *s) {
    while (*s && (unsigned char)*s <= 0x20) s++;
    size_t n = strlen(s);
    while (n && (unsigned char)s[n - 1] <= 0x20) n--;
    char *r = pc_alloc(a, n + 1), *o = r;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '\t' && s[i] != '\n' && s[i] != '\r') *o++ = s[i];
    return r;
}

static bool special(const char *scheme) {
    static const char *const sp[] = {"http", "https", "ws", "wss", "ftp"};
    for (size_t i = 0; i < sizeof sp / sizeof *sp; i++) if (!strcmp(scheme, sp[i])) return true;
    return false;
}

static int default_port(const char *scheme) {
    return !strcmp(scheme, "http") || !strcmp(scheme, "ws") ? 80
         : !strcmp(scheme, "https") || !strcmp(scheme, "wss") ? 443 : 21;
}

/* One IPv4 part: decimal, octal (leading 0) or hex (0x); false if not a number. */
static bool ipv4_number(const char *s, size_t n, uint64_t *v) {
    int base = 10;
    if (n >= 2 && s[0] == '0' && (s[1] | 0x20) == 'x') { base = 16; s += 2; n -= 2; }
    else if (n >= 2 && s[0] == '0') { base = 8; s++; n--; }
    *v = 0;
    for (size_t i = 0; i < n; i++) {
        int d = isdigit((unsigned char)s[i]) ? s[i] - '0'
              : isxdigit((unsigned char)s[i]) ? (s[i] | 0x20) - 'a' + 10 : 99;
        if (d >= base) return false;
        if (*v <= UINT32_MAX) *v = *v * (uint64_t)base + (uint64_t)d;   /* stays "too big" */
    }
    return true;
}

/* "ends in a number": the last label (a trailing empty one aside) is digits or 0x-hex. */
static bool ends_in_number(const char *h) {
    size_t n = strlen(h);
    if (n && h[n - 1] == '.') n--;
    size_t s = n;
    while (s && h[s - 1] != '.') s--;
    const char *l = h + s;
    size_t k = n - s;
    if (!k) return false;
    size_t i = 0;
    while (i < k && isdigit((unsigned char)l[i])) i++;
    if (i == k) return true;
    if (k >= 2 && l[0] == '0' && (l[1] | 0x20) == 'x') {
        for (i = 2; i < k && isxdigit((unsigned char)l[i]); i++) {}
        return i == k;
    }
    return false;
}

static char *ipv4(pc_arena *a, const char *h) {
    uint64_t part[4], v;
    int n = 0;
    size_t len = strlen(h);
    if (len && h[len - 1] == '.') len--;
    for (size_t i = 0; i <= len;) {
        size_t j = i;
        while (j < len && h[j] != '.') j++;
        if (n == 4 || j == i || !ipv4_number(h + i, j - i, &v)) return NULL;
        part[n++] = v;
        i = j + 1;
    }
    for (int i = 0; i < n - 1; i++) if (part[i] > 255) return NULL;
    if (part[n - 1] >= (uint64_t)1 << (8 * (5 - n))) return NULL;
    uint64_t ip = part[n - 1];
    for (int i = 0; i < n - 1; i++) ip += part[i] << (8 * (3 - i));
    return pc_sprintf(a, "%u.%u.%u.%u", (unsigned)(ip >> 24), (unsigned)(ip >> 16 & 255),
                      (unsigned)(ip >> 8 & 255), (unsigned)(ip & 255));
}

/* IPv6 as the standard serialises it: lowercase hex, the longest run of 2+ zero pieces
 * compressed, no embedded IPv4 form. */
static char *ipv6(pc_arena *a, const char *s, size_t n) {
    char buf[64];
    unsigned char b[16];
    if (n >= sizeof buf) return NULL;
    memcpy(buf, s, n);
    buf[n] = 0;
    if (inet_pton(AF_INET6, buf, b) != 1) return NULL;
    unsigned p[8];
    int best = -1, best_n = 1;
    for (int i = 0; i < 8; i++) p[i] = (unsigned)b[2 * i] << 8 | b[2 * i + 1];
    for (int i = 0; i < 8;) {
        int j = i;
        while (j < 8 && !p[j]) j++;
        if (j - i > best_n) { best = i; best_n = j - i; }
        i = j > i ? j : i + 1;
    }
    char out[48], *o = out;
    for (int i = 0; i < 8; i++) {
        if (i == best) { o += sprintf(o, i ? ":" : "::"); i += best_n - 1; continue; }
        o += sprintf(o, "%x%s", p[i], i < 7 ? ":" : "");
    }
    return pc_strdup(a, out);
}

/* "domain to ASCII" (UTS #46 as the standard sets it: non-transitional, CheckBidi and
 * CheckJoiners on, CheckHyphens and VerifyDnsLength off) by ICU, as browsers do. */
static char *domain_to_ascii(pc_arena *a, const char *d) {
    UErrorCode st = U_ZERO_ERROR;
    UIDNA *idna = uidna_openUTS46(UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ |
                                  UIDNA_NONTRANSITIONAL_TO_ASCII, &st);
    if (U_FAILURE(st)) return NULL;
    size_t cap = strlen(d) * 4 + 64;
    char *out = pc_alloc(a, cap);
    UIDNAInfo info = UIDNA_INFO_INITIALIZER;
    int32_t n = uidna_nameToASCII_UTF8(idna, d, -1, out, (int32_t)cap - 1, &info, &st);
    uidna_close(idna);
    uint32_t ignored = UIDNA_ERROR_EMPTY_LABEL | UIDNA_ERROR_LABEL_TOO_LONG |
                       UIDNA_ERROR_DOMAIN_NAME_TOO_LONG | UIDNA_ERROR_LEADING_HYPHEN |
                       UIDNA_ERROR_TRAILING_HYPHEN | UIDNA_ERROR_HYPHEN_3_4;
    if (U_FAILURE(st) || (info.errors & ~ignored) || n <= 0) return NULL;
    out[n] = 0;
    return out;
}

char *pc_whatwg_host(pc_arena *a, const char *host, bool *is_ip) {
    *is_ip = false;
    size_t n = strlen(host);
    if (host[0] == '[') {
        if (n < 3 || host[n - 1] != ']') return NULL;
        *is_ip = true;
        return ipv6(a, host + 1, n - 2);
    }
    char *d = pc_url_decode(a, host, false);        /* "%00" comes back as a space: refused */
    bool ascii = true;
    for (const char *c = d; *c; c++) if ((unsigned char)*c >= 0x80) ascii = false;
    char *h = ascii && !strcasestr(d, "xn--") ? pc_strdup(a, d) : domain_to_ascii(a, d);
    if (!h || !*h) return NULL;
    for (char *c = h; *c; c++) {
        unsigned char u = (unsigned char)*c;
        if (u <= 0x20 || u == 0x7f || strchr("#%/:<>?@[\\]^|", u)) return NULL;
        *c = (char)tolower(u);
    }
    if (ends_in_number(h)) {
        *is_ip = true;
        return ipv4(a, h);
    }
    return h;
}

/* The scheme ("https") of s lowercased, and where its ':' is; NULL if s has none. */
static char *scheme_of(pc_arena *a, const char *s, const char **colon) {
    if (!isalpha((unsigned char)*s)) return NULL;
    size_t n = 1;
    while (isalnum((unsigned char)s[n]) || s[n] == '+' || s[n] == '-' || s[n] == '.') n++;
    if (s[n] != ':') return NULL;
    char *r = pc_strndup(a, s, n);
    for (char *c = r; *c; c++) *c = (char)tolower((unsigned char)*c);
    *colon = s + n;
    return r;
}

/* host[:port] of the authority; false when a browser refuses it. */
static bool host_port(pc_arena *a, const char *hp, size_t n, pc_whatwg *out) {
    const char *colon = NULL;
    if (n && hp[0] == '[') {
        const char *rb = memchr(hp, ']', n);
        if (!rb) return false;
        if ((size_t)(rb + 1 - hp) < n) { if (rb[1] != ':') return false; colon = rb + 1; }
    } else {
        colon = memchr(hp, ':', n);
    }
    size_t hn = colon ? (size_t)(colon - hp) : n;
    if (!hn) return false;
    out->host = pc_whatwg_host(a, pc_strndup(a, hp, hn), &out->is_ip);
    if (!out->host) return false;
    long port = 0;
    for (const char *p = colon ? colon + 1 : hp + n; p < hp + n; p++) {
        if (!isdigit((unsigned char)*p) || (port = port * 10 + (*p - '0')) > 65535) return false;
    }
    out->port = colon && colon + 1 < hp + n && port != default_port(out->scheme) ? (int)port : 0;
    return true;
}

int pc_whatwg_split(pc_arena *a, const char *s, pc_whatwg *out) {
    const char *colon;
    memset(out, 0, sizeof *out);
    out->scheme = scheme_of(a, s, &colon);
    if (!out->scheme || !special(out->scheme)) return 0;
    const char *p = colon + 1;
    while (*p == '/' || *p == '\\') p++;            /* special authority ignore slashes */
    size_t an = strcspn(p, "/\\?#");
    const char *at = NULL;
    for (const char *c = p; c < p + an; c++) if (*c == '@') at = c;   /* the last '@' */
    if (at) {
        const char *uc = memchr(p, ':', (size_t)(at - p));
        out->user = pc_strndup(a, p, (size_t)((uc ? uc : at) - p));
    }
    const char *hp = at ? at + 1 : p;
    if (!host_port(a, hp, (size_t)(p + an - hp), out)) return -1;
    out->rest = pc_strdup(a, p + an);
    for (char *c = out->rest; *c && *c != '?' && *c != '#'; c++) if (*c == '\\') *c = '/';
    return 1;
}
