/* brand.c — the brand table (data/brands.tsv), built once on first use: names folded for
 * matching, marks with their confusable skeletons. See brand.h. */
#include "checklib/brand.h"
#include <ctype.h>
#include <glib.h>
#include <string.h>
#include "data.h"
#include "parse/url.h"
#include "util/fold.h"
#include "util/hostindex.h"
#include "util/multimatch.h"

typedef struct { pc_brand b; const char **skel; } entry;   /* skel[i]: skeleton of marks[i] */

/* Every name of every brand in table order (what pc_brand_named() prefers on a tie). */
typedef struct { const char *name; const pc_brand *brand; size_t len; } name_ref;

/* The table; own: each domain → the brands listing it; cc: "label" of "label.<cc>";
 * names: all names, mm: an automaton over those matched anywhere in a text (the "=name"
 * ones, matched as the whole text, are looked at one by one). */
static struct {
    pc_arena *a; entry *v; size_t n; pc_host_index *own; GHashTable *cc;
    name_ref *names; size_t n_names; pc_multimatch *mm;
} T;

/* A comma-separated field as a NULL-terminated list (folded when fold is set). */
static const char **split_list(pc_arena *a, const char *s, bool fold) {
    size_t n = 1;
    for (const char *p = s; *p; p++) n += *p == ',';
    const char **out = pc_alloc(a, sizeof *out * (n + 1));
    size_t k = 0;
    for (const char *p = s; *p;) {
        size_t len = strcspn(p, ",");
        char *item = pc_strndup(a, p, len);
        if (fold && *item == '=') {      /* "=ledger": only as the whole text */
            item = pc_fold(a, item + 1);
            if (*item) item = pc_sprintf(a, "=%s", item);
        } else if (fold) {
            item = pc_fold(a, item);
        }
        if (*item) out[k++] = item;
        p += len + (p[len] == ',');
    }
    return out;
}

/* Hashes every brand's domains for owner(): plain ones by name, "label.<cc>" by label
 * (the first brand listing a label keeps it: owner() answers the first brand in order). */
static void index_domains(void) {
    T.own = pc_host_index_new();
    T.cc = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < T.n; i++)
        for (const char **d = T.v[i].b.domains; *d; d++) {
            const char *cc = strstr(*d, ".<cc>");
            if (!cc) {
                pc_host_index_add(T.own, *d, i);
                continue;
            }
            char *label = pc_strndup(T.a, *d, (size_t)(cc - *d));
            if (!g_hash_table_contains(T.cc, label))
                g_hash_table_insert(T.cc, label, GSIZE_TO_POINTER(i + 1));
        }
}

static void index_names(void) {
    size_t n = 0;
    for (size_t i = 0; i < T.n; i++)
        for (const char **nm = T.v[i].b.names; *nm; nm++) n++;
    T.names = pc_alloc(T.a, (n + 1) * sizeof *T.names);
    const char **pats = pc_alloc(T.a, (n + 1) * sizeof *pats);
    for (size_t i = 0; i < T.n; i++)
        for (const char **nm = T.v[i].b.names; *nm; nm++) {
            T.names[T.n_names] = (name_ref){*nm, &T.v[i].b, strlen(*nm)};
            pats[T.n_names++] = **nm == '=' ? NULL : *nm;
        }
    T.mm = pc_multimatch_new(pats, T.n_names);
}

static void load(void) {
    if (T.a) return;
    T.a = pc_arena_new();
    const pc_table *t = pc_data_table("brands.tsv");
    T.v = pc_alloc(T.a, sizeof *T.v * (t->n + 1));
    for (size_t i = 0; i < t->n; i++) {
        const pc_row *r = &t->rows[i];
        if (r->n < 2) continue;
        entry *e = &T.v[T.n++];
        e->b.name = pc_strdup(T.a, r->f[0]);
        e->b.domains = split_list(T.a, r->f[1], false);
        e->b.names = split_list(T.a, r->n > 2 ? r->f[2] : "", true);
        e->b.marks = split_list(T.a, r->n > 3 ? r->f[3] : "", false);
        for (const char **d = e->b.domains; *d && !e->b.site; d++)
            if (!strchr(*d, '<')) e->b.site = *d;
        size_t m = 0;
        while (e->b.marks[m]) m++;
        e->skel = pc_alloc(T.a, sizeof *e->skel * (m + 1));
        for (size_t j = 0; j < m; j++) e->skel[j] = pc_skeleton(T.a, e->b.marks[j]);
    }
    index_domains();
    index_names();
}

/* folded itself when it is name, spaces around aside ("=ledger" names in brands.tsv: a
 * common word that means the brand only as the whole display name); NULL otherwise. */
static const char *whole(const char *folded, const char *name) {
    const char *p = folded + strspn(folded, " ");
    size_t k = strlen(name);
    return !strncmp(p, name, k) && !p[k + strspn(p + k, " ")] ? p : NULL;
}

