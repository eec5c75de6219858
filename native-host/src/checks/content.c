/* content.c — what the words of a mail try to make the reader do (lures.tsv: delivery
 * failure, mailbox full, account suspended, verify, log in, password expiry, payment,
 * shared document, prize, crypto, advance fee; urgency as a weak extra), in any of the
 * listed languages, and text disguised against filters: words mixing Latin with Cyrillic
 * or Greek letters ("Binаnсе"), mathematical "fancy" letters (𝕀𝕙𝕣), invisible
 * characters inside words (not soft hyphens where hyphenation puts them); call-back
 * phishing (a phone number to call and no link).
 * Guards: phrases are specific and matched at word boundaries; one category alone stays
 * below the suspicious score; urgency alone is low. */
#include "checklib/check.h"
#include <glib.h>
#include <string.h>
#include "checklib/brand.h"
#include "checklib/linkutil.h"
#include "checklib/textutil.h"
#include "checklib/trust.h"
#include "data.h"
#include "util/fold.h"

static void flag_lure(pc_ctx *ctx, const char *cat, const char *phrase, int nth) {
    bool later = nth > 0 && strcmp(cat, "urgency");   /* a further category weighs less */
    pc_flag_id(ctx, pc_sprintf(ctx->arena, "content.%s%s", cat, later ? "/later" : ""),
               "phrase", phrase, NULL);
}

/* "Sent you a document" told by the brand whose service it is (Docusign, SharePoint,
 * Google Drive), verified by its DMARC, with every web link on that brand's own domains
 * and none to a form or hosted page there (docs.google.com/forms): the notice of a real
 * share. A real notice leading off the brand (a shared "collection" pointing elsewhere) or
 * to a form keeps the lure. Its shared file may be on the brand's storage (storage_ok);
 * other notices must link to no hosted page at all. */
static bool brand_only_links(pc_ctx *ctx, bool storage_ok) {
    if (!pc_from_brand_verified(ctx)) return false;
    const pc_brand *b = pc_brand_owner(ctx->arena, ctx->msg->from->domain);
    const pc_vec *links = &ctx->msg->links;
    for (size_t i = 0; i < links->n; i++) {
        const pc_link *k = links->v[i];
        if (!k->url || !k->url->host) continue;
        const char *kind = pc_url_listed(k->url, "free-hosting.tsv", 1);
        if (!pc_brand_owns(ctx->arena, b, k->url->host) ||
            (kind && (!storage_ok || strcmp(kind, "storage"))))
            return false;
    }
    return true;
}

/* A bank's or service's own security notice ("不正利用のおそれ…至急ご連絡ください", "if this
 * wasn't you, change your password"): verified by its DMARC as the brand, every web link on
 * that brand's own domains and none to hosted pages, its warning words lead nowhere but to
 * the brand itself. Only these categories: a real service abused to carry a stranger's
 * text (invoice notes) still lures with payment, prize or callback words. */
static bool security_words(const char *cat) {
    return !strcmp(cat, "account") || !strcmp(cat, "login") || !strcmp(cat, "password") ||
           !strcmp(cat, "urgency");
}

/* A phrase that is no lure in this mail: the name of the brand that verifiably sent it
 * ("docusign" lures as a brand name in others' mail, not in Docusign's own), a document
 * waiting in such a brand's own mail (its file-share and e-sign notices), or a
 * delivery failure or full mailbox told by a bounce (pc_is_bounce: a multipart/report, or
 * a mail system's NDR with no link or file to act on), which says so by its nature; a
 * one-word prize row in an authenticated newsletter. */
static bool not_a_lure(pc_ctx *ctx, const pc_lure *l) {
    bool report_words = !strcmp(l->category, "delivery") || !strcmp(l->category, "mailbox");
    if (report_words && pc_is_bounce(ctx)) return true;
    /* one-word prize rows ("Gutschein", "Gewinn") are every shop's newsletter vocabulary:
     * from an authenticated newsletter they are marketing, not a lure */
    if (!strcmp(l->category, "prize") && !strchr(l->phrase, ' ') &&
        pc_authenticated_newsletter(ctx))
        return true;
    if (!strcmp(l->category, "document") && brand_only_links(ctx, true)) return true;
    if (security_words(l->category) && brand_only_links(ctx, false)) return true;
    const pc_brand *b = pc_brand_named(ctx->arena, l->phrase);
    return b && ctx->msg->from && pc_brand_owns(ctx->arena, b, ctx->msg->from->domain) &&
           pc_from_brand_verified(ctx);
}

