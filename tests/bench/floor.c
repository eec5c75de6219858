/* floor.c — the parse floor `make bench` compares phishcheck with: the least work any
 * checker built on the same libraries must do per message. It only parses: gmime builds
 * the MIME tree, every text part is decoded to UTF-8, gumbo parses each HTML part and the
 * <a href> of the tree are collected. No checks, no report.
 *   floor DIR   reads every file of DIR into memory, then times the parse of each in CPU
 *               time (the process's: steadier than the wall clock on a shared machine);
 *               prints one line: "floor N TOTAL_MS MEDIAN_MS P99_MS WALL_MS LINKS". */
#include <dirent.h>
#include <gmime/gmime.h>
#include <gumbo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The href of every <a> in gumbo's tree (an explicit stack: no recursion). */
static size_t collect_links(GumboNode *root, GPtrArray *hrefs) {
    GPtrArray *stack = g_ptr_array_new();
    g_ptr_array_add(stack, root);
    while (stack->len) {
        GumboNode *n = g_ptr_array_remove_index(stack, stack->len - 1);
        if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) continue;
        if (n->v.element.tag == GUMBO_TAG_A) {
            GumboAttribute *h = gumbo_get_attribute(&n->v.element.attributes, "href");
            if (h) g_ptr_array_add(hrefs, g_strdup(h->value));
        }
        const GumboVector *c = &n->v.element.children;
        for (unsigned i = c->length; i > 0; i--) g_ptr_array_add(stack, c->data[i - 1]);
    }
    g_ptr_array_free(stack, TRUE);
    return hrefs->len;
}

static void text_part(GMimeTextPart *part, GPtrArray *hrefs) {
    char *text = g_mime_text_part_get_text(part);          /* decoded, in UTF-8 */
    if (!text) return;
    GMimeContentType *ct = g_mime_object_get_content_type(GMIME_OBJECT(part));
    if (ct && g_mime_content_type_is_type(ct, "text", "html")) {
        GumboOutput *out = gumbo_parse(text);
        collect_links(out->root, hrefs);
        gumbo_destroy_output(&kGumboDefaultOptions, out);
    }
    g_free(text);
}

static void walk(GMimeObject *o, GPtrArray *hrefs, int depth) {
    if (!o || depth > 20) return;
    if (GMIME_IS_MULTIPART(o)) {
        int n = g_mime_multipart_get_count(GMIME_MULTIPART(o));
        for (int i = 0; i < n; i++) walk(g_mime_multipart_get_part(GMIME_MULTIPART(o), i), hrefs, depth + 1);
    } else if (GMIME_IS_MESSAGE_PART(o)) {
        GMimeMessage *m = g_mime_message_part_get_message(GMIME_MESSAGE_PART(o));
        if (m) walk(g_mime_message_get_mime_part(m), hrefs, depth + 1);
    } else if (GMIME_IS_TEXT_PART(o)) {
        text_part(GMIME_TEXT_PART(o), hrefs);
    }
}

/* Parses one message; returns the number of links found. */
static size_t parse_one(const char *raw, size_t len) {
    GMimeStream *s = g_mime_stream_mem_new_with_buffer(raw, len);
    GMimeParser *p = g_mime_parser_new_with_stream(s);
    GMimeMessage *m = g_mime_parser_construct_message(p, NULL);
    GPtrArray *hrefs = g_ptr_array_new_with_free_func(g_free);
    if (m) walk(g_mime_message_get_mime_part(m), hrefs, 0);
    size_t n = hrefs->len;
    g_ptr_array_free(hrefs, TRUE);
    if (m) g_object_unref(m);
    g_object_unref(p);
    g_object_unref(s);
    return n;
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "../shared/corpus/phish-dev";
    DIR *d = opendir(dir);
    if (!d) { perror(dir); return 2; }
    g_mime_init();
    GPtrArray *raws = g_ptr_array_new();
    GArray *lens = g_array_new(FALSE, FALSE, sizeof(gsize));
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.') continue;
        char *path = g_build_filename(dir, e->d_name, NULL), *raw;
        gsize len;
        if (g_file_get_contents(path, &raw, &len, NULL)) {
            g_ptr_array_add(raws, raw);
            g_array_append_val(lens, len);
        }
        g_free(path);
    }
    closedir(d);
    size_t n = raws->len, links = 0;
    if (!n) { fprintf(stderr, "floor: no messages in %s\n", dir); return 2; }
    double *lat = malloc(n * sizeof *lat), total = 0, wall = now_ms(CLOCK_MONOTONIC);
    for (size_t i = 0; i < n; i++) {
        double t0 = now_ms(CLOCK_PROCESS_CPUTIME_ID);
        links += parse_one(raws->pdata[i], g_array_index(lens, gsize, i));
        lat[i] = now_ms(CLOCK_PROCESS_CPUTIME_ID) - t0;
        total += lat[i];
    }
    wall = now_ms(CLOCK_MONOTONIC) - wall;
    qsort(lat, n, sizeof *lat, cmp);
    printf("floor %zu %.3f %.3f %.3f %.3f %zu\n", n, total, lat[n / 2], lat[(size_t)(n * 0.99)],
           wall, links);
    for (size_t i = 0; i < n; i++) g_free(raws->pdata[i]);
    g_ptr_array_free(raws, TRUE);
    g_array_free(lens, TRUE);
    free(lat);
    return 0;
}
