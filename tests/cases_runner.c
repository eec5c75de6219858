/* cases_runner.c — runs tests/cases/NAME.eml against NAME.expect through pc_analyze, the
 * same pipeline the CLI and the host use. Strict, as curl's test format is: every line of
 * an .expect file is a known directive with the arguments it takes (tests/cases/README.md
 * is the spec); anything else — an unknown or mistyped directive, a flag id the catalogue
 * does not know, a bad verdict word, an unknown option, a context that does not parse — fails
 * the run with file:line, so a typo can never make a case assert nothing.
 *   cases_runner [DIR [NAME ...]]   NAME: a case name, its .eml/.expect path, or a glob
 *                                   ("kagoya-*"); none: every case in DIR. */
#include <fnmatch.h>
#include <glib.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analyze.h"
#include "catalog.h"
#include "context.h"
#include "testutil.h"

static const char *dir = "tests/cases";
static int failures, failed_cases, orphans;

typedef enum { D_VERDICT, D_VERDICT_MIN, D_VERDICT_MAX, D_FLAG, D_NOFLAG, D_EVIDENCE, D_OPTION,
               D_ONLY_FLAGS } dkind;

/* One directive: its kind and arguments (a: first word; b: the rest of the line). */
typedef struct { dkind kind; int line; char a[256], b[1024]; } directive;

typedef struct {
    const char *word;   /* as written in the .expect file */
    dkind kind;
    int args;           /* 0: none; 1: one word; 2: a word and the rest of the line */
} directive_spec;

static const directive_spec specs[] = {
    {"verdict", D_VERDICT, 1},     {"verdict-min", D_VERDICT_MIN, 1},
    {"verdict-max", D_VERDICT_MAX, 1}, {"flag", D_FLAG, 1}, {"noflag", D_NOFLAG, 1},
    {"evidence", D_EVIDENCE, 2},   {"option", D_OPTION, 2}, {"only-flags", D_ONLY_FLAGS, 0},
};

static int rank(const char *v) {
    return !strcmp(v, "dangerous") ? 2 : !strcmp(v, "suspicious") ? 1 : !strcmp(v, "safe") ? 0 : -1;
}

static json_t *flag(json_t *rep, const char *id) {
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(rep, "flags"), i, f)
        if (!strcmp(json_string_value(json_object_get(f, "id")), id)) return f;
    return NULL;
}

static void fail(const char *name, const char *why, const char *what, json_t *rep) {
    failures++;
    printf("FAIL %s: %s %s\n", name, why, what);
    printf("     got %s (score %lld):", json_string_value(json_object_get(rep, "verdict")),
           (long long)json_integer_value(json_object_get(rep, "score")));
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(rep, "flags"), i, f)
        printf(" %s", json_string_value(json_object_get(f, "id")));
    printf("\n");
}

/* A format error in an .expect file: file:line, what is wrong, the line as written. */
static void bad_line(const char *name, int line, const char *why, const char *text) {
    failures++;
    printf("FAIL %s: %s/%s.expect:%d: %s: %s\n", name, dir, name, line, why, text);
}

/* A copy of v kept until the next case (keep(NULL) frees them). */
static char *keep(const char *v) {
    static char *kept[64];
    static int n;
    if (!v) { while (n) free(kept[--n]); return NULL; }
    return n < 64 ? (kept[n++] = strdup(v)) : NULL;
}

/* `option context {JSON}` (the request's "context", docs/protocol.md) or `option contacts
 * FILE` (the CLI's --contacts, path under the cases' folder); kept in one arena per case.
 * Returns an error text, NULL if fine. */
static const char *context(pc_config *cfg, const char *k, const char *v) {
    static pc_arena *a;
    if (!k) { if (a) pc_arena_free(a); a = NULL; return NULL; }
    if (!a) a = pc_arena_new();
    if (!strcmp(k, "context")) {
        json_t *j = json_loads(v, 0, NULL);
        cfg->context = pc_context_from_json(a, j);
        json_decref(j);
        return cfg->context ? NULL : "context is not a JSON object";
    }
    char path[1024];
    const char *err = NULL;
    snprintf(path, sizeof path, "%s/%s", dir, v);
    cfg->context = pc_context_load(a, path, &err);
    return cfg->context ? NULL : "contacts file cannot be read";
}

