/* fold.h — text folding for matching names and phrases in mail text (ICU): what a reader
 * takes for the same word must compare equal. Used by the brand table and any check that
 * looks for words in display names, subjects or bodies. */
#ifndef PC_FOLD_H
#define PC_FOLD_H
#include <stdbool.h>
#include <stddef.h>
#include "util/arena.h"

/* NFKC case-fold ("ＫＡＧＯＹＡ" → "kagoya", "™" → "tm") after turning every character that
 * is neither letter nor digit into a space; runs of spaces become one, none at the ends.
 * "Kagoya Active! Mail" → "kagoya active mail". Zero-width characters inside a word are
 * dropped ("sus\u200Bpended" → "suspended"; a soft hyphen, word joiner or BOM anywhere; a
 * ZWSP/ZWNJ/ZWJ between letters of Latin, Greek, Cyrillic, CJK or Hangul), elsewhere they
 * break words (Persian ZWNJ, Indic ZWJ, Thai ZWSP). Never NULL (invalid UTF-8 gives ""). */
char *pc_fold(pc_arena *a, const char *utf8);

/* UTS #39 confusable skeleton: strings a reader cannot tell apart ("paypa1", "pаypal" with
 * a Cyrillic а, "rnicrosoft", "amaz0n") get the skeleton of what they imitate, with
 * ASCII lowercased. NULL on error. */
char *pc_skeleton(pc_arena *a, const char *utf8);

/* Finds the folded needle in the folded haystack where it is a word of its own: a match may
 * not have a Latin letter or digit touching a Latin letter or digit of the needle's edge
 * ("ana" is not in "banana"; "paypal" is in "paypalアカウント"). Returns the position or NULL. */
const char *pc_fold_find(const char *hay, const char *needle);
/* True when the k bytes at p (an occurrence of a needle in hay) make a word of their own
 * as pc_fold_find requires. */
bool pc_fold_word_at(const char *hay, const char *p, size_t k);

/* Column col of data file `file` (data.h), every row folded once per process: an array
 * parallel to pc_data_table(file)->rows (NULL where a row has no such column). */
const char *const *pc_fold_column(const char *file, int col);

#endif
