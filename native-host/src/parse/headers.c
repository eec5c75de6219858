/* headers.c — reads every header once and fills the header fields of the model. Values
 * and display names are decoded by rfc2047.c from the raw header (not gmime's decoder);
 * gmime's address parser then reads the decoded text. */
#include "parse/headers.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "parse/authres.h"
#include "parse/charset.h"
#include "parse/received.h"
#include "parse/rfc2047.h"

static pc_addr *addr_from_mailbox(pc_arena *a, InternetAddress *ia) {
    if (!INTERNET_ADDRESS_IS_MAILBOX(ia)) return NULL;
    const char *addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia));
    if (!addr || !*addr) return NULL;
    pc_addr *p = pc_alloc(a, sizeof *p);
    const char *name = internet_address_get_name(ia);
    p->display = name && *name ? pc_strdup(a, name) : NULL;
    const char *at = strrchr(addr, '@');
    p->local = at ? pc_strndup(a, addr, (size_t)(at - addr)) : pc_strdup(a, addr);
    if (at) {
        p->domain = pc_host_ascii(a, at + 1);
        if (p->domain) {
            p->domain_u = pc_host_unicode(a, p->domain);
            p->reg = pc_reg_domain(a, p->domain);
        }
    }
    p->addr = p->domain ? pc_sprintf(a, "%s@%s", p->local, p->domain) : pc_strdup(a, addr);
    return p;
}

/* All mailboxes of a list (groups flattened one level) into vec; returns the first. */
static pc_addr *addr_list(pc_arena *a, InternetAddressList *l, pc_vec *vec, int *count) {
    pc_addr *first = NULL;
    for (int i = 0; l && i < internet_address_list_length(l); i++) {
        InternetAddress *ia = internet_address_list_get_address(l, i);
        if (INTERNET_ADDRESS_IS_GROUP(ia)) {
            InternetAddressList *g = internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia));
            pc_addr *f = addr_list(a, g, vec, count);
            if (!first) first = f;
            continue;
        }
        pc_addr *p = addr_from_mailbox(a, ia);
        if (!p) continue;
        if (!first) first = p;
        if (vec) pc_vec_push(a, vec, p);
        if (count) (*count)++;
    }
    return first;
}

/* Address parsing of already decoded text: no second RFC 2047 pass over it. */
static GMimeParserOptions *addr_options(void) {
    static GMimeParserOptions *opt;
    if (!opt) {
        opt = g_mime_parser_options_new();
        g_mime_parser_options_set_address_compliance_mode(opt, GMIME_RFC_COMPLIANCE_LOOSE);
        g_mime_parser_options_set_rfc2047_compliance_mode(opt, GMIME_RFC_COMPLIANCE_STRICT);
    }
    return opt;
}

pc_addr *pc_addr_parse(pc_arena *a, const char *text) {
    if (!text) return NULL;
    InternetAddressList *l = internet_address_list_parse(addr_options(), text);
    pc_addr *p = l ? addr_list(a, l, NULL, NULL) : NULL;
    if (l) g_object_unref(l);
    return p;
}

static void spam_flag(pc_message *m, const char *name, const char *v);

/* "Yes, score=12.3 required=5.0" / "12.3" / "default: True [15.20 / 15.00]" */
static void spam_score(pc_message *m, const char *name, const char *v) {
    const char *s = strcasestr(v, "score=");
    const char *num = s ? s + 6 : v;
    if (!strcasecmp(name, "X-Spamd-Result")) {
        const char *br = strchr(v, '[');
        if (!br) return;
        num = br + 1;
        const char *sl = strchr(br, '/');
        if (sl) m->spam_required = strtod(sl + 1, NULL);
        if (strcasestr(v, "True")) spam_flag(m, name, "yes");
    }
    while (*num == ' ') num++;
    char *end;
    double d = strtod(num, &end);
    if (end == num) return;
    m->spam_score = d;
    m->has_spam_score = true;
    m->spam_score_header = pc_strdup(m->arena, name);
    const char *req = strcasestr(v, "required=");
    if (!req) req = strcasestr(v, "reqd=");
    if (req) m->spam_required = strtod(strchr(req, '=') + 1, NULL);
}

static void spam_flag(pc_message *m, const char *name, const char *v) {
    while (*v == ' ') v++;
    if (!strncasecmp(v, "yes", 3) || !strncasecmp(v, "true", 4)) {
        m->spam_flag = 1;
        if (!m->spam_flag_header) m->spam_flag_header = pc_strdup(m->arena, name);
    }
    else if (m->spam_flag < 0 && (!strncasecmp(v, "no", 2) || !strncasecmp(v, "false", 5)))
        m->spam_flag = 0;
}

/* "CIP:1.2.3.4;...;SFV:SPM;...;CAT:PHSH;" → the value of one field; NULL if absent. */
static char *ms_field(pc_arena *a, const char *v, const char *key) {
    const char *p = strstr(v, key);
    if (!p || (p != v && p[-1] != ';' && p[-1] != ' ')) return NULL;
    p += strlen(key);
    size_t n = strcspn(p, "; ");
    return n ? pc_strndup(a, p, n) : NULL;
}

/* Authentication-Results of one server written as several headers are one verdict: the
 * first of a group takes in the methods it lacks from the next ones with the same authserv-
 * id, as long as only that server's own Received headers come between (a Received by
 * another host ends the group: what lies below it was written before that server). */
static void authres_group(pc_message *m, pc_authres **group, const char *name, void *item) {
    if (!strcasecmp(name, "Received")) {
        const pc_hop *h = item;
        if (*group && (!h->by || strcasecmp(h->by, (*group)->authserv_id))) *group = NULL;
        return;
    }
    pc_authres *r = item;
    if (*group && r->authserv_id && !strcmp(r->authserv_id, (*group)->authserv_id))
        pc_authres_merge(*group, r);
    else
        *group = r->authserv_id ? r : NULL;
}

