/* sender.c — who the message says it is from, against what the addresses show: a display
 * name naming a brand the domain does not belong to ("Kagoya Active! Mail"
 * <postmaster@aica-interior.co.jp>), a domain imitating a brand's (kagoya.net for
 * kagoya.jp) or the user's own, a display name dressed as the recipient's own
 * organisation ("Naporitansushi E-mail"), another address shown as the name, replies
 * diverted to a free mailbox or another organisation, an envelope sender of an unrelated
 * domain, a domain that cannot exist, another domain's postmaster, a display name that is
 * a lure or a bare notice ("Payment Declined", "Statement-5323").
 * Brands and their domains: brand.h; whose headers to believe: trust.h. */
#include <ctype.h>
#include <glib.h>
#include <string.h>
#include "checklib/brand.h"
#include "checklib/check.h"
#include "checklib/textutil.h"
#include "checklib/trust.h"
#include "data.h"
#include "util/fold.h"

static bool listed_as(const char *dom, const char *kind) {
    const char *k = pc_domain_listed(dom, "freemail.tsv");
    return k && !strcmp(k, kind);
}

/* A free mailbox address: user@gmail.com (not a provider's service subdomain). */
static bool freemail(const pc_addr *a) {
    return a->reg && !strcmp(a->domain, a->reg) && listed_as(a->domain, "mailbox");
}

/* An address anyone can get: a free mailbox or a platform's customer subdomain. */
static bool anyones(const pc_addr *a) { return freemail(a) || listed_as(a->domain, "platform"); }

/* A mail-system role local part (role-addresses.tsv: postmaster ...) or mailer-daemon. */
static bool role_local(const char *local) {
    const pc_table *t = pc_data_table("role-addresses.tsv");
    for (size_t i = 0; local && i < t->n; i++)
        if (!strcasecmp(local, t->rows[i].f[0])) return true;
    return local && !strcasecmp(local, "mailer-daemon");
}

/* Service senders of a mailbox provider write from its own domain: "noreply@outlook.com",
 * and its mail system's NDRs: "Microsoft Outlook" <postmaster@outlook.com>. */
static bool service_local(const char *local) {
    return local && (strstr(local, "noreply") || strstr(local, "no-reply") ||
                     strstr(local, "no_reply") || role_local(local));
}

/* Exchange writes its NDRs and system notices as "Microsoft Outlook"
 * <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@company.example>: the arbitration
 * mailbox of the organisation's own server. From the user's own domain, or as a delivery
 * report, that is the organisation's mail system, not someone posing as Microsoft. */
static bool exchange_system(pc_ctx *ctx, const pc_addr *from) {
    const char *l = from->local;
    if (!l || strncasecmp(l, "MicrosoftExchange", 17) || strlen(l + 17) != 32 ||
        strspn(l + 17, "0123456789abcdefABCDEF") != 32)
        return false;
    return ctx->msg->is_report || pc_own_domain(ctx, from->domain);
}

/* A brand named in the display name (or the local part) the address does not belong to.
 * A brand's consumer mailboxes and customer subdomains (outlook.com, icloud.com,
 * x.onmicrosoft.com) are anyone's: only its service addresses count as the brand's. */
static void brand_named(pc_ctx *ctx, const pc_addr *from) {
    const pc_brand *b = pc_brand_claimed(ctx);
    if (!b) return;
    bool owned = pc_brand_owns(ctx->arena, b, from->domain);
    if (owned && (!anyones(from) || service_local(from->local))) return;
    if (exchange_system(ctx, from)) return;
    bool list = pc_is_list_mail(ctx->msg);
    pc_flag_id(ctx, list ? "sender.brand_impersonation/list" : "sender.brand_impersonation",
            "brand", b->name, "domain", from->domain, "where", ctx->claim.where, NULL);
}

