/* conf.c — see conf.h. The file's CLI keys become a command line ("--key=value", or
 * "--key" for yes/true/on; no/false/off leaves the option out) for pc_cli_settings_parse. */
#include "conf.h"
#include <ctype.h>
#include <glib.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static char *trim(char *s) {
    while (isspace((unsigned char)*s)) s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1])) s[--n] = 0;
    if (n >= 2 && s[0] == '"' && s[n - 1] == '"') { s[n - 1] = 0; s++; }  /* "quoted" */
    return s;
}

static int yes_no(const char *v) {
    if (!strcasecmp(v, "yes") || !strcasecmp(v, "true") || !strcasecmp(v, "on") || !strcmp(v, "1"))
        return 1;
    if (!strcasecmp(v, "no") || !strcasecmp(v, "false") || !strcasecmp(v, "off") || !strcmp(v, "0"))
        return 0;
    return -1;
}

/* A key of the milter's own; 0 done, 1 not ours, -1 bad value (err set). */
static int own_key(pcm_conf *c, const char *k, const char *v, char *err, size_t n) {
    int b = yes_no(v);
    if (!strcmp(k, "socket")) c->socket = v;
    else if (!strcmp(k, "server-id")) {          /* a token: it heads a header line */
        if (!*v || strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_") != strlen(v))
            goto bad;
        c->server_id = v;
    }
    else if (!strcmp(k, "tag-subject")) c->tag = *v ? v : NULL;
    else if (!strcmp(k, "reject-text")) c->reject_text = v;
    else if (!strcmp(k, "add-headers")) { if (b < 0) goto bad; c->add_headers = b; }
    else if (!strcmp(k, "action")) {
        if (!strcmp(v, "none")) c->action = PCM_ACT_NONE;
        else if (!strcmp(v, "reject")) c->action = PCM_ACT_REJECT;
        else if (!strcmp(v, "quarantine")) c->action = PCM_ACT_QUARANTINE;
        else goto bad;
    } else if (!strcmp(k, "on-error")) {
        if (strcmp(v, "accept") && strcmp(v, "tempfail")) goto bad;
        c->tempfail_on_error = !strcmp(v, "tempfail");
    } else if (!strcmp(k, "log")) {
        if (strcmp(v, "stderr") && strcmp(v, "syslog")) goto bad;
        c->syslog = !strcmp(v, "syslog");
    } else if (!strcmp(k, "jobs")) {
        c->jobs = atoi(v);
        if (c->jobs < 1 || c->jobs > 256) goto bad;
    } else if (!strcmp(k, "peer-timeout")) {   /* above the MTA's SMTP idle timeout (300 s) */
        c->peer_timeout = atoi(v);
        if (c->peer_timeout < 30 || c->peer_timeout > 7210) goto bad;
    } else return 1;
    return 0;
bad:
    snprintf(err, n, "bad value for %s: \"%s\"", k, v);
    return -1;
}

static void defaults(pcm_conf *c) {
    c->refs = 1;
    c->socket = PCM_DEFAULT_SOCKET;
    char host[256] = "localhost";
    gethostname(host, sizeof host - 1);
    host[sizeof host - 1] = 0;
    c->hostname = strdup(host);
    c->server_id = c->hostname;
    c->add_headers = true;
    c->reject_text = "This message looks like phishing and was refused.";
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    c->jobs = cores < 1 ? 1 : cores > 16 ? 16 : (int)cores;
    c->peer_timeout = 600;
}

/* One line: an own key, or an option appended to argv. */
static int line(pcm_conf *c, GPtrArray *argv, char *s, const char *name, int no,
                char *err, size_t n) {
    char *eq = strchr(s, '=');
    if (!eq) { snprintf(err, n, "%s:%d: expected key = value", name, no); return -1; }
    *eq = 0;
    char *k = trim(s), *v = trim(eq + 1), msg[200];
    int r = own_key(c, k, v, msg, sizeof msg);
    if (r < 0) { snprintf(err, n, "%s:%d: %s", name, no, msg); return -1; }
    if (r == 0) return 0;
    int b = yes_no(v);
    if (b == 0) return 0;
    g_ptr_array_add(argv, b == 1 ? g_strdup_printf("--%s", k) : g_strdup_printf("--%s=%s", k, v));
    return 0;
}

pcm_conf *pcm_conf_parse(const char *text, const char *name, char *err, size_t errlen) {
    pcm_conf *c = calloc(1, sizeof *c);
    defaults(c);
    c->text = strdup(text);
    GPtrArray *argv = g_ptr_array_new();
    g_ptr_array_add(argv, g_strdup(name));
    g_ptr_array_add(argv, g_strdup("--max-message=" PCM_DEFAULT_MAX_MESSAGE));
    int no = 0, rc = 0;
    for (char *s = c->text, *next; s && !rc; s = next) {
        next = strchr(s, '\n');
        if (next) *next++ = 0;
        no++;
        char *t = trim(s);
        if (*t && *t != '#') rc = line(c, argv, t, name, no, err, errlen);
    }
    c->argc = (int)argv->len;
    g_ptr_array_add(argv, NULL);
    c->argv = (char **)g_ptr_array_free(argv, FALSE);
    c->keep = g_memdup2(c->argv, sizeof(char *) * (size_t)(c->argc + 1));  /* getopt permutes */
    if (!rc && pc_cli_settings_parse(c->argc, c->argv, &c->cli)) {
        snprintf(err, errlen, "%s: an option above is not a phishcheck setting or has a bad value", name);
        rc = -1;
    }
    c->parsed = !rc;
    if (rc) { pcm_conf_unref(c); return NULL; }
    return c;
}

pcm_conf *pcm_conf_load(const char *path, char *err, size_t errlen) {
    if (!path) return pcm_conf_parse("", "phishcheck-milter", err, errlen);
    char *text = NULL;
    GError *e = NULL;
    if (!g_file_get_contents(path, &text, NULL, &e)) {
        snprintf(err, errlen, "%s", e->message);
        g_error_free(e);
        return NULL;
    }
    pcm_conf *c = pcm_conf_parse(text, path, err, errlen);
    g_free(text);
    return c;
}

void pcm_conf_ref(pcm_conf *c) { atomic_fetch_add(&c->refs, 1); }

void pcm_conf_unref(pcm_conf *c) {
    if (!c || atomic_fetch_sub(&c->refs, 1) != 1) return;
    if (c->parsed) pc_cli_settings_free(&c->cli);
    for (int i = 0; c->keep && c->keep[i]; i++) g_free(c->keep[i]);
    g_free(c->keep);
    g_free(c->argv);
    free(c->text);
    free(c->hostname);
    free(c);
}
