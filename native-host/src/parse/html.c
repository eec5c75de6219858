/* html.c — walks the parser's tree (htmltree.h: myhtml, or gumbo) iteratively (an explicit
 * stack: deep nesting cannot overflow ours). Collects <a>/<area> with their visible text and whether they wrap an image,
 * <form> with its inputs, <meta http-equiv=refresh>, and the text a reader would see
 * (no <script>/<style>/<head>, no display:none blocks). */
#include "parse/html.h"
#include "parse/htmltree.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    pc_message *m;
    GString *text;         /* visible text of the whole part */
    bool nested;
    pc_html_info *info;
    const char *base;      /* <base href> */
} walk_ctx;

static const char *attr(const pc_hnode *n, const char *name) { return pc_hnode_attr(n, name); }

/* Pushes n's children so that the first is popped first. */
static void push_children(GPtrArray *stack, const pc_hnode *n) {
    for (const pc_hnode *c = pc_hnode_last_child(n); c; c = pc_hnode_prev(c))
        g_ptr_array_add(stack, (gpointer)c);
}

/* True when style s sets property prop to a value starting with one of vals ("|"-separated). */
static bool css_is(const char *s, const char *prop, const char *vals) {
    size_t k = strlen(prop);
    for (const char *q = s; (q = strstr(q, prop)); q += k) {
        if (q > s && (g_ascii_isalnum(q[-1]) || q[-1] == '-')) continue;   /* max-height ≠ height */
        const char *v = q + k;
        while (*v == ' ') v++;
        if (*v++ != ':') continue;
        while (*v == ' ') v++;
        for (const char *a = vals; *a;) {
            size_t n = strcspn(a, "|");
            if (!strncmp(v, a, n) && !g_ascii_isalnum(v[n])) return true;
            a += n + (a[n] == '|');
        }
    }
    return false;
}

/* Hidden from the reader: hidden attribute, display:none, visibility:hidden, opacity:0,
 * font-size 0/1px (text a filter reads but a person never sees). */
static bool hidden(const pc_hnode *n) {
    const char *st = attr(n, "style");
    if (attr(n, "hidden")) return true;
    if (!st) return false;
    char *s = g_ascii_strdown(st, -1);
    bool h = css_is(s, "display", "none") || css_is(s, "visibility", "hidden") ||
             css_is(s, "opacity", "0|0.0") || css_is(s, "font-size", "0|0px|1px|0pt|0em|0%");
    g_free(s);
    return h;
}


static void append_space(GString *s) {
    if (s->len && !g_ascii_isspace(s->str[s->len - 1])) g_string_append_c(s, ' ');
}

/* A block element's edge (<p>, <div>, <td>, <br> ...) ends a line: written as '\n', so that
 * the text keeps where one line of the rendered mail ends and the next begins (a space
 * there is no space anyone typed: japanese.c counts typed ones). */
static void append_break(GString *s) {
    if (!s->len) return;
    char *last = &s->str[s->len - 1];
    if (*last == ' ') *last = '\n';
    else if (*last != '\n') g_string_append_c(s, '\n');
}

/* A wide East Asian letter: kana, CJK ideograph, Japanese or full-width punctuation. */
static bool wide(gunichar c) {
    return (c >= 0x3000 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff) ||
           (c >= 0xff00 && c <= 0xffef);
}

/* A source line break between two wide letters renders as nothing (CSS Text 3, segment
 * break transformation): "ご利用いただき、\nありがとう" reads "ご利用いただき、ありがとう", so
 * neither japanese.c sees a typed space nor a lure phrase is cut in two. */
static bool cjk_wrap(const GString *s, const char *run, const char *end) {
    if (!s->len || !*end || !memchr(run, '\n', (size_t)(end - run))) return false;
    const char *last = g_utf8_find_prev_char(s->str, s->str + s->len);
    return last && wide(g_utf8_get_char_validated(last, -1)) &&
           wide(g_utf8_get_char_validated(end, -1));
}

/* Appends text with runs of white space collapsed into one space (none at a line break
 * between two wide letters). */
static void append_text(GString *s, const char *t) {
    while (*t) {
        if (!g_ascii_isspace(*t)) { g_string_append_c(s, *t++); continue; }
        const char *e = t;
        while (*e && g_ascii_isspace(*e)) e++;
        if (!cjk_wrap(s, t, e)) append_space(s);
        t = e;
    }
}

