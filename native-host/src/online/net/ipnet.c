/* ipnet.c — see ipnet.h. */
#include "online/net/ipnet.h"
#include <arpa/inet.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

bool pc_ip_parse(const char *text, unsigned char out[16], bool *v6) {
    if (!g_ascii_strncasecmp(text, "ipv6:", 5)) text += 5;
    if (inet_pton(AF_INET, text, out) == 1) { *v6 = false; return true; }
    if (inet_pton(AF_INET6, text, out) != 1) return false;
    *v6 = !IN6_IS_ADDR_V4MAPPED((struct in6_addr *)out);
    if (!*v6) memmove(out, out + 12, 4);
    return true;
}

bool pc_ip_in_net(const unsigned char *ip, const unsigned char *net, int bits) {
    int full = bits / 8, rest = bits % 8;
    if (memcmp(ip, net, (size_t)full)) return false;
    return !rest || ((ip[full] ^ net[full]) & (0xff << (8 - rest))) == 0;
}

int pc_ip_in_cidr(const char *ip, const char *cidr) {
    unsigned char a[16], n[16];
    bool v6a, v6n;
    char *net = g_strdup(cidr), *sl = strchr(net, '/');
    if (sl) *sl = 0;
    bool ok = pc_ip_parse(ip, a, &v6a) && pc_ip_parse(net, n, &v6n) && v6a == v6n;
    int max = v6a ? 128 : 32, bits = sl ? atoi(sl + 1) : max;
    g_free(net);
    return ok && bits >= 0 && bits <= max && pc_ip_in_net(a, n, bits) ? bits : -1;
}
