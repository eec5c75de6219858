/* received.c — Received headers are free-form; the common shapes are
 *   from HELO (RDNS [IP]) by HOST with PROTO id X; DATE          (Postfix, Sendmail)
 *   from HELO (IP) by HOST with Microsoft SMTP Server ...; DATE   (Exchange)
 *   from RDNS ([IP] helo=HELO) by HOST with esmtp ...; DATE        (Exim)
 *   from unknown (HELO helo) (IP) by HOST with SMTP; DATE        (qmail)
 * We take what we can and leave the rest NULL. */
#include "parse/received.h"
#include <arpa/inet.h>
#include <ctype.h>
#include <string.h>

/* Token starting at s (stops at space, ';', '(' or ')'). */
static char *token(pc_arena *a, const char *s) {
    while (*s == ' ') s++;
    size_t n = strcspn(s, " \t;()");
    return n ? pc_strndup(a, s, n) : NULL;
}

/* Finds " KEYWORD " as a whole word outside parentheses; returns what follows it. */
static const char *keyword(const char *s, const char *kw) {
    size_t k = strlen(kw);
    int depth = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '(') depth++;
        else if (*p == ')' && depth) depth--;
        else if (!depth && (p == s || p[-1] == ' ') && strncasecmp(p, kw, k) == 0 && p[k] == ' ')
            return p + k + 1;
    }
    return NULL;
}

static bool is_ip(const char *s) {
    unsigned char buf[16];
    return s && (inet_pton(AF_INET, s, buf) == 1 || inet_pton(AF_INET6, s, buf) == 1);
}

bool pc_ip_private(const char *ip) {
    unsigned char b[16];
    if (!ip) return true;
    const char *s = strncasecmp(ip, "ipv6:", 5) == 0 ? ip + 5 : ip;
    if (inet_pton(AF_INET, s, b) == 1)
        return b[0] == 10 || b[0] == 127 || b[0] == 0 || (b[0] == 172 && (b[1] & 0xf0) == 16) ||
               (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254) ||
               (b[0] == 100 && (b[1] & 0xc0) == 64);
    if (inet_pton(AF_INET6, s, b) == 1) {
        static const unsigned char lo[16] = {[15] = 1};
        if (!memcmp(b, lo, 16)) return true;
        if ((b[0] & 0xfe) == 0xfc || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)) return true;
        if (!memcmp(b, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12)) {       /* IPv4-mapped */
            char v4[INET_ADDRSTRLEN];
            inet_ntop(AF_INET, b + 12, v4, sizeof v4);
            return pc_ip_private(v4);
        }
        return false;
    }
    return true;
}

/* A host name: dotted, letters in its last label (not "TLSv1.2", "8.0.1.2", an IP). */
static bool host_like(const char *w) {
    const char *dot = strrchr(w, '.');
    if (!dot || is_ip(w) || strpbrk(w, "=@:/")) return false;
    for (const char *c = dot + 1; *c; c++) if (isalpha((unsigned char)*c)) return true;
    return false;
}

/* "(using TLSv1.2 with cipher ...)", "(version=TLS1_3 cipher=...)": how, not who. */
static bool tls_comment(const char *c) {
    while (*c == ' ') c++;
    return !strncasecmp(c, "using ", 6) || !strncasecmp(c, "version=", 8) ||
           !strncasecmp(c, "No client certificate", 21);
}

/* Reads the comment that follows the from-name: the IP, rDNS and an explicit helo=. */
static void parse_comment(pc_arena *a, pc_hop *h, const char *c, size_t n) {
    char *com = pc_strndup(a, c, n);
    char *lb = strchr(com, '[');
    if (lb) {
        char *rb = strchr(lb, ']');
        if (rb) {
            char *ip = pc_strndup(a, lb + 1, (size_t)(rb - lb - 1));
            if (strncasecmp(ip, "ipv6:", 5) == 0) ip += 5;
            if (is_ip(ip)) h->ip = ip;
        }
    }
    char *helo = strcasestr(com, "helo=");
    if (!helo) helo = strstr(com, "HELO ");
    /* Words of the comment: an IP, the rDNS name, or noise ("unknown", "may be forged"). */
    for (char *w = com; *w;) {
        w += strspn(w, " \t[]()");
        size_t k = strcspn(w, " \t[]()");
        if (!k) break;
        char *word = pc_strndup(a, w, k);
        if (!h->ip && is_ip(word)) h->ip = word;
        else if (!h->rdns && host_like(word) && (!helo || w < helo))
            h->rdns = word;
        w += k;
    }
    if (helo) {
        char *v = helo + 5;
        char *t = token(a, v);
        if (t) {                       /* Exim/qmail: the from-name was the rDNS name */
            if (!h->rdns && h->helo && strcmp(h->helo, "unknown") && !is_ip(h->helo) &&
                h->helo[0] != '[')
                h->rdns = h->helo;
            h->helo = t;
        }
    }
}

pc_hop *pc_received_parse(pc_arena *a, const char *value) {
    pc_hop *h = pc_alloc(a, sizeof *h);
    char *norm = pc_strdup(a, value);              /* folding white space → single spaces */
    for (char *c = norm; *c; c++) if (*c == '\t' || *c == '\r' || *c == '\n') *c = ' ';
    value = h->raw = norm;
    const char *semi = strrchr(value, ';');
    if (semi) {
        const char *d = semi + 1;
        while (isspace((unsigned char)*d)) d++;
        h->date = pc_strdup(a, d);
    }
    const char *from = strncasecmp(value, "from ", 5) == 0 ? value + 5 : keyword(value, "from");
    if (from) {
        while (*from == ' ') from++;
        h->helo = token(a, from);
        if (h->helo && h->helo[0] == '[') {           /* "from [1.2.3.4]" */
            size_t n = strlen(h->helo);
            char *ip = pc_strndup(a, h->helo + 1, n > 2 ? n - 2 : 0);
            if (is_ip(ip)) h->ip = ip;
        } else if (is_ip(h->helo)) {
            h->ip = h->helo;
        }
        const char *p = from + strcspn(from, " (");
        while (*p == ' ') p++;
        /* One or two parenthesised comments follow (qmail writes two). */
        for (int i = 0; i < 2 && *p == '('; i++) {
            int depth = 0;
            const char *q = p;
            for (; *q; q++) {
                if (*q == '(') depth++;
                else if (*q == ')' && --depth == 0) break;
            }
            if (!tls_comment(p + 1)) parse_comment(a, h, p + 1, (size_t)(q - p - (*q ? 1 : 0)));
            p = *q ? q + 1 : q;
            while (*p == ' ') p++;
        }
    }
    const char *by = keyword(value, "by");
    if (by) h->by = token(a, by);
    const char *with = keyword(value, "with");
    if (with) h->with = token(a, with);
    if (h->rdns) for (char *c = h->rdns; *c; c++) *c = (char)tolower((unsigned char)*c);
    h->ip_private = h->ip ? pc_ip_private(h->ip) : false;
    return h;
}
