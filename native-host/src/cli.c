/* cli.c — see cli.h. Thunderbird starts the host as `phishcheck MANIFEST.json EXT_ID`:
 * that (or --native) serves native messaging; anything else is the terminal CLI. */
#include "cli.h"
#include <errno.h>
#include <getopt.h>
#include <time.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "analyze.h"
#include "context.h"
#include "fit.h"
#include "data.h"
#include "mailbox.h"
#include "online/online.h"
#include "parse/dump.h"
#include "protocol.h"
#include "report.h"
#include "runner.h"
#include "summary.h"

#define PC_EXTENSION_ID "phishcheck@phishcheck.org"

typedef struct {
    pc_host_opts host;
    bool json, native, tty, model, progress;
    bool settings_only;          /* pc_cli_settings_parse: no usage text on errors */
    int worst, failed, jobs;
    pc_runner *runner;           /* analyses in supervised workers (runner.h) */
    size_t done, flagged[3];     /* progress line */
    double started, shown;
    const char *own[64], *trusted[64];
    int n_own, n_trusted;
    pc_arena *arena;               /* --contacts */
    pc_summary *sum;               /* --summary */
} cli;

static void usage(FILE *out) {
    fputs("usage: phishcheck [options] FILE|MBOX|MAILDIR|- ...\n"
          "Checks e-mail for phishing; prints a report per message.\n"
          "  --json              one JSON report per line (JSON Lines)\n"
          "  --lang en|ja        language of the texts (default en)\n"
          "  --no-upstream       ignore other filters' verdict headers (content only)\n"
          "  --own-domain D      your organisation's domain (repeatable)\n"
          "  --trust ADDR|DOMAIN a sender you trust (repeatable)\n"
          "  --authserv-id ID    trust Authentication-Results of this server only\n"
          "  --gateway-id ID     show the verdict of your organisation's phishcheck gateway ID\n"
          "  --recipient ADDR    your address (default: Delivered-To / first To)\n"
          "  --max-message BYTES refuse larger messages (default 64 MiB)\n"
          "  --max-frame BYTES   native messaging: largest request (default 96 MiB)\n"
          "  --data-dir DIR      read data files from DIR instead of the built-in ones\n"
          "                      (a file DIR lacks: the built-in one)\n"
          "  --summary           counts by verdict and flag, top brands and sending domains\n"
          "                      (text, or one JSON object with --json) instead of reports\n"
          "  --contacts FILE     known addresses: \"Name <addr>\" lines, vCard or CSV export\n"
          "  --native            serve native messaging on stdin/stdout\n"
          "  --time-limit MS     time budget of one message (default 2000; 0: none)\n"
          "  --memory-limit MB   memory budget of one message (default 256; 0: none)\n"
          "  -j, --jobs N        check N messages at once (default: the number of cores;\n"
          "                      with --online twice that, at most 16)\n"
          "  --model             print the parsed message model (JSON) instead of a report\n"
          "  --version, --help\n"
          "Exit status: 0 safe, 1 suspicious, 2 dangerous (the worst message), 3 unreadable\n"
          "input, 64 usage error.\n", out);
    fputs(pc_online_usage, out);
}

/* --model: print what the parser saw instead of a report. */
static void dump_model(const char *name, const char *raw, size_t len) {
    pc_message *m = pc_message_parse(raw, len, NULL);
    json_t *j = pc_model_json(m);
    json_object_set_new(j, "file", json_string(name));
    char *s = json_dumps(j, JSON_INDENT(1));
    puts(s);
    free(s);
    json_decref(j);
    pc_message_free(m);
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A progress line on stderr for long scans (a terminal only, after the first second). */
static void progress(cli *c, bool last) {
    if (!c->progress) return;
    double t = now_s();
    if (!last && (t - c->started < 1 || t - c->shown < 0.2)) return;
    if (last) { if (c->shown) fputs("\r\033[K", stderr); return; }
    fprintf(stderr, "\r\033[K%zu checked: %zu suspicious, %zu dangerous (%.0f/s)", c->done,
            c->flagged[1], c->flagged[2], c->done / (t - c->started));
    c->shown = t;
}

/* Prints one report (bounded like a native answer) and counts its verdict. */
static void emit(cli *c, json_t *r) {
    if (c->sum) pc_summary_add(c->sum, r);
    char *s = c->sum ? NULL : pc_fit_dump(r, r, PC_MAX_ANSWER);
    const char *v = json_string_value(json_object_get(r, "verdict"));
    int rank = v && !strcmp(v, "dangerous") ? 2 : v && !strcmp(v, "suspicious") ? 1 : 0;
    if (rank > c->worst) c->worst = rank;
    c->done++;
    c->flagged[rank]++;
    if (c->sum) {}
    else if (c->json) puts(s ? s : "{\"error\":\"the report does not fit in 1 MiB\"}");
    else pc_report_text(r, stdout, c->tty);
    free(s);
    json_decref(r);
    progress(c, false);
}

static int one(const char *name, const char *raw, size_t len, void *user) {
    cli *c = user;
    if (c->model) { dump_model(name, raw, len); return 0; }
    if (!c->runner) { emit(c, pc_analyze(raw, len, &c->host.base, name)); return 0; }
    pc_runner_submit(c->runner, raw, len, name, NULL, c->host.base.online.requested);
    for (json_t *r; (r = pc_runner_ready(c->runner));) emit(c, r);   /* in order */
    return 0;
}

/* --summary: the counts, as text or JSON. */
static void print_summary(cli *c) {
    if (c->json) {
        json_t *j = pc_summary_json(c->sum);
        char *s = json_dumps(j, JSON_COMPACT);
        puts(s);
        free(s);
        json_decref(j);
    } else {
        pc_summary_text(c->sum, stdout, c->host.base.lang);
    }
    pc_summary_free(c->sum);
}

static size_t parse_size(const char *s) {
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end == 'k' || *end == 'K') v <<= 10;
    else if (*end == 'm' || *end == 'M') v <<= 20;
    return (size_t)v;
}

