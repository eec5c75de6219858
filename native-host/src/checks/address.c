/* address.c — the shape of the From address itself (sender.c judges who it claims to be):
 *  - address.malformed: a domain no mail system could have: characters outside letters,
 *    digits, '-' and '.' ("cnhbloqueada@%suspender.com", "x@'shop.com", "a@{aok.de}",
 *    a quoted "noreply@brand.de" as the address). Forgers type these to show a familiar
 *    name in the address column; a real server never sends from them.
 *  - address.generated: an address a bulk mailer generated per message: a domain label of
 *    random letters and digits ("y4chj01al8.com"), three or more one-letter labels
 *    ("a.b.c.d.e.f.g.h.46.fayn.sa.com", "s.u.p.p.o.r.t.1.x.com"), a local part
 *    "first_last_12345", or a local part of letters with capitals scattered at random
 *    ("zLvuYFA@", "IrkcUJj@"; not DoNotUse, JSmith, McDonald).
 *  - address.freemail_org: a free mailbox (gmail, hotmail ...) whose display name speaks
 *    for an organisation, department or authority (org-words.tsv: "Banco do Brasil",
 *    "Setor de suporte", "Security Team") or carries a case/protocol number. Banks, tax
 *    offices and support desks never write from a free mailbox.
 *  - address.missing: the From line shows a name but no address mail can come from
 *    ("Facebook" <>, Europa Park,(<noreply@dhl.de>), Tower <x@<noreply@digid.nl>): a
 *    forged header that puts a familiar name, or a familiar address in a comment, where
 *    the sender's mailbox belongs. Every mail system writes a mailbox there; only mail
 *    systems' own reports write an empty one (MAILER-DAEMON <>): bounces (pc_is_bounce),
 *    a From naming a mail system, and a From that is only <> are left alone, as is a
 *    From whose one <local@domain> is readable where a stricter parser gave up ([US]).
 * Without a display name, the words of the local part count ("advocacia.svs.w.email@gmail.com";
 * org words of ≥ 6 letters only, digits ignored).
 * Guards: mailing-list mail for freemail_org (a list relays its members' mail); addresses of the user's own
 * domain; internationalised domains are judged in their punycode (ASCII) form. */
#include "checklib/check.h"
#include <glib.h>
#include <string.h>
#include "checklib/trust.h"
#include "data.h"
#include "util/fold.h"

static bool malformed(const char *dom) {
    if (!*dom || dom[0] == '.' || dom[0] == '-' || strstr(dom, "..")) return true;
    for (const char *p = dom; *p; p++)
        if (!g_ascii_isalnum(*p) && *p != '-' && *p != '.') return true;
    return false;
}

/* A label of letters and digits jumbled: ≥ 10 characters, ≥ 3 digits, ≥ 4 switches. */
static bool random_label(const char *l, size_t n) {
    if (n < 10) return false;
    int digits = 0, changes = 0;
    for (size_t i = 0; i < n; i++) {
        if (!g_ascii_isalnum(l[i])) return false;
        digits += g_ascii_isdigit(l[i]) != 0;
        if (i && (g_ascii_isdigit(l[i]) != 0) != (g_ascii_isdigit(l[i - 1]) != 0)) changes++;
    }
    return digits >= 3 && changes >= 4;
}

/* Letters only, ≥ 6, capitals scattered as no name has them ("zLvuYFA", "IrkcUJj",
 * "lszeloB"); words run together (DoNotUse, McDonald, JSmith) are not random. */
static bool random_case(const char *l) {
    size_t n = strlen(l);
    int switches = 0;
    if (n < 6) return false;
    for (size_t i = 0; i < n; i++) {
        if (!g_ascii_isalpha(l[i])) return false;
        if (i && g_ascii_isupper(l[i]) && g_ascii_islower(l[i - 1])) switches++;
    }
    if (!switches) return false;
    /* Word-shaped: a first letter, then lowercase, then Capitalised words of ≥ 2 letters;
     * or one to three capitals (initials) followed by such words. */
    size_t i = 0;
    while (i < n && i < 3 && g_ascii_isupper(l[i])) i++;
    if (!i) i = 1;
    while (i < n && g_ascii_islower(l[i])) i++;
    while (i < n) {
        if (!g_ascii_isupper(l[i])) return true;
        size_t k = ++i;
        while (i < n && g_ascii_islower(l[i])) i++;
        if (i - k < 2) return true;
    }
    return false;
}

/* The local part is the display name run together ("FOXSports FLASH" <FOXSportsFLASH@>). */
static bool spells_display(const pc_addr *a) {
    if (!a->display) return false;
    const char *l = a->local;
    for (const char *d = a->display; *d; d++) {
        if (!g_ascii_isalpha(*d)) continue;
        if (g_ascii_tolower(*d) != g_ascii_tolower(*l)) return false;
        l++;
    }
    return !*l;
}

