/* facts.c — see facts.h. */
#include "checklib/facts.h"

pc_facts *pc_facts_of(const pc_message *m) {
    if (!m->facts) {
        /* The model is read-only to checks, but it is no const object: its cache may be set. */
        pc_message *w = (pc_message *)m;
        w->facts = pc_alloc(m->arena, sizeof *w->facts);
    }
    return m->facts;
}