static bool block_tag(pc_htag t) {
    switch (t) {
    case PC_HT_P: case PC_HT_DIV: case PC_HT_BR: case PC_HT_TR:
    case PC_HT_TD: case PC_HT_TH: case PC_HT_LI: case PC_HT_TABLE:
    case PC_HT_H1: case PC_HT_H2: case PC_HT_H3: case PC_HT_H4:
    case PC_HT_BLOCKQUOTE: case PC_HT_CENTER: case PC_HT_HR:
        return true;
    default:
        return false;
    }
}

/* Visible text of a subtree, and whether it holds an <img>. */
static void subtree_text(const pc_hnode *root, GString *out, bool *has_img, bool skip_hidden) {
    GPtrArray *stack = g_ptr_array_new();
    g_ptr_array_add(stack, (gpointer)root);
    while (stack->len) {
        const pc_hnode *n = g_ptr_array_remove_index(stack, stack->len - 1);
        pc_hkind k = pc_hnode_kind(n);
        if (k == PC_HK_TEXT) {
            append_text(out, pc_hnode_text(n));
        } else if (k == PC_HK_ELEMENT) {
            pc_htag t = pc_hnode_tag(n);
            if (t == PC_HT_SCRIPT || t == PC_HT_STYLE) continue;
            if (skip_hidden && hidden(n)) continue;
            if (t == PC_HT_IMG) {
                *has_img = true;
                const char *alt = attr(n, "alt");
                if (alt && !out->len) append_text(out, alt);
            }
            push_children(stack, n);
        }
    }
    g_ptr_array_free(stack, TRUE);
}

/* Counts (and samples) the text of a hidden subtree. */
static void hidden_text(pc_message *m, const pc_hnode *n) {
    GString *t = g_string_new(NULL);
    bool img = false;
    subtree_text(n, t, &img, false);
    size_t chars = g_utf8_strlen(g_strstrip(t->str), -1);
    if (chars && !m->hidden_sample) {
        const char *end = g_utf8_offset_to_pointer(t->str, MIN((glong)chars, 120));
        m->hidden_sample = pc_strndup(m->arena, t->str, (size_t)(end - t->str));
    }
    m->hidden_chars += chars;
    for (const char *c = t->str; *c; c = g_utf8_next_char(c))
        m->hidden_letters += g_unichar_isalnum(g_utf8_get_char(c));
    g_string_free(t, TRUE);
}

static char *trim_dup(pc_arena *a, const char *s) {
    while (*s && g_ascii_isspace(*s)) s++;
    size_t n = strlen(s);
    while (n && g_ascii_isspace(s[n - 1])) n--;
    return pc_strndup(a, s, n);
}

static void add_link(walk_ctx *w, const char *href, const pc_hnode *n, pc_link_src src) {
    pc_arena *a = w->m->arena;
    pc_link *l = pc_alloc(a, sizeof *l);
    l->href = trim_dup(a, href);
    l->url = pc_url_parse(a, l->href);
    if (!l->url && w->base && *l->href && !strchr(l->href, ':'))
        l->url = pc_url_parse(a, pc_sprintf(a, "%s%s", w->base, l->href));
    l->src = src;
    l->nested = w->nested;
    l->index = (int)w->m->links.n;
    if (n) {
        GString *t = g_string_new(NULL);
        subtree_text(n, t, &l->has_img, true);
        l->text = trim_dup(a, t->str);
        g_string_free(t, TRUE);
        l->title = pc_strdup(a, attr(n, "title"));
    } else {
        l->text = "";
    }
    pc_vec_push(a, &w->m->links, l);
}

/* An <input> that is a button (submit, button, image, reset): nothing to type in. */
static bool is_button(const char *type) {
    static const char *buttons[] = {"submit", "button", "image", "reset", NULL};
    for (const char **b = buttons; type && *b; b++)
        if (!g_ascii_strcasecmp(type, *b)) return true;
    return false;
}

