/* check.h — the interface every check implements. A check is one file in src/checks/;
 * it declares itself with PC_CHECK(name) (tools/gen-checks.sh collects them), reads the
 * message model through ctx and raises flags "name.what" with pc_flag_id(). Severity and
 * score of each flag live in native-host/data/flags.tsv, its texts in catalog.tsv, both
 * keyed by the flag id. */
#ifndef PC_CHECK_H
#define PC_CHECK_H
#include "config.h"
#include "parse/model.h"

typedef enum { PC_SEV_INFO, PC_SEV_LOW, PC_SEV_MEDIUM, PC_SEV_HIGH, PC_SEV_CRITICAL } pc_severity;

typedef struct { const char *key, *value; } pc_evidence;

typedef struct {
    const char *id;          /* "links.redirector" */
    const char *check;       /* "links" */
    pc_severity severity;
    int score;
    pc_evidence ev[8];
    int n_ev;
} pc_finding;

struct pc_brand;
/* pc_brand_claimed()'s answer for this message (brand.h), computed on first use. */
typedef struct {
    bool done;
    const struct pc_brand *brand;   /* NULL: the mail claims no brand */
    const char *where;              /* "display" or "address": where From names it */
} pc_claim;

typedef struct pc_ctx {
    const pc_message *msg;
    const pc_config *cfg;
    pc_arena *arena;         /* the message's arena, for scratch strings */
    pc_vec findings;         /* pc_finding* */
    const char *check;       /* the check now running */
    const char *recipient;   /* resolved recipient address (may be NULL) */
    pc_claim claim;          /* cache of pc_brand_claimed() */
} pc_ctx;

/* Raises a flag with evidence given as key, value pairs ending in NULL (a value NULL ends
 * the list early); returns the finding. key is the flag id ("<check>.<what>") or
 * "<id>/<variant>", a case the check tells apart ("sender.brand_impersonation/list"): the
 * finding's id is the part before '/', its severity and score the row of key in
 * native-host/data/flags.tsv. Write keys as string literals where you can: `make
 * flags-test` finds them in the sources and fails on one the table lacks. */
pc_finding *pc_flag_id(pc_ctx *ctx, const char *key, ...);
/* The severity and score flags.tsv gives key (as above). False when the table has no such
 * row: then info and 0, and a warning on stderr (a --data-dir copy older than the host). */
bool pc_flag_weight(const char *key, pc_severity *sev, int *score);
/* "info", "low", "medium", "high", "critical". */
const char *pc_severity_name(pc_severity sev);
/* The finding with this id, if raised already. */
pc_finding *pc_found(const pc_ctx *ctx, const char *id);

#define PC_CHECK(name) void pc_check_##name(pc_ctx *ctx)

typedef struct { const char *name; void (*run)(pc_ctx *ctx); } pc_check_def;
extern const pc_check_def pc_check_table[];   /* generated, NULL-terminated */

#endif
