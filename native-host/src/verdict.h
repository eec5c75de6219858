/* verdict.h — findings → safe / suspicious / dangerous. Thresholds: docs/checks.md. */
#ifndef PC_VERDICT_H
#define PC_VERDICT_H
#include "checklib/check.h"

typedef enum { PC_SAFE, PC_SUSPICIOUS, PC_DANGEROUS } pc_verdict;

#define PC_SUSPICIOUS_AT 30   /* total score from which a message is suspicious */
#define PC_DANGEROUS_AT 55    /* ... and dangerous, given independent evidence (docs/checks.md) */
#define PC_LOW_CAP 15         /* most that one check's low flags add together */
#define PC_WORDS_ALONE_CAP 25 /* most that lure words (content check) score on their own */

/* Judges the findings; *score gets their total. trusted: the sender is on the user's
 * trusted list (only a critical flag can then make it more than safe). The verdict is the
 * worse of the local one and the organisation's (org.*, checks/org.c). */
pc_verdict pc_verdict_judge(const pc_vec *findings, bool trusted, int *score);
/* The same without the organisation's verdict (org.* flags): this computer's own. */
pc_verdict pc_verdict_local(const pc_vec *findings, bool trusted, int *score);
const char *pc_verdict_name(pc_verdict v);

#endif
