/* check.h — the interface every check implements. A check is one file in src/checks/;
 * it declares itself with PC_CHECK(name) (tools/gen-checks.sh collects them), reads the
 * message model through ctx and raises flags "name.what" with pc_flag(). Flag texts live
 * in native-host/data/catalog.tsv, keyed by the flag id. */
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

/* Raises flag `id` ("<check>.<what>") with evidence given as key, value pairs ending in
 * NULL. A value NULL ends the list early. Returns the finding (for later edits). */
pc_finding *pc_flag(pc_ctx *ctx, const char *id, pc_severity sev, int score, ...);
/* The finding with this id, if raised already. */
pc_finding *pc_found(const pc_ctx *ctx, const char *id);

#define PC_CHECK(name) void pc_check_##name(pc_ctx *ctx)

typedef struct { const char *name; void (*run)(pc_ctx *ctx); } pc_check_def;
extern const pc_check_def pc_check_table[];   /* generated, NULL-terminated */

#endif
