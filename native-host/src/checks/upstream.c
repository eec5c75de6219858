/* upstream.c — verdicts other filters already wrote into the headers: SpamAssassin's
 * X-Spam-Flag / X-Spam-Status / X-Spam-Score, rspamd's X-Spamd-Result, Microsoft's SCL and
 * its X-Forefront-Antispam-Report verdict (SFV) and category (CAT).
 * "Your provider's filter scored this 49." Skipped with --no-upstream. */
#include "checklib/check.h"
#include <stdio.h>
#include <string.h>

PC_CHECK(upstream) {
    const pc_message *m = ctx->msg;
    if (ctx->cfg->no_upstream) return;
    if (m->spam_flag == 1)
        pc_flag_id(ctx, "upstream.spam_flag", "header", m->spam_flag_header, NULL);
    if (m->has_spam_score) {
        double req = m->spam_required > 0 ? m->spam_required : 5.0;
        char *score = pc_sprintf(ctx->arena, "%g", m->spam_score);
        if (m->spam_score >= 2 * req && m->spam_score >= 10)
            pc_flag_id(ctx, "upstream.spam_score_high", "score", score,
                    "header", m->spam_score_header, NULL);
        else if (m->spam_score >= req)
            pc_flag_id(ctx, "upstream.spam_score", "score", score,
                    "header", m->spam_score_header, NULL);
    }
    if (m->ms_cat && (!strcmp(m->ms_cat, "PHSH") || !strcmp(m->ms_cat, "HPHSH") ||
                      !strcmp(m->ms_cat, "SPOOF") || !strcmp(m->ms_cat, "MALW")))
        pc_flag_id(ctx, "upstream.ms_phish", "category", m->ms_cat, NULL);
    if (m->ms_sfv && (!strcmp(m->ms_sfv, "SPM") || !strcmp(m->ms_sfv, "BLK")))
        pc_flag_id(ctx, "upstream.ms_spam", "verdict", m->ms_sfv, NULL);
    if (m->scl >= 5) {
        char *scl = pc_sprintf(ctx->arena, "%d", m->scl);
        pc_flag_id(ctx, m->scl >= 7 ? "upstream.ms_scl/high" : "upstream.ms_scl", "scl", scl, NULL);
    }
}
