/* hostindex.h — which of many listed domains a host is within (the domain itself or a
 * name below it, as pc_host_within() says), by hashed look-ups of the host's few suffixes
 * instead of a scan of the whole list: brands' domains, freemail, redirectors ... */
#ifndef PC_HOSTINDEX_H
#define PC_HOSTINDEX_H
#include <stdbool.h>
#include <stddef.h>

typedef struct pc_host_index pc_host_index;

pc_host_index *pc_host_index_new(void);
void pc_host_index_free(pc_host_index *x);
/* Lists domain (compared byte for byte, as pc_host_within does) under id; "" is never
 * matched. Add ids in ascending order. */
void pc_host_index_add(pc_host_index *x, const char *domain, size_t id);

/* A test an entry must also pass (NULL: none). */
typedef bool (*pc_host_index_ok)(void *user, size_t id);

/* The smallest id listed under a domain host is within that passes ok; PC_HOST_NONE if none. */
#define PC_HOST_NONE ((size_t)-1)
size_t pc_host_index_first(const pc_host_index *x, const char *host, pc_host_index_ok ok,
                           void *user);

/* The index of a data table's first column (each entry's host, before any "/path"), ids =
 * row numbers; built on first use and kept for the process. */
const pc_host_index *pc_host_index_of_table(const char *table);

#endif
