/* cases_runner.c — runs every tests/cases/NAME.eml against NAME.expect (see
 * tests/cases/README.md) through pc_analyze, the same pipeline the CLI and the host use. */
#include <dirent.h>
#include <glib.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analyze.h"
#include "testutil.h"
#include "catalog.h"
#include "context.h"

static const char *dir = "tests/cases";
static int failures, failed_cases;


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

/* A copy of v kept until the next case (option(cfg, NULL, NULL) frees them). */
static char *keep(const char *v) {
    static char *kept[64];
    static int n;
    if (!v) { while (n) free(kept[--n]); return NULL; }
    return n < 64 ? (kept[n++] = strdup(v)) : NULL;
}

/* `option context {JSON}` (the request's "context", docs/protocol.md) or `option contacts
 * FILE` (the CLI's --contacts, path under tests/cases); kept in one arena per case. */
static void context(pc_config *cfg, const char *k, const char *v) {
    static pc_arena *a;
    if (!k) { if (a) pc_arena_free(a); a = NULL; return; }
    if (!a) a = pc_arena_new();
    if (!strcmp(k, "context")) {
        json_t *j = json_loads(v, 0, NULL);
        cfg->context = pc_context_from_json(a, j);
        json_decref(j);
    } else {
        char path[1024];
        const char *err = NULL;
        snprintf(path, sizeof path, "%s/%s", dir, v);
        cfg->context = pc_context_load(a, path, &err);
    }
}

/* Applies option lines to cfg (lists are kept in static storage per case). */
static void option(pc_config *cfg, const char *k, const char *v) {
    static const char *own[16], *trust[16];
    static int n_own, n_trust;
    if (!k) { memset(own, 0, sizeof own); memset(trust, 0, sizeof trust); n_own = n_trust = 0; keep(NULL); context(cfg, NULL, NULL); return; }
    if (!strcmp(k, "own-domain") && n_own < 15) { own[n_own++] = keep(v); cfg->own_domains = own; }
    else if (!strcmp(k, "trust") && n_trust < 15) { trust[n_trust++] = keep(v); cfg->trusted_senders = trust; }
    else if (!strcmp(k, "authserv-id")) cfg->authserv_id = keep(v);
    else if (!strcmp(k, "gateway-id")) cfg->gateway_id = keep(v);
    else if (!strcmp(k, "recipient")) cfg->recipient = keep(v);
    else if (!strcmp(k, "no-upstream")) cfg->no_upstream = true;
    else if (!strcmp(k, "lang")) cfg->lang = keep(v);
    else if (!strcmp(k, "context") || !strcmp(k, "contacts")) context(cfg, k, v);
}

static void run_case(const char *name) {
    char path[1024];
    size_t len, elen;
    snprintf(path, sizeof path, "%s/%s.expect", dir, name);
    char *expect = slurp(path, &elen);
    snprintf(path, sizeof path, "%s/%s.eml", dir, name);
    char *raw = slurp(path, &len);
    if (!expect || !raw) { failures++; printf("FAIL %s: cannot read case files\n", name); return; }
    char *opts = strdup(expect);   /* strtok_r cuts its input: one copy per pass */
    pc_config cfg;
    pc_config_defaults(&cfg);
    option(&cfg, NULL, NULL);
    char *save;
    for (char *l = strtok_r(opts, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        char k[64], v[512] = "";
        if (sscanf(l, "option %63s %511[^\n]", k, v) >= 1) option(&cfg, k, v);
    }
    json_t *rep = pc_analyze(raw, len, &cfg, name);
    int before = failures;
    free(opts);
    for (char *l = strtok_r(expect, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        char k[64] = "", a[256] = "", b[512] = "";
        if (l[0] == '#' || sscanf(l, "%63s %255s %511[^\n]", k, a, b) < 2) continue;
        const char *got = json_string_value(json_object_get(rep, "verdict"));
        if (!strcmp(k, "verdict") && strcmp(got, a)) fail(name, "verdict should be", a, rep);
        else if (!strcmp(k, "verdict-min") && rank(got) < rank(a)) fail(name, "verdict at least", a, rep);
        else if (!strcmp(k, "verdict-max") && rank(got) > rank(a)) fail(name, "verdict at most", a, rep);
        else if (!strcmp(k, "flag") && !flag(rep, a)) fail(name, "missing flag", a, rep);
        else if (!strcmp(k, "noflag") && flag(rep, a)) fail(name, "unexpected flag", a, rep);
        else if (!strcmp(k, "evidence")) {
            char *eq = strchr(b, '=');
            json_t *f = flag(rep, a);
            if (!eq || !f) { fail(name, "evidence needs flag", a, rep); continue; }
            *eq = 0;
            const char *val = json_string_value(json_object_get(json_object_get(f, "evidence"), b));
            if (!val || !strstr(val, eq + 1)) fail(name, "evidence mismatch", b, rep);
        }
    }
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(rep, "flags"), i, f) {   /* every flag speaks en and ja */
        const char *id = json_string_value(json_object_get(f, "id"));
        if (!pc_text_exists(id, "en") || !pc_text_exists(id, "ja")) fail(name, "no catalogue text (en+ja) for", id, rep);
    }
    if (failures == before) printf("ok   %s\n", name);
    else failed_cases++;
    json_decref(rep);
    g_free(expect);
    g_free(raw);
}

static int by_name(const void *a, const void *b) { return strcmp(*(char **)a, *(char **)b); }

int main(int argc, char **argv) {
    if (argc > 1) dir = argv[1];
    DIR *d = opendir(dir);
    if (!d) { perror(dir); return 2; }
    char *names[4096];
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) && n < 4096;) {
        size_t l = strlen(e->d_name);
        if (l > 7 && !strcmp(e->d_name + l - 7, ".expect")) names[n++] = strndup(e->d_name, l - 7);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, by_name);
    for (int i = 0; i < n; i++) { run_case(names[i]); free(names[i]); }
    keep(NULL);
    printf("cases: %d passed, %d failed\n", n - failed_cases, failed_cases);
    return failures ? 1 : 0;
}
