/* facts.h — per-message facts that several checks ask for (is this list mail? ...),
 * worked out on first use and kept with the message so that the next check reuses them.
 * Not a check (no PC_CHECK here). */
#ifndef PC_FACTS_H
#define PC_FACTS_H
#include "parse/model.h"

/* 0: not worked out yet; PC_FACT_NO / PC_FACT_YES once known. */
enum { PC_FACT_UNKNOWN, PC_FACT_NO, PC_FACT_YES };

typedef struct pc_facts {
    signed char list_mail;      /* pc_is_list_mail() (trust.h) */
} pc_facts;

/* The message's facts (allocated in its arena on first use; a read-only model's cache). */
pc_facts *pc_facts_of(const pc_message *m);

#endif