/* Japanese puts the negation after what it denies: "配信失敗やフィッシングを装ったメール
 * ではありません" (an IT notice saying it is genuine), "配信失敗を装う詐欺にご注意ください"
 * (a warning). True when every occurrence of the (non-ASCII) phrase sits in such a
 * sentence — up to the next "。", "！" or line end. */
static bool denied_japanese(const char *folded, const char *phrase) {
    static const char *neg[] = {"ではありません", "ではございません", "ではない", "を装", "を騙",
                                "なりすまし", "にご注意", "に注意", NULL};
    if (!(phrase[0] & 0x80)) return false;
    size_t k = strlen(phrase);
    bool any = false;
    for (const char *p = pc_fold_find(folded, phrase); p; p = pc_fold_find(p + k, phrase)) {
        any = true;
        size_t n = strcspn(p + k, "\n");
        const char *stop = strstr(p + k, "\xe3\x80\x82");               /* 。 */
        if (stop && (size_t)(stop - (p + k)) < n) n = (size_t)(stop - (p + k));
        char *sentence = g_strndup(p + k, n);
        bool denied = false;
        for (const char **w = neg; *w && !denied; w++) denied = strstr(sentence, *w) != NULL;
        g_free(sentence);
        if (!denied) return false;
    }
    return any;
}

static void lure_phrases(pc_ctx *ctx, const char *folded) {
    size_t n, k;
    const pc_lure *l = pc_lures(&n);
    const size_t *hits = pc_lures_found(ctx->arena, folded, &k);   /* one pass, in order */
    int categories = 0;
    for (size_t h = 0; h < k; h++) {
        size_t i = hits[h];
        char *id = pc_sprintf(ctx->arena, "content.%s", l[i].category);
        if (pc_found(ctx, id)) continue;
        if (not_a_lure(ctx, &l[i]) || denied_japanese(folded, l[i].phrase)) continue;
        flag_lure(ctx, l[i].category, l[i].phrase, categories);
        if (strcmp(l[i].category, "urgency")) categories++;
    }
}

typedef struct { int mixed, fancy, invisible; const char *mixed_word; } disguise;

static bool invisible(gunichar c) {
    return (c >= 0x200b && c <= 0x200d) || c == 0x2060 || c == 0xfeff || c == 0xad;
}

/* Letters from alphabets that only imitate Latin ones: mathematical alphanumerics (𝕀𝕙𝕣),
 * circled and parenthesised letters (Ⓟⓐⓨ, ⒫), squared ones (🅿🅰🆈). Not fullwidth Latin
 * (Japanese text writes it), not regional indicators (flag emoji). */
static bool fancy_letter(gunichar c) {
    return (c >= 0x1d400 && c <= 0x1d7ff) || (c >= 0x249c && c <= 0x24e9) ||
           (c >= 0x1f130 && c <= 0x1f189);
}

/* Latin small capitals (ᴀ ʙ ᴄ ... ʀ ꜱ ᴛ ᴜ ᴠ ᴡ ʏ ᴢ: "ᴜ́ʟᴛɪᴍᴏ ʀᴇᴄᴏʀᴅᴀᴛᴏʀɪᴏ"). Phonetic
 * transcription uses a few of them (ɪ, ʊ, ʀ) inside ordinary words, so they count only in
 * words written in small capitals throughout. */
static bool small_capital(gunichar c) {
    static const gunichar ipa[] = {0x0262, 0x026a, 0x0274, 0x0276, 0x0280, 0x0281, 0x028f,
                                   0x0299, 0x029b, 0x029c, 0x029f, 0xa730, 0xa731, 0};
    if ((c >= 0x1d00 && c <= 0x1d22) || (c >= 0x1d7b && c <= 0x1d7e)) return true;
    for (const gunichar *p = ipa; *p; p++)
        if (c == *p) return true;
    return false;
}

/* hyph: whether the word's soft hyphens sit where hyphenation puts them (0: not looked yet,
 * 1: yes, -1: no) */
typedef struct { const char *start; int latin, other, letters, small, hyph; } word;

/* Ends a word at p: counts it when it mixed Latin with Cyrillic or Greek letters, or was
 * written in small capitals. */
