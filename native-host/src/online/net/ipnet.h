/* ipnet.h — IP addresses and networks, for SPF's ip4/ip6/a/mx and RDAP's bootstrap. */
#ifndef PC_ONLINE_IPNET_H
#define PC_ONLINE_IPNET_H
#include <stdbool.h>

/* Parses IPv4 or IPv6 text (an "IPv6:" prefix is allowed; IPv4-mapped IPv6 counts as IPv4)
 * into 4 or 16 bytes of out. */
bool pc_ip_parse(const char *text, unsigned char out[16], bool *v6);
/* Do the first `bits` bits of ip and net agree? */
bool pc_ip_in_net(const unsigned char *ip, const unsigned char *net, int bits);
/* Is ip within cidr ("192.0.2.0/24", "2001:db8::/32", a bare address)? -1: no, else the
 * prefix length (longer: more specific). */
int pc_ip_in_cidr(const char *ip, const char *cidr);

#endif