static void lookalike(pc_ctx *ctx, const pc_addr *a, const char *header) {
    if (!a || !a->domain) return;
    pc_lookalike l = pc_brand_lookalike(ctx->arena, a->domain);
    if (l.kind == PC_LOOK_NONE) return;
    bool strong = l.kind != PC_LOOK_EMBEDS;
    pc_flag_id(ctx, strong ? "sender.lookalike_domain" : "sender.lookalike_domain/embeds",
            "domain", a->domain, "brand", l.brand->name, "like",
            l.brand->site, "kind", pc_look_name(l.kind), "header", header, NULL);
}

/* From's domain imitates the user's own (tanaka-sekkel.jp for tanaka-sekkei.jp). */
static bool imitates_own(pc_ctx *ctx, const pc_addr *from, const char *real) {
    pc_look k = real ? pc_domain_imitates(ctx->arena, from->domain, real) : PC_LOOK_NONE;
    if (k != PC_LOOK_NONE)
        pc_flag_id(ctx, "sender.lookalike_own_domain", "domain", from->domain,
                "like", real, "kind", pc_look_name(k), NULL);
    return k != PC_LOOK_NONE;
}

/* Not for a bounce (pc_is_bounce): it carries nothing to act on, and a mail system's
 * address one letter off the user's domain is the recipient's typo it reports. */
static void own_lookalike(pc_ctx *ctx, const pc_addr *from) {
    if (pc_is_bounce(ctx)) return;
    for (const char **d = ctx->cfg->own_domains; d && *d; d++)
        if (imitates_own(ctx, from, *d)) return;
    imitates_own(ctx, from, pc_recipient_org(ctx));
}

/* A mail-system role address (postmaster@) of a domain not the user's writes to them,
 * and not as a bounce (delivery report, null sender, auto-submitted, list): it poses as
 * their mail system. */
static void role_address(pc_ctx *ctx, const pc_addr *from) {
    const pc_message *m = ctx->msg;
    if (pc_is_bounce(ctx) || m->auto_submitted || pc_is_list_mail(m) ||
        !from->local || pc_own_domain(ctx, from->domain) || !strcasecmp(from->local, "mailer-daemon"))
        return;
    if (role_local(from->local))
        pc_flag_id(ctx, "sender.role_address", "address", from->addr, NULL);
}

/* The e-mail address written inside a display name, lowercased; NULL if none. */
static char *address_in(pc_arena *a, const char *display) {
    const char *at = display ? strchr(display, '@') : NULL;
    if (!at) return NULL;
    const char *ok = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-";
    const char *s = at;
    while (s > display && strchr(ok, s[-1])) s--;
    size_t n = (size_t)(at - s) + 1 + strspn(at + 1, ok);
    char *addr = pc_strndup(a, s, n);
    for (char *c = addr; *c; c++) *c = (char)tolower((unsigned char)*c);
    return at > s && strchr(addr, '.') ? addr : NULL;
}

/* The words of a registrable domain's first label, folded: "example shop" for
 * example-shop.com ("" for none, which pc_fold_find never finds). */
static const char *label_words(pc_arena *a, const char *reg) {
    return reg ? pc_fold(a, pc_strndup(a, reg, strcspn(reg, "."))) : "";
}

/* The display name wears the recipient's address, or their organisation's name
 * ("Naporitansushi E-mail" to contact@naporitansushi.com): it pretends to be their own
 * mail system. Not for mailbox providers' users (their brand is the brand check's), nor
 * when the name is also the sender's own ("Example Shop News" <news@example-shop.com>). */
