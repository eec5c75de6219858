/* arena.c — bump allocator in 64 KiB blocks (larger requests get a block of their own). */
#include "util/arena.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK (64 * 1024)

typedef struct block { struct block *next; size_t used, size; max_align_t data[]; } block;
struct pc_arena { block *head; };

static block *block_new(size_t size, block *next) {
    block *b = malloc(sizeof *b + size);
    if (!b) { fputs("phishcheck: out of memory\n", stderr); abort(); }
    b->next = next; b->used = 0; b->size = size;
    return b;
}

pc_arena *pc_arena_new(void) {
    pc_arena *a = calloc(1, sizeof *a);
    if (!a) abort();
    a->head = block_new(BLOCK, NULL);
    return a;
}

void pc_arena_free(pc_arena *a) {
    if (!a) return;
    for (block *b = a->head, *n; b; b = n) { n = b->next; free(b); }
    free(a);
}

void *pc_alloc(pc_arena *a, size_t n) {
    n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
    if (n > BLOCK / 4) {                    /* big: own block, behind the current one */
        block *b = block_new(n, a->head->next);
        a->head->next = b;
        return memset(b->data, 0, n);
    }
    if (a->head->used + n > a->head->size) a->head = block_new(BLOCK, a->head);
    void *p = (char *)a->head->data + a->head->used;
    a->head->used += n;
    return memset(p, 0, n);
}

char *pc_strndup(pc_arena *a, const char *s, size_t n) {
    if (!s) return NULL;
    char *d = pc_alloc(a, n + 1);
    memcpy(d, s, n);
    return d;
}

char *pc_strdup(pc_arena *a, const char *s) { return s ? pc_strndup(a, s, strlen(s)) : NULL; }

char *pc_sprintf(pc_arena *a, const char *fmt, ...) {
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = pc_alloc(a, (size_t)(n < 0 ? 0 : n) + 1);
    if (n > 0) vsnprintf(s, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return s;
}

void pc_vec_push(pc_arena *a, pc_vec *vec, void *item) {
    if (vec->n == vec->cap) {
        size_t cap = vec->cap ? vec->cap * 2 : 8;
        void **v = pc_alloc(a, cap * sizeof *v);
        if (vec->n) memcpy(v, vec->v, vec->n * sizeof *v);
        vec->v = v; vec->cap = cap;
    }
    vec->v[vec->n++] = item;
}
