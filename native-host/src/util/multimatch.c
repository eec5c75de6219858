/* multimatch.c — Aho–Corasick over bytes: a trie of the patterns with failure links
 * (where to continue when the next byte leaves the trie) and dictionary links (the
 * longest shorter pattern that also ends here). The root has a direct 256-entry table;
 * other nodes keep their few children in a list. See multimatch.h. */
#include "util/multimatch.h"
#include <stdlib.h>
#include <string.h>

struct pc_multimatch {
    int root[256];        /* child of the root by byte; 0 = none (stay at the root) */
    int *edge;            /* node → first edge (-1: none) */
    unsigned char *ec;    /* edge → byte */
    int *eto, *enext;     /* edge → child node, next edge of the same node */
    int *fail, *dict;     /* node → failure node, dictionary node (0: none) */
    int *out;             /* node → a pattern ending here (-1: none) */
    int *same;            /* pattern → next pattern equal to it (-1: none) */
    size_t *len;          /* pattern → length */
    int nodes, edges;
};

static int child(const pc_multimatch *mm, int s, unsigned char c) {
    if (!s) return mm->root[c] ? mm->root[c] : -1;
    for (int e = mm->edge[s]; e >= 0; e = mm->enext[e])
        if (mm->ec[e] == c) return mm->eto[e];
    return -1;
}

static int add_child(pc_multimatch *mm, int s, unsigned char c) {
    int v = mm->nodes++;
    mm->edge[v] = -1;
    mm->out[v] = -1;
    if (!s) {
        mm->root[c] = v;
        return v;
    }
    int e = mm->edges++;
    mm->ec[e] = c;
    mm->eto[e] = v;
    mm->enext[e] = mm->edge[s];
    mm->edge[s] = e;
    return v;
}

static void insert(pc_multimatch *mm, const char *p, int id) {
    int s = 0;
    for (const unsigned char *c = (const unsigned char *)p; *c; c++) {
        int t = child(mm, s, *c);
        s = t >= 0 ? t : add_child(mm, s, *c);
    }
    mm->same[id] = mm->out[s];      /* equal patterns chain; the first one ends the chain */
    mm->out[s] = id;
}

/* Breadth first: a node's failure link is found from its parent's. */
static void link(pc_multimatch *mm) {
    int *queue = malloc(sizeof *queue * (size_t)mm->nodes), head = 0, tail = 0;
    for (int c = 0; c < 256; c++)
        if (mm->root[c]) queue[tail++] = mm->root[c];
    while (head < tail) {
        int u = queue[head++];
        for (int e = mm->edge[u]; e >= 0; e = mm->enext[e]) {
            int v = mm->eto[e], f = mm->fail[u], t;
            while ((t = child(mm, f, mm->ec[e])) < 0 && f) f = mm->fail[f];
            mm->fail[v] = t >= 0 ? t : 0;
            mm->dict[v] = mm->out[mm->fail[v]] >= 0 ? mm->fail[v] : mm->dict[mm->fail[v]];
            queue[tail++] = v;
        }
    }
    free(queue);
}

static void *zalloc(size_t n, size_t size) { return calloc(n ? n : 1, size); }

pc_multimatch *pc_multimatch_new(const char *const *pats, size_t n) {
    size_t total = 1;
    for (size_t i = 0; i < n; i++) total += pats[i] ? strlen(pats[i]) : 0;
    pc_multimatch *mm = calloc(1, sizeof *mm);
    mm->edge = zalloc(total, sizeof *mm->edge);
    mm->ec = zalloc(total, 1);
    mm->eto = zalloc(total, sizeof *mm->eto);
    mm->enext = zalloc(total, sizeof *mm->enext);
    mm->fail = zalloc(total, sizeof *mm->fail);
    mm->dict = zalloc(total, sizeof *mm->dict);
    mm->out = zalloc(total, sizeof *mm->out);
    mm->same = zalloc(n, sizeof *mm->same);
    mm->len = zalloc(n, sizeof *mm->len);
    mm->nodes = 1;
    mm->edge[0] = -1;
    mm->out[0] = -1;
    for (size_t i = 0; i < n; i++) {
        mm->same[i] = -1;
        if (!pats[i] || !*pats[i]) continue;
        mm->len[i] = strlen(pats[i]);
        insert(mm, pats[i], (int)i);
    }
    link(mm);
    return mm;
}

void pc_multimatch_free(pc_multimatch *mm) {
    if (!mm) return;
    free(mm->edge); free(mm->ec); free(mm->eto); free(mm->enext);
    free(mm->fail); free(mm->dict); free(mm->out); free(mm->same); free(mm->len);
    free(mm);
}

/* Reports the patterns ending at node s (text offset end); true when fn stopped. */
static bool report(const pc_multimatch *mm, int s, const char *text, size_t end,
                   pc_multimatch_fn fn, void *user) {
    for (int o = mm->out[s] >= 0 ? s : mm->dict[s]; o; o = mm->dict[o])
        for (int p = mm->out[o]; p >= 0; p = mm->same[p])
            if (fn(user, (size_t)p, text, end - mm->len[p])) return true;
    return false;
}

bool pc_multimatch_scan(const pc_multimatch *mm, const char *text, pc_multimatch_fn fn,
                        void *user) {
    int s = 0;
    for (size_t i = 0; text[i]; i++) {
        unsigned char c = (unsigned char)text[i];
        int t;
        while ((t = child(mm, s, c)) < 0 && s) s = mm->fail[s];
        s = t >= 0 ? t : 0;
        if ((mm->out[s] >= 0 || mm->dict[s]) && report(mm, s, text, i + 1, fn, user))
            return true;
    }
    return false;
}
