/* htmltree.c — see htmltree.h: the same small tree interface over myhtml (default) or
 * gumbo (PC_HTML_GUMBO). */
#include "parse/htmltree.h"
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static bool all_space(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!strchr(" \t\n\f\r", s[i])) return false;
    return true;
}

#ifndef PC_HTML_GUMBO
/* ---- myhtml (libmodest) ---- */
#include <myhtml/api.h>

struct pc_hdoc { myhtml_tree_t *tree; };

static myhtml_t *parser(void) {
    static myhtml_t *my;
    if (!my) {
        my = myhtml_create();
        myhtml_init(my, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0);
    }
    return my;
}

pc_hdoc *pc_hdoc_parse(const char *html, size_t len) {
    pc_hdoc *d = calloc(1, sizeof *d);
    d->tree = myhtml_tree_create();
    myhtml_tree_init(d->tree, parser());
    myhtml_parse(d->tree, MyENCODING_UTF_8, html, len);
    return d;
}

void pc_hdoc_free(pc_hdoc *d) {
    myhtml_tree_destroy(d->tree);
    free(d);
}

const pc_hnode *pc_hdoc_root(pc_hdoc *d) {
    return (const pc_hnode *)myhtml_tree_get_node_html(d->tree);
}

#define N(n) ((myhtml_tree_node_t *)(n))

pc_hkind pc_hnode_kind(const pc_hnode *n) {
    myhtml_tag_id_t t = myhtml_node_tag_id(N(n));
    if (t == MyHTML_TAG__TEXT) {
        size_t len = 0;
        const char *s = myhtml_node_text(N(n), &len);
        return s && !all_space(s, len) ? PC_HK_TEXT : PC_HK_OTHER;
    }
    return t == MyHTML_TAG__COMMENT || t == MyHTML_TAG__DOCTYPE || t == MyHTML_TAG__UNDEF
               ? PC_HK_OTHER : PC_HK_ELEMENT;
}

pc_htag pc_hnode_tag(const pc_hnode *n) {
    switch (myhtml_node_tag_id(N(n))) {
    case MyHTML_TAG_A: return PC_HT_A;             case MyHTML_TAG_AREA: return PC_HT_AREA;
    case MyHTML_TAG_BASE: return PC_HT_BASE;       case MyHTML_TAG_BLOCKQUOTE: return PC_HT_BLOCKQUOTE;
    case MyHTML_TAG_BR: return PC_HT_BR;           case MyHTML_TAG_CENTER: return PC_HT_CENTER;
    case MyHTML_TAG_DIV: return PC_HT_DIV;         case MyHTML_TAG_EMBED: return PC_HT_EMBED;
    case MyHTML_TAG_FORM: return PC_HT_FORM;       case MyHTML_TAG_H1: return PC_HT_H1;
    case MyHTML_TAG_H2: return PC_HT_H2;           case MyHTML_TAG_H3: return PC_HT_H3;
    case MyHTML_TAG_H4: return PC_HT_H4;           case MyHTML_TAG_HR: return PC_HT_HR;
    case MyHTML_TAG_IFRAME: return PC_HT_IFRAME;   case MyHTML_TAG_IMG: return PC_HT_IMG;
    case MyHTML_TAG_INPUT: return PC_HT_INPUT;     case MyHTML_TAG_LI: return PC_HT_LI;
    case MyHTML_TAG_META: return PC_HT_META;       case MyHTML_TAG_OBJECT: return PC_HT_OBJECT;
    case MyHTML_TAG_P: return PC_HT_P;             case MyHTML_TAG_SCRIPT: return PC_HT_SCRIPT;
    case MyHTML_TAG_STYLE: return PC_HT_STYLE;     case MyHTML_TAG_TABLE: return PC_HT_TABLE;
    case MyHTML_TAG_TD: return PC_HT_TD;           case MyHTML_TAG_TEMPLATE: return PC_HT_TEMPLATE;
    case MyHTML_TAG_TH: return PC_HT_TH;           case MyHTML_TAG_TITLE: return PC_HT_TITLE;
    case MyHTML_TAG_TR: return PC_HT_TR;
    default: return PC_HT_OTHER;
    }
}

const char *pc_hnode_text(const pc_hnode *n) {
    const char *s = myhtml_node_text(N(n), NULL);
    return s ? s : "";
}

const char *pc_hnode_attr(const pc_hnode *n, const char *name) {
    myhtml_tree_attr_t *a = myhtml_attribute_by_key(N(n), name, strlen(name));
    if (!a) return NULL;
    const char *v = myhtml_attribute_value(a, NULL);
    return v ? v : "";
}

const pc_hnode *pc_hnode_last_child(const pc_hnode *n) {
    return (const pc_hnode *)myhtml_node_last_child(N(n));
}

