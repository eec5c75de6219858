/* htmltree.h — the HTML parser behind html.c, reduced to what html.c reads: a tree of
 * elements (a tag, attributes) and text. Two builds: myhtml (libmodest, the default where
 * it is installed: docs/html-parser.md) or gumbo (PC_HTML_GUMBO, or no libmodest). Only
 * html.c includes this. */
#ifndef PC_HTMLTREE_H
#define PC_HTMLTREE_H
#include <stddef.h>

typedef struct pc_hdoc pc_hdoc;
typedef struct pc_hnode pc_hnode;   /* opaque: the parser's own node */

typedef enum { PC_HK_OTHER, PC_HK_TEXT, PC_HK_ELEMENT } pc_hkind;

/* The tags html.c treats specially; anything else is PC_HT_OTHER. */
typedef enum {
    PC_HT_OTHER, PC_HT_A, PC_HT_AREA, PC_HT_BASE, PC_HT_BLOCKQUOTE, PC_HT_BR, PC_HT_CENTER,
    PC_HT_DIV, PC_HT_EMBED, PC_HT_FORM, PC_HT_H1, PC_HT_H2, PC_HT_H3, PC_HT_H4, PC_HT_HR,
    PC_HT_IFRAME, PC_HT_IMG, PC_HT_INPUT, PC_HT_LI, PC_HT_META, PC_HT_OBJECT, PC_HT_P,
    PC_HT_SCRIPT, PC_HT_STYLE, PC_HT_TABLE, PC_HT_TD, PC_HT_TEMPLATE, PC_HT_TH, PC_HT_TITLE,
    PC_HT_TR
} pc_htag;

/* Parses UTF-8 html; never NULL. */
pc_hdoc *pc_hdoc_parse(const char *html, size_t len);
void pc_hdoc_free(pc_hdoc *d);
/* The <html> element (NULL if none). */
const pc_hnode *pc_hdoc_root(pc_hdoc *d);

/* Text nodes holding only white space are PC_HK_OTHER (as gumbo reports them). */
pc_hkind pc_hnode_kind(const pc_hnode *n);
pc_htag pc_hnode_tag(const pc_hnode *n);
/* A text node's text, character references decoded (NUL-terminated). */
const char *pc_hnode_text(const pc_hnode *n);
/* An element's attribute value ("" for an attribute without one), NULL if absent. */
const char *pc_hnode_attr(const pc_hnode *n, const char *name);
/* Children, walked from the last one back (what an explicit stack wants). */
const pc_hnode *pc_hnode_last_child(const pc_hnode *n);
const pc_hnode *pc_hnode_prev(const pc_hnode *n);

#endif
