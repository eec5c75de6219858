/* brand.h — the brands phishers imitate (data/brands.tsv): the names people write for
 * them and the domains that are really theirs. Shared by the sender, route and link
 * checks: "the display name says KAGOYA", "kagoya.net is not KAGOYA's, it imitates kagoya.jp". */
#ifndef PC_BRAND_H
#define PC_BRAND_H
#include <stdbool.h>
#include "util/arena.h"
#include "checklib/check.h"

typedef struct pc_brand {
    const char *name;       /* as the report names it: "KAGOYA" */
    const char *site;       /* its main domain, for messages: "kagoya.jp" */
    const char **domains;   /* NULL-terminated; "google.<cc>": google under any ccTLD */
    const char **names;     /* folded (util/fold.h) names to find in text */
    const char **marks;     /* distinctive labels that imitate it in a foreign domain */
} pc_brand;

/* The brand named earliest in text (a display name, subject, link text); NULL if none. */
const pc_brand *pc_brand_named(pc_arena *a, const char *text);
/* The brand the message claims to speak for: named in From's display name, else in its
 * local part ("amazon-security@..."); NULL if none. Cached per message (ctx->claim, whose
 * `where` says which). Whether From's domain really is the brand's is the caller's
 * question (pc_brand_owns): a brand's genuine mail claims it too. */
const pc_brand *pc_brand_claimed(pc_ctx *ctx);
/* The brand a host or mail domain belongs to (lowercase ASCII); NULL if none. */
const pc_brand *pc_brand_owner(pc_arena *a, const char *host);
bool pc_brand_owns(pc_arena *a, const pc_brand *b, const char *host);

/* How a domain imitates a brand, strongest first. */
typedef enum {
    PC_LOOK_NONE,
    PC_LOOK_SUFFIX,      /* the brand's label under another suffix: kagoya.net */
    PC_LOOK_EMBEDS,      /* the brand's label inside: amazon-co-jp.xyz, paypal.com.x.net */
    PC_LOOK_CONFUSABLE,  /* reads the same: paypa1.com, rnicrosoft.com, IDN homoglyphs */
    PC_LOOK_TYPO         /* one letter off: rakutem.com, amazom.co.jp */
} pc_look;

typedef struct { const pc_brand *brand; pc_look kind; } pc_lookalike;

/* Whether a host not belonging to any brand imitates one (kind PC_LOOK_NONE if not). */
pc_lookalike pc_brand_lookalike(pc_arena *a, const char *host);
const char *pc_look_name(pc_look kind);

/* Whether host's registrable domain imitates the registrable domain real: reads the same
 * (PC_LOOK_CONFUSABLE) or one letter off (PC_LOOK_TYPO), as tanaka-sekkel.jp does
 * tanaka-sekkei.jp. Another suffix alone does not count (organisations own several). */
pc_look pc_domain_imitates(pc_arena *a, const char *host, const char *real);   /* "suffix", "embeds", "confusable", "typo" */

#endif
