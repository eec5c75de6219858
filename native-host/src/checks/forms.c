/* forms.c — HTML forms in the body of a mail: a mail client is no place to type a
 * password, so a form asking for one, or posting to another site, is a credential
 * harvester. (Forms inside HTML/SVG attachments: attachments.c.)
 * Guards: forwarded messages (nested) are left alone; newsletters' search and subscribe
 * boxes (one or two fields) and forms posting to the sender's own site are not flagged. */
#include "checklib/check.h"
#include <string.h>
#include "checklib/linkutil.h"

static void judge(pc_ctx *ctx, const pc_form *f) {
    const char *target = f->url && f->url->host ? f->url->host : "";
    const char *sender = pc_sender_reg(ctx);
    bool own = sender && f->url && f->url->reg && !strcmp(f->url->reg, sender);
    if (f->n_password)
        pc_flag_id(ctx, "forms.password", "target", target, NULL);
    int fields = f->n_inputs - f->n_hidden - f->n_buttons;   /* what a person types in */
    if (!f->n_password && !own && fields >= 3)
        pc_flag_id(ctx, "forms.input", "target", target,
                   "fields", pc_sprintf(ctx->arena, "%d", fields), NULL);
}

PC_CHECK(forms) {
    const pc_vec *forms = &ctx->msg->forms;
    for (size_t i = 0; i < forms->n; i++) {
        const pc_form *f = forms->v[i];
        if (!f->nested) judge(ctx, f);
    }
}
