/* body.c — the shape of the body, whatever its words say: text hidden in the HTML for
 * filters to read and people never to see (display:none, visibility:hidden, opacity:0,
 * 1px fonts: parse/html.c counts it), and bodies that are a picture with a link — no text
 * a filter could read, one destination.
 * Guards: a newsletter's hidden preheader (short, padded with &zwnj;&nbsp; fillers, which
 * do not count); responsive mails that hide a mobile copy of visible text; image mails
 * from the sender's own site or over a mailing list; bounces and calendar invites. */
#include "checklib/check.h"
#include "checklib/brand.h"
#include <glib.h>
#include <string.h>
#include "checklib/linkutil.h"
#include "checklib/trust.h"

#define HIDDEN_MIN 300       /* hidden letters; preheaders are < 150 */
#define IMAGE_TEXT_MAX 150   /* letters and digits of an "image-only" body */

/* Letters and digits in s (fillers, spaces and punctuation left out). */
static size_t alnum_chars(const char *s, size_t *all) {
    size_t n = 0, total = 0;
    for (const char *p = s; p && *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        total++;
        n += g_unichar_isalnum(c);
    }
    if (all) *all = total;
    return n;
}


/* True when the hidden text's start is also visible: a responsive mail's mobile copy. */
static bool shown_elsewhere(pc_ctx *ctx, const pc_message *m) {
    const char *s = m->hidden_sample;
    while (*s && !g_unichar_isalnum(g_utf8_get_char(s))) s = g_utf8_next_char(s);
    const char *end = s;
    for (int i = 0; i < 40 && *end; i++) end = g_utf8_next_char(end);
    if (end - s < 20 || !m->html_text) return false;
    /* html_text ends lines at block edges; the hidden sample runs them together */
    char *shown = pc_strdup(ctx->arena, m->html_text);
    for (char *c = shown; *c; c++)
        if (*c == '\n') *c = ' ';
    return strstr(shown, pc_strndup(ctx->arena, s, (size_t)(end - s))) != NULL;
}

/* An authenticated newsletter (trust.h) that poses as no one: it names no brand but its
 * own, and its domain imitates none. */
static bool plain_newsletter(pc_ctx *ctx) {
    const pc_addr *f = ctx->msg->from;
    if (!f || !pc_authenticated_newsletter(ctx)) return false;
    const pc_brand *b = pc_brand_claimed(ctx);
    if (b && !pc_brand_owns(ctx->arena, b, f->domain)) return false;
    return pc_brand_lookalike(ctx->arena, f->domain).kind == PC_LOOK_NONE;
}

static void hidden_text(pc_ctx *ctx, const pc_message *m) {
    if (!m->hidden_chars || !m->hidden_sample) return;
    size_t letters = m->hidden_letters;
    if (letters < HIDDEN_MIN || shown_elsewhere(ctx, m)) return;
    if (plain_newsletter(ctx)) return;              /* a long preview text, marketing's */
    char *sample = pc_strndup(ctx->arena, m->hidden_sample, strlen(m->hidden_sample));
    g_strstrip(sample);
    pc_flag_id(ctx, "body.hidden_text", "chars", pc_sprintf(ctx->arena, "%zu", letters), "sample", sample, NULL);
}

/* An HTML body of almost no text whose links, at least one a picture, all lead to one or
 * two sites that are not the sender's. */
static void image_only(pc_ctx *ctx, const pc_message *m) {
    if (!m->has_html || m->is_calendar || m->is_report || pc_is_list_mail(m)) return;
    if (alnum_chars(m->text, NULL) >= IMAGE_TEXT_MAX) return;
    const char *sender = pc_sender_reg(ctx);
    bool brand_sender = sender && pc_brand_owner(ctx->arena, sender) &&   /* not gmail.com */
                        !pc_domain_listed(m->from->domain, "freemail.tsv");
    const char *regs[2] = {0};
    int n_regs = 0;
    bool picture = false;
    for (size_t i = 0; i < m->links.n; i++) {
        const pc_link *l = m->links.v[i];
        if (!pc_link_clickable(l) || l->nested || !l->url || !l->url->reg) continue;
        if (strcmp(l->url->scheme, "http") && strcmp(l->url->scheme, "https")) continue;
        if (sender && !strcmp(sender, l->url->reg)) return;    /* the sender's own site */
        if (brand_sender && pc_same_org(ctx->arena, l->url->host, m->from->domain))
            return;                          /* or its brand's: a.co, media-amazon.com */
        int j = 0;
        while (j < n_regs && strcmp(regs[j], l->url->reg)) j++;
        if (j == n_regs) {
            if (n_regs == 2) return;                            /* several destinations */
            regs[n_regs++] = l->url->reg;
        }
        picture |= l->has_img;
    }
    if (picture)
        pc_flag_id(ctx, "body.image_only", "host", regs[0], NULL);
}

PC_CHECK(body) {
    const pc_message *m = ctx->msg;
    hidden_text(ctx, m);
    image_only(ctx, m);
}