static void end_word(pc_ctx *ctx, disguise *d, word *w, const char *p) {
    if (w->latin && w->other && w->latin + w->other >= 3) {
        if (!d->mixed_word) d->mixed_word = pc_strndup(ctx->arena, w->start, (size_t)(p - w->start));
        d->mixed++;
    }
    if (w->small >= 3 && w->small == w->letters) d->fancy += w->small;
    *w = (word){.start = *p ? g_utf8_next_char(p) : p};
}

/* True when the next character after the run of invisible ones at p is a letter: the
 * run splits a word ("Pa&zwnj;yPal"). A run ending a word is a preheader's padding
 * ("Sale&zwnj;&zwnj;&zwnj; &nbsp;"), which newsletters write after their preview text. */
static bool letter_follows(const char *p) {
    for (; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (!invisible(c)) return g_unichar_isalpha(c);
    }
    return false;
}

/* A soft hyphen (U+00AD) is where a line may break inside a word: German newsletters and
 * CMS/ESP tools write "Ver&shy;si&shy;che&shy;rung" in long words. True when the word from
 * start reads as such hyphenation: at least 7 letters (hyphenation is for long words; brand
 * and lure words split "two letters apart", "Pa&shy;yP&shy;al", "ve&shy;ri&shy;fy", stay
 * shorter) and every piece between its soft hyphens at least 2 letters (hyphenators leave 2
 * letters or more on each side of a break); no run of soft hyphens, no zero-width character
 * in it ("Pa&shy;y&shy;Pal", "&shy;&shy;comp" are disguise). */
static bool hyphenated_word(const char *start) {
    int piece = 0, letters = 0;
    for (const char *p = start; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c == 0xad) {
            if (piece < 2) return false;
            piece = 0;
            continue;
        }
        if (invisible(c)) return false;
        if (g_unichar_ismark(c) && letters) continue;
        if (!g_unichar_isalpha(c)) break;
        piece++, letters++;
    }
    return piece >= 2 && letters >= 7;
}

/* Whether the invisible character c at p, inside word w, hides a split of that word. */
static bool splits_word(word *w, gunichar c, const char *p) {
    if (!(w->latin + w->other) || !letter_follows(p)) return false;
    if (c != 0xad) return true;
    if (!w->hyph) w->hyph = hyphenated_word(w->start) ? 1 : -1;   /* once a word */
    return w->hyph < 0;
}

static disguise scan_disguise(pc_ctx *ctx, const char *t) {
    disguise d = {0};
    word w = {.start = t};
    for (const char *p = t; *p; p = g_utf8_next_char(p)) {
        if (!((unsigned char)*p & 0x80)) {     /* ASCII: a Latin letter or a word's end */
            if (!g_ascii_isalpha(*p)) end_word(ctx, &d, &w, p);
            else w.letters++, w.latin++;
            continue;
        }
        gunichar c = g_utf8_get_char(p);
        if (fancy_letter(c)) d.fancy++;
        if (invisible(c)) { d.invisible += splits_word(&w, c, p); continue; }
        if (g_unichar_ismark(c) && w.letters) continue;    /* accents stay in their word */
        if (!g_unichar_isalpha(c)) {
            end_word(ctx, &d, &w, p);
            continue;
        }
        GUnicodeScript s = g_unichar_get_script(c);
        w.letters++;
        w.small += small_capital(c);
        w.latin += s == G_UNICODE_SCRIPT_LATIN;
        w.other += s == G_UNICODE_SCRIPT_CYRILLIC || s == G_UNICODE_SCRIPT_GREEK;
    }
    end_word(ctx, &d, &w, t + strlen(t));
    return d;
}

static void disguised_text(pc_ctx *ctx, const char *text) {
    if (!g_utf8_validate(text, -1, NULL)) return;
    disguise d = scan_disguise(ctx, text);
    if (d.mixed && !ctx->msg->is_report)   /* a report's text: the MTA's, or mis-decoded bytes */
        pc_flag_id(ctx, d.mixed >= 2 ? "content.mixed_script/words" : "content.mixed_script",
                "word", d.mixed_word,
                "count", pc_sprintf(ctx->arena, "%d", d.mixed), NULL);
    if (d.fancy >= 3)
        pc_flag_id(ctx, "content.fancy_letters", "count", pc_sprintf(ctx->arena, "%d", d.fancy), NULL);
    if (d.invisible >= 3)
        pc_flag_id(ctx, "content.invisible_chars", "count", pc_sprintf(ctx->arena, "%d", d.invisible), NULL);
}

