/* rdap.c — RDAP, the structured WHOIS: when were the sender's and the links' domains
 * registered (a domain a few days old when the mail arrived is a strong sign), by which
 * registrar, behind which privacy proxy; who owns the network of the IP the mail came
 * from, in which country. RDAP servers come from IANA's bootstrap files (dns.json,
 * ipv4.json, ipv6.json), cached for a week. A thin registry answer (Verisign's .com and
 * .net) names no registrant: its `related` link to the registrar's RDAP server is followed
 * once, over HTTPS, within the same budget. Reading the answers: rdapobj.c. */
#include <glib.h>
#include <string.h>
#include <strings.h>
#include "catalog.h"
#include "online/country.h"
#include "online/enrich.h"
#include "online/net/ipnet.h"
#include "online/rdapobj.h"
#define BOOT_TTL (7 * 86400)
#define DOMAIN_TTL 86400
#define IP_TTL (7 * 86400)
#define MAX_BOOT (4u << 20)
#define MAX_ANSWER (1u << 20)
#define NEW_DAYS 30
#define YOUNG_DAYS 180

static const char *const accept_rdap[] = {"Accept: application/rdap+json, application/json", NULL};

static const char *bootstrap_base(pc_enrich *e) {
    const char *b = e->o->rdap_bootstrap ? e->o->rdap_bootstrap : PC_RDAP_BOOTSTRAP;
    return b[strlen(b) - 1] == '/' ? b : pc_sprintf(e->ctx->arena, "%s/", b);
}

/* A bootstrap file; NULL while pending; *failed when it cannot be had. */
static json_t *bootstrap(pc_enrich *e, const char *file, bool *failed) {
    pc_lk_req r = {"rdap-bootstrap", file, pc_sprintf(e->ctx->arena, "%s%s", bootstrap_base(e), file),
                   NULL, 0, NULL, MAX_BOOT, BOOT_TTL};
    pc_lk *lk = pc_fetch_get(e->f, &r);
    json_t *j = pc_fetch_json(lk);
    *failed = lk->state != PC_LK_PENDING && !j;
    return j;
}

/* How well an entry of a bootstrap service matches the key: a TLD suffix of the domain, or
 * a network holding the IP; -1 when it does not. */
static int entry_match(const char *entry, const char *key, bool ip) {
    if (ip) return pc_ip_in_cidr(key, entry);
    size_t le = strlen(entry), lk = strlen(key);
    return le <= lk && !strcasecmp(key + lk - le, entry) && (le == lk || key[lk - le - 1] == '.')
               ? (int)le : -1;
}

/* The RDAP base URL (https, ending in '/') serving key; NULL when none does. */
static const char *server_for(pc_enrich *e, json_t *boot, const char *key, bool ip) {
    const char *best = NULL;
    int best_len = -1;
    size_t i, k;
    json_t *svc, *v;
    json_array_foreach(json_object_get(boot, "services"), i, svc) {
        int m = -1;
        json_array_foreach(json_array_get(svc, 0), k, v) {
            int l = json_is_string(v) ? entry_match(json_string_value(v), key, ip) : -1;
            if (l > m) m = l;
        }
        if (m <= best_len) continue;
        json_array_foreach(json_array_get(svc, 1), k, v) {
            const char *u = json_string_value(v);
            if (u && !strncasecmp(u, "https://", 8)) { best = u, best_len = m; break; }
        }
    }
    if (!best) return NULL;
    return best[strlen(best) - 1] == '/' ? best : pc_sprintf(e->ctx->arena, "%s/", best);
}

/* Why a domain or network has no RDAP service, in the report's language: "Registration
 * data is not available for .jp ...". */
