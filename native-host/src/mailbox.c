/* mailbox.c — see mailbox.h. An mbox is recognised by its first line "From "; messages
 * split at each line starting "From " (">From " quoting is undone). Folders are read in
 * name order so runs are reproducible. */
#include "mailbox.h"
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *slurp(FILE *f, size_t max, size_t *len) {
    size_t cap = 65536, n = 0;
    char *b = malloc(cap + 1);
    for (size_t r; b && (r = fread(b + n, 1, cap - n, f)) > 0;) {
        n += r;
        if (n > max) { free(b); errno = EFBIG; return NULL; }
        if (n == cap) { char *nb = realloc(b, (cap *= 2) + 1); if (!nb) { free(b); return NULL; } b = nb; }
    }
    if (b) b[n] = 0;
    *len = n;
    return b;
}

/* Undoes mboxrd quoting (">From " → "From ") in place; returns the new length. */
static size_t unquote(char *s, size_t n) {
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        bool bol = i == 0 || s[i - 1] == '\n';
        size_t q = i;
        while (bol && q < n && s[q] == '>') q++;
        if (bol && q > i && n - q >= 5 && !memcmp(s + q, "From ", 5)) i++;   /* drop one '>' */
        s[o++] = s[i];
    }
    return o;
}

static int each_mbox(const char *path, char *b, size_t n, pc_each_fn fn, void *user) {
    int k = 0, rc = 0;
    char *p = b, *end = b + n;
    while (p < end && !rc) {
        char *body = memchr(p, '\n', (size_t)(end - p));      /* skip the "From " line */
        if (!k && (!body || body + 1 >= end)) { errno = EBADMSG; return -1; } /* no mail */
        if (!body) break;
        body++;
        char *next = memmem(body, (size_t)(end - body), "\nFrom ", 6);
        next = next ? next + 1 : end;
        char name[4096];
        snprintf(name, sizeof name, "%s#%d", path, ++k);
        size_t len = unquote(body, (size_t)(next - body));
        rc = fn(name, body, len, user);
        p = next;
    }
    return rc;
}

static int each_file(const char *path, size_t max, pc_each_fn fn, void *user) {
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) return -1;
    size_t len = 0;
    char *b = slurp(f, max, &len);
    if (f != stdin) fclose(f);
    if (!b) return -1;
    if (!memchr(b, '\n', len))                /* CR-only line ends (classic Mac): read them */
        for (char *c = b; (c = memchr(c, '\r', (size_t)(b + len - c))); c++) *c = '\n';
    int rc = len >= 5 && !memcmp(b, "From ", 5) ? each_mbox(path, b, len, fn, user)
                                                 : fn(path, b, len, user);
    free(b);
    return rc;
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int each_dir(const char *path, size_t max, pc_each_fn fn, void *user) {
    DIR *d = opendir(path);
    if (!d) return -1;
    char **names = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.' || !strcmp(e->d_name, "tmp")) continue;
        if (n == cap) names = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *names);
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, by_name);   /* empty new/: names is NULL */
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        char full[4096];
        snprintf(full, sizeof full, "%s/%s", path, names[i]);
        struct stat st;
        if (!rc && stat(full, &st) == 0) {
            if (S_ISDIR(st.st_mode)) rc = each_dir(full, max, fn, user);   /* Maildir cur/ new/ */
            else if (S_ISREG(st.st_mode)) rc = each_file(full, max, fn, user) < 0 ? 0 : rc;
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

int pc_mailbox_each(const char *path, size_t max, pc_each_fn fn, void *user) {
    struct stat st;
    if (strcmp(path, "-") && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return each_dir(path, max, fn, user);
    return each_file(path, max, fn, user);
}
