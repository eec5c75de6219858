/* options.c — CLI flags and request options of the online look-ups (options.h). One table
 * maps each flag to its field, so the CLI and the protocol read the same names. */
#include "online/options.h"
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

const char pc_online_usage[] =
    "Online look-ups (off unless --online; docs/protocol.md, `enrich`):\n"
    "  --online            look up DNS (SPF, DMARC, MX), RDAP and URL reputation\n"
    "  --online-budget MS  time for all look-ups of one message (default 3000)\n"
    "  --doh-url URL       DNS-over-HTTPS resolver (default " PC_DOH_URL ")\n"
    "  --rdap-bootstrap URL  folder of IANA's RDAP bootstrap files\n"
    "  --urlhaus-url URL, --urlhaus-key KEY            abuse.ch URLhaus (key: enables)\n"
    "  --safebrowsing-url URL, --safebrowsing-key KEY  Google Safe Browsing (key: enables)\n"
    "  --update-feeds      download the OpenPhish and JPCERT/CC phishing URL lists\n"
    "  --openphish-url URL, --jpcert-url URL           where --update-feeds reads them\n"
    "  --feeds-refresh auto|off  with --online, refresh lists over a day old in the\n"
    "                      background (default auto)\n"
    "  --if-stale          with --update-feeds: only if online look-ups were used with\n"
    "                      this cache and the lists are over a day old (timers)\n"
    "  --ca-file FILE      also trust the CAs in FILE\n";

typedef struct { const char *name; size_t field; } str_opt;

#define F(x) offsetof(pc_online_opts, x)
static const str_opt strs[] = {
    {"doh-url", F(doh_url)}, {"rdap-bootstrap", F(rdap_bootstrap)},
    {"urlhaus-url", F(urlhaus_url)}, {"urlhaus-key", F(urlhaus_key)},
    {"safebrowsing-url", F(safebrowsing_url)}, {"safebrowsing-key", F(safebrowsing_key)},
    {"openphish-url", F(openphish_url)}, {"jpcert-url", F(jpcert_url)}, {"ca-file", F(ca_file)},
    {"feeds-refresh", F(feeds_refresh)}};
#undef F

static const char **field(pc_online_opts *o, const str_opt *s) {
    return (const char **)((char *)o + s->field);
}

int pc_online_set(pc_online_opts *o, const char *name, const char *arg) {
    if (!strcmp(name, "online")) { o->enabled = o->requested = true; return 0; }
    if (!strcmp(name, "update-feeds")) { o->update_feeds = true; return 0; }
    if (!strcmp(name, "if-stale")) { o->if_stale = true; return 0; }
    if (!strcmp(name, "feeds-refresh") && strcmp(arg, "auto") && strcmp(arg, "off")) return -1;
    if (!strcmp(name, "online-budget")) {
        char *end;
        long ms = strtol(arg, &end, 10);
        if (*end || ms <= 0 || ms > 600000) return -1;
        o->budget_ms = (int)ms;
        return 0;
    }
    for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
        if (!strcmp(name, strs[i].name)) { *field(o, &strs[i]) = arg; return 0; }
    return -1;
}

void pc_online_from_json(pc_arena *a, json_t *opt, pc_online_opts *o) {
    if (!json_is_object(opt)) return;
    json_t *on = json_object_get(opt, "online");
    if (json_is_boolean(on)) o->enabled = json_is_true(on);
    json_int_t ms = json_integer_value(json_object_get(opt, "online_budget_ms"));
    if (ms > 0 && ms <= 600000) o->budget_ms = (int)ms;
    for (size_t i = 0; i < sizeof strs / sizeof *strs; i++) {
        char key[32];
        strcpy(key, strs[i].name);
        for (char *p = key; *p; p++) if (*p == '-') *p = '_';
        const char *v = json_string_value(json_object_get(opt, key));
        if (v && *v) *field(o, &strs[i]) = pc_strdup(a, v);
    }
}

int pc_online_default_jobs(const pc_online_opts *o, int cores) {
    int twice = 2 * cores > 16 ? 16 : 2 * cores;
    return o->enabled && o->requested && twice > cores ? twice : cores;
}