static const char *unavailable(pc_enrich *e, const char *key, bool ip) {
    const char *tld = strrchr(key, '.');
    tld = tld ? tld + 1 : key;
    pc_evidence ev[] = {{"tld", tld}};
    const char *lang = e->ctx->cfg->lang, *id = ip ? "lookup.rdap_unavailable_ip"
        : !strcasecmp(tld, "jp") ? "lookup.rdap_unavailable_jp" : "lookup.rdap_unavailable";
    return pc_text(e->ctx->arena, id, lang, 0, ev, 1);
}

/* The registrar's answer when the registry's is thin (names no registrant): its
 * `related` link, followed once, over HTTPS only. NULL while pending (*done false) or
 * when there is none. */
static json_t *registrar(pc_enrich *e, const char *name, json_t *reg, bool *done) {
    *done = true;
    const char *url = reg && !pc_rdap_entity(reg, "registrant") ? pc_rdap_related(reg) : NULL;
    if (!url || strlen(url) > 2000) return NULL;
    const char *target = pc_sprintf(e->ctx->arena, "domain %s (registrar)", name);
    if (g_ascii_strncasecmp(url, "https://", 8)) {
        pc_fetch_note(e->f, "rdap", target, PC_LK_SKIPPED, "the registrar's RDAP link is not HTTPS");
        return NULL;
    }
    pc_lk_req r = {"rdap", target, url, NULL, 0, accept_rdap, MAX_ANSWER, DOMAIN_TTL};
    pc_lk *lk = pc_fetch_get(e->f, &r);
    *done = lk->state != PC_LK_PENDING;
    return lk->status == 404 ? NULL : pc_fetch_json(lk);
}

/* The RDAP object for a domain ("domain", name) or an IP ("ip", address). NULL while
 * pending or when it cannot be had (*done then tells which). */
static json_t *rdap(pc_enrich *e, const char *kind, const char *key, bool *done) {
    bool ip = !strcmp(kind, "ip"), failed;
    const char *file = ip ? (strchr(key, ':') ? "ipv6.json" : "ipv4.json") : "dns.json";
    json_t *boot = bootstrap(e, file, &failed);
    *done = failed;
    if (!boot) return NULL;
    const char *target = pc_sprintf(e->ctx->arena, "%s %s", kind, key);
    const char *base = server_for(e, boot, key, ip);
    if (!base) {
        pc_fetch_note(e->f, "rdap", target, PC_LK_SKIPPED, unavailable(e, key, ip));
        *done = true;
        return NULL;
    }
    pc_lk_req r = {"rdap", target, pc_sprintf(e->ctx->arena, "%s%s/%s", base, kind, key), NULL, 0,
                   accept_rdap, MAX_ANSWER, ip ? IP_TTL : DOMAIN_TTL};
    pc_lk *lk = pc_fetch_get(e->f, &r);
    *done = lk->state != PC_LK_PENDING;
    return lk->status == 404 ? NULL : pc_fetch_json(lk);
}

/* ---- flags ---- */

/* Evidence outlives the answers: a copy in the message's arena ("?" for none). */
static const char *keep(pc_enrich *e, const char *s) { return pc_strdup(e->ctx->arena, s ? s : "?"); }

static int days(GDateTime *from, gint64 to) {
    return (int)((to - g_date_time_to_unix(from)) / 86400);
}

/* Age flags: how old the domain was when the mail arrived (registered after that: the
 * registration seen is a later one, says nothing); the age today goes in the evidence. */
