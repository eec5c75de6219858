/* arena.h — per-message bump allocator. Everything the message model holds lives in one
 * arena, freed at once when the analysis ends: no per-string frees, no leaks. */
#ifndef PC_ARENA_H
#define PC_ARENA_H
#include <stddef.h>

typedef struct pc_arena pc_arena;

pc_arena *pc_arena_new(void);
void pc_arena_free(pc_arena *a);
void *pc_alloc(pc_arena *a, size_t n);             /* zeroed */
char *pc_strdup(pc_arena *a, const char *s);        /* NULL stays NULL */
char *pc_strndup(pc_arena *a, const char *s, size_t n);
char *pc_sprintf(pc_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A growable array of pointers allocated in the arena. */
typedef struct { void **v; size_t n, cap; } pc_vec;
void pc_vec_push(pc_arena *a, pc_vec *vec, void *item);

#endif
