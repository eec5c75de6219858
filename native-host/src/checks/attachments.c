/* attachments.c — attached files that run code or open a local web page: executables,
 * scripts, disk images, macro documents, double extensions ("invoice.pdf.exe"), ZIP
 * archives holding any of these, and HTML/SVG files with a form or a script (a login
 * page that works offline). Extensions and their classes: attachment-types.tsv. A macro
 * document is known by its name (.docm) or by a VBA project inside (parse/attach.c: an old
 * .doc/.xls, a .docx renamed from .docm); it weighs more when the mail tells the reader to
 * enable content or macros (macro-prompts.tsv).
 * Guards: a harmless HTML file (an old mailer's copy of the body) is only low; calendar
 * invites (.ics) and ordinary documents are never flagged; the XHTML pages of an e-book
 * or office document package are its content, not an archive's web page. */
#include "checklib/check.h"
#include <glib.h>
#include <string.h>
#include <strings.h>
#include "checklib/textutil.h"
#include "checklib/trust.h"
#include "data.h"
#include "util/fold.h"

/* The class of a file name's extension (exec, script ...); NULL if not listed. */
static const char *ext_class(const char *name, const char **ext) {
    const char *dot = name ? strrchr(name, '.') : NULL;
    if (!dot) return NULL;
    const pc_table *t = pc_data_table("attachment-types.tsv");
    for (size_t i = 0; i < t->n; i++)
        if (t->rows[i].n > 1 && !strcasecmp(dot + 1, t->rows[i].f[0])) {
            if (ext) *ext = t->rows[i].f[0];
            return t->rows[i].f[1];
        }
    return NULL;
}

/* "invoice.pdf.exe", "scan.pdf   .html": a document-looking name ending in a risky one. */
static bool double_ext(const char *name) {
    const char *last = strrchr(name, '.');
    if (!last || last == name) return false;
    const char *prev = last - 1;
    while (prev > name && *prev == ' ') prev--;
    while (prev > name && prev[-1] != '.' && last - prev < 6) prev--;
    if (prev <= name || prev[-1] != '.') return false;
    static const char *docs[] = {"pdf", "doc", "docx", "xls", "xlsx", "jpg", "png", "txt",
                                 "rtf", "ppt", "pptx", "odt", "csv", "mp3", "wav", NULL};
    for (int i = 0; docs[i]; i++)
        if (!strncasecmp(prev, docs[i], strlen(docs[i]))) return true;
    return false;
}

static bool runs_code(const char *cls) {
    return cls && (!strcmp(cls, "exec") || !strcmp(cls, "script"));
}

/* A document package: a ZIP named as an e-book or office document (EPUB, OpenDocument,
 * Office Open XML) that holds its package manifest. Its XHTML pages are the document's
 * content, shown by the reader app that opens the file; only a file named as an archive
 * is opened as a folder of pages. Programs inside still count. */
static bool document_package(const pc_attachment *a) {
    static const char *docs[] = {"epub", "odt", "ods", "odp", "odg", "docx", "docm", "dotx",
                                 "xlsx", "xlsm", "xltx", "pptx", "pptm", "potx", NULL};
    const char *dot = a->filename ? strrchr(a->filename, '.') : NULL;
    bool named = false;
    for (int i = 0; dot && docs[i] && !named; i++) named = !strcasecmp(dot + 1, docs[i]);
    for (size_t i = 0; named && i < a->inner_names.n; i++) {
        const char *n = a->inner_names.v[i];
        if (!strcmp(n, "mimetype") || !strcmp(n, "[Content_Types].xml")) return true;
    }
    return false;
}

static void inner_files(pc_ctx *ctx, const pc_attachment *a) {
    bool package = document_package(a);
    for (size_t i = 0; i < a->inner_names.n; i++) {
        const char *n = a->inner_names.v[i];
        const char *cls = ext_class(n, NULL);
        if (runs_code(cls) || (cls && !strcmp(cls, "disk")))
            pc_flag_id(ctx, "attachments.archive_executable",
                       "archive", a->filename ? a->filename : "", "file", n, NULL);
        else if (cls && !strcmp(cls, "html") && !package)
            pc_flag_id(ctx, "attachments.archive_html",
                       "archive", a->filename ? a->filename : "", "file", n, NULL);
    }
}

static bool html_type(const pc_attachment *a) {
    const char *t = a->sniffed_type ? a->sniffed_type : a->declared_type;
    return t && (!strcmp(t, "text/html") || !strcmp(t, "image/svg+xml"));
}