static void add_form(walk_ctx *w, const pc_hnode *n) {
    pc_arena *a = w->m->arena;
    pc_form *f = pc_alloc(a, sizeof *f);
    f->action = pc_strdup(a, attr(n, "action"));
    f->url = f->action ? pc_url_parse(a, f->action) : NULL;
    f->nested = w->nested;
    GPtrArray *stack = g_ptr_array_new();                /* count the inputs */
    g_ptr_array_add(stack, (gpointer)n);
    while (stack->len) {
        const pc_hnode *c = g_ptr_array_remove_index(stack, stack->len - 1);
        if (pc_hnode_kind(c) != PC_HK_ELEMENT) continue;
        if (pc_hnode_tag(c) == PC_HT_INPUT) {
            const char *type = attr(c, "type");
            f->n_inputs++;
            if (type && !g_ascii_strcasecmp(type, "password")) f->n_password++;
            if (type && !g_ascii_strcasecmp(type, "hidden")) f->n_hidden++;
            if (is_button(type)) f->n_buttons++;
        }
        push_children(stack, c);
    }
    g_ptr_array_free(stack, TRUE);
    pc_vec_push(a, &w->m->forms, f);
}

/* meta refresh: content="0; url=https://..." */
static void meta_refresh(walk_ctx *w, const pc_hnode *n) {
    const char *eq = attr(n, "http-equiv"), *content = attr(n, "content");
    if (!eq || g_ascii_strcasecmp(eq, "refresh") || !content) return;
    const char *u = strcasestr(content, "url=");
    if (u) add_link(w, u + 4, NULL, PC_LINK_REFRESH);
}

/* Handles one element; returns false when its subtree is not to be walked. */
static bool element(walk_ctx *w, const pc_hnode *n) {
    pc_htag t = pc_hnode_tag(n);
    const char *v;
    if (attr(n, "onclick") || attr(n, "onload") || attr(n, "onerror") || attr(n, "onmouseover"))
        w->info->has_script = true;
    switch (t) {
    case PC_HT_SCRIPT: w->info->has_script = true; return false;
    case PC_HT_STYLE: case PC_HT_TITLE: case PC_HT_TEMPLATE: return false;
    case PC_HT_BASE: if ((v = attr(n, "href"))) w->base = v; return false;
    case PC_HT_META: meta_refresh(w, n); return false;
    case PC_HT_A: if ((v = attr(n, "href"))) add_link(w, v, n, PC_LINK_A); break;
    case PC_HT_AREA: if ((v = attr(n, "href"))) add_link(w, v, n, PC_LINK_AREA); break;
    case PC_HT_FORM: w->info->has_form = true; add_form(w, n); break;
    case PC_HT_IFRAME: case PC_HT_EMBED: case PC_HT_OBJECT:
        w->info->has_script = true; break;
    default: break;
    }
    if (!hidden(n)) return true;
    if (!w->nested) hidden_text(w->m, n);
    return false;
}

/* ---- limits before the parser: a tag stack that closes what HTML closes implicitly
 * (<p>, <li>, <td> ... reopened; void elements), so ordinary sloppy mail stays shallow
 * while nesting that the parser would really build is counted. */

typedef struct { char name[12]; } tagname;

static bool void_tag(const char *t) {
    static const char *const v[] = {"area", "base", "br", "col", "embed", "hr", "img", "input",
                                    "link", "meta", "param", "source", "track", "wbr", "keygen",
                                    "basefont", "bgsound", "frame", NULL};
    for (int i = 0; v[i]; i++) if (!strcmp(t, v[i])) return true;
    return false;
}

/* A start tag of t closes an open t above the nearest scope element (table, lists). */
static const char *reopen_scope(const char *t) {
    if (!strcmp(t, "td") || !strcmp(t, "th") || !strcmp(t, "tr")) return "table";
    if (!strcmp(t, "li")) return "ul|ol";
    if (!strcmp(t, "p") || !strcmp(t, "dt") || !strcmp(t, "dd") || !strcmp(t, "option") ||
        !strcmp(t, "a"))
        return "div|table|td|th|li|body";
    return NULL;
}

static bool in_list(const char *t, const char *list) {
    size_t n = strlen(t);
    for (const char *p = list; *p;) {
        size_t k = strcspn(p, "|");
        if (k == n && !strncmp(p, t, n)) return true;
        p += k + (p[k] == '|');
    }
    return false;
}

