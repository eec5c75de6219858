/* rewrite.c — see rewrite.h. */
#include "rewrite.h"
#include <ctype.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "parse/authres.h"
#include "parse/rfc2047.h"

/* The verdict word, the score and the comma-joined flag ids of a report. */
static void parts(json_t *r, const char **verdict, long long *score, GString *flags) {
    *verdict = json_string_value(json_object_get(r, "verdict"));
    if (!*verdict) *verdict = "none";
    *score = json_integer_value(json_object_get(r, "score"));
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(r, "flags"), i, f) {
        const char *id = json_string_value(json_object_get(f, "id"));
        if (!id || !*id || strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789._-") != strlen(id))
            continue;                         /* ids are tokens; anything else stays out */
        if (flags->len) g_string_append_c(flags, ',');
        g_string_append(flags, id);
    }
}

static char *steal(GString *s) {
    char *out = strdup(s->str);
    g_string_free(s, TRUE);
    return out;
}

char *pcm_x_phishcheck(json_t *report) {
    const char *v;
    long long score;
    GString *flags = g_string_new(NULL), *out = g_string_new(NULL);
    parts(report, &v, &score, flags);
    g_string_printf(out, "%s; score=%lld; flags=%s", v, score, flags->str);
    g_string_free(flags, TRUE);
    return steal(out);
}

char *pcm_auth_results(json_t *report, const char *server_id) {
    const char *v;
    long long score;
    GString *flags = g_string_new(NULL), *out = g_string_new(NULL);
    parts(report, &v, &score, flags);
    g_string_printf(out, "%s; x-phishcheck=%s policy.score=%lld policy.flags=%s", server_id, v,
                    score, flags->str);
    g_string_free(flags, TRUE);
    return steal(out);
}

/* Skips folding white space and (nested) comments. */
static const char *skip_cfws(const char *p) {
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') p++;
        if (*p != '(') return p;
        int depth = 0;
        for (; *p; p++) {
            if (*p == '\\' && p[1]) { p++; continue; }
            if (*p == '(') depth++;
            else if (*p == ')' && --depth == 0) { p++; break; }
        }
    }
}

bool pcm_authserv_id(const char *value, char *out, size_t n) {
    const char *p = skip_cfws(value);
    size_t k = 0;
    if (*p == '"') {
        for (p++; *p && *p != '"'; p++) {
            if (*p == '\\' && p[1]) p++;
            if (k + 1 < n) out[k++] = *p;
        }
    } else {
        for (; *p && !strchr(" \t\r\n;(", *p); p++)
            if (k + 1 < n) out[k++] = *p;
    }
    if (n) out[k] = 0;
    return k > 0;
}

/* id names server_id: any case; a trailing dot names the same host. */
static bool same_host(const char *id, const char *server_id) {
    size_t a = strlen(id), b = strlen(server_id);
    if (a && id[a - 1] == '.') a--;
    if (b && server_id[b - 1] == '.') b--;
    return a == b && !strncasecmp(id, server_id, a);
}

/* The authserv-id the desk reads in value (parse/headers.c: RFC 2047-decoded, then
 * parse/authres.c) names server_id. The two readings differ on malformed lines (an escaped
 * ')' in a comment, an encoded word): a line either one takes for ours goes, so the desk
 * can never trust a line the gateway left in place. */
static bool desk_reads_as(const char *value, const char *server_id) {
    pc_arena *a = pc_arena_new();
    const pc_authres *r = pc_authres_parse(a, pc_header_decode(a, value, strlen(value)));
    bool yes = r->authserv_id && same_host(r->authserv_id, server_id);
    pc_arena_free(a);
    return yes;
}

bool pcm_must_remove(const char *name, const char *value, const char *server_id) {
    if (!strcasecmp(name, "X-Phishcheck")) return true;
    if (strcasecmp(name, "Authentication-Results") || !server_id || !*server_id) return false;
    char id[256];
    if (pcm_authserv_id(value, id, sizeof id) && same_host(id, server_id)) return true;
    return desk_reads_as(value, server_id);
}

static bool ascii(const char *s) {
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80 || (unsigned char)*s < 0x20) return false;
    return true;
}

char *pcm_tag_subject(const char *subject, const char *tag) {
    GString *out = g_string_new(NULL);
    const char *s = subject ? subject : "";
    while (*s == ' ' || *s == '\t') s++;
    if (ascii(tag)) {
        g_string_append_printf(out, "%s ", tag);
    } else {        /* the space between two encoded words is dropped when shown: */
        char *text = g_strconcat(tag, strncmp(s, "=?", 2) ? "" : " ", NULL);  /* inside */
        char *b64 = g_base64_encode((const guchar *)text, strlen(text));
        g_string_append_printf(out, "=?UTF-8?B?%s?= ", b64);
        g_free(b64);
        g_free(text);
    }
    if (!strncmp(s, out->str, out->len) || (ascii(tag) && !strncmp(s, tag, strlen(tag)))) {
        g_string_free(out, TRUE);
        return NULL;
    }
    if (!*s) g_string_truncate(out, out->len - 1);
    g_string_append(out, s);
    return steal(out);
}
