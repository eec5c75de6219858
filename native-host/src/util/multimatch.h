/* multimatch.h — many fixed strings found in one pass over a text (Aho–Corasick): the
 * lure phrases and brand names in a mail's folded text are looked for together, not one
 * strstr pass each. Built once per process; a search allocates nothing. */
#ifndef PC_MULTIMATCH_H
#define PC_MULTIMATCH_H
#include <stdbool.h>
#include <stddef.h>

typedef struct pc_multimatch pc_multimatch;

/* An automaton for the n byte strings pats[0..n-1] (NULL or "" entries never match). */
pc_multimatch *pc_multimatch_new(const char *const *pats, size_t n);
void pc_multimatch_free(pc_multimatch *mm);

/* Called for each occurrence of pattern pat starting at text + at; return true to stop. */
typedef bool (*pc_multimatch_fn)(void *user, size_t pat, const char *text, size_t at);

/* Reports every occurrence in text (NUL-terminated) of every pattern, in order of where
 * they end (for one end, longest pattern first). Returns true when fn stopped the scan. */
bool pc_multimatch_scan(const pc_multimatch *mm, const char *text, pc_multimatch_fn fn,
                        void *user);

#endif
