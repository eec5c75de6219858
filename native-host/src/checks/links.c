/* links.c — links that lie about where they go, judged where they really lead (after
 * redirect unwrapping, checklib/linkutil.c): visible text naming another domain, two
 * buttons with different texts to one hidden URL, IP literals, user@host tricks,
 * punycode, free hosting, sign-in pages over plain http, the recipient's address or
 * domain written into the link.
 * Guards: links on the sender's own registrable domain and e-mail providers'
 * click-trackers are not "mismatches"; unsubscribe links may carry the address. */
#include "checklib/check.h"
#include <ctype.h>
#include <glib.h>
#include <libpsl.h>
#include <stdio.h>
#include <string.h>
#include "checklib/brand.h"
#include "checklib/linkutil.h"
#include "checklib/trust.h"
#include "data.h"

static bool on_sender(const pc_ctx *ctx, const pc_url *u) {
    const char *s = pc_sender_reg(ctx);
    return s && u && u->reg && !strcmp(s, u->reg);
}

/* u is on another domain of the brand whose own domain From is, and From is verified
 * (not a free mailbox or platform subdomain): SharePoint's notice from sharepointonline.com
 * linking to the tenant's sharepoint.com. */
static bool verified_sender(pc_ctx *ctx);
static bool on_senders_brand(pc_ctx *ctx, const pc_url *u) {
    const pc_addr *from = ctx->msg->from;
    if (!from || !u || !u->host || pc_domain_listed(from->domain, "freemail.tsv")) return false;
    const pc_brand *b = pc_brand_owner(ctx->arena, from->domain);
    return b && pc_brand_owns(ctx->arena, b, u->host) && verified_sender(ctx);
}

static bool same_reg(const pc_url *a, const pc_url *b) {
    return a && b && a->reg && b->reg && !strcmp(a->reg, b->reg);
}

/* The visible text as a URL when it looks like one ("www.x.com", "https://...", "x.co.jp/a"). */
static const pc_url *text_as_url(pc_ctx *ctx, const char *text) {
    size_t n = strlen(text);
    if (n < 4 || n > 2000 || strpbrk(text, " \t")) return NULL;
    bool prefixed = !strncasecmp(text, "http://", 7) || !strncasecmp(text, "https://", 8) ||
                    !strncasecmp(text, "www.", 4);
    if (!prefixed) {
        size_t host = strspn(text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                   "0123456789.-");
        if (!strchr(text, '.') || (text[host] && text[host] != '/')) return NULL;
    }
    pc_url *u = pc_url_parse(ctx->arena, text);
    return u && u->reg && strchr(u->host, '.') ? u : NULL;
}

static void text_mismatch(pc_ctx *ctx, const pc_link *l, const pc_target *t) {
    if (l->src != PC_LINK_A && l->src != PC_LINK_AREA) return;
    const pc_url *shown = text_as_url(ctx, l->text);
    if (!shown || same_reg(shown, l->url) || same_reg(shown, t->final)) return;
    if (t->via && (!strcmp(t->via_kind, "esp") || !strcmp(t->via_kind, "wrapper")) && !t->hops)
        return;                                   /* tracker with no readable target */
    if (on_sender(ctx, l->url)) return;
    /* one brand's two domains: "amazon.co.jp" shown, an amzn.asia short link or a
     * media-amazon.com picture behind it */
    const pc_brand *owner = pc_brand_owner(ctx->arena, t->final->host);
    if (owner && pc_brand_owns(ctx->arena, owner, shown->host)) return;
    pc_flag_id(ctx, "links.text_mismatch", "shown", shown->host,
            "target", t->final->host, NULL);
}

/* The user part of http://user@host reads as a site ("www.bank.com-x", "paypal.com",
 * "g29yjwhyet.com"): "www." or a dot followed by a top-level domain. A person's name
 * (Outlook turns "luca.chen@company.com.tw" into http://luca.chen@company.com.tw) or
 * "username:password" in a wget command line reads as no site. */