static bool recipient_display(pc_ctx *ctx, const pc_addr *from, const char *shown) {
    const char *rcpt = ctx->recipient, *at = rcpt ? strrchr(rcpt, '@') : NULL;
    if (!at || pc_own_domain(ctx, from->domain) || pc_is_list_mail(ctx->msg)) return false;
    bool named = shown && !strcasecmp(shown, rcpt);
    const char *org = pc_recipient_org(ctx);           /* an organisation, not gmail.com */
    if (!named && org && strlen(org) - strlen(strchr(org, '.')) >= 4) {
        const char *display = pc_fold(ctx->arena, from->display);
        named = pc_fold_find(display, label_words(ctx->arena, org)) &&
                !pc_fold_find(display, label_words(ctx->arena, from->reg));
    }
    if (named)
        pc_flag_id(ctx, "sender.recipient_display", "display", from->display,
                "domain", from->domain, NULL);
    return named;
}

/* What the display name shows: the recipient themselves, or another domain's address
 * ("support@paypal.com" <x@elsewhere.example>: the reader sees the address in the name). */
static void display_name(pc_ctx *ctx, const pc_addr *from) {
    char *shown = address_in(ctx->arena, from->display);
    if (recipient_display(ctx, from, shown) || !shown || pc_is_list_mail(ctx->msg)) return;
    const char *dom = pc_host_ascii(ctx->arena, strrchr(shown, '@') + 1);
    const char *reg = dom ? pc_reg_domain(ctx->arena, dom) : NULL;
    if (reg && from->reg && strcmp(reg, from->reg))
        pc_flag_id(ctx, "sender.display_address", "shown", shown, "address",
                from->addr, NULL);
}

/* A real domain name of someone: not an anonymised or broken one ("pot=hotmail.com"),
 * nor one reserved for examples (RFC 2606: replies to it go nowhere). */
static bool real_domain(const pc_addr *a) {
    static const char *reserved[] = {"example.com", "example.net", "example.org", "example",
                                     "invalid", "test", "localhost", NULL};
    if (!a || !a->reg || a->domain[strspn(a->domain, "abcdefghijklmnopqrstuvwxyz0123456789.-")])
        return false;
    for (const char **r = reserved; *r; r++)
        if (pc_host_within(a->domain, *r)) return false;
    return true;
}

/* The first labels of two registrable domains share a word of >= 5 letters (split at '-'
 * and digits): sister domains of one company ("zalando-lounge.de" and "zalando.de",
 * "news-shop.example" and "shop-service.example"). */
static bool sister_labels(const char *a, const char *b) {
    if (!a || !b) return false;
    size_t na = strcspn(a, "."), nb = strcspn(b, ".");
    for (size_t i = 0; i < na;) {
        size_t k = 0;
        while (i + k < na && g_ascii_isalpha(a[i + k])) k++;
        for (size_t j = 0; k >= 5 && j + k <= nb; j++)
            if (!strncmp(a + i, b + j, k) && (j == 0 || !g_ascii_isalpha(b[j - 1])) &&
                (j + k == nb || !g_ascii_isalpha(b[j + k])))
                return true;
        i += k ? k : 1;
    }
    return false;
}

/* a is another organisation's address than From's, outside list mail and the services that
 * send or answer for their customers (ESPs, helpdesks; also when From is theirs), and not a
 * sister domain of an authenticated newsletter's sender (replies to the shop's service
 * domain). */
static bool foreign(pc_ctx *ctx, const pc_addr *a, const pc_addr *from) {
    bool foreign = real_domain(a) && from->reg && !pc_same_org(ctx->arena, a->domain, from->domain) &&
                   !pc_is_list_mail(ctx->msg) && !pc_service_domain(a->domain, false) &&
                   !pc_service_domain(from->domain, false);
    return foreign && !(sister_labels(a->reg, from->reg) && pc_authenticated_newsletter(ctx));
}

/* The mail speaks for a brand or the user's own organisation (a brand named in From, From
 * on a brand's or the user's domain) that the address a does not belong to. */
static bool speaks_for_other(pc_ctx *ctx, const pc_addr *a) {
    const pc_brand *b = pc_brand_claimed(ctx);
    return (b && !pc_brand_owns(ctx->arena, b, a->domain)) || pc_from_brand_or_own(ctx);
}

