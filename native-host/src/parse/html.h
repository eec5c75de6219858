/* html.h — the HTML module: an HTML5 parser (myhtml, or gumbo: htmltree.h) turns a UTF-8
 * HTML part into links, forms and visible text. Only html.c and htmltree.c know the
 * parser, so it can be swapped (docs/html-parser.md). */
#ifndef PC_HTML_H
#define PC_HTML_H
#include <glib.h>
#include "parse/model.h"

typedef struct {
    bool has_form, has_script;   /* any <form> / <script> or on* handler seen */
    bool cut;                    /* too many elements or too deep: the rest was not read */
} pc_html_info;

/* Past these the rest of a part is not parsed (the parser's worst cases are quadratic in
 * nesting): elements, and nesting depth as a simple tag stack sees it. */
#define PC_HTML_MAX_ELEMENTS 50000
#define PC_HTML_MAX_DEPTH 400

/* Parses html (UTF-8), appends links and forms to m (marked nested when asked) and the
 * visible text to text. Parts over the limits above are cut first (info->cut). */
void pc_html_parse(pc_message *m, const char *html, size_t len, bool nested, GString *text,
                   pc_html_info *info);

#endif