static bool user_looks_like_site(const char *user) {
    if (!strncasecmp(user, "www.", 4)) return true;
    for (const char *d = strchr(user, '.'); d; d = strchr(d + 1, '.')) {
        size_t n = strspn(d + 1, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
        if (n < 2 || n > 24 || isalnum((unsigned char)d[1 + n])) continue;
        char tld[32];
        snprintf(tld, sizeof tld, "%.*s", (int)n, d + 1);
        for (char *c = tld; *c; c++) *c = (char)tolower((unsigned char)*c);
        if (psl_is_public_suffix2(psl_builtin(), tld, PSL_TYPE_ICANN | PSL_TYPE_NO_STAR_RULE))
            return true;
    }
    return false;
}

static void host_tricks(pc_ctx *ctx, const pc_link *l, const pc_target *t) {
    const pc_url *u = t->final;
    if (u->is_ip)
        pc_flag_id(ctx, "links.ip_host", "host", u->host, NULL);
    if (l->url->user && *l->url->user && user_looks_like_site(l->url->user))
        pc_flag_id(ctx, "links.userinfo", "shown", l->url->user,
                "host", l->url->host, NULL);
    if (u->is_idn && !on_sender(ctx, u))
        pc_flag_id(ctx, "links.punycode", "host", u->host,
                "unicode", u->host_u, NULL);
}

/* Mail from the user's own organisation, verified by the trusted AR: a colleague. */
static bool colleague(pc_ctx *ctx) {
    const pc_addr *from = ctx->msg->from;
    if (!from || !pc_own_domain(ctx, from->domain)) return false;
    pc_trust t = pc_trust_read(ctx);
    return pc_trust_from_verified(ctx, &t);
}

/* From is verified by the trusted AR (DMARC pass or an aligned pass). */
static bool verified_sender(pc_ctx *ctx) {
    pc_trust t = pc_trust_read(ctx);
    return pc_trust_from_verified(ctx, &t);
}

/* Free hosting, forms and storage; no storage of the verified sender's own brand
 * (SharePoint's notice linking to the tenant's sharepoint.com). A colleague sharing a form or a site builder's page
 * (Microsoft Forms for a training sign-up) is a weak hint only: the organisation works
 * with these services; rented hosting (web.app, ngrok) stays medium. */
static void free_hosting(pc_ctx *ctx, const pc_target *t) {
    const pc_url *u = t->final;
    if (u->is_ip || on_sender(ctx, u)) return;
    const char *kind = pc_url_listed(u, "free-hosting.tsv", 1);
    if (!kind && pc_host_private_suffix(u->host)) kind = "hosting";
    if (!kind || (!strcmp(kind, "storage") && on_senders_brand(ctx, u))) return;
    /* project documentation and demo hosting (readthedocs.io, github.io, appspot.com) is
     * what technical lists link to all day: nothing on list mail, a hint from a verified
     * sender, rented hosting elsewhere */
    bool project = !strcmp(kind, "project");
    if (project && pc_is_list_mail(ctx->msg)) return;
    bool weak = !strcmp(kind, "storage") || (project && verified_sender(ctx)) ||
                ((!strcmp(kind, "forms") || !strcmp(kind, "builder")) && colleague(ctx));
    bool share = !strcmp(kind, "storage");
    pc_flag_id(ctx, share ? "links.file_share" : weak ? "links.free_hosting/weak" : "links.free_hosting",
            "host", u->host,
            "kind", project ? "hosting" : kind, NULL);
}

static bool has_login_word(const char *s) {
    const pc_table *w = pc_data_table("login-words.tsv");
    for (size_t i = 0; s && i < w->n; i++)
        if (pc_strcasestr(s, w->rows[i].f[0])) return true;
    return false;
}

static void http_login(pc_ctx *ctx, const pc_link *l, const pc_target *t) {
    const pc_url *u = t->final;
    if (strcmp(u->scheme, "http") || on_sender(ctx, u)) return;
    if (has_login_word(u->path) || has_login_word(u->query) ||
        (l->src != PC_LINK_TEXT && has_login_word(l->text)))
        pc_flag_id(ctx, "links.http_login", "link", u->raw, NULL);
}

static bool unsubscribe(const pc_link *l) {
    static const char *w[] = {"unsub", "optout", "opt-out", "opt_out", "remove", "preferences",
                              "manage", "profile", "配信停止", "登録解除", NULL};
    for (int i = 0; w[i]; i++)
        if (pc_strcasestr(l->href, w[i]) || pc_strcasestr(l->text, w[i])) return true;
    return false;
}

static void recipient(pc_ctx *ctx, const pc_link *l, const pc_target *t) {
    if (unsubscribe(l) || on_sender(ctx, l->url) || on_sender(ctx, t->final)) return;
    if (t->via && strcmp(t->via_kind, "param") && strcmp(t->via_kind, "open") && !t->hops)
        return;                                   /* ESP tracker: carries ids, not a lure */
    if (pc_has_recipient(ctx, l->href))
        pc_flag_id(ctx, "links.recipient", "address", ctx->recipient,
                "host", t->final->host, NULL);
}

/* The recipient's domain name ("naporitansushi") in another site's host: a page made for
 * this victim ("webmail-naporitansushi-7f3a.web.app"). */
static void recipient_domain(pc_ctx *ctx, const pc_target *t) {
    const char *at = ctx->recipient ? strrchr(ctx->recipient, '@') : NULL;
    if (!at) return;
    const char *rreg = pc_reg_domain(ctx->arena, at + 1);
    const pc_url *u = t->final;
    if (!rreg || !u->reg || !strcmp(rreg, u->reg) || pc_host_within(u->host, rreg)) return;
    size_t n = strcspn(rreg, ".");
    if (n < 5) return;
    char *label = pc_strndup(ctx->arena, rreg, n);
    /* Where anyone can name a page: below the registrable domain, or on free hosting. */
    bool hosted = pc_host_private_suffix(u->host) || pc_url_listed(u, "free-hosting.tsv", 1);
    size_t below = strlen(u->host) - strlen(u->reg);
    const char *area = hosted ? u->host : pc_strndup(ctx->arena, u->host, below);
    const char *hit = pc_strcasestr(area, label);
    if (!hit) return;
    bool bounded = (hit == area || !isalnum((unsigned char)hit[-1])) &&
                   !isalnum((unsigned char)hit[n]);
    if (bounded)
        pc_flag_id(ctx, "links.recipient_domain", "domain", rreg,
                "host", u->host, NULL);
}

/* Per href, the first <a> with a text and the first after it whose text differs (case
 * aside): the earliest <a> a later one with that href and a text can pair with is one of
 * the two, so pairs are found by one look-up instead of a scan of all earlier links. */
typedef struct { const pc_link *first, *other; } href_texts;

static void remember(pc_arena *a, GHashTable *seen, const pc_link *o) {
    if (o->src != PC_LINK_A || !o->href || !*o->text) return;
    href_texts *h = g_hash_table_lookup(seen, o->href);
    if (!h) {
        h = pc_alloc(a, sizeof *h);
        h->first = o;
        g_hash_table_insert(seen, o->href, h);
    } else if (!h->other && strcasecmp(h->first->text, o->text)) {
        h->other = o;
    }
}

/* The earliest remembered <a> with l's href and a text other than l's; NULL if none. */
static const pc_link *paired(GHashTable *seen, const pc_link *l) {
    const href_texts *h = *l->text ? g_hash_table_lookup(seen, l->href) : NULL;
    if (!h) return NULL;
    return strcasecmp(h->first->text, l->text) ? h->first : h->other;
}

/* The first two <a> links with different texts and one href; false when the links go
 * to more than 8 places (then there is no finding). *distinct: how many places. */
static bool first_pair(pc_ctx *ctx, const pc_vec *links, const pc_link **first,
                       const pc_link **second, int *distinct) {
    const char *hrefs[8];
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    bool ok = true;
    for (size_t i = 0; i < links->n && ok; i++) {
        const pc_link *l = links->v[i];
        if (pc_link_clickable(l) && !l->nested && l->src == PC_LINK_A) {
            int j = 0;
            while (j < *distinct && strcmp(hrefs[j], l->href)) j++;
            if (j == *distinct && *distinct == 8) ok = false;
            else if (j == *distinct) hrefs[(*distinct)++] = l->href;
            const pc_link *o = ok && !*second && !on_sender(ctx, l->url) &&
                               !on_senders_brand(ctx, l->url) ? paired(seen, l) : NULL;
            if (o) *first = o, *second = l;
        }
        remember(ctx->arena, seen, l);
    }
    g_hash_table_destroy(seen);
    return ok;
}

/* Two or more buttons with different texts leading to the same URL, in a mail with few
 * destinations (newsletters link a headline and its "read more" too, among many). */
static void same_target(pc_ctx *ctx, const pc_vec *links) {
    const pc_link *first = NULL, *second = NULL;
    int distinct = 0;
    if (first_pair(ctx, links, &first, &second, &distinct) && second && distinct <= 3)
        pc_flag_id(ctx, "links.same_target", "text1", first->text,
                "text2", second->text, "target", first->url->host, NULL);
}

/* A link host imitating a brand's domain (brand.h: same label under another suffix,
 * confusable letters; the name embedded weighs less). One-letter typos are left to the
 * sender check: among the many hosts a newsletter links to, they match by chance. */
static void lookalike(pc_ctx *ctx, const pc_target *t) {
    pc_lookalike lk = pc_brand_lookalike(ctx->arena, t->final->host);
    if (lk.kind == PC_LOOK_NONE || lk.kind == PC_LOOK_TYPO) return;   /* typos: too many */
    bool embeds = lk.kind == PC_LOOK_EMBEDS;     /* a site *about* the brand also embeds it */
    pc_flag_id(ctx, embeds ? "links.lookalike/embeds" : "links.lookalike",
            "host", t->final->host, "brand", lk.brand->name, "site", lk.brand->site,
            "kind", pc_look_name(lk.kind), NULL);
}

/* The brand the sender's display name speaks for, unless the sender's domain is really
 * the brand's: then links elsewhere are the brand's own business. (A subject naming a
 * brand is what newsletters do.) */
static const pc_brand *claimed_brand(pc_ctx *ctx) {
    const pc_message *m = ctx->msg;
    if (!m->from) return NULL;
    const pc_brand *b = pc_brand_claimed(ctx);
    return b && !pc_brand_owns(ctx->arena, b, m->from->domain) ? b : NULL;
}

/* The claimed brand written into a foreign link's subdomain or path: sgogoj.com/kagoya/. */
static void brand_in_url(pc_ctx *ctx, const pc_brand *b, const pc_target *t) {
    const pc_url *u = t->final;
    if (!u->reg || pc_brand_owns(ctx->arena, b, u->host)) return;
    size_t below = strlen(u->host) - strlen(u->reg);
    char *s = pc_sprintf(ctx->arena, "%.*s %s %s", (int)below, u->host,
                         u->path ? pc_url_decode(ctx->arena, u->path, false) : "",
                         u->query ? pc_url_decode(ctx->arena, u->query, true) : "");
    if (pc_brand_named(ctx->arena, s) == b)
        pc_flag_id(ctx, "links.brand_in_url", "brand", b->name,
                "host", u->host, "link", u->raw, NULL);
}

/* A mail speaking for a brand whose links all go to sites that are not the brand's. Not
 * when From is verified (DMARC or an aligned pass): then the sender's domain is a real
 * one the brand data may just lack (a group company: au PAY card's kddi-fs.com; not a
 * free mailbox or platform subdomain, which anyone verifies), and
 * sender.brand_impersonation already says so — the same gap must not count twice and
 * make an authenticated mail dangerous by itself. */
static void brand_elsewhere(pc_ctx *ctx, const pc_brand *b, int n_links, int n_official,
                            const char *host) {
    const pc_addr *from = ctx->msg->from;
    bool anyones = from && pc_domain_listed(from->domain, "freemail.tsv");   /* x.onmicrosoft.com */
    if (n_links && !n_official && host && (anyones || !verified_sender(ctx)))
        pc_flag_id(ctx, "links.brand_elsewhere", "brand", b->name,
                "site", b->site, "host", host, NULL);
}

PC_CHECK(links) {
    const pc_vec *links = &ctx->msg->links;
    const pc_brand *b = claimed_brand(ctx);
    int n_links = 0, n_official = 0;
    const char *foreign = NULL;
    for (size_t i = 0; i < links->n; i++) {
        const pc_link *l = links->v[i];
        if (!pc_link_clickable(l) || l->nested) continue;
        pc_target t = pc_link_target(ctx, l->url);
        lookalike(ctx, &t);
        if (b) {
            brand_in_url(ctx, b, &t);
            n_links++;
            bool tracked = t.via && !t.hops && strcmp(t.via_kind, "param");
            if (tracked || on_sender(ctx, t.final) || pc_brand_owns(ctx->arena, b, t.final->host))
                n_official++;                     /* a publisher writing about the brand */
            else if (!foreign) foreign = t.final->host;
        }
        text_mismatch(ctx, l, &t);
        host_tricks(ctx, l, &t);
        free_hosting(ctx, &t);
        http_login(ctx, l, &t);
        recipient(ctx, l, &t);
        recipient_domain(ctx, &t);
    }
    same_target(ctx, links);
    if (b) brand_elsewhere(ctx, b, n_links, n_official, foreign);
}
