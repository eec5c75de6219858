/* report.c — see report.h. Flags are sorted by score; titles and details come from the
 * catalogue in the requested language. Evidence is cut to PC_MAX_EVIDENCE characters
 * (on a UTF-8 boundary) and flags to PC_MAX_FLAGS so an answer stays far below 1 MiB. */
#include "report.h"
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include "catalog.h"
#include "report_display.h"

static const char *const sev_names[] = {"info", "low", "medium", "high", "critical"};

static int by_score(const void *a, const void *b) {
    const pc_finding *x = *(pc_finding *const *)a, *y = *(pc_finding *const *)b;
    if (x->score != y->score) return y->score - x->score;
    return strcmp(x->id, y->id);
}

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

static char *cut(pc_arena *a, const char *s) {
    size_t n = strlen(s);
    if (n <= PC_MAX_EVIDENCE) return (char *)s;
    const char *end = g_utf8_find_prev_char(s, s + PC_MAX_EVIDENCE);
    return pc_sprintf(a, "%.*s…", (int)(end ? end - s : 0), s);
}

static json_t *flag_json(pc_arena *a, const pc_finding *f, const char *lang) {
    json_t *ev = json_object();
    pc_evidence e[8];
    for (int i = 0; i < f->n_ev; i++) {
        e[i] = (pc_evidence){f->ev[i].key, cut(a, f->ev[i].value)};
        json_object_set_new(ev, e[i].key, json_string(e[i].value));
    }
    return json_pack("{s:s, s:s, s:i, s:s, s:s, s:o}", "id", f->id, "severity",
                     sev_names[f->severity], "score", f->score, "title",
                     pc_text(a, f->id, lang, 0, e, f->n_ev), "detail",
                     pc_text(a, f->id, lang, 1, e, f->n_ev), "evidence", ev);
}

static json_t *strings(const char **list) {
    json_t *arr = json_array();
    for (; list && *list; list++) json_array_append_new(arr, json_string(*list));
    return arr;
}

static json_t *message_json(pc_arena *a, const pc_message *m) {
    const char *from = NULL;
    if (m->from)
        from = m->from->display ? pc_sprintf(a, "\"%s\" <%s>", m->from->display, m->from->addr)
                                : m->from->addr;
    return json_pack("{s:o, s:o, s:o, s:o}", "from", str_or_null(from), "subject",
                     str_or_null(m->subject), "date", str_or_null(m->date), "message_id",
                     str_or_null(m->message_id));
}

static json_t *limits_json(const pc_message *m) {
    json_t *errs = json_array();
    for (size_t i = 0; i < m->errors.n; i++) json_array_append_new(errs, json_string(m->errors.v[i]));
    return json_pack("{s:b, s:o}", "truncated", m->truncated, "parse_errors", errs);
}

/* The organisation's verdict (checks/org.c) from its org.* flag, beside the local one;
 * NULL when none was read. */
static json_t *organisation_json(pc_arena *a, const pc_vec *findings, bool trusted) {
    for (size_t i = 0; i < findings->n; i++) {
        const pc_finding *f = findings->v[i];
        if (strcmp(f->check, "org") || !strcmp(f->id, "org.ignored")) continue;
        const char *ev[4] = {0};
        static const char *const keys[4] = {"server", "verdict", "score", "flags"};
        for (int e = 0; e < f->n_ev; e++)
            for (int k = 0; k < 4; k++)
                if (!strcmp(f->ev[e].key, keys[k])) ev[k] = f->ev[e].value;
        json_t *flags = json_array();   /* the gateway's ids: at most PC_MAX_ORG_FLAGS, each cut */
        gchar **ids = g_strsplit(ev[3] ? ev[3] : "", ",", -1);
        for (gchar **id = ids; *id && json_array_size(flags) < PC_MAX_ORG_FLAGS; id++)
            if (**id) json_array_append_new(flags, json_string(cut(a, *id)));
        g_strfreev(ids);
        json_t *score = ev[2] && strcmp(ev[2], "?") ? json_integer(strtoll(ev[2], NULL, 10)) : json_null();
        return json_pack("{s:s, s:s, s:o, s:o, s:s}", "server", cut(a, ev[0]), "verdict", ev[1], "score",
                         score, "flags", flags, "local_verdict",
                         pc_verdict_name(pc_verdict_local(findings, trusted, NULL)));
    }
    return NULL;
}

/* When the organisation's verdict is the one shown (worse than the local one), its flag is
 * the reason: first in the list and the summary. */
