/* analyze.c — raw bytes → parse (parse/message.c) → every check of the generated table
 * (checks/) → verdict (verdict.c) → report JSON (report.c).
 * Runs in the caller's process and stack: the parse limits (parse/prelimit.c, html.c)
 * bound the parsers' recursion; the budget of time and memory is runner.c's. */
#include "analyze.h"
#include <string.h>
#include <time.h>
#include "checklib/check.h"
#include "online/online.h"
#include "parse/model.h"
#include "report.h"
#include "verdict.h"

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The recipient: the configured one, else Delivered-To, else the first To. */
static const char *recipient(const pc_message *m, const pc_config *cfg) {
    if (cfg->recipient && *cfg->recipient) return cfg->recipient;
    const char *dt = pc_msg_header(m, "Delivered-To");
    if (dt && strchr(dt, '@')) {
        while (*dt == ' ' || *dt == '<') dt++;
        return pc_strndup(m->arena, dt, strcspn(dt, " >"));
    }
    return m->to.n ? ((pc_addr *)m->to.v[0])->addr : NULL;
}

static bool trusted_sender(const pc_message *m, const pc_config *cfg) {
    if (!m->from || !cfg->trusted_senders) return false;
    for (const char **t = cfg->trusted_senders; *t; t++) {
        if (strchr(*t, '@') ? !strcasecmp(*t, m->from->addr)
                            : pc_host_within(m->from->domain, *t))
            return true;
    }
    return false;
}

typedef struct {
    const char *raw; size_t len; const pc_config *cfg; const char *file; json_t *out;
} job;

static void run(job *j) {
    double t0 = now_ms();
    pc_message *m = pc_message_parse(j->raw, j->len, NULL);
    double t1 = now_ms();
    pc_ctx ctx = {.msg = m, .cfg = j->cfg, .arena = m->arena};
    ctx.recipient = recipient(m, j->cfg);
    for (const pc_check_def *c = pc_check_table; c->name; c++) {
        ctx.check = c->name;
        c->run(&ctx);
    }
    double t2 = now_ms();
    json_t *lookups = pc_online_enrich(&ctx);   /* online look-ups, when asked and allowed */
    bool trusted = trusted_sender(m, j->cfg);
    int score = 0;
    pc_verdict v = pc_verdict_judge(&ctx.findings, trusted, &score);
    pc_report_in in = {m, j->cfg, &ctx.findings, v, score, trusted, j->file,
                       {t1 - t0, t2 - t1, 0}};
    in.timing[2] = now_ms() - t0;
    j->out = pc_report_json(&in);
    if (lookups) json_object_set_new(j->out, "lookups", lookups);
    pc_message_free(m);
}

json_t *pc_analyze(const char *raw, size_t len, const pc_config *cfg, const char *file) {
    job j = {raw, len, cfg, file, NULL};
    run(&j);
    return j.out;
}