/* A North American phone number whose digits start at p: toll-free (800, 833, 844, 855,
 * 866, 877, 888) or written with +1, in ≥ 2 groups ("(888)-284-2188", "+1 (888) (683) -
 * (1189)"): returns its length in bytes, 0 if none. */
static size_t phone_at(const char *t, const char *p) {
    if (p > t && (g_ascii_isdigit(p[-1]) || g_ascii_isalpha(p[-1]))) return 0;
    bool plus = p > t && p[-1] == '+';
    char d[12];
    int nd = 0, groups = 1, gap = 0;
    const char *q = p, *end = p;
    for (; *q && nd < 12; q++) {
        if (g_ascii_isdigit(*q)) {
            if (gap) groups++;
            d[nd++] = *q;
            gap = 0;
            end = q + 1;
        } else if (strchr(" .-()", *q) && gap < 6) gap++;
        else break;
    }
    if (g_ascii_isdigit(*q) || nd < 10 || groups < 2) return 0;
    const char *n = d;
    if (nd == 11 && d[0] == '1') n = d + 1;
    else if (nd != 10) return 0;
    static const char *toll_free[] = {"800", "833", "844", "855", "866", "877", "888", NULL};
    bool free = false;
    for (const char **f = toll_free; *f; f++) free |= !strncmp(n, *f, 3);
    return (free || (plus && n != d)) ? (size_t)(end - p) : 0;
}

/* Telephone-oriented attack (call-back phishing: fake renewals, "was this you?"): the mail
 * gives a phone number to call and no link at all, so that the victim phones a fake
 * support desk. Structure, not a topic: with one lure category it lifts the words-alone
 * cap. Guards: a link anywhere (real notices link to their site), list mail, reports,
 * invitations, replies (In-Reply-To/References: a conversation, where people pass on a
 * shop's hotline). */
static void callback(pc_ctx *ctx, const char *text) {
    const pc_message *m = ctx->msg;
    if (pc_is_list_mail(m) || m->is_report || m->is_calendar ||
        pc_msg_header(m, "In-Reply-To") || pc_msg_header(m, "References"))
        return;
    for (size_t i = 0; i < m->links.n; i++) {
        const pc_link *l = m->links.v[i];
        if (l->url && l->url->scheme && !strncmp(l->url->scheme, "http", 4)) return;
    }
    for (const char *p = text; *p; p++) {
        size_t n = g_ascii_isdigit(*p) ? phone_at(text, p) : 0;
        if (n) {
            pc_flag_id(ctx, "content.callback", "phone",
                    pc_strndup(ctx->arena, p, n), NULL);
            return;
        }
    }
}

/* The first row of scam-signals.tsv of this kind found in folded text; NULL if none. */
static const char *scam_phrase(const char *folded, const char *kind) {
    const pc_table *t = pc_data_table("scam-signals.tsv");
    const char *const *col = pc_fold_column("scam-signals.tsv", 2);
    for (size_t i = 0; i < t->n; i++)
        if (t->rows[i].n > 2 && !strcmp(t->rows[i].f[0], kind) && col[i] && *col[i] &&
            pc_fold_find(folded, col[i]))
            return t->rows[i].f[2];
    return NULL;
}

/* Whether a currency is written within a few characters of s..e: a sign before ($ € £,
 * US$), a code or word after ("USD", "dollars", "euros", "pounds"). */
static bool currency_near(const char *text, const char *s, const char *e) {
    static const char *after[] = {"usd", "us dollars", "dollars", "eur", "euro", "gbp",
                                  "pounds", "u.s. dollars", NULL};
    const char *b = s - 6 > text ? s - 6 : text;
    for (const char *p = b; p < s; p++)
        if (*p == '$' || !strncmp(p, "\xe2\x82\xac", 3) || !strncmp(p, "\xc2\xa3", 2) ||
            !strncasecmp(p, "usd", 3) || !strncasecmp(p, "eur", 3) || !strncasecmp(p, "gbp", 3))
            return true;
    const char *q = e;
    while (*q == ' ' || *q == '(' || *q == ')') q++;
    for (const char **a = after; *a; a++)
        if (!strncasecmp(q, *a, strlen(*a))) return true;
    return false;
}

/* A large sum of money in the text: a currency beside a number of at least 100,000
 * ("$10,500,000.00", "USD 4,500,000", "2.000.000 euros") or "N million/billion/m" beside a
 * currency ("US$25 million", "10.5 million dollars", "USD17.6M"). Returns it as written; NULL if none. */