static void age_flags(pc_enrich *e, const char *when, const char *name, const char *registrar, bool sender) {
    GDateTime *t = when ? g_date_time_new_from_iso8601(when, NULL) : NULL;
    if (!t) return;
    int age = days(t, e->arrival), now = days(t, g_get_real_time() / G_USEC_PER_SEC);
    g_date_time_unref(t);
    if (age < 0 || age >= YOUNG_DAYS) return;
    bool fresh = age < NEW_DAYS;
    const char *id = sender ? (fresh ? "online.sender_domain_new" : "online.sender_domain_young")
                            : (fresh ? "online.link_domain_new" : "online.link_domain_young");
    GDateTime *a = g_date_time_new_from_unix_utc(e->arrival);
    char *arrived = g_date_time_format(a, "%Y-%m-%d");
    pc_arena *ar = e->ctx->arena;
    pc_flag_id(e->ctx, id,
            "domain", name, "registered", pc_strndup(ar, when, 10), "age_days", pc_sprintf(ar, "%d", age),
            "arrived", pc_strdup(ar, arrived), "age_days_now", pc_sprintf(ar, "%d", now),
            "registrar", registrar, NULL);
    g_free(arrived);
    g_date_time_unref(a);
}

/* reg: the registry's answer; full: the registrar's (thin registries) or NULL. */
static void domain_flags(pc_enrich *e, json_t *reg, json_t *full, const char *name, bool sender) {
    const char *rar = pc_rdap_entity_name(reg, "registrar");
    const char *registrar = keep(e, rar ? rar : pc_rdap_entity_name(full, "registrar"));
    const char *when = pc_rdap_registered(reg);
    age_flags(e, when ? when : pc_rdap_registered(full), name, registrar, sender);
    const char *who;
    if (pc_rdap_registrant(full ? full : reg, &who) == PC_REGISTRANT_PROXY)
        pc_flag_id(e->ctx, "online.privacy_registrant", "domain", name, "registrant",
                keep(e, who), "registrar", registrar, NULL);
}

static void ip_flags(pc_enrich *e, json_t *net) {
    const char *owner = pc_rdap_holder(net), *name = json_string_value(json_object_get(net, "name"));
    const char *country = pc_rdap_country(net), *lang = e->ctx->cfg->lang;
    const char *cname = country ? pc_country_name(country, lang) : NULL;
    pc_flag_id(e->ctx, "online.origin_network", "ip", e->ip, "owner",
            keep(e, owner), "network", keep(e, name), "country", keep(e, country),
            "country_name", cname ? cname : pc_text(e->ctx->arena, "lookup.country_unknown", lang, 0, NULL, 0),
            NULL);
}

/* ---- the service ---- */

/* The registrable domains to look up: the sender's (From, envelope), then the links'. */
static pc_vec domains(pc_enrich *e, size_t *n_sender) {
    pc_vec v = {0};
    const pc_message *m = e->ctx->msg;
    const char *env = e->env_domain ? pc_reg_domain(e->ctx->arena, e->env_domain) : NULL;
    const char *cand[] = {m->from ? m->from->reg : NULL, env};
    for (int i = 0; i < 2; i++)
        if (cand[i] && (!v.n || strcmp(v.v[0], cand[i]))) pc_vec_push(e->ctx->arena, &v, (void *)cand[i]);
    *n_sender = v.n;
    for (size_t i = 0; i < e->link_domains.n; i++) pc_vec_push(e->ctx->arena, &v, e->link_domains.v[i]);
    return v;
}

bool pc_online_rdap(pc_enrich *e, bool final) {
    size_t n_sender;
    pc_vec names = domains(e, &n_sender);
    size_t n = names.n;
    json_t *objs[2 + PC_MAX_LINK_DOMAINS + 1] = {0}, *full[2 + PC_MAX_LINK_DOMAINS + 1] = {0};
    bool all = true, done;
    for (size_t i = 0; i < n; i++) {
        objs[i] = rdap(e, "domain", names.v[i], &done);
        all &= done;
        full[i] = registrar(e, names.v[i], objs[i], &done);
        all &= done;
    }
    json_t *net = e->ip ? rdap(e, "ip", e->ip, &done) : NULL;
    all &= !e->ip || done;
    if (!all && !final) return false;
    for (size_t i = 0; i < n; i++)
        if (objs[i]) domain_flags(e, objs[i], full[i], names.v[i], i < n_sender);
    if (net) ip_flags(e, net);
    return true;
}