/* Reply-To addressed to one of the recipients: the conversation goes on among them (a
 * list or group address, a colleague in Cc), not to a hidden collector. */
static bool among_recipients(const pc_message *m, const pc_addr *r) {
    const pc_vec *vs[] = {&m->to, &m->cc};
    for (size_t k = 0; k < 2; k++)
        for (size_t i = 0; i < vs[k]->n; i++) {
            const pc_addr *a = vs[k]->v[i];
            if (a->addr && !strcasecmp(a->addr, r->addr)) return true;
        }
    return false;
}

/* A brand's platform sending for one of its users ("佐藤 明子 via Docusign"
 * <dse@docusign.net>, "Name (via Google Docs)"), verified as the brand's, with Reply-To the
 * person its display name shows: replies go where the reader expects them to, so the
 * mail does not speak for the brand toward that address. */
static bool relayed_person(pc_ctx *ctx, const pc_addr *from, const pc_addr *r) {
    if (!r->display || !from->display || !pc_from_brand_verified(ctx)) return false;
    const char *who = pc_fold(ctx->arena, r->display);
    return strlen(who) >= 2 && pc_fold_find(pc_fold(ctx->arena, from->display), who);
}

/* A platform's verified no-reply address answering to its customer's organisation (Zoom
 * <no-reply@zoom.us> with the webinar host as Reply-To, a shop platform's receipt): the
 * customer speaks, not the brand, so a foreign organisation's Reply-To is low. A free
 * mailbox as Reply-To (a collector behind a form or invoice) keeps its weight. */
static bool platform_relay(pc_ctx *ctx, const pc_addr *from) {
    return service_local(from->local) && pc_from_brand_verified(ctx);
}

/* Replies go to another organisation's address: a free mailbox while the sender writes
 * from an organisation's domain (medium), or an unrelated domain (low; not when the reply
 * address bears the sender's own name: their second address); either weighs more when the
 * mail speaks for a brand or the user's own organisation. */
static void reply_to(pc_ctx *ctx, const pc_addr *from) {
    const pc_addr *r = ctx->msg->reply_to;
    /* A free mailbox whose replies go to another free mailbox (advance-fee and romance
     * scams: the sending account is burnt, the collecting one kept). Not the sender's
     * second address under their own name, nor a list or a conversation among recipients. */
    if (r && r->addr && freemail(from) && freemail(r) && strcasecmp(r->addr, from->addr) &&
        !among_recipients(ctx->msg, r) && !pc_is_list_mail(ctx->msg) &&
        !(r->display && from->display && !strcasecmp(r->display, from->display))) {
        pc_flag_id(ctx, "sender.reply_to_other_mailbox", "reply_to", r->addr,
                "address", from->addr, NULL);
        return;
    }
    if (!r || !foreign(ctx, r, from) || among_recipients(ctx->msg, r)) return;
    /* a brand relaying a person's message speaks for that person, not for itself: low
     * (Google Drive's own shares carry scam text too, with a collector as Reply-To) */
    bool other = speaks_for_other(ctx, r) && !relayed_person(ctx, from, r);
    bool same_name = r->display && from->display && !strcmp(r->display, from->display);
    if (freemail(r) && !freemail(from))
        pc_flag_id(ctx, other ? "sender.reply_to_freemail/claim" : "sender.reply_to_freemail",
                "reply_to", r->addr, "domain", from->domain, NULL);
    else if (other || !same_name) {    /* "Shop" <a@esp.example> -> "Shop" <a@shop.example> */
        other = other && !platform_relay(ctx, from);
        pc_flag_id(ctx, other ? "sender.reply_to_foreign/claim" : "sender.reply_to_foreign",
                "reply_to", r->addr, "domain", from->domain, NULL);
    }
}

