/* contacts.c — the sender in the user's own world (issue #12), from the context
 * Thunderbird (or a --contacts file) gives the host (context.h); without context the
 * check says nothing.
 * - contacts.name_on_stranger (high): the display name is the name of one of the user's
 *   contacts — a colleague, the boss ("田中 社長") — but the address is not that
 *   contact's and not known: how business e-mail compromise borrows a name.
 * - contacts.first_contact: nothing ever came from this address and the user never wrote
 *   to it. Weak (low, never an independent check of its own): 5 alone, 10 next to an
 *   unverified brand claim or a lure.
 * - contacts.known_correspondent (guard, info, score -20): a known correspondent's mail
 *   that authenticates (DMARC pass or an aligned DKIM pass in the trusted
 *   Authentication-Results) — lowers the noise of weak hints; high and critical flags
 *   still decide.
 * Names are compared after folding (util/fold.h: width, case, punctuation), word order
 * free ("Smith, John" = "John Smith"), spaces free ("田中太郎" = "田中 太郎"), with job
 * titles and honorifics (data/name-titles.tsv) dropped; a family name alone counts only
 * next to a title ("田中 社長", "田中部長"). */
#include "checklib/check.h"
#include <glib.h>
#include <string.h>
#include "checklib/brand.h"
#include "checklib/textutil.h"
#include "checklib/trust.h"
#include "context.h"
#include "data.h"
#include "parse/url.h"
#include "util/fold.h"

#define MAX_WORDS 8
#define KNOWN_BEFORE 3          /* this many earlier messages make an address known */

typedef struct { const char *w[MAX_WORDS]; int n; bool titled; } words;

/* The title w ends with (w itself, or a CJK word + title: "田中部長"); its length or 0. */
static size_t title_in(const char *w) {
    const pc_table *t = pc_data_table("name-titles.tsv");
    const char *const *f = pc_fold_column("name-titles.tsv", 0);
    size_t n = strlen(w), best = 0;
    for (size_t i = 0; i < t->n; i++) {
        size_t k = f[i] ? strlen(f[i]) : 0;
        if (!k || k > n || strcmp(w + n - k, f[i])) continue;
        if (k < n && (unsigned char)w[n - k - 1] < 0x80) continue;  /* Latin: whole words only */
        if (k > best) best = k;
    }
    return best;
}

/* The folded words of a name, titles left out (multi-word titles: "vice president" is
 * two words, each dropped when the pair is a title). */
static words split(pc_arena *a, const char *name) {
    words r = {.n = 0};
    char *f = pc_fold(a, name), *save = NULL;
    const char *prev = NULL;
    for (char *w = strtok_r(f, " ", &save); w && r.n < MAX_WORDS; w = strtok_r(NULL, " ", &save)) {
        size_t k = title_in(w);
        if (prev && r.n && !strcmp(r.w[r.n - 1], prev) &&
            title_in(pc_sprintf(a, "%s %s", prev, w)) > strlen(w)) {
            r.n--, r.titled = true;           /* "vice president", "managing director" */
            continue;
        }
        prev = w;
        if (k) { r.titled = true; w[strlen(w) - k] = 0; if (!*w) continue; }
        r.w[r.n++] = w;
    }
    return r;
}

static char *joined(pc_arena *a, const words *w, bool reverse) {
    char *s = "";
    for (int i = 0; i < w->n; i++) s = pc_sprintf(a, "%s%s", s, w->w[reverse ? w->n - 1 - i : i]);
    return s;
}

static bool ascii(const char *s) {
    for (; *s; s++) if ((unsigned char)*s >= 0x80) return false;
    return true;
}

/* A name specific enough to be a person's: two words, or one non-Latin word of three
 * characters or more ("田中太郎"); never a lone Latin word ("Info", "Bob"). */
static bool personal(const words *c) {
    return c->n >= 2 || (c->n == 1 && !ascii(c->w[0]) && g_utf8_strlen(c->w[0], -1) >= 3);
}

static bool same_words(const words *d, const words *c) {
    if (d->n != c->n) return false;
    bool used[MAX_WORDS] = {false};
    for (int i = 0; i < d->n; i++) {
        int j = 0;
        while (j < c->n && (used[j] || strcmp(d->w[i], c->w[j]))) j++;
        if (j == c->n) return false;
        used[j] = true;
    }
    return true;
}

