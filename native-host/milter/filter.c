/* filter.c — see filter.h. Per connection a `conn` (smfi_setpriv) holding the `msg` being
 * collected: started at its first header, ended at end of message or abort. Header lines are rebuilt as "Name: value" CRLF (Postfix and Sendmail drop the space
 * after the colon and hand folded lines with their line breaks). Header indices for
 * smfi_chgheader count fields of the same name from 1, in the order received. */
#include "filter.h"
#include <glib.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "analyst.h"
#include "log.h"
#include "rewrite.h"

#define MAX_REMOVALS 10000     /* forged headers deleted per message (more stay, below ours) */

typedef struct { char *name; int index; } removal;

typedef struct {
    pcm_conf *conf;            /* the configuration when the message started */
    GByteArray *raw;
    size_t cap;
    bool truncated;
    int n_xp, n_ar;            /* X-Phishcheck / Authentication-Results fields seen */
    GArray *removals;          /* of removal */
    char *subject;             /* the first Subject's value */
    int subjects;
} msg;

/* One SMTP connection: what was negotiated, and the message being collected. */
typedef struct {
    bool nr_hdr, nr_eoh, nr_body;    /* the MTA expects no reply to these */
    msg *m;
} conn;

static atomic_int in_flight;

int pcm_filter_in_flight(void) { return atomic_load(&in_flight); }

static void msg_free(msg *m) {
    if (!m) return;
    pcm_conf_unref(m->conf);
    g_byte_array_free(m->raw, TRUE);
    for (guint i = 0; i < m->removals->len; i++) g_free(g_array_index(m->removals, removal, i).name);
    g_array_free(m->removals, TRUE);
    g_free(m->subject);
    free(m);
    atomic_fetch_sub(&in_flight, 1);
}

static conn *conn_of(SMFICTX *ctx) {
    conn *c = smfi_getpriv(ctx);
    if (!c) {
        c = calloc(1, sizeof *c);
        smfi_setpriv(ctx, c);
    }
    return c;
}

static void reset(SMFICTX *ctx) {
    conn *c = smfi_getpriv(ctx);
    if (!c) return;
    msg_free(c->m);
    c->m = NULL;
}

/* The message being collected; started at its first header (the MTA sends no MAIL FROM:
 * we asked it not to, see on_negotiate). */
static msg *msg_of(SMFICTX *ctx) {
    conn *c = conn_of(ctx);
    if (c->m) return c->m;
    msg *m = c->m = calloc(1, sizeof *m);
    atomic_fetch_add(&in_flight, 1);
    m->conf = pcm_analyst_conf();
    m->cap = m->conf->cli.host.base.max_message;
    m->raw = g_byte_array_new();
    m->removals = g_array_new(FALSE, FALSE, sizeof(removal));
    return m;
}

static void append(msg *m, const void *p, size_t n) {
    if (m->raw->len + n > m->cap) {
        m->truncated = true;
        n = m->cap > m->raw->len ? m->cap - m->raw->len : 0;
    }
    if (n) g_byte_array_append(m->raw, p, (guint)n);
}

/* A header value with every line break as CRLF. */
static void append_value(msg *m, const char *v) {
    for (const char *p = v; *p;) {
        size_t k = strcspn(p, "\r\n");
        append(m, p, k);
        p += k;
        if (!*p) break;
        append(m, "\r\n", 2);
        p += p[0] == '\r' && p[1] == '\n' ? 2 : 1;
    }
}

/* Asks the MTA for only what a check needs: no connect/HELO/MAIL/RCPT/DATA events and no
 * reply to each header line and body chunk (a round trip each otherwise). */
static sfsistat on_negotiate(SMFICTX *ctx, unsigned long f0, unsigned long f1,
                             unsigned long f2, unsigned long f3, unsigned long *pf0,
                             unsigned long *pf1, unsigned long *pf2, unsigned long *pf3) {
    const unsigned long acts = SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_QUARANTINE;
    const unsigned long skip = SMFIP_NOCONNECT | SMFIP_NOHELO | SMFIP_NOMAIL | SMFIP_NORCPT |
                               SMFIP_NODATA | SMFIP_NOUNKNOWN | SMFIP_NR_HDR | SMFIP_NR_EOH |
                               SMFIP_NR_BODY | SMFIP_MDS_256K;
    if ((f0 & acts) != acts) return SMFIS_REJECT;   /* an MTA that cannot change headers */
    *pf0 = acts;
    *pf1 = f1 & skip;
    *pf2 = *pf3 = 0;
    conn *c = conn_of(ctx);
    c->nr_hdr = *pf1 & SMFIP_NR_HDR;
    c->nr_eoh = *pf1 & SMFIP_NR_EOH;
    c->nr_body = *pf1 & SMFIP_NR_BODY;
    return SMFIS_CONTINUE;
}

