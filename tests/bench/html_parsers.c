/* html_parsers.c — `make bench-html`: the HTML parsers Debian 12 packages, side by side
 * (docs/html-parser.md): gumbo 0.10.1 (libgumbo-dev, HTML5), myhtml (libmodest-dev,
 * HTML5) and libxml2's HTML parser (not HTML5).
 *   1. speed over the text/html parts of mail folders (parse + count <a> + free),
 *      median of 5 runs, and the <a> elements each finds;
 *   2. the hostile cases of issue 11, each parsed raw (no pre-limit) in a child process
 *      under a 2 GB address-space limit and a 30 s alarm: wall time and peak RSS.
 * Usage: html_parsers DIR... (the folders for part 1). */
#include <gmime/gmime.h>
#include <gumbo.h>
#include <libxml/HTMLparser.h>
#include <myhtml/api.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../testutil.h"

typedef struct { char **doc; size_t *len, n, cap; } docs;

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* ---- the three parsers: parse, count <a>, free ---- */

static size_t gumbo_links(const char *h, size_t n) {
    GumboOutput *o = gumbo_parse_with_options(&kGumboDefaultOptions, h, n);
    size_t links = 0;
    GPtrArray *st = g_ptr_array_new();
    g_ptr_array_add(st, o->root);
    while (st->len) {
        GumboNode *x = g_ptr_array_remove_index(st, st->len - 1);
        if (x->type != GUMBO_NODE_ELEMENT) continue;
        links += x->v.element.tag == GUMBO_TAG_A;
        for (unsigned i = 0; i < x->v.element.children.length; i++)
            g_ptr_array_add(st, x->v.element.children.data[i]);
    }
    g_ptr_array_free(st, TRUE);
    gumbo_destroy_output(&kGumboDefaultOptions, o);
    return links;
}

static myhtml_t *my;
static size_t myhtml_links(const char *h, size_t n) {
    if (!my) { my = myhtml_create(); myhtml_init(my, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0); }
    myhtml_tree_t *t = myhtml_tree_create();
    myhtml_tree_init(t, my);
    myhtml_parse(t, MyENCODING_UTF_8, h, n);
    myhtml_collection_t *c = myhtml_get_nodes_by_tag_id(t, NULL, MyHTML_TAG_A, NULL);
    size_t links = c ? c->length : 0;
    if (c) myhtml_collection_destroy(c);
    myhtml_tree_destroy(t);
    return links;
}

static size_t libxml2_links(const char *h, size_t n) {
    htmlDocPtr d = htmlReadMemory(h, (int)n, NULL, "UTF-8", HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                  HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    size_t links = 0;
    for (xmlNodePtr x = d ? xmlDocGetRootElement(d) : NULL; x;) {
        if (x->type == XML_ELEMENT_NODE && !xmlStrcasecmp(x->name, (const xmlChar *)"a")) links++;
        if (x->children) { x = x->children; continue; }
        while (x && !x->next) x = x->parent;
        if (x) x = x->next;
    }
    if (d) xmlFreeDoc(d);
    return links;
}

typedef struct { const char *name; size_t (*run)(const char *, size_t); } parser;
static const parser parsers[] = {{"gumbo", gumbo_links}, {"myhtml", myhtml_links},
                                 {"libxml2", libxml2_links}};

/* ---- corpus: the decoded text/html parts of every message ---- */

static void add_html(docs *d, GMimeObject *o) {
    if (GMIME_IS_MESSAGE_PART(o)) {
        GMimeMessage *m = g_mime_message_part_get_message(GMIME_MESSAGE_PART(o));
        if (m && g_mime_message_get_mime_part(m)) add_html(d, g_mime_message_get_mime_part(m));
    } else if (GMIME_IS_MULTIPART(o)) {
        for (int i = 0; i < g_mime_multipart_get_count(GMIME_MULTIPART(o)); i++)
            add_html(d, g_mime_multipart_get_part(GMIME_MULTIPART(o), i));
    } else if (GMIME_IS_PART(o) && g_mime_content_type_is_type(g_mime_object_get_content_type(o), "text", "html")) {
        GMimeStream *s = g_mime_stream_mem_new();
        g_mime_data_wrapper_write_to_stream(g_mime_part_get_content(GMIME_PART(o)), s);
        GByteArray *b = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(s));
        if (d->n == d->cap) {
            d->cap = d->cap ? d->cap * 2 : 1024;
            d->doc = realloc(d->doc, d->cap * sizeof *d->doc);
            d->len = realloc(d->len, d->cap * sizeof *d->len);
        }
        d->doc[d->n] = g_strndup((char *)b->data, b->len);
        d->len[d->n++] = b->len;
        g_object_unref(s);
    }
}