/* "田中 社長" for 田中 太郎 / 田中太郎, "Smith CEO" for John Smith: a family name next to a title. */
static bool family_titled(const words *d, const words *c) {
    if (!d->titled || d->n != 1) return false;
    const char *w = d->w[0];
    size_t chars = g_utf8_strlen(w, -1);
    if (chars < (ascii(w) ? 3u : 2u)) return false;
    if (c->n >= 2) return !strcmp(w, c->w[0]) || !strcmp(w, c->w[c->n - 1]);
    return !ascii(w) && g_str_has_prefix(c->w[0], w) && strcmp(c->w[0], w);
}

static bool name_matches(pc_arena *a, const words *d, const char *contact) {
    words c = split(a, contact);
    if (!d->n || !personal(&c)) return false;
    if (same_words(d, &c) || family_titled(d, &c)) return true;
    const char *jd = joined(a, d, false);
    return g_utf8_strlen(jd, -1) >= 3 &&
           (!strcmp(jd, joined(a, &c, false)) || !strcmp(jd, joined(a, &c, true)));
}

/* The trusted Authentication-Results vouch for From by DMARC or an aligned DKIM pass. */
static bool authenticated(pc_ctx *ctx) {
    pc_trust t = pc_trust_read(ctx);
    const pc_addr *from = ctx->msg->from;
    if (!t.ar || !from->reg) return false;
    if (t.ar->dmarc && !strcmp(t.ar->dmarc, "pass")) return true;
    const char *d = t.ar->dkim_domain ? pc_reg_domain(ctx->arena, t.ar->dkim_domain) : NULL;
    return t.ar->dkim && !strcmp(t.ar->dkim, "pass") && d && !strcmp(d, from->reg);
}

static const char *addr_list(pc_arena *a, const pc_contact *c) {
    char *s = "";
    for (const char **p = c->addrs; *p; p++) s = pc_sprintf(a, "%s%s%s", s, *s ? ", " : "", *p);
    return s;
}

static bool within_own(pc_ctx *ctx, const pc_contact *c) {
    for (const char **p = c->addrs; *p; p++)
        if (pc_own_domain(ctx, strrchr(*p, '@') + 1)) return true;
    return false;
}

static void name_on_stranger(pc_ctx *ctx, const pc_context *cx, const pc_addr *from) {
    if (!from->display) return;
    if (pc_own_domain(ctx, from->domain) && authenticated(ctx)) return;  /* a colleague's own */
    words d = split(ctx->arena, from->display);
    for (size_t i = 0; i < cx->n; i++) {
        const pc_contact *c = &cx->contacts[i];
        if (!c->name || !c->addrs[0] || !name_matches(ctx->arena, &d, c->name)) continue;
        pc_flag_id(ctx, "contacts.name_on_stranger", "name", from->display,
                "contact", c->name, "known", addr_list(ctx->arena, c), "address", from->addr,
                "relation", within_own(ctx, c) ? "colleague" : "contact", NULL);
        return;
    }
}

/* A brand claimed by a mail the brand did not verifiably send, or a lure in its words. */
static const char *what_it_wants(pc_ctx *ctx) {
    const pc_brand *b = pc_brand_claimed(ctx);
    if (b && !pc_brand_owns(ctx->arena, b, ctx->msg->from->domain)) return b->name;
    const pc_lure *l = pc_lure_in(pc_fold(ctx->arena, pc_reader_text(ctx)), false);
    return l ? l->phrase : NULL;
}

static void first_contact(pc_ctx *ctx, const pc_addr *from) {
    if (pc_from_brand_verified(ctx) || pc_is_list_mail(ctx->msg)) return;
    const char *want = what_it_wants(ctx);
    pc_flag_id(ctx, want ? "contacts.first_contact/claim" : "contacts.first_contact",
               "address", from->addr,
            want ? "claim" : NULL, want, NULL);
}

PC_CHECK(contacts) {
    const pc_context *cx = ctx->cfg->context;
    const pc_addr *from = ctx->msg->from;
    if (!cx || !from || !from->addr) return;
    bool listed = pc_context_has_addr(cx, from->addr);
    bool known = cx->in_book == 1 || cx->written_to == 1 || listed ||
                 cx->earlier >= KNOWN_BEFORE;
    if (known) {
        if ((cx->in_book == 1 || cx->written_to == 1 || listed) && authenticated(ctx))
            pc_flag_id(ctx, "contacts.known_correspondent", "address", from->addr,
                    "how", cx->written_to == 1 ? "written" : "book", NULL);
        return;
    }
    name_on_stranger(ctx, cx, from);
    bool not_in_book = cx->in_book == 0 || (cx->in_book < 0 && cx->complete);
    if (not_in_book && cx->written_to != 1 && cx->earlier == 0) first_contact(ctx, from);
}
