/* message.c — builds the message model: gmime parses the raw bytes, headers.c reads the
 * headers, then one walk over the MIME tree decodes text parts (charset.c), parses HTML
 * (html.c), finds URLs in plain text and describes attachments (attach.c). Limits on
 * headers and parts are applied to the raw bytes before gmime parses them (prelimit.c);
 * depth and text size during the walk. Every limit met is recorded in errors. */
#include <gmime/gmime.h>
#include <string.h>
#include "parse/attach.h"
#include "parse/charset.h"
#include "parse/headers.h"
#include "parse/html.h"
#include "parse/rfc2047.h"
#include "parse/model.h"
#include "parse/prelimit.h"

typedef struct {
    pc_message *m;
    const pc_parse_limits *lim;
    GString *text, *html_text;
} walker;

static void once_init(void) {
    static bool done;
    if (done) return;
    g_mime_init();
    done = true;
}

static void error(pc_message *m, const char *what) {
    for (size_t i = 0; i < m->errors.n; i++)
        if (!strcmp(m->errors.v[i], what)) return;
    pc_vec_push(m->arena, &m->errors, (char *)what);
}

static GByteArray *content_bytes(GMimePart *part) {
    GMimeDataWrapper *dw = g_mime_part_get_content(part);
    GMimeStream *mem = g_mime_stream_mem_new();
    if (dw) g_mime_data_wrapper_write_to_stream(dw, mem);
    GByteArray *ba = g_byte_array_new();
    GByteArray *src = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
    g_byte_array_append(ba, src->data, src->len);
    g_object_unref(mem);
    return ba;
}

static bool url_char(unsigned char c) {
    return c > 0x20 && c < 0x7f && !strchr("<>\"'`{}|\\^[]", c);
}

/* URLs written in plain text: http(s)://... and www.... */
static void text_urls(walker *w, const char *t, bool nested) {
    pc_arena *a = w->m->arena;
    for (const char *p = t; *p; p++) {
        bool scheme = !strncasecmp(p, "http://", 7) || !strncasecmp(p, "https://", 8);
        bool www = !strncasecmp(p, "www.", 4) &&
                   (p == t || !(g_ascii_isalnum(p[-1]) || strchr("./-@:", p[-1])));
        if (!scheme && !www) continue;
        const char *e = p;
        while (url_char((unsigned char)*e)) e++;
        while (e > p && strchr(".,;:!?)", e[-1])) e--;
        pc_link *l = pc_alloc(a, sizeof *l);
        l->href = pc_strndup(a, p, (size_t)(e - p));
        l->url = pc_url_parse(a, l->href);
        l->text = l->href;
        l->src = PC_LINK_TEXT;
        l->nested = nested;
        l->index = (int)w->m->links.n;
        if (l->url && l->url->host) pc_vec_push(a, &w->m->links, l);
        p = e > p ? e - 1 : p;
    }
}

static void text_part(walker *w, GMimePart *part, const char *subtype, bool nested) {
    pc_message *m = w->m;
    GByteArray *ba = content_bytes(part);
    size_t n = ba->len;
    if (n > w->lim->max_text) { n = w->lim->max_text; m->truncated = true; error(m, "text_truncated"); }
    const char *cs = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset");
    char *u = pc_to_utf8(m->arena, (const char *)ba->data, n, cs);
    g_byte_array_free(ba, TRUE);
    if (!g_ascii_strcasecmp(subtype, "html")) {
        pc_html_info info = {0};
        size_t before = w->text->len;
        pc_html_parse(m, u, strlen(u), nested, w->text, &info);
        if (info.cut) { m->truncated = true; error(m, "html_too_complex"); }
        g_string_append(w->html_text, w->text->str + before);
        m->has_html = true;
    } else {
        text_urls(w, u, nested);
        g_string_append(w->text, u);
        g_string_append_c(w->text, '\n');
        m->has_plain = true;
    }
}

/* The part's file name, decoded by rfc2047.c from the raw headers (Content-Disposition
 * filename, else Content-Type name); NULL if none. */
static char *file_name(pc_arena *a, GMimeObject *o) {
    GMimeHeaderList *hl = g_mime_object_get_header_list(o);
    static const char *const where[][2] = {{"Content-Disposition", "filename"},
                                           {"Content-Type", "name"}};
    for (size_t k = 0; k < 2; k++) {
        GMimeHeader *h = hl ? g_mime_header_list_get_header(hl, where[k][0]) : NULL;
        const char *raw = h ? g_mime_header_get_raw_value(h) : NULL;
        char *v = raw ? pc_param_decode(a, raw, where[k][1]) : NULL;
        if (v && *v) return v;
    }
    return NULL;
}