/* Applies one option to cfg (lists are kept in static storage per case; k NULL resets).
 * Returns an error text for an unknown option or a missing/extra value, NULL if fine. */
static const char *option(pc_config *cfg, const char *k, const char *v) {
    static const char *own[16], *trust[16];
    static int n_own, n_trust;
    if (!k) { memset(own, 0, sizeof own); memset(trust, 0, sizeof trust); n_own = n_trust = 0; keep(NULL); context(cfg, NULL, NULL); return NULL; }
    if (!strcmp(k, "no-upstream")) { cfg->no_upstream = true; return *v ? "no-upstream takes no value" : NULL; }
    if (!*v) return "option needs a value";
    if (!strcmp(k, "own-domain") && n_own < 15) { own[n_own++] = keep(v); cfg->own_domains = own; }
    else if (!strcmp(k, "trust") && n_trust < 15) { trust[n_trust++] = keep(v); cfg->trusted_senders = trust; }
    else if (!strcmp(k, "authserv-id")) cfg->authserv_id = keep(v);
    else if (!strcmp(k, "gateway-id")) cfg->gateway_id = keep(v);
    else if (!strcmp(k, "recipient")) cfg->recipient = keep(v);
    else if (!strcmp(k, "lang") && (!strcmp(v, "en") || !strcmp(v, "ja"))) cfg->lang = keep(v);
    else if (!strcmp(k, "context") || !strcmp(k, "contacts")) return context(cfg, k, v);
    else return "unknown option (or a bad value, or too many)";
    return NULL;
}

/* The arguments of d as its spec wants them; an error text, NULL if fine. */
static const char *check_args(const directive *d) {
    bool id = d->kind == D_FLAG || d->kind == D_NOFLAG || d->kind == D_EVIDENCE;
    bool verdict = d->kind == D_VERDICT || d->kind == D_VERDICT_MIN || d->kind == D_VERDICT_MAX;
    if (verdict && rank(d->a) < 0) return "verdict must be safe, suspicious or dangerous";
    if (id && (!strchr(d->a, '.') || !pc_text_exists(d->a, "en"))) return "flag id unknown to the catalogue";
    if (d->kind == D_EVIDENCE) {
        const char *eq = strchr(d->b, '=');
        const char *sp = strpbrk(d->b, " \t");
        if (!eq || eq == d->b || (sp && sp < eq)) return "evidence wants ID KEY=VALUE";
    }
    return NULL;
}

/* Splits one line into d; an error text, NULL if fine. */
static const char *parse_line(char *l, directive *d) {
    char word[64] = "";
    int n = 0;
    if (sscanf(l, "%63s%n", word, &n) != 1) return "empty";
    const directive_spec *s = NULL;
    for (size_t i = 0; i < sizeof specs / sizeof *specs; i++)
        if (!strcmp(word, specs[i].word)) s = &specs[i];
    if (!s) return "unknown directive";
    d->kind = s->kind;
    const char *rest = l + n;
    rest += strspn(rest, " \t");
    int m = 0;
    d->a[0] = d->b[0] = 0;
    if (*rest && sscanf(rest, "%255s%n", d->a, &m) == 1) rest += m;
    rest += strspn(rest, " \t");
    if (strlen(rest) >= sizeof d->b) return "line too long";
    strcpy(d->b, rest);
    if (s->args == 0 && *d->a) return "takes no argument";
    if (s->args >= 1 && !*d->a) return "needs an argument";
    if (s->args == 1 && *d->b) return "takes one argument (no trailing words or comments)";
    return check_args(d);
}

/* Reads every line of an .expect file into ds (at most max); returns how many, or -1 after
 * reporting a format error. Blank lines and lines starting with '#' are skipped. */