static void html_file(pc_ctx *ctx, const pc_attachment *a, const char *name) {
    if (a->html_has_form)
        pc_flag_id(ctx, "attachments.html_form", "file", name, NULL);
    else if (a->html_has_script)
        pc_flag_id(ctx, "attachments.html_script", "file", name, NULL);
    else
        pc_flag_id(ctx, "attachments.html", "file", name, NULL);
}

/* A character that shows nothing in a file name: bidi overrides and embeddings (the
 * "invoice\u202Efdp.exe" trick), the combining grapheme joiner, zero-width spaces, word
 * joiner, BOM, soft hyphen, variation selectors, Hangul and Braille blanks. Zero-width
 * (non-)joiners only between ASCII characters: Persian, Indic and emoji write them. */
static bool blank_char(gunichar c, gunichar prev, gunichar next) {
    if (c == 0x200c || c == 0x200d) return prev < 0x80 && next < 0x80;
    return c == 0x034f || c == 0x200b || (c >= 0x200e && c <= 0x200f) ||
           (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2069) || c == 0xfeff ||
           c == 0x00ad || (c >= 0xfe00 && c <= 0xfe0f) || c == 0x115f || c == 0x1160 ||
           c == 0x3164 || c == 0xffa0 || c == 0x2800 || (c >= 0xe0100 && c <= 0xe01ef);
}

/* The first invisible character in a file name, as U+XXXX; NULL if none. */
static const char *hidden_in_name(pc_ctx *ctx, const char *name) {
    if (!name || !g_utf8_validate(name, -1, NULL)) return NULL;
    gunichar prev = 0;
    for (const char *p = name; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        const char *n = g_utf8_next_char(p);
        if (blank_char(c, prev, *n ? g_utf8_get_char(n) : 0))
            return pc_sprintf(ctx->arena, "U+%04X", (unsigned)c);
        prev = c;
    }
    return NULL;
}

/* The words of the mail that tell the reader to switch macros on (macro-prompts.tsv:
 * Office's "Enable Content" / "Enable Editing" buttons, "enable macros"); NULL if none. */
static const char *macro_prompt(pc_ctx *ctx) {
    const pc_table *t = pc_data_table("macro-prompts.tsv");
    const char *const *col = pc_fold_column("macro-prompts.tsv", 1);
    const char *folded = pc_fold(ctx->arena, pc_reader_text(ctx));
    for (size_t i = 0; i < t->n; i++)
        if (col[i] && *col[i] && pc_fold_find(folded, col[i])) return t->rows[i].f[1];
    return NULL;
}

/* A macro document; worse when the mail tells the reader to enable its content — what
 * macro malware must get done, as it cannot run otherwise. Guard: a colleague's macro
 * tool (the user's own domain, verified) may say how to use it. */
static void macro_file(pc_ctx *ctx, const pc_attachment *a, const char *name) {
    const pc_addr *f = ctx->msg->from;
    bool colleague = f && f->domain && pc_own_domain(ctx, f->domain) && pc_from_org_verified(ctx);
    const char *prompt = colleague ? NULL : macro_prompt(ctx);
    pc_flag_id(ctx, prompt ? "attachments.macro/prompt" : "attachments.macro", "file", name,
               "macros", a->vba ? "vba" : "name", "phrase", prompt, NULL);
}

static void judge(pc_ctx *ctx, const pc_attachment *a) {
    const char *name = a->filename ? a->filename : "";
    const char *ext = NULL, *cls = ext_class(name, &ext);
    if (*name && double_ext(name) && cls && strcmp(cls, "archive"))
        pc_flag_id(ctx, "attachments.double_extension", "file", name, NULL);
    if (runs_code(cls))
        pc_flag_id(ctx, "attachments.executable", "file", name,
                "type", ext, NULL);
    else if (cls && !strcmp(cls, "disk"))
        pc_flag_id(ctx, "attachments.disk_image", "file", name, NULL);
    else if ((cls && !strcmp(cls, "macro")) || a->vba)
        macro_file(ctx, a, name);
    else if ((cls && !strcmp(cls, "html")) || html_type(a))
        html_file(ctx, a, name);
    inner_files(ctx, a);
    const char *hid = hidden_in_name(ctx, name);
    for (size_t i = 0; !hid && i < a->inner_names.n; i++)
        if ((hid = hidden_in_name(ctx, a->inner_names.v[i]))) name = a->inner_names.v[i];
    if (hid && !pc_found(ctx, "attachments.hidden_chars"))
        pc_flag_id(ctx, "attachments.hidden_chars", "file", name, "char", hid,
                NULL);
}

PC_CHECK(attachments) {
    const pc_vec *atts = &ctx->msg->attachments;
    for (size_t i = 0; i < atts->n; i++) judge(ctx, atts->v[i]);
}