static void one_header(pc_message *m, const char *name, const char *v, pc_authres **group) {
    pc_arena *a = m->arena;
    if (!strcasecmp(name, "Received")) {
        pc_vec_push(a, &m->hops, pc_received_parse(a, v));
        authres_group(m, group, name, m->hops.v[m->hops.n - 1]);
    } else if (!strcasecmp(name, "Authentication-Results")) {
        pc_vec_push(a, &m->authres, pc_authres_parse(a, v));
        authres_group(m, group, name, m->authres.v[m->authres.n - 1]);
    } else if (!strcasecmp(name, "Received-SPF")) {
        char *r = pc_received_spf_result(a, v);
        if (r) pc_vec_push(a, &m->received_spf, r);
    } else if (!strcasecmp(name, "DKIM-Signature")) {
        const char *d = strstr(v, "d=");
        while (d && d != v && !(d[-1] == ' ' || d[-1] == ';' || d[-1] == '\t'))
            d = strstr(d + 2, "d=");
        if (d) {
            char *dom = pc_strndup(a, d + 2, strcspn(d + 2, "; \t"));
            pc_vec_push(a, &m->dkim_domains, pc_host_ascii(a, dom) ? pc_host_ascii(a, dom) : dom);
        }
    } else if (!strcasecmp(name, "X-Spam-Flag") || !strcasecmp(name, "X-Spam")) {
        spam_flag(m, name, v);
    } else if (!strcasecmp(name, "X-Spam-Status")) {
        spam_flag(m, name, v);
        if (!m->has_spam_score) spam_score(m, name, v);
    } else if (!strcasecmp(name, "X-Spam-Score") || !strcasecmp(name, "X-Spamd-Result")) {
        spam_score(m, name, v);
    } else if (!strcasecmp(name, "X-Forefront-Antispam-Report")) {   /* not the -Untrusted one */
        if (!m->ms_sfv) m->ms_sfv = ms_field(a, v, "SFV:");
        if (!m->ms_cat) m->ms_cat = ms_field(a, v, "CAT:");
    } else if (!strcasecmp(name, "X-MS-Exchange-Organization-SCL")) {
        if (m->scl < 0) m->scl = atoi(v);
    } else if (!strcasecmp(name, "List-Id") && !m->list_id) m->list_id = pc_strdup(a, v);
    else if (!strcasecmp(name, "List-Unsubscribe") && !m->list_unsubscribe)
        m->list_unsubscribe = pc_strdup(a, v);
    else if (!strcasecmp(name, "Precedence") && !m->precedence) m->precedence = pc_strdup(a, v);
    else if (!strcasecmp(name, "Auto-Submitted") && !m->auto_submitted)
        m->auto_submitted = pc_strdup(a, v);
    else if (!strcasecmp(name, "Feedback-ID") && !m->feedback_id) m->feedback_id = pc_strdup(a, v);
    else if (!strcasecmp(name, "Return-Path") && !m->return_path) m->return_path = pc_addr_parse(a, v);
}

static const char *raw_value(GMimeHeader *h) {
    const char *raw = g_mime_header_get_raw_value(h);
    return raw ? raw : g_mime_header_get_value(h);
}

/* Every mailbox of every header called name (decoded here), into vec; returns the first. */
static pc_addr *addr_header(pc_arena *a, GMimeHeaderList *hl, const char *name, pc_vec *vec,
                            int *count) {
    pc_addr *first = NULL;
    for (int i = 0, n = g_mime_header_list_get_count(hl); i < n; i++) {
        GMimeHeader *h = g_mime_header_list_get_header_at(hl, i);
        const char *hn = g_mime_header_get_name(h), *raw = raw_value(h);
        if (!hn || g_ascii_strcasecmp(hn, name) || !raw) continue;
        char *text = pc_header_decode_phrase(a, raw, strlen(raw));
        InternetAddressList *l = internet_address_list_parse(addr_options(), text);
        pc_addr *f = l ? addr_list(a, l, vec, count) : NULL;
        if (l) g_object_unref(l);
        if (!first) first = f;
    }
    return first;
}

void pc_headers_read(pc_message *m, GMimeMessage *msg) {
    pc_arena *a = m->arena;
    GMimeHeaderList *hl = g_mime_object_get_header_list(GMIME_OBJECT(msg));
    int n = g_mime_header_list_get_count(hl);
    pc_authres *group = NULL;
    for (int i = 0; i < n; i++) {
        GMimeHeader *h = g_mime_header_list_get_header_at(hl, i);
        const char *name = g_mime_header_get_name(h), *v = raw_value(h);
        if (!name) continue;
        pc_header *ph = pc_alloc(a, sizeof *ph);
        ph->name = pc_strdup(a, name);
        ph->value = pc_header_decode(a, v ? v : "", v ? strlen(v) : 0);
        pc_vec_push(a, &m->headers, ph);
        one_header(m, ph->name, ph->value, &group);
    }
    m->from = addr_header(a, hl, "From", NULL, &m->n_from);
    m->sender = addr_header(a, hl, "Sender", NULL, NULL);
    m->reply_to = addr_header(a, hl, "Reply-To", NULL, NULL);
    addr_header(a, hl, "To", &m->to, NULL);
    addr_header(a, hl, "Cc", &m->cc, NULL);
    m->subject = pc_strdup(a, pc_msg_header(m, "Subject"));
    m->message_id = pc_strdup(a, g_mime_message_get_message_id(msg));
    m->date = pc_strdup(a, g_mime_object_get_header(GMIME_OBJECT(msg), "Date"));
}