static const char *large_sum(pc_ctx *ctx, const char *text) {
    for (const char *p = text; *p; p++) {
        if (!g_ascii_isdigit(*p) || (p > text && g_ascii_isalnum(p[-1]))) continue;
        const char *e = p;
        int digits = 0;
        while (g_ascii_isdigit(*e) || ((*e == ',' || *e == '.' || *e == '\'') &&
                                       g_ascii_isdigit(e[1]))) {
            /* a decimal part (".00", ",50" at the end) does not count */
            bool sep = !g_ascii_isdigit(*e);
            if (sep && (strspn(e + 1, "0123456789") != 3)) break;
            digits += !sep;
            e++;
        }
        const char *w = e;
        while (*w == ' ') w++;
        size_t k = !strncasecmp(w, "million", 7) || !strncasecmp(w, "billion", 7) ? 7
                   : (*w == 'm' || *w == 'M') && !g_ascii_isalpha(w[1]) ? 1 : 0;   /* $25m */
        bool scale = k > 0;
        const char *end = w + k;
        if (!scale) end = e;
        if ((digits >= 6 || scale) && currency_near(text, p, end))
            return pc_strndup(ctx->arena, p, (size_t)(end - p));
        p = e > p ? e - 1 : p;
    }
    return NULL;
}

/* Replies are to go elsewhere: Reply-To another address than From, or a free mailbox
 * written in the text that is not From's ("contact my lawyer: x@yahoo.com"). */
static bool contact_elsewhere(pc_ctx *ctx, const char *text) {
    const pc_message *m = ctx->msg;
    const pc_addr *f = m->from, *r = m->reply_to;
    if (r && r->addr && (!f || !f->addr || strcasecmp(r->addr, f->addr))) return true;
    const char *ok = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-";
    for (const char *at = strchr(text, '@'); at; at = strchr(at + 1, '@')) {
        size_t n = strspn(at + 1, ok);
        char *dom = g_ascii_strdown(at + 1, (gssize)n);
        const char *k = n ? pc_domain_listed(dom, "freemail.tsv") : NULL;
        bool other = k && !strcmp(k, "mailbox") && (!f || !f->domain || strcmp(dom, f->domain));
        g_free(dom);
        if (other) return true;
    }
    return false;
}

/* Advance-fee, lottery, loan and grant scams carry no link: their story (an advance_fee
 * or prize lure), a large sum, a request for personal or bank details, a plea for secrecy,
 * replies to go elsewhere. Three of these, the story among them, make content.scam_story
 * (medium 20): with the story's own 20 that is suspicious, no longer capped as "words
 * alone" — never dangerous by words only. Urgency counts as one sign. Guards: a report,
 * the user's own domain, an organisation's verified domain whose replies stay with it (a
 * lottery's newsletter, a bank's notice of a transfer; a hijacked domain collecting
 * replies at a free mailbox is not spared). List mail is not spared: scams are posted to open lists. */
static void scam_story(pc_ctx *ctx, const char *text, const char *folded) {
    const pc_finding *story = pc_found(ctx, "content.advance_fee");
    if (!story) story = pc_found(ctx, "content.prize");
    const pc_message *m = ctx->msg;
    if (!story || m->is_report || (m->from && pc_own_domain(ctx, m->from->domain))) return;
    bool elsewhere = contact_elsewhere(ctx, text);
    if (!elsewhere && pc_from_org_verified(ctx)) return;
    const char *sum = large_sum(ctx, text), *details = scam_phrase(folded, "details");
    const char *secrecy = scam_phrase(folded, "secrecy");
    bool urgent = pc_found(ctx, "content.urgency") != NULL;
    int n = 1 + !!sum + !!details + !!secrecy + elsewhere + urgent;
    if (n < 3) return;
    char *why = pc_sprintf(ctx->arena, "%s%s%s%s%s", sum ? "sum " : "", details ? "details " : "",
                           secrecy ? "secrecy " : "", elsewhere ? "reply-elsewhere " : "",
                           urgent ? "urgency" : "");
    g_strchomp(why);
    pc_flag_id(ctx, "content.scam_story", "story", story->ev[0].value,
            "signals", why, "amount", sum ? sum : "", NULL);
}

PC_CHECK(content) {
    const char *text = pc_reader_text(ctx);
    const char *folded = pc_fold(ctx->arena, text);
    lure_phrases(ctx, folded);
    disguised_text(ctx, text);
    callback(ctx, text);
    scam_story(ctx, text, folded);
}