/* Thunderbird starts a host as `phishcheck /abs/path/phishcheck.json phishcheck@phishcheck.org`:
 * exactly two arguments, an existing manifest file, our extension id. Anything else is
 * the CLI (`phishcheck a.eml msgid@host.eml` checks two files). */
static bool is_native_launch(int argc, char **argv) {
    if (argc != 3) return false;
    size_t n = strlen(argv[1]);
    struct stat st;
    return n > 5 && !strcmp(argv[1] + n - 5, ".json") && stat(argv[1], &st) == 0 &&
           S_ISREG(st.st_mode) && !strcmp(argv[2], PC_EXTENSION_ID);
}

/* --contacts FILE: known addresses (context.h), kept for the whole run. */
static int contacts(cli *c, const char *path) {
    const char *err = NULL;
    if (!c->arena) c->arena = pc_arena_new();
    c->host.base.context = pc_context_load(c->arena, path, &err);
    if (!c->host.base.context) fprintf(stderr, "phishcheck: --contacts %s: %s\n", path, err);
    return !c->host.base.context;
}

static int options(cli *c, int argc, char **argv) {
    enum { JSON = 1000, TIME, MEMORY, LANG, NOUP, OWN, TRUST, AUTHSERV, RCPT, MAXMSG, MAXFRAME, DATA, NATIVE, VER, HELP, MODEL,
           ONLINE, CONTACTS, SUMMARY, GATEWAY };
    static const struct option opts[] = {
        {"json", 0, 0, JSON}, {"lang", 1, 0, LANG}, {"no-upstream", 0, 0, NOUP},
        {"own-domain", 1, 0, OWN}, {"trust", 1, 0, TRUST}, {"authserv-id", 1, 0, AUTHSERV},
        {"recipient", 1, 0, RCPT}, {"max-message", 1, 0, MAXMSG}, {"max-frame", 1, 0, MAXFRAME},
        {"data-dir", 1, 0, DATA}, {"native", 0, 0, NATIVE}, {"version", 0, 0, VER},
        {"help", 0, 0, HELP}, {"model", 0, 0, MODEL}, {"time-limit", 1, 0, TIME},
        {"memory-limit", 1, 0, MEMORY}, {"jobs", 1, 0, 'j'}, PC_ONLINE_LONGOPTS(ONLINE),
        {"contacts", 1, 0, CONTACTS}, {"summary", 0, 0, SUMMARY}, {"gateway-id", 1, 0, GATEWAY},
        {0, 0, 0, 0}};
    pc_config *cfg = &c->host.base;
    int idx = 0;
    for (int o; (o = getopt_long(argc, argv, "j:", opts, &idx)) != -1;) {
        switch (o) {
        case JSON: c->json = true; break;
        case LANG: cfg->lang = !strncmp(optarg, "ja", 2) ? "ja" : "en"; break;
        case NOUP: cfg->no_upstream = true; break;
        case OWN: if (c->n_own < 63) c->own[c->n_own++] = optarg; break;
        case TRUST: if (c->n_trusted < 63) c->trusted[c->n_trusted++] = optarg; break;
        case AUTHSERV: cfg->authserv_id = optarg; break;
        case GATEWAY: cfg->gateway_id = optarg; break;
        case RCPT: cfg->recipient = optarg; break;
        case MAXMSG: cfg->max_message = parse_size(optarg); break;
        case MAXFRAME: c->host.max_frame = parse_size(optarg); break;
        case DATA:
            if (pc_data_set_dir(optarg)) { fprintf(stderr, "phishcheck: cannot read %s\n", optarg); return 64; }
            break;
        case NATIVE: c->native = true; break;
        case TIME: c->host.time_ms = atoi(optarg); break;
        case MEMORY: c->host.memory_mb = (size_t)atol(optarg); break;
        case 'j':
            c->jobs = atoi(optarg);
            if (c->jobs < 1 || c->jobs > 256) { fputs("phishcheck: -j takes 1 to 256\n", stderr); return 64; }
            break;
        case MODEL: c->model = true; break;
        case ONLINE:
            if (pc_online_set(&cfg->online, opts[idx].name, optarg)) {
                fprintf(stderr, "phishcheck: bad --%s\n", opts[idx].name);
                return 64;
            }
            break;
        case SUMMARY: if (!c->sum) c->sum = pc_summary_new(); break;
        case CONTACTS: if (contacts(c, optarg)) return 64; break;
        case VER: printf("phishcheck %s\n", PC_VERSION); exit(0);
        case HELP: usage(stdout); exit(0);
        default: if (!c->settings_only) usage(stderr); return 64;
        }
    }
    cfg->own_domains = c->n_own ? c->own : NULL;
    cfg->trusted_senders = c->n_trusted ? c->trusted : NULL;
    return 0;
}