static int parse_expect(const char *name, char *text, directive *ds, int max) {
    int n = 0, line = 0, bad = 0;
    for (char *l = text, *next; l; l = next) {
        next = strchr(l, '\n');
        if (next) *next++ = 0;
        line++;
        g_strchomp(l);
        if (!*g_strchug(l) || l[0] == '#') continue;
        const char *err = n < max ? parse_line(l, &ds[n]) : "too many directives";
        if (err) { bad_line(name, line, err, l); bad++; continue; }
        ds[n++].line = line;
    }
    return bad ? -1 : n;
}

/* flag X beside noflag X, or two verdict lines, or only-flags twice: a case that cannot pass. */
static bool contradicts(const char *name, const directive *ds, int n) {
    bool bad = false;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < i; j++) {
            bool same_id = !strcmp(ds[i].a, ds[j].a) &&
                           ((ds[i].kind == D_FLAG && ds[j].kind == D_NOFLAG) ||
                            (ds[i].kind == D_NOFLAG && ds[j].kind == D_FLAG));
            bool twice = ds[i].kind == ds[j].kind &&
                         (ds[i].kind == D_VERDICT || ds[i].kind == D_ONLY_FLAGS);
            if (same_id || twice) {
                char what[300];
                snprintf(what, sizeof what, "contradicts line %d", ds[j].line);
                bad_line(name, ds[i].line, what, ds[i].a);
                bad = true;
            }
        }
    return bad;
}

/* The evidence directive: that flag's evidence key holds (contains) the value. */
static void check_evidence(const char *name, const directive *d, json_t *rep) {
    char key[1024];
    snprintf(key, sizeof key, "%s", d->b);
    char *eq = strchr(key, '=');
    json_t *f = flag(rep, d->a);
    if (!f) { fail(name, "evidence needs flag", d->a, rep); return; }
    *eq = 0;
    const char *val = json_string_value(json_object_get(json_object_get(f, "evidence"), key));
    if (!val || !strstr(val, eq + 1)) fail(name, "evidence mismatch", d->b, rep);
}

static void check(const char *name, const directive *d, json_t *rep) {
    const char *got = json_string_value(json_object_get(rep, "verdict"));
    if (d->kind == D_VERDICT && strcmp(got, d->a)) fail(name, "verdict should be", d->a, rep);
    else if (d->kind == D_VERDICT_MIN && rank(got) < rank(d->a)) fail(name, "verdict at least", d->a, rep);
    else if (d->kind == D_VERDICT_MAX && rank(got) > rank(d->a)) fail(name, "verdict at most", d->a, rep);
    else if (d->kind == D_FLAG && !flag(rep, d->a)) fail(name, "missing flag", d->a, rep);
    else if (d->kind == D_NOFLAG && flag(rep, d->a)) fail(name, "unexpected flag", d->a, rep);
    else if (d->kind == D_EVIDENCE) check_evidence(name, d, rep);
}

/* Every raised flag speaks en and ja; with only-flags, every raised flag is listed. */
static void check_raised(const char *name, const directive *ds, int n, bool only, json_t *rep) {
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(rep, "flags"), i, f) {
        const char *id = json_string_value(json_object_get(f, "id"));
        if (!pc_text_exists(id, "en") || !pc_text_exists(id, "ja")) fail(name, "no catalogue text (en+ja) for", id, rep);
        bool listed = false;
        for (int k = 0; k < n && !listed; k++) listed = ds[k].kind == D_FLAG && !strcmp(ds[k].a, id);
        if (only && !listed) fail(name, "unexpected flag (only-flags)", id, rep);
    }
}

/* Applies the case's options; false after reporting a bad one. */
static bool apply_options(const char *name, pc_config *cfg, const directive *ds, int n) {
    bool ok = true;
    pc_config_defaults(cfg);
    option(cfg, NULL, NULL);
    for (int i = 0; i < n; i++) {
        const char *err = ds[i].kind == D_OPTION ? option(cfg, ds[i].a, ds[i].b) : NULL;
        if (!err) continue;
        char *text = g_strdup_printf("option %s %s", ds[i].a, ds[i].b);
        bad_line(name, ds[i].line, err, g_strchomp(text));
        g_free(text);
        ok = false;
    }
    return ok;
}