/* A bounce address of a list, bulk sender or mail system: the recipient coded into it
 * (VERP, "list-return-12-user=example.org@"), owner-list@, bounces@, list-errors@,
 * mailer-daemon@, x@bounce.example.com. */
static bool bounce_address(const pc_addr *a) {
    const char *l = a->local ? a->local : "";
    return strchr(l, '=') || !strncasecmp(l, "owner-", 6) || strcasestr(a->addr, "bounce") ||
           strcasestr(l, "-return-") || strcasestr(l, "errors") || !strcasecmp(l, "mailer-daemon");
}

/* The envelope sender (Return-Path, written by the delivering server) on an unrelated
 * domain: the mail was sent by someone else's account or server. Supporting evidence only:
 * organisations send through providers whose bounce domains no list holds completely. */
static void return_path(pc_ctx *ctx, const pc_addr *from) {
    const pc_addr *p = ctx->msg->return_path;
    const pc_addr *s = ctx->msg->sender;
    if (!p || !foreign(ctx, p, from) || bounce_address(p) || pc_own_domain(ctx, p->domain) ||
        (s && s->addr && !strcasecmp(s->addr, p->addr)))   /* Sender: names it openly */
        return;
    bool other = speaks_for_other(ctx, p);
    pc_flag_id(ctx, other ? "sender.return_path_foreign/claim" : "sender.return_path_foreign",
               "return_path",
            p->addr, "domain", from->domain, NULL);
}

/* A From domain that cannot exist ("correios", "ubuntu-s-1vcpu-512mb-10gb-nyc1-01") on
 * mail from the internet, or a subdomain anyone gets for free on a platform. */
static void odd_domain(pc_ctx *ctx, const pc_addr *from) {
    const char *d = from->domain;
    if (!pc_trust_read(ctx).entry) return;              /* local mail: cron, root@host */
    const char *rcpt = ctx->recipient ? strrchr(ctx->recipient, '@') : NULL;
    if (rcpt && !strcasecmp(d, rcpt + 1)) return;       /* own domain: auth check's case */
    if (!strchr(d, '.'))
        pc_flag_id(ctx, "sender.invalid_domain", "domain", d, NULL);
    else if (listed_as(d, "platform"))
        pc_flag_id(ctx, "sender.platform_domain", "domain", d, NULL);
}

/* A free mailbox writing to hidden recipients only (To empty, "undisclosed-recipients:;",
 * or itself, everyone else in Bcc), outside a mailing list: one person's mailbox used for
 * bulk mail. Low: a club's secretary Bccs announcements too. */
static void freemail_bulk(pc_ctx *ctx, const pc_addr *from) {
    const pc_message *m = ctx->msg;
    if (!freemail(from) || pc_is_list_mail(m) || m->is_report) return;
    const pc_vec *vs[] = {&m->to, &m->cc};
    for (size_t k = 0; k < 2; k++)
        for (size_t i = 0; i < vs[k]->n; i++) {
            const pc_addr *a = vs[k]->v[i];
            if (a->addr && strchr(a->addr, '@') && strcasecmp(a->addr, from->addr)) return;
        }
    pc_flag_id(ctx, "sender.freemail_bulk", "address", from->addr, NULL);
}

/* Letters and digits of s folded, run together: "bitcoinmagazine" for "Bitcoin Magazine". */
static char *squeezed(pc_arena *a, const char *s) {
    char *f = pc_fold(a, s), *o = f;
    for (char *p = f; *p; p++)
        if (*p != ' ') *o++ = *p;
    *o = 0;
    return f;
}

/* The folded display name is a bare notice (notice-names.tsv), alone or with a reference
 * ("statement 53231606", "invoice no 4471"): the notice found, or NULL. Not when the local
 * part spells it: a role mailbox called by its job ("Invoice" <invoices@shop.example>). */