/* Frees what --contacts and --summary kept; returns rc. */
static int done(cli *c, int rc) {
    if (c->arena) pc_arena_free(c->arena);
    if (c->sum) pc_summary_free(c->sum);
    return rc;
}

int pc_cli_main(int argc, char **argv) {
    cli c = {0};
    pc_config_defaults(&c.host.base);
    c.host.max_frame = PC_DEFAULT_MAX_FRAME;
    c.host.time_ms = PC_DEFAULT_TIME_MS;
    c.host.memory_mb = PC_DEFAULT_MEMORY_MB;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (is_native_launch(argc, argv)) return pc_protocol_serve(stdin, stdout, &c.host);
    int rc = options(&c, argc, argv);
    if (rc) return done(&c, rc);
    if (!c.jobs)      /* no -j: the cores, more with look-ups (they wait on the network) */
        c.jobs = pc_online_default_jobs(&c.host.base.online, cores < 1 ? 1 : cores > 64 ? 64 : (int)cores);
    if (c.native) return done(&c, pc_protocol_serve(stdin, stdout, &c.host));
    if (c.host.base.online.update_feeds) return done(&c, pc_online_update_feeds(&c.host.base.online));
    if (optind >= argc) { usage(stderr); return done(&c, 64); }
    c.tty = isatty(1);
    c.progress = isatty(2) && !c.model;
    c.started = now_s();
    pc_budget b = {c.host.time_ms, c.host.memory_mb, c.jobs};
    if (!c.model && (b.time_ms || b.memory_mb || b.jobs > 1)) c.runner = pc_runner_new(&b, &c.host.base);
    for (int i = optind; i < argc; i++) {
        if (pc_mailbox_each(argv[i], c.host.base.max_message, one, &c) < 0) {
            fprintf(stderr, "phishcheck: %s: %s\n", argv[i], strerror(errno));
            c.failed = 1;
            if (c.sum) pc_summary_failed(c.sum);
        }
    }
    while (c.runner && pc_runner_pending(c.runner)) emit(&c, pc_runner_next(c.runner));
    pc_runner_free(c.runner);
    progress(&c, true);
    if (c.sum) print_summary(&c);
    c.sum = NULL;                          /* print_summary freed it */
    return done(&c, c.failed ? 3 : c.worst);
}

/* ---- the settings alone (the milter's config file, cli.h) ---- */

int pc_cli_settings_parse(int argc, char **argv, pc_cli_settings *s) {
    cli c = {.settings_only = true};
    pc_config_defaults(&c.host.base);
    c.host.max_frame = PC_DEFAULT_MAX_FRAME;
    c.host.time_ms = PC_DEFAULT_TIME_MS;
    c.host.memory_mb = PC_DEFAULT_MEMORY_MB;
    optind = 0;                                   /* GNU getopt: start afresh */
    int rc = options(&c, argc, argv);
    if (!rc && (c.json || c.native || c.model || c.sum || optind < argc)) {
        fprintf(stderr, "phishcheck: %s is not a setting\n",
                optind < argc ? argv[optind] : "--json/--native/--model/--summary");
        rc = 64;
    }
    if (rc) { done(&c, rc); return rc; }
    *s = (pc_cli_settings){.host = c.host, .jobs = c.jobs, .arena = c.arena};
    memcpy(s->own, c.own, sizeof s->own);
    memcpy(s->trusted, c.trusted, sizeof s->trusted);
    s->host.base.own_domains = c.n_own ? s->own : NULL;
    s->host.base.trusted_senders = c.n_trusted ? s->trusted : NULL;
    return 0;
}

void pc_cli_settings_free(pc_cli_settings *s) {
    if (s->arena) pc_arena_free(s->arena);
    s->arena = NULL;
}