static sfsistat on_header(SMFICTX *ctx, char *name, char *value) {
    msg *m = msg_of(ctx);
    int n = !strcasecmp(name, "X-Phishcheck") ? ++m->n_xp
          : !strcasecmp(name, "Authentication-Results") ? ++m->n_ar : 0;
    if (n && pcm_must_remove(name, value, m->conf->server_id) && m->removals->len < MAX_REMOVALS) {
        removal r = {g_strdup(name), n};     /* gone from the delivered message: */
        g_array_append_val(m->removals, r);  /* not analysed either */
        return conn_of(ctx)->nr_hdr ? SMFIS_NOREPLY : SMFIS_CONTINUE;
    }
    if (!strcasecmp(name, "Subject") && !m->subjects++) m->subject = g_strdup(value);
    append(m, name, strlen(name));
    append(m, ": ", 2);
    append_value(m, value);
    append(m, "\r\n", 2);
    return conn_of(ctx)->nr_hdr ? SMFIS_NOREPLY : SMFIS_CONTINUE;
}

static sfsistat on_eoh(SMFICTX *ctx) {
    append(msg_of(ctx), "\r\n", 2);
    return conn_of(ctx)->nr_eoh ? SMFIS_NOREPLY : SMFIS_CONTINUE;
}

static sfsistat on_body(SMFICTX *ctx, unsigned char *chunk, size_t len) {
    append(msg_of(ctx), chunk, len);
    return conn_of(ctx)->nr_body ? SMFIS_NOREPLY : SMFIS_CONTINUE;
}

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Deletes the forged verdict headers, last first (indices of earlier ones stay valid). */
static void remove_forged(SMFICTX *ctx, msg *m) {
    for (guint i = m->removals->len; i-- > 0;) {
        removal *r = &g_array_index(m->removals, removal, i);
        smfi_chgheader(ctx, r->name, r->index, NULL);
    }
}

static void add_verdict(SMFICTX *ctx, msg *m, json_t *rep) {
    char *ar = pcm_auth_results(rep, m->conf->server_id), *xp = pcm_x_phishcheck(rep);
    smfi_insheader(ctx, 0, "Authentication-Results", ar);   /* both above everything, */
    smfi_insheader(ctx, 0, "X-Phishcheck", xp);             /* X-Phishcheck first */
    free(ar);
    free(xp);
}

static void tag_subject(SMFICTX *ctx, msg *m) {
    char *s = pcm_tag_subject(m->subject, m->conf->tag);
    if (!s) return;
    if (m->subjects) smfi_chgheader(ctx, "Subject", 1, s);
    else smfi_addheader(ctx, "Subject", s);
    free(s);
}

/* The changes the configuration asks for; returns the SMTP answer. */
static sfsistat act(SMFICTX *ctx, msg *m, json_t *rep, const char **action) {
    const pcm_conf *c = m->conf;
    remove_forged(ctx, m);
    if (!rep) {
        *action = c->tempfail_on_error ? "tempfail" : "accept-unchecked";
        return c->tempfail_on_error ? SMFIS_TEMPFAIL : SMFIS_CONTINUE;
    }
    const char *v = json_string_value(json_object_get(rep, "verdict"));
    bool bad = v && !strcmp(v, "dangerous");
    if (bad && c->action == PCM_ACT_REJECT) {
        smfi_setreply(ctx, "550", "5.7.1", (char *)c->reject_text);
        *action = "reject";
        return SMFIS_REJECT;
    }
    if (c->add_headers) add_verdict(ctx, m, rep);
    if (bad && c->tag) { tag_subject(ctx, m); *action = "tag"; }
    if (bad && c->action == PCM_ACT_QUARANTINE) {
        smfi_quarantine(ctx, "phishcheck: dangerous");
        *action = "quarantine";
    }
    return SMFIS_CONTINUE;
}

static sfsistat on_eom(SMFICTX *ctx) {
    msg *m = msg_of(ctx);
    double t0 = now_ms();
    const char *qid = smfi_getsymval(ctx, "i");
    const char *raw = m->raw->len ? (const char *)m->raw->data : "";   /* data NULL if empty */
    json_t *rep = pcm_analyst_run(raw, m->raw->len, qid);
    const char *action = "accept";
    sfsistat st = act(ctx, m, rep, &action);
    pcm_log_message(m->conf, qid, rep, action, m->removals->len, m->raw->len, m->truncated,
                    now_ms() - t0);
    json_decref(rep);
    reset(ctx);
    return st;
}

static sfsistat on_abort(SMFICTX *ctx) {
    reset(ctx);
    return SMFIS_CONTINUE;
}

static sfsistat on_close(SMFICTX *ctx) {
    reset(ctx);
    free(smfi_getpriv(ctx));
    smfi_setpriv(ctx, NULL);
    return SMFIS_CONTINUE;
}

struct smfiDesc pcm_filter = {
    .xxfi_name = "phishcheck",
    .xxfi_version = SMFI_VERSION,
    .xxfi_flags = SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_QUARANTINE,
    .xxfi_negotiate = on_negotiate,
    .xxfi_header = on_header,
    .xxfi_eoh = on_eoh,
    .xxfi_body = on_body,
    .xxfi_eom = on_eom,
    .xxfi_abort = on_abort,
    .xxfi_close = on_close,
};