/* The best name found so far: earliest in the text, then longest, then first in order. */
typedef struct { const char *at; size_t len, k; bool any; } best_name;

static void consider(best_name *b, const char *p, size_t k) {
    size_t len = T.names[k].len;
    if (!b->any || p < b->at || (p == b->at && (len > b->len || (len == b->len && k < b->k))))
        *b = (best_name){p, len, k, true};
}

static bool name_seen(void *user, size_t k, const char *text, size_t at) {
    if (pc_fold_word_at(text, text + at, T.names[k].len)) consider(user, text + at, k);
    return false;
}

const pc_brand *pc_brand_named(pc_arena *a, const char *text) {
    if (!text || !*text) return NULL;
    load();
    const char *folded = pc_fold(a, text);
    best_name b = {0};
    pc_multimatch_scan(T.mm, folded, name_seen, &b);
    for (size_t k = 0; k < T.n_names; k++) {
        const char *p = *T.names[k].name == '=' ? whole(folded, T.names[k].name + 1) : NULL;
        if (p) consider(&b, p, k);
    }
    return b.any ? T.names[b.k].brand : NULL;
}

const pc_brand *pc_brand_claimed(pc_ctx *ctx) {
    pc_claim *c = &ctx->claim;
    const pc_addr *from = ctx->msg->from;
    if (c->done || !from) return c->brand;
    c->done = true;
    c->where = "display";
    c->brand = pc_brand_named(ctx->arena, from->display);
    if (!c->brand) {
        c->where = "address";
        c->brand = pc_brand_named(ctx->arena, from->local);
    }
    return c->brand;
}

/* host within dom; "label.<cc>" matches the label under any country-code suffix. */
static bool within(const char *host, const char *reg, const char *dom) {
    const char *cc = strstr(dom, ".<cc>");
    if (!cc) return pc_host_within(host, dom);
    size_t k = (size_t)(cc - dom);
    if (!reg || strncmp(reg, dom, k) || reg[k] != '.') return false;
    const char *last = strrchr(reg, '.') + 1;
    return strlen(last) == 2 && isalpha((unsigned char)last[0]) && isalpha((unsigned char)last[1]);
}

static bool owns(const pc_brand *b, const char *host, const char *reg) {
    for (const char **d = b->domains; *d; d++)
        if (within(host, reg, *d)) return true;
    return false;
}

bool pc_brand_owns(pc_arena *a, const pc_brand *b, const char *host) {
    return b && host && owns(b, host, pc_reg_domain(a, host));
}

/* The first brand with a "label.<cc>" domain that reg (under a two-letter country code)
 * is: google.co.uk for "google.<cc>"; T.n if none. */
static size_t cc_owner(const char *reg) {
    const char *last = reg ? strrchr(reg, '.') : NULL;
    if (!last || strlen(last + 1) != 2 || !isalpha((unsigned char)last[1]) ||
        !isalpha((unsigned char)last[2]))
        return T.n;
    size_t best = T.n;
    char *label = g_strdup(reg);
    for (char *dot = strchr(label, '.'); dot; dot = strchr(dot + 1, '.')) {
        *dot = 0;
        size_t i = GPOINTER_TO_SIZE(g_hash_table_lookup(T.cc, label));
        if (i && i - 1 < best) best = i - 1;
        *dot = '.';
    }
    g_free(label);
    return best;
}

/* The first brand in table order owning host (what a scan of owns() would find). */
static const pc_brand *owner(const char *host, const char *reg) {
    size_t i = pc_host_index_first(T.own, host, NULL, NULL), j = cc_owner(reg);
    if (j < i) i = j;
    return i < T.n ? &T.v[i].b : NULL;
}

const pc_brand *pc_brand_owner(pc_arena *a, const char *host) {
    if (!host || !*host) return NULL;
    load();
    return owner(host, pc_reg_domain(a, host));
}

/* mark inside label: as the whole label or a '-'-separated part of it; marks of six or
 * more letters also when run together with other words (kagoyamail, paypalsecure). */
static bool embeds(const char *label, const char *mark) {
    size_t k = strlen(mark);
    for (const char *p = strstr(label, mark); p; p = strstr(p + 1, mark)) {
        bool start = p == label || p[-1] == '-', end = !p[k] || p[k] == '-';
        if ((start && end) || k >= 6) return true;
    }
    return false;
}

/* Exactly one edit apart (substitution, insertion, deletion or swap of neighbours), the
 * first letter kept (binance is no typo of finance). */
static bool one_edit(const char *s, const char *t) {
    size_t m = strlen(s), n = strlen(t);
    if (s[0] != t[0] || (m > n ? m - n : n - m) > 1 || !strcmp(s, t)) return false;
    size_t i = 0;
    while (i < m && i < n && s[i] == t[i]) i++;
    if (m == n)
        return !strcmp(s + i + 1, t + i + 1) ||
               (s[i + 1] == t[i] && s[i] == t[i + 1] && !strcmp(s + i + 2, t + i + 2));
    return m > n ? !strcmp(s + i + 1, t + i) : !strcmp(s + i, t + i + 1);
}

