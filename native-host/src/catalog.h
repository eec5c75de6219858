/* catalog.h — every text shown to users, in English and Japanese, from one file:
 * native-host/data/catalog.tsv ("id<TAB>lang<TAB>title<TAB>detail"). Placeholders
 * {key} are filled from a flag's evidence. The CLI and the extension both show these. */
#ifndef PC_CATALOG_H
#define PC_CATALOG_H
#include "checklib/check.h"

/* Title (which=0) or detail (which=1) of id in lang, falling back to English, then to
 * the id itself. Placeholders are filled from ev (may be NULL). Result is in arena. */
char *pc_text(pc_arena *a, const char *id, const char *lang, int which, const pc_evidence *ev,
              int n_ev);
/* True when the catalogue has a title for id in lang (tests use this). */
bool pc_text_exists(const char *id, const char *lang);

/* An evidence value as people read it: an enumerated value's catalogue text
 * ("value.<key>.<value>" in lang, e.g. where=display → "sender name"), an IDN host as
 * "Unicode (punycode)", anything else unchanged. */
const char *pc_value_text(pc_arena *a, const char *key, const char *value, const char *lang);
/* The label of an evidence key ("label.<key>") in lang or English; NULL when none. */
const char *pc_label_text(const char *key, const char *lang);

#endif