static void org_first(pc_finding **sorted, size_t n, const pc_report_in *in) {
    if (pc_verdict_local(in->findings, in->trusted, NULL) >= in->verdict) return;
    for (size_t i = 1; i < n; i++) {
        if (strcmp(sorted[i]->id, "org.dangerous") && strcmp(sorted[i]->id, "org.suspicious")) continue;
        pc_finding *f = sorted[i];
        memmove(sorted + 1, sorted, i * sizeof *sorted);
        sorted[0] = f;
        return;
    }
}

json_t *pc_report_json(const pc_report_in *in) {
    pc_arena *a = in->msg->arena;
    const char *lang = in->cfg->lang ? in->cfg->lang : "en";
    size_t n = in->findings->n;
    pc_finding **sorted = pc_alloc(a, (n ? n : 1) * sizeof *sorted);
    if (n) memcpy(sorted, in->findings->v, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, by_score);
    org_first(sorted, n, in);
    json_t *flags = json_array();
    for (size_t i = 0; i < n && i < PC_MAX_FLAGS; i++)
        json_array_append_new(flags, flag_json(a, sorted[i], lang));
    const char *summary = n && in->verdict != PC_SAFE
                              ? pc_text(a, sorted[0]->id, lang, 0, sorted[0]->ev, sorted[0]->n_ev)
                              : pc_text(a, in->trusted ? "summary.trusted" : "summary.safe",
                                        lang, 0, NULL, 0);
    json_t *r = json_pack("{s:s, s:s, s:i, s:s, s:s, s:o}", "version", PC_VERSION, "verdict",
                          pc_verdict_name(in->verdict), "score", in->score, "lang", lang,
                          "summary", summary, "flags", flags);
    if (n > PC_MAX_FLAGS) json_object_set_new(r, "flags_omitted", json_integer((json_int_t)(n - PC_MAX_FLAGS)));
    if (in->file) json_object_set_new(r, "file", json_string(in->file));
    json_object_set_new(r, "display", pc_report_display(a, sorted, n < PC_MAX_FLAGS ? n : PC_MAX_FLAGS, lang));
    json_object_set_new(r, "links", pc_report_links(in->msg));
    json_object_set_new(r, "message", message_json(a, in->msg));
    json_object_set_new(r, "settings",
        json_pack("{s:o, s:o, s:o, s:b, s:b}", "own_domains", strings(in->cfg->own_domains),
                  "trusted_senders", strings(in->cfg->trusted_senders), "authserv_id",
                  str_or_null(in->cfg->authserv_id), "upstream", !in->cfg->no_upstream,
                  "trusted_sender", in->trusted));
    json_object_set_new(json_object_get(r, "settings"), "gateway_id", str_or_null(in->cfg->gateway_id));
    json_t *org = organisation_json(a, in->findings, in->trusted);
    if (org) json_object_set_new(r, "organisation", org);
    json_object_set_new(r, "timing", json_pack("{s:f, s:f, s:f}", "parse_ms", in->timing[0],
                                               "checks_ms", in->timing[1], "total_ms", in->timing[2]));
    json_object_set_new(r, "limits", limits_json(in->msg));
    return r;
}

/* ---- text ---- */

static const char *colour(const char *verdict, bool tty) {
    if (!tty) return "";
    return !strcmp(verdict, "dangerous") ? "\033[1;31m" : !strcmp(verdict, "suspicious") ? "\033[1;33m" : "\033[1;32m";
}

void pc_report_text(const json_t *r, FILE *out, bool tty) {
    const char *verdict = json_string_value(json_object_get(r, "verdict"));
    const char *file = json_string_value(json_object_get(r, "file"));
    json_t *msg = json_object_get(r, "message");
    if (file) fprintf(out, "%s\n", file);
    const char *from = json_string_value(json_object_get(msg, "from"));
    const char *subj = json_string_value(json_object_get(msg, "subject"));
    if (from) fprintf(out, "  From:    %s\n", from);
    if (subj) fprintf(out, "  Subject: %s\n", subj);
    fprintf(out, "  %s%s%s (score %lld): %s\n", colour(verdict, tty), verdict ? verdict : "?",
            tty ? "\033[0m" : "", (long long)json_integer_value(json_object_get(r, "score")),
            json_string_value(json_object_get(r, "summary")));
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(r, "flags"), i, f) {
        fprintf(out, "  - [%s %+lld] %s (%s)\n", json_string_value(json_object_get(f, "severity")),
                (long long)json_integer_value(json_object_get(f, "score")),
                json_string_value(json_object_get(f, "title")),
                json_string_value(json_object_get(f, "id")));
        const char *detail = json_string_value(json_object_get(f, "detail"));
        if (detail && *detail) fprintf(out, "      %s\n", detail);
        const char *k;
        json_t *v;
        json_object_foreach(json_object_get(f, "evidence"), k, v)
            fprintf(out, "      %s: %s\n", k, json_string_value(v));
    }
    fputc('\n', out);
}
