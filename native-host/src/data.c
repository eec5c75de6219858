/* data.c — see data.h. Built-in files come from the generated pc_data_files[] table. */
#include "data.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const struct { const char *name; const unsigned char *data; size_t len; } pc_data_files[];

typedef struct cached { struct cached *next; char *name, *bytes, *split; pc_table t; } cached;
static cached *cache;
static char *data_dir;

int pc_data_set_dir(const char *dir) {
    pc_data_free();
    free(data_dir);
    data_dir = dir ? strdup(dir) : NULL;
    if (!dir) return 0;
    FILE *probe = fopen(dir, "r");
    if (!probe) return -1;
    fclose(probe);
    return 0;
}

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0;
    char *b = malloc(cap);
    for (size_t r; b && (r = fread(b + n, 1, cap - n - 1, f)) > 0;) {
        n += r;
        if (cap - n < 2) b = realloc(b, cap *= 2);
    }
    fclose(f);
    if (b) b[n] = 0;
    if (len) *len = n;
    return b;
}

static cached *load(const char *name) {
    for (cached *c = cache; c; c = c->next)
        if (!strcmp(c->name, name)) return c;
    size_t len = 0;
    char *bytes = NULL;
    if (data_dir) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", data_dir, name);
        bytes = read_file(path, &len);
    }
    /* A file the folder lacks is the built-in one: an admin's folder made before a data file
     * existed (flags.tsv: every weight) or holding only the files they edit keeps the rest. */
    if (!bytes) {
        for (int i = 0; pc_data_files[i].name; i++)
            if (!strcmp(pc_data_files[i].name, name)) {
                len = pc_data_files[i].len;
                bytes = malloc(len + 1);
                memcpy(bytes, pc_data_files[i].data, len);
                bytes[len] = 0;
            }
    }
    if (!bytes) return NULL;
    cached *c = calloc(1, sizeof *c);
    c->name = strdup(name);
    c->bytes = bytes;
    c->next = cache;
    cache = c;
    (void)len;
    return c;
}

const char *pc_data_file(const char *name, size_t *len) {
    cached *c = load(name);
    if (len) *len = c ? strlen(c->bytes) : 0;
    return c ? c->bytes : NULL;
}

/* Splits a copy of the bytes into rows of tab-separated fields. */
static void parse_table(cached *c) {
    size_t cap = 0;
    c->split = strdup(c->bytes);
    for (char *line = c->split, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = 0;
        size_t l = strlen(line);
        if (l && line[l - 1] == '\r') line[--l] = 0;
        if (!l || line[0] == '#') continue;
        int nf = 1;
        for (char *p = line; *p; p++) nf += *p == '\t';
        pc_row row = {calloc((size_t)nf, sizeof(char *)), 0};
        for (char *f = line, *tab; f; f = tab) {
            tab = strchr(f, '\t');
            if (tab) *tab++ = 0;
            row.f[row.n++] = f;
        }
        if (c->t.n == cap) c->t.rows = realloc(c->t.rows, (cap = cap ? cap * 2 : 64) * sizeof(pc_row));
        c->t.rows[c->t.n++] = row;
    }
}

const pc_table *pc_data_table(const char *name) {
    static const pc_table empty;
    cached *c = load(name);
    if (!c) return &empty;
    if (!c->t.rows && c->bytes[0]) parse_table(c);
    return &c->t;
}

void pc_data_free(void) {
    for (cached *c = cache, *n; c; c = n) {
        n = c->next;
        for (size_t i = 0; i < c->t.n; i++) free(c->t.rows[i].f);
        free(c->t.rows);
        free(c->bytes);
        free(c->split);
        free(c->name);
        free(c);
    }
    cache = NULL;
}
