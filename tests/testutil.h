/* testutil.h — small helpers shared by the test programs. */
#ifndef PC_TESTUTIL_H
#define PC_TESTUTIL_H
#include <glib.h>
#include <stddef.h>

/* The whole file (NUL-terminated, g_free it); NULL if unreadable. */
static inline char *slurp(const char *path, size_t *len) {
    gchar *b = NULL;
    gsize n = 0;
    if (!g_file_get_contents(path, &b, &n, NULL)) return NULL;
    *len = n;
    return b;
}

#endif