static const char *notice_name(pc_ctx *ctx, const char *name, const pc_addr *from) {
    const pc_table *t = pc_data_table("notice-names.tsv");
    const char *const *folded = pc_fold_column("notice-names.tsv", 1);
    for (size_t i = 0; i < t->n; i++) {
        const char *w = folded[i];
        if (!w) continue;
        size_t n = strlen(w);
        if (!*w || strncmp(name, w, n) || (name[n] && name[n] != ' ')) continue;
        /* what follows: reference tokens only (with a digit, or no/nr/id/ref/inv) */
        for (const char *p = name + n; *p;) {
            p += strspn(p, " ");
            size_t k = strcspn(p, " ");
            if (!k) break;
            bool digit = false;
            for (size_t j = 0; j < k; j++) digit |= g_ascii_isdigit(p[j]) != 0;
            static const char *refs[] = {"no", "nr", "n", "id", "ref", "inv", "nº", NULL};
            bool ref = false;
            for (const char **r = refs; *r; r++) ref |= strlen(*r) == k && !strncmp(p, *r, k);
            if (!digit && !ref) return NULL;
            p += k;
        }
        const char *local = squeezed(ctx->arena, from->local ? from->local : "");
        if (strstr(local, squeezed(ctx->arena, w))) return NULL;
        return t->rows[i].f[1];
    }
    return NULL;
}

/* The display name is itself a lure ("Payment Declined", "Account Suspended", "in
 * afwachting van levering", "Herzlichen Glückwunsch!"): an organisation names itself, not
 * the alarm it raises. A sign about the sender, apart from what the text says (content.c
 * finds the same words in the text). Only the alarm categories: topics (crypto, casino,
 * dating, pills, investment) name newsletters and shops ("Bitcoin Magazine").
 * Guards: list mail (a list is named after its subject), From on the user's own domain or
 * a brand's real one (not its free mailboxes: gmail.com is anyone's), a brand named in
 * the name whose domain this is, a name holding the sender's own domain name ("The
 * National Lottery" <x@national-lottery.co.uk>). */
static void lure_name(pc_ctx *ctx, const pc_addr *from) {
    static const char *topics[] = {"crypto", "casino", "dating", "pills", "investment", NULL};
    if (!from->display || pc_is_list_mail(ctx->msg) || pc_own_domain(ctx, from->domain) ||
        (pc_brand_owner(ctx->arena, from->domain) && !anyones(from)))
        return;
    const pc_brand *b = pc_brand_claimed(ctx);
    if (b && pc_brand_owns(ctx->arena, b, from->domain)) return;
    const char *name = pc_fold(ctx->arena, from->display);
    const pc_lure *l = pc_lure_in(name, false);
    const char *phrase = l ? l->phrase : NULL, *category = l ? l->category : NULL;
    for (const char **t = topics; l && *t; t++)
        if (!strcmp(l->category, *t)) phrase = NULL;
    if (!phrase && (phrase = notice_name(ctx, name, from))) category = "notice";
    if (!phrase) return;
    if (from->reg && !anyones(from)) {
        const char *label = squeezed(ctx->arena, pc_strndup(ctx->arena, from->reg,
                                                            strcspn(from->reg, ".")));
        if (strlen(label) >= 4 && strstr(squeezed(ctx->arena, from->display), label)) return;
    }
    pc_flag_id(ctx, "sender.lure_name", "name", from->display, "phrase",
            phrase, "category", category, NULL);
}

PC_CHECK(sender) {
    const pc_addr *from = ctx->msg->from;
    if (!from || !from->domain) return;
    brand_named(ctx, from);
    lookalike(ctx, from, "From");
    lookalike(ctx, ctx->msg->reply_to, "Reply-To");   /* one flag per id: From's wins */
    own_lookalike(ctx, from);
    display_name(ctx, from);
    role_address(ctx, from);
    reply_to(ctx, from);
    return_path(ctx, from);
    odd_domain(ctx, from);
    freemail_bulk(ctx, from);
    lure_name(ctx, from);
}