static void attachment(walker *w, GMimePart *part, const char *type, int depth, bool nested) {
    pc_arena *a = w->m->arena;
    pc_attachment *att = pc_alloc(a, sizeof *att);
    att->filename = file_name(a, GMIME_OBJECT(part));
    att->declared_type = pc_strdup(a, type);
    for (char *c = att->declared_type; *c; c++) *c = g_ascii_tolower(*c);
    att->depth = depth;
    att->nested = nested;
    const char *disp = g_mime_object_get_disposition(GMIME_OBJECT(part));
    att->is_inline = disp && !g_ascii_strcasecmp(disp, "inline");
    GByteArray *ba = content_bytes(part);
    att->size = ba->len;
    pc_attach_sniff(a, att, ba->data, ba->len);
    bool markup = (att->sniffed_type && (!strcmp(att->sniffed_type, "text/html") ||
                                         !strcmp(att->sniffed_type, "image/svg+xml"))) ||
                  strstr(att->declared_type, "html") || strstr(att->declared_type, "svg");
    if (markup && ba->len <= w->lim->max_text) {   /* look inside: forms, scripts, links */
        char *u = pc_to_utf8(a, (const char *)ba->data, ba->len, NULL);
        pc_html_info info = {0};
        GString *scratch = g_string_new(NULL);
        pc_html_parse(w->m, u, strlen(u), true, scratch, &info);
        g_string_free(scratch, TRUE);
        if (info.cut) { w->m->truncated = true; error(w->m, "html_too_complex"); }
        att->html_has_form = info.has_form;
        att->html_has_script = info.has_script || strstr(u, "<script") || strstr(u, "javascript:");
    }
    g_byte_array_free(ba, TRUE);
    pc_vec_push(a, &w->m->attachments, att);
}

static void leaf(walker *w, GMimePart *part, int depth, bool nested) {
    GMimeContentType *ct = g_mime_object_get_content_type(GMIME_OBJECT(part));
    const char *type = ct ? g_mime_content_type_get_media_type(ct) : "text";
    const char *sub = ct ? g_mime_content_type_get_media_subtype(ct) : "plain";
    if (!type) type = "text";
    if (!sub) sub = "plain";
    char *full = pc_sprintf(w->m->arena, "%s/%s", type, sub);
    if (!g_ascii_strcasecmp(full, "text/calendar")) w->m->is_calendar = true;
    const char *disp = g_mime_object_get_disposition(GMIME_OBJECT(part));
    bool is_att = (disp && !g_ascii_strcasecmp(disp, "attachment")) || g_mime_part_get_filename(part);
    bool is_text = !g_ascii_strcasecmp(type, "text") &&
                   (!g_ascii_strcasecmp(sub, "plain") || !g_ascii_strcasecmp(sub, "html"));
    if (is_text && !is_att) text_part(w, part, sub, nested);
    else attachment(w, part, full, depth, nested);
}

static void walk(walker *w, GMimeObject *obj, int depth, bool nested) {
    pc_message *m = w->m;
    if (!obj) return;
    if (depth > w->lim->max_depth) { m->truncated = true; error(m, "too_deep"); return; }
    if ((size_t)++m->n_parts > w->lim->max_parts) { m->truncated = true; error(m, "too_many_parts"); return; }
    if (depth > m->max_depth) m->max_depth = depth;
    if (GMIME_IS_MESSAGE_PART(obj)) {
        GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
        pc_attachment *att = pc_alloc(m->arena, sizeof *att);
        att->declared_type = "message/rfc822";
        att->filename = file_name(m->arena, obj);
        att->depth = depth;
        att->nested = nested;
        pc_vec_push(m->arena, &m->attachments, att);
        if (inner) walk(w, g_mime_message_get_mime_part(inner), depth + 1, true);
    } else if (GMIME_IS_MULTIPART(obj)) {
        GMimeMultipart *mp = GMIME_MULTIPART(obj);
        GMimeContentType *ct = g_mime_object_get_content_type(obj);
        if (ct && !g_ascii_strcasecmp(g_mime_content_type_get_media_subtype(ct), "report"))
            m->is_report = true;
        int n = g_mime_multipart_get_count(mp);
        for (int i = 0; i < n; i++) walk(w, g_mime_multipart_get_part(mp, i), depth + 1, nested);
    } else if (GMIME_IS_PART(obj)) {
        leaf(w, GMIME_PART(obj), depth, nested);
    }
}