/* The labels and '-'-parts of a host's name below its public suffix. */
static pc_vec parts(pc_arena *a, const char *name, bool split_hyphen) {
    pc_vec v = {0};
    const char *seps = split_hyphen ? ".-" : ".";
    for (const char *p = name; *p;) {
        size_t len = strcspn(p, seps);
        if (len) pc_vec_push(a, &v, pc_strndup(a, p, len));
        p += len + (p[len] != 0);
    }
    return v;
}

typedef bool (*look_test)(const char *part, const entry *e, size_t mark);

static bool t_embeds(const char *l, const entry *e, size_t j) { return embeds(l, e->b.marks[j]); }
static bool t_skeleton(const char *sk, const entry *e, size_t j) {
    return sk && e->skel[j] && !strcmp(sk, e->skel[j]);
}
static bool t_typo(const char *l, const entry *e, size_t j) {
    return strlen(e->b.marks[j]) >= 5 && one_edit(l, e->b.marks[j]);
}

static const pc_brand *find(const pc_vec *ps, look_test test) {
    for (size_t p = 0; p < ps->n; p++)
        for (size_t i = 0; i < T.n; i++)
            for (size_t j = 0; T.v[i].b.marks[j]; j++)
                if (test(ps->v[p], &T.v[i], j)) return &T.v[i].b;
    return NULL;
}

/* The confusable skeletons of parts (computed once, not once per mark). */
static pc_vec skeletons(pc_arena *a, const pc_vec *parts) {
    pc_vec v = {0};
    for (size_t i = 0; i < parts->n; i++)
        pc_vec_push(a, &v, pc_skeleton(a, pc_host_unicode(a, parts->v[i])));
    return v;
}

static pc_lookalike lookalike(pc_arena *a, const char *host) {
    pc_lookalike r = {NULL, PC_LOOK_NONE};
    const char *reg = host ? pc_reg_domain(a, host) : NULL;
    if (!reg || !strchr(reg, '.')) return r;            /* IP literal or bare suffix */
    load();
    if (owner(host, reg)) return r;
    size_t below = strlen(host) - strlen(strchr(reg, '.'));
    char *name = pc_strndup(a, host, below);            /* "mail.kagoya" of mail.kagoya.net */
    const char *regl = strrchr(name, '.') ? strrchr(name, '.') + 1 : name;
    for (size_t i = 0; i < T.n; i++)
        for (const char **m = T.v[i].b.marks; *m; m++)
            if (!strcmp(regl, *m)) return (pc_lookalike){&T.v[i].b, PC_LOOK_SUFFIX};
    pc_vec labels = parts(a, name, false), words = parts(a, name, true);
    pc_vec skel_words = skeletons(a, &words), skel_labels = skeletons(a, &labels);
    const struct { const pc_vec *parts; look_test test; pc_look kind; } passes[] = {
        {&labels, t_embeds, PC_LOOK_EMBEDS},
        {&skel_words, t_skeleton, PC_LOOK_CONFUSABLE},
        {&skel_labels, t_skeleton, PC_LOOK_CONFUSABLE},
        {&words, t_typo, PC_LOOK_TYPO},
    };
    for (size_t k = 0; k < sizeof passes / sizeof *passes; k++) {
        const pc_brand *b = find(passes[k].parts, passes[k].test);
        if (b) return (pc_lookalike){b, passes[k].kind};
    }
    return r;
}

/* Answers by host, kept for the process (the same hosts come back link after link, mail
 * after mail); emptied when it grows past MEMO_MAX. */
#define MEMO_MAX 4096

pc_lookalike pc_brand_lookalike(pc_arena *a, const char *host) {
    static GHashTable *memo;
    if (!host) return lookalike(a, host);
    if (!memo) memo = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    pc_lookalike *r = g_hash_table_lookup(memo, host);
    if (r) return *r;
    if (g_hash_table_size(memo) >= MEMO_MAX) g_hash_table_remove_all(memo);
    r = g_new(pc_lookalike, 1);
    *r = lookalike(a, host);
    g_hash_table_insert(memo, g_strdup(host), r);
    return *r;
}

pc_look pc_domain_imitates(pc_arena *a, const char *host, const char *real) {
    const char *h = host ? pc_reg_domain(a, host) : NULL, *r = real ? pc_reg_domain(a, real) : NULL;
    if (!h || !r || !strcmp(h, r)) return PC_LOOK_NONE;
    const char *hs = pc_skeleton(a, pc_host_unicode(a, h)), *rs = pc_skeleton(a, r);
    if (hs && rs && !strcmp(hs, rs)) return PC_LOOK_CONFUSABLE;
    return strlen(r) >= 8 && one_edit(h, r) ? PC_LOOK_TYPO : PC_LOOK_NONE;
}

const char *pc_look_name(pc_look kind) {
    static const char *names[] = {"none", "suffix", "embeds", "confusable", "typo"};
    return names[kind];
}