static const char *generated(pc_ctx *ctx, const pc_addr *a) {
    int single = 0;
    for (const char *p = a->domain; *p;) {
        const char *e = strchr(p, '.');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == 1) single++;
        if (random_label(p, n)) return "random domain";
        if (!e) break;
        p = e + 1;
    }
    if (single >= 3) return "dotted domain";
    /* first_last_12345: two or more words of letters, then a number of ≥ 3 digits. */
    const char *l = a->local;
    int words = 0;
    const char *p = l;
    while (*p && g_ascii_isalpha(*p)) {
        while (g_ascii_isalpha(*p)) p++;
        words++;
        if (*p != '_') break;
        p++;
    }
    if (random_case(l) && !spells_display(a)) return "random capitals in local part";
    if (words >= 2 && p > l && p[-1] == '_') {
        size_t d = strspn(p, "0123456789");
        if (d >= 3 && !p[d]) return "numbered local part";
    }
    return NULL;
}

static bool free_mailbox(const pc_addr *a) {
    const char *k = a->reg && !strcmp(a->domain, a->reg) ? pc_domain_listed(a->domain, "freemail.tsv")
                                                          : NULL;
    return k && !strcmp(k, "mailbox");
}

/* The org word in the display name, or "number" for a long case/protocol number. */
static const char *org_word(pc_ctx *ctx, const char *display) {
    const pc_table *t = pc_data_table("org-words.tsv");
    const char *const *words = pc_fold_column("org-words.tsv", 1);
    const char *folded = pc_fold(ctx->arena, display);
    for (size_t i = 0; i < t->n; i++)
        if (words[i] && *words[i] && pc_fold_find(folded, words[i])) return words[i];
    int run = 0;
    for (const char *p = display; *p; p++) {
        run = g_ascii_isdigit(*p) ? run + 1 : 0;
        if (run >= 5) return "number";
    }
    return NULL;
}

/* The one <local@domain.tld> outside comments: an address a reader and a reply can use. */
static bool readable_angle_addr(const char *v) {
    const char *lt = NULL, *gt = NULL;
    int depth = 0, n_lt = 0;
    for (const char *p = v; *p; p++) {
        if (*p == '(') depth++;
        else if (*p == ')' && depth) depth--;
        else if (!depth && *p == '<') { lt = p; n_lt++; }
        else if (!depth && *p == '>' && lt && !gt) gt = p;
    }
    if (n_lt != 1 || !gt || gt < lt) return false;
    const char *at = memchr(lt, '@', (size_t)(gt - lt));
    return at && at > lt + 1 && memchr(at, '.', (size_t)(gt - at)) && !memchr(at + 1, '@', (size_t)(gt - at - 1));
}

/* A name a mail system writes its reports under. */
static bool system_name(const char *v) {
    static const char *const names[] = {"mailer-daemon", "postmaster", "mail delivery",
                                        "mail system", "mail administrator", NULL};
    for (size_t i = 0; names[i]; i++)
        if (strcasestr(v, names[i])) return true;
    return false;
}

static void missing_address(pc_ctx *ctx) {
    const pc_message *m = ctx->msg;
    const char *v = pc_msg_header(m, "From");
    if ((m->from && m->from->local && m->from->domain) || !v || readable_angle_addr(v) ||
        system_name(v))
        return;
    bool letters = false;           /* a name to show; a bare <> is a mail system's */
    for (const char *p = v; *p && !letters; p++) letters = g_ascii_isalpha(*p) || (*p & 0x80);
    if (!letters || !g_utf8_validate(v, -1, NULL) || pc_is_bounce(ctx)) return;
    pc_flag_id(ctx, "address.missing", "from", v, NULL);
}

PC_CHECK(address) {
    const pc_message *m = ctx->msg;
    const pc_addr *a = m->from;
    missing_address(ctx);
    if (!a || !a->domain || !a->local) return;
    if (pc_own_domain(ctx, a->domain)) return;
    if (strchr(a->domain, '.') && malformed(a->domain))
        pc_flag_id(ctx, "address.malformed", "address", a->addr, NULL);
    else if (strchr(a->domain, '.')) {
        const char *why = generated(ctx, a);
        if (why)
            pc_flag_id(ctx, "address.generated", "address", a->addr,
                    "why", why, NULL);
    }
    /* Without a display name the mailbox name is what the reader sees: judge its words
     * ("advocacia.svs@gmail.com"), not its digits (a person's "maria1987"), and only the
     * longer org words (names hold "court", "bank": court.smith@gmail.com). */
    bool named = a->display && *a->display && strcmp(a->display, a->addr);
    const char *name = named ? a->display : pc_strdup(ctx->arena, a->local);
    if (!named)
        for (char *p = (char *)name; *p; p++)
            if (g_ascii_isdigit(*p)) *p = ' ';
    /* a provider's own mail system ("Postmaster" <postmaster@aol.com> bouncing) is no
     * free mailbox speaking for an organisation */
    if (!pc_is_list_mail(m) && free_mailbox(a) && !pc_is_bounce(ctx) &&
        g_utf8_validate(name, -1, NULL)) {
        const char *w = org_word(ctx, name);
        if (w && !named && g_utf8_strlen(w, -1) < 6) w = NULL;   /* court.smith, j.bank */
        if (w)
            pc_flag_id(ctx, "address.freemail_org", "name", name,
                    "word", w, "address", a->addr, "where", named ? "display" : "address",
                    NULL);
    }
}