static void load(docs *d, const char *dir) {
    GDir *g = g_dir_open(dir, 0, NULL);
    for (const char *e; g && (e = g_dir_read_name(g));) {
        char *path = g_build_filename(dir, e, NULL);
        size_t len;
        char *raw = slurp(path, &len);
        if (raw) {
            GMimeStream *s = g_mime_stream_mem_new_with_buffer(raw, len);
            GMimeParser *p = g_mime_parser_new_with_stream(s);
            GMimeMessage *m = g_mime_parser_construct_message(p, NULL);
            if (m && g_mime_message_get_mime_part(m)) add_html(d, g_mime_message_get_mime_part(m));
            if (m) g_object_unref(m);
            g_object_unref(p);
            g_object_unref(s);
            g_free(raw);
        }
        g_free(path);
    }
    if (g) g_dir_close(g);
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void speed(const docs *d) {
    size_t bytes = 0;
    for (size_t i = 0; i < d->n; i++) bytes += d->len[i];
    printf("speed: %zu HTML parts, %.1f MB\n", d->n, bytes / 1e6);
    for (size_t p = 0; p < 3; p++) {
        double t[5];
        size_t links = 0;
        for (int r = 0; r < 5; r++) {
            links = 0;
            double t0 = now_ms();
            for (size_t i = 0; i < d->n; i++) links += parsers[p].run(d->doc[i], d->len[i]);
            t[r] = now_ms() - t0;
        }
        qsort(t, 5, sizeof *t, cmp);
        printf("  %-8s %8.1f ms (median of 5)  %6.3f ms/part  %zu <a>\n", parsers[p].name, t[2],
               t[2] / (double)(d->n ? d->n : 1), links);
    }
}

/* ---- hostile cases ---- */

static char *repeat(const char *pre, const char *unit, int n) {
    GString *s = g_string_new(pre);
    for (int i = 0; i < n; i++) g_string_append(s, unit);
    return g_string_free(s, FALSE);
}

static void hostile(void) {
    struct { const char *name; char *html; } c[] = {
        {"2,000 x <table><tr><td><b><i><font><span>", repeat("<p>", "<table><tr><td><b><i><font><span>", 2000)},
        {"100,000 nested <div>", repeat("<p>", "<div>", 100000)},
        {"8,000 nested cells", repeat("<p>", "<table><tr><td>", 8000)},
        {"150,000 x <p><b>x</b></p>", repeat("<p>", "<p><b>x</b></p>", 150000)},
        {"50,000 links", repeat("<p>", "<a href=\"http://x.example/\">x</a>", 50000)},
    };
    printf("hostile (raw, no pre-limit; child under 2 GB, 30 s):\n");
    for (size_t k = 0; k < sizeof c / sizeof *c; k++) {
        printf("  %s (%zu KB)\n", c[k].name, strlen(c[k].html) / 1024);
        for (size_t p = 0; p < 3; p++) {
            fflush(stdout);
            double t0 = now_ms();
            pid_t pid = fork();
            if (pid == 0) {
                struct rlimit rl = {2048ul << 20, 2048ul << 20};
                setrlimit(RLIMIT_AS, &rl);
                alarm(30);
                parsers[p].run(c[k].html, strlen(c[k].html));
                _exit(0);
            }
            int st;
            struct rusage ru;
            wait4(pid, &st, 0, &ru);
            printf("    %-8s %9.1f ms %7ld MB  %s\n", parsers[p].name, now_ms() - t0, ru.ru_maxrss / 1024,
                   WIFEXITED(st) && !WEXITSTATUS(st) ? "ok" : WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM ? "over 30 s" : "died (memory)");
        }
        g_free(c[k].html);
    }
}

int main(int argc, char **argv) {
    g_mime_init();
    docs d = {0};
    for (int i = 1; i < argc; i++) load(&d, argv[i]);
    if (d.n) speed(&d);
    hostile();
    return 0;
}