/* Depth after popping back to the open t (searching down to a scope element). */
static int close_to(tagname *st, int depth, const char *t, const char *scope) {
    for (int i = depth - 1; i >= 0; i--) {
        if (!strcmp(st[i].name, t)) return i;
        if (scope && in_list(st[i].name, scope)) break;
    }
    return depth;
}

/* Reads a tag name at p (lowercased, cut to fit); returns the end of the name. */
static const char *tag_name(const char *p, const char *end, tagname *out) {
    size_t n = 0;
    for (; p < end && (g_ascii_isalnum(*p) || *p == '-' || *p == ':'); p++)
        if (n < sizeof out->name - 1) out->name[n++] = g_ascii_tolower(*p);
    out->name[n] = 0;
    return p;
}

/* End of the tag starting at p ('<'): after its '>', quotes respected. */
static const char *tag_end(const char *p, const char *end) {
    char q = 0;
    for (p++; p < end; p++) {
        if (q) { if (*p == q) q = 0; }
        else if (*p == '"' || *p == '\'') q = *p;
        else if (*p == '>') return p + 1;
    }
    return end;
}

/* Skips raw text of <script>/<style>/<textarea>/<title> to its end tag. */
static const char *raw_text_end(const char *p, const char *end, const char *t) {
    char close[16];
    snprintf(close, sizeof close, "</%s", t);
    for (; p < end && (p = memchr(p, '<', (size_t)(end - p))); p++)
        if ((size_t)(end - p) >= strlen(close) && !g_ascii_strncasecmp(p, close, strlen(close))) return p;
    return end;
}

/* Bytes of html to parse: all of it, or up to the tag that passes a limit. */
static size_t html_limit(const char *html, size_t len, bool *cut) {
    tagname st[PC_HTML_MAX_DEPTH + 1];
    int depth = 0;
    size_t elements = 0;
    const char *p = html, *end = html + len;
    while (p < end && (p = memchr(p, '<', (size_t)(end - p)))) {
        const char *tag = p;
        if (end - p >= 4 && !memcmp(p, "<!--", 4)) {
            const char *c = memmem(p + 4, (size_t)(end - p - 4), "-->", 3);
            p = c ? c + 3 : end;
            continue;
        }
        bool close = p + 1 < end && p[1] == '/';
        tagname t;
        const char *ne = tag_name(p + 1 + close, end, &t);
        if (!t.name[0]) { p = tag_end(p, end); continue; }
        p = tag_end(ne - 1, end);
        if (close) { depth = close_to(st, depth, t.name, NULL); continue; }
        if (++elements > PC_HTML_MAX_ELEMENTS) { *cut = true; return (size_t)(tag - html); }
        if (void_tag(t.name)) continue;
        const char *scope = reopen_scope(t.name);
        if (scope) depth = close_to(st, depth, t.name, scope);
        if (depth == PC_HTML_MAX_DEPTH) { *cut = true; return (size_t)(tag - html); }
        st[depth++] = t;
        if (in_list(t.name, "script|style|textarea|title|xmp|noembed|noframes|plaintext"))
            p = raw_text_end(p, end, t.name);
    }
    return len;
}

void pc_html_parse(pc_message *m, const char *html, size_t len, bool nested, GString *text,
                   pc_html_info *info) {
    len = html_limit(html, len, &info->cut);
    pc_hdoc *doc = pc_hdoc_parse(html, len);
    walk_ctx w = {.m = m, .text = text, .nested = nested, .info = info};
    GPtrArray *stack = g_ptr_array_new();
    if (pc_hdoc_root(doc)) g_ptr_array_add(stack, (gpointer)pc_hdoc_root(doc));
    while (stack->len) {
        const pc_hnode *n = g_ptr_array_remove_index(stack, stack->len - 1);
        pc_hkind k = pc_hnode_kind(n);
        if (k == PC_HK_TEXT) {
            append_text(text, pc_hnode_text(n));
            continue;
        }
        if (k != PC_HK_ELEMENT) continue;
        if (block_tag(pc_hnode_tag(n))) append_break(text);
        if (!element(&w, n)) continue;
        push_children(stack, n);
    }
    g_ptr_array_free(stack, TRUE);
    append_space(text);
    pc_hdoc_free(doc);
}