const pc_hnode *pc_hnode_prev(const pc_hnode *n) { return (const pc_hnode *)myhtml_node_prev(N(n)); }

#else
/* ---- gumbo ---- */
#include <gumbo.h>

struct pc_hdoc { GumboOutput *out; };

pc_hdoc *pc_hdoc_parse(const char *html, size_t len) {
    pc_hdoc *d = calloc(1, sizeof *d);
    d->out = gumbo_parse_with_options(&kGumboDefaultOptions, html, len);
    return d;
}

void pc_hdoc_free(pc_hdoc *d) {
    if (d->out) gumbo_destroy_output(&kGumboDefaultOptions, d->out);
    free(d);
}

const pc_hnode *pc_hdoc_root(pc_hdoc *d) { return d->out ? (const pc_hnode *)d->out->root : NULL; }

#define N(n) ((const GumboNode *)(n))

pc_hkind pc_hnode_kind(const pc_hnode *n) {
    GumboNodeType t = N(n)->type;
    return t == GUMBO_NODE_TEXT || t == GUMBO_NODE_CDATA ? PC_HK_TEXT
         : t == GUMBO_NODE_ELEMENT ? PC_HK_ELEMENT : PC_HK_OTHER;
}

pc_htag pc_hnode_tag(const pc_hnode *n) {
    switch (N(n)->v.element.tag) {
    case GUMBO_TAG_A: return PC_HT_A;             case GUMBO_TAG_AREA: return PC_HT_AREA;
    case GUMBO_TAG_BASE: return PC_HT_BASE;       case GUMBO_TAG_BLOCKQUOTE: return PC_HT_BLOCKQUOTE;
    case GUMBO_TAG_BR: return PC_HT_BR;           case GUMBO_TAG_CENTER: return PC_HT_CENTER;
    case GUMBO_TAG_DIV: return PC_HT_DIV;         case GUMBO_TAG_EMBED: return PC_HT_EMBED;
    case GUMBO_TAG_FORM: return PC_HT_FORM;       case GUMBO_TAG_H1: return PC_HT_H1;
    case GUMBO_TAG_H2: return PC_HT_H2;           case GUMBO_TAG_H3: return PC_HT_H3;
    case GUMBO_TAG_H4: return PC_HT_H4;           case GUMBO_TAG_HR: return PC_HT_HR;
    case GUMBO_TAG_IFRAME: return PC_HT_IFRAME;   case GUMBO_TAG_IMG: return PC_HT_IMG;
    case GUMBO_TAG_INPUT: return PC_HT_INPUT;     case GUMBO_TAG_LI: return PC_HT_LI;
    case GUMBO_TAG_META: return PC_HT_META;       case GUMBO_TAG_OBJECT: return PC_HT_OBJECT;
    case GUMBO_TAG_P: return PC_HT_P;             case GUMBO_TAG_SCRIPT: return PC_HT_SCRIPT;
    case GUMBO_TAG_STYLE: return PC_HT_STYLE;     case GUMBO_TAG_TABLE: return PC_HT_TABLE;
    case GUMBO_TAG_TD: return PC_HT_TD;           case GUMBO_TAG_TEMPLATE: return PC_HT_TEMPLATE;
    case GUMBO_TAG_TH: return PC_HT_TH;           case GUMBO_TAG_TITLE: return PC_HT_TITLE;
    case GUMBO_TAG_TR: return PC_HT_TR;
    default: return PC_HT_OTHER;
    }
}

const char *pc_hnode_text(const pc_hnode *n) { return N(n)->v.text.text; }

const char *pc_hnode_attr(const pc_hnode *n, const char *name) {
    const GumboAttribute *a = gumbo_get_attribute(&N(n)->v.element.attributes, name);
    return a ? a->value : NULL;
}

const pc_hnode *pc_hnode_last_child(const pc_hnode *n) {
    if (pc_hnode_kind(n) != PC_HK_ELEMENT) return NULL;
    const GumboVector *c = &N(n)->v.element.children;
    return c->length ? (const pc_hnode *)c->data[c->length - 1] : NULL;
}

const pc_hnode *pc_hnode_prev(const pc_hnode *n) {
    const GumboNode *p = N(n)->parent;
    size_t i = N(n)->index_within_parent;
    if (!p || i == 0 || (p->type != GUMBO_NODE_ELEMENT && p->type != GUMBO_NODE_TEMPLATE &&
                         p->type != GUMBO_NODE_DOCUMENT))
        return NULL;
    const GumboVector *c = p->type == GUMBO_NODE_DOCUMENT ? &p->v.document.children
                                                         : &p->v.element.children;
    return (const pc_hnode *)c->data[i - 1];
}
#endif