static void run_case(const char *name) {
    char path[1024];
    size_t len, elen;
    snprintf(path, sizeof path, "%s/%s.expect", dir, name);
    char *expect = slurp(path, &elen);
    snprintf(path, sizeof path, "%s/%s.eml", dir, name);
    char *raw = slurp(path, &len);
    int before = failures;
    static directive ds[512];
    int n = expect && raw ? parse_expect(name, expect, ds, 512) : -1;
    if (!expect || !raw) { failures++; printf("FAIL %s: cannot read %s.eml and %s.expect\n", name, name, name); }
    pc_config cfg;
    if (n >= 0 && !contradicts(name, ds, n) && apply_options(name, &cfg, ds, n)) {
        json_t *rep = pc_analyze(raw, len, &cfg, name);
        bool only = false;
        for (int i = 0; i < n; i++) { check(name, &ds[i], rep); only |= ds[i].kind == D_ONLY_FLAGS; }
        check_raised(name, ds, n, only, rep);
        json_decref(rep);
    }
    if (failures == before) printf("ok   %s\n", name);
    else failed_cases++;
    g_free(expect);
    g_free(raw);
}

static int by_name(const void *a, const void *b) { return strcmp(*(char **)a, *(char **)b); }

/* NAME.expect and NAME.eml in dir, sorted. With report, a file without its partner is a
 * failed case (one that would silently never run). */
static GPtrArray *list_cases(bool report) {
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d) { perror(dir); exit(2); }
    for (const char *e; (e = g_dir_read_name(d));) {
        bool ex = g_str_has_suffix(e, ".expect"), eml = g_str_has_suffix(e, ".eml");
        if (!ex && !eml) continue;
        char *base = g_strndup(e, strlen(e) - (ex ? 7 : 4));
        char *other = g_strdup_printf("%s/%s%s", dir, base, ex ? ".eml" : ".expect");
        if (report && !g_file_test(other, G_FILE_TEST_EXISTS)) {
            failures++, orphans++;
            printf("FAIL %s: %s/%s has no %s\n", base, dir, e, other);
        }
        if (ex) g_ptr_array_add(names, base);
        else g_free(base);
        g_free(other);
    }
    g_dir_close(d);
    g_ptr_array_sort(names, by_name);
    return names;
}

/* The cases a command-line argument names: "kagoya-1", "tests/cases/kagoya-1.eml",
 * "kagoya-*". Adds them to run; false if none matches. */
static bool select_cases(GPtrArray *all, const char *arg, GPtrArray *run) {
    char *base = g_path_get_basename(arg);
    if (g_str_has_suffix(base, ".expect")) base[strlen(base) - 7] = 0;
    else if (g_str_has_suffix(base, ".eml")) base[strlen(base) - 4] = 0;
    bool any = false;
    for (guint i = 0; i < all->len; i++)
        if (!fnmatch(base, all->pdata[i], 0)) { g_ptr_array_add(run, all->pdata[i]); any = true; }
    g_free(base);
    return any;
}

int main(int argc, char **argv) {
    if (argc > 1) dir = argv[1];
    GPtrArray *all = list_cases(argc <= 2), *run = g_ptr_array_new();
    for (int i = 2; i < argc; i++)
        if (!select_cases(all, argv[i], run)) { fprintf(stderr, "cases_runner: no case %s in %s\n", argv[i], dir); return 2; }
    if (argc <= 2) g_ptr_array_extend(run, all, NULL, NULL);
    for (guint i = 0; i < run->len; i++) run_case(run->pdata[i]);
    keep(NULL);
    printf("cases: %u passed, %d failed\n", run->len - (guint)failed_cases, failed_cases + orphans);
    g_ptr_array_free(run, TRUE);
    g_ptr_array_free(all, TRUE);
    return failures ? 1 : 0;
}
