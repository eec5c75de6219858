/* html.h — the HTML module: an HTML5 parser (gumbo) turns a UTF-8 HTML part into links,
 * forms and visible text. The only file that knows the parser, so it can be swapped. */
#ifndef PC_HTML_H
#define PC_HTML_H
#include <glib.h>
#include "parse/model.h"

typedef struct {
    bool has_form, has_script;   /* any <form> / <script> or on* handler seen */
} pc_html_info;

/* Parses html (UTF-8), appends links and forms to m (marked nested when asked) and the
 * visible text to text. */
void pc_html_parse(pc_message *m, const char *html, size_t len, bool nested, GString *text,
                   pc_html_info *info);

#endif