/* What gmime would misread, mended on a copy: CR-only line ends (no LF anywhere) become
 * LF, and NUL bytes in the top header block — gmime ends a header value at a NUL, so
 * "Pay\0Pal <...>" lost its address and the sender vanished — are dropped. NULL when the
 * bytes need nothing. */
static char *mended(pc_message *m, const char *raw, size_t *len) {
    bool cr_only = *len && !memchr(raw, '\n', *len) && memchr(raw, '\r', *len);
    const char *hdr_end = cr_only ? NULL : memmem(raw, *len, "\n\n", 2);
    const char *crlf_end = cr_only ? NULL : memmem(raw, *len, "\r\n\r\n", 4);
    if (crlf_end && (!hdr_end || crlf_end < hdr_end)) hdr_end = crlf_end;
    size_t hn = hdr_end ? (size_t)(hdr_end - raw) : *len;
    bool nul = memchr(raw, 0, hn) != NULL;
    if (!cr_only && !nul) return NULL;
    char *b = pc_alloc(m->arena, *len + 1);
    size_t o = 0;
    for (size_t i = 0; i < *len; i++) {
        if (i < hn && !raw[i]) continue;
        b[o++] = cr_only && raw[i] == '\r' ? '\n' : raw[i];
    }
    if (nul) error(m, "nul_in_headers");
    if (cr_only) error(m, "cr_line_ends");
    *len = o;
    return b;
}

static void set_defaults(pc_message *m) {
    m->spam_flag = -1;
    m->scl = -1;
}

pc_message *pc_message_parse(const char *raw, size_t len, const pc_parse_limits *lim) {
    static const pc_parse_limits defaults = {1000, 20, 2 * 1024 * 1024};
    if (!lim) lim = &defaults;
    once_init();
    pc_arena *a = pc_arena_new();
    pc_message *m = pc_alloc(a, sizeof *m);
    m->arena = a;
    set_defaults(m);
    char *fixed = mended(m, raw, &len);
    if (fixed) raw = fixed;
    pc_prelimits pre = {1000, 64 * 1024, 1024 * 1024, lim->max_parts};
    pc_precut cut = pc_prelimit(raw, len, &pre);     /* gmime never sees a bomb whole */
    if (cut.headers_cut) { m->truncated = true; error(m, "too_many_headers"); }
    if (cut.parts_cut) { m->truncated = true; error(m, "too_many_parts"); }
    GMimeStream *st = g_mime_stream_mem_new_with_buffer(cut.buf ? cut.buf : raw, cut.len);
    GMimeParser *p = g_mime_parser_new_with_stream(st);
    GMimeParserOptions *opt = g_mime_parser_options_new();
    const char *fallback[] = {"UTF-8", "CP932", "EUC-JP", "ISO-2022-JP", "WINDOWS-1252", NULL};
    g_mime_parser_options_set_fallback_charsets(opt, fallback);
    g_mime_parser_options_set_rfc2047_compliance_mode(opt, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_address_compliance_mode(opt, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_parameter_compliance_mode(opt, GMIME_RFC_COMPLIANCE_LOOSE);
    GMimeMessage *msg = g_mime_parser_construct_message(p, opt);
    if (!msg) {
        error(m, "not_a_message");
    } else {
        pc_headers_read(m, msg);
        if (!m->headers.n) error(m, "no_headers");   /* e.g. a bare mbox "From " line */
        GMimeObject *body = g_mime_message_get_mime_part(msg);
        GMimeContentType *ct = body ? g_mime_object_get_content_type(body) : NULL;
        if (ct) m->top_type = pc_sprintf(a, "%s/%s", g_mime_content_type_get_media_type(ct),
                                         g_mime_content_type_get_media_subtype(ct));
        walker w = {m, lim, g_string_new(NULL), g_string_new(NULL)};
        walk(&w, body, 0, false);
        m->text = pc_strndup(a, w.text->str, w.text->len);
        m->html_text = pc_strndup(a, w.html_text->str, w.html_text->len);
        g_string_free(w.text, TRUE);
        g_string_free(w.html_text, TRUE);
        g_object_unref(msg);
    }
    if (!m->text) m->text = m->html_text = "";
    g_mime_parser_options_free(opt);
    g_object_unref(p);
    g_object_unref(st);
    g_free(cut.buf);
    return m;
}

void pc_message_free(pc_message *m) {
    if (m) pc_arena_free(m->arena);
}

const char *pc_msg_header(const pc_message *m, const char *name) {
    for (size_t i = 0; i < m->headers.n; i++) {
        const pc_header *h = m->headers.v[i];
        if (!g_ascii_strcasecmp(h->name, name)) return h->value;
    }
    return NULL;
}
