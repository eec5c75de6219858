/* textutil.c — see textutil.h. */
#include "checks/textutil.h"
#include <glib.h>
#include <string.h>

#define MAX_TEXT (256u * 1024)

const char *pc_reader_text(pc_ctx *ctx) {
    const pc_message *m = ctx->msg;
    const char *disp = m->from && m->from->display ? m->from->display : "";
    char *t = pc_sprintf(ctx->arena, "%s\n%s\n%s", m->subject ? m->subject : "", disp,
                         m->text ? m->text : "");
    if (strlen(t) > MAX_TEXT) {
        const char *end = t + MAX_TEXT;
        g_utf8_validate(t, MAX_TEXT, &end);          /* cut on a character boundary */
        t[end - t] = 0;
    }
    return t;
}
