/* rdap.c — RDAP, the structured WHOIS: when were the sender's and the links' domains
 * registered (a domain a few days old is a strong sign), by which registrar, behind which
 * privacy proxy (native-host/data/privacy-proxies.tsv); who owns the network of the IP
 * the mail came from, in which country. RDAP servers come from IANA's bootstrap files
 * (dns.json, ipv4.json, ipv6.json), cached for a week. */
#include <glib.h>
#include <string.h>
#include <strings.h>
#include "data.h"
#include "online/enrich.h"
#include "online/ipnet.h"

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
        pc_fetch_note(e->f, "rdap", target, PC_LK_SKIPPED, "no RDAP service in IANA's bootstrap");
        *done = true;
        return NULL;
    }
    pc_lk_req r = {"rdap", target, pc_sprintf(e->ctx->arena, "%s%s/%s", base, kind, key), NULL, 0,
                   accept_rdap, MAX_ANSWER, ip ? IP_TTL : DOMAIN_TTL};
    pc_lk *lk = pc_fetch_get(e->f, &r);
    *done = lk->state != PC_LK_PENDING;
    return lk->status == 404 ? NULL : pc_fetch_json(lk);
}

/* ---- reading RDAP objects (RFC 9083) ---- */

static bool has_role(json_t *ent, const char *role) {
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(ent, "roles"), i, r)
        if (json_is_string(r) && !strcmp(json_string_value(r), role)) return true;
    return false;
}

/* A vCard property ("fn", "org") of an entity's jCard. */
static const char *vcard(json_t *ent, const char *prop) {
    size_t i;
    json_t *p;
    json_array_foreach(json_array_get(json_object_get(ent, "vcardArray"), 1), i, p)
        if (!g_strcmp0(json_string_value(json_array_get(p, 0)), prop)) {
            const char *v = json_string_value(json_array_get(p, 3));
            if (v && *v) return v;
        }
    return NULL;
}

/* Name (fn, else org) of the first entity with role, looking one level down too. */
static const char *entity_name(json_t *obj, const char *role, int depth) {
    size_t i;
    json_t *ent;
    json_array_foreach(json_object_get(obj, "entities"), i, ent) {
        const char *n = has_role(ent, role) ? vcard(ent, "fn") : NULL;
        if (!n && has_role(ent, role)) n = vcard(ent, "org");
        if (!n && depth < 1) n = entity_name(ent, role, depth + 1);
        if (n) return n;
    }
    return NULL;
}

/* Days since registration; -1 if unknown. *date gets "YYYY-MM-DD". */
static int age_days(pc_enrich *e, json_t *dom, const char **date) {
    size_t i;
    json_t *ev;
    json_array_foreach(json_object_get(dom, "events"), i, ev) {
        if (g_strcmp0(json_string_value(json_object_get(ev, "eventAction")), "registration")) continue;
        GDateTime *t = g_date_time_new_from_iso8601(json_string_value(json_object_get(ev, "eventDate")), NULL);
        if (!t) return -1;
        GDateTime *now = g_date_time_new_now_utc();
        int days = (int)(g_date_time_difference(now, t) / G_TIME_SPAN_DAY);
        *date = pc_strndup(e->ctx->arena, json_string_value(json_object_get(ev, "eventDate")), 10);
        g_date_time_unref(now);
        g_date_time_unref(t);
        return days < 0 ? 0 : days;
    }
    return -1;
}

static bool privacy_proxy(const char *name) {
    const pc_table *t = pc_data_table("privacy-proxies.tsv");
    for (size_t i = 0; name && i < t->n; i++)
        if (strcasestr(name, t->rows[i].f[0])) return true;
    return false;
}

/* The registrant's name or organisation when it is a privacy proxy; NULL otherwise. */
static const char *registrant_proxy(json_t *dom) {
    size_t i;
    json_t *ent;
    json_array_foreach(json_object_get(dom, "entities"), i, ent) {
        if (!has_role(ent, "registrant")) continue;
        const char *props[] = {vcard(ent, "org"), vcard(ent, "fn")};
        for (int k = 0; k < 2; k++) if (privacy_proxy(props[k])) return props[k];
    }
    return NULL;
}

/* ---- flags ---- */

/* Evidence outlives the answers: a copy in the message's arena ("?" for none). */
static const char *keep(pc_enrich *e, const char *s) { return pc_strdup(e->ctx->arena, s ? s : "?"); }

static void domain_flags(pc_enrich *e, json_t *dom, const char *name, bool sender) {
    const char *date = NULL, *registrar = keep(e, entity_name(dom, "registrar", 0));
    int age = age_days(e, dom, &date);
    if (age >= 0 && age < YOUNG_DAYS) {
        bool fresh = age < NEW_DAYS;
        const char *id = sender ? (fresh ? "online.sender_domain_new" : "online.sender_domain_young")
                                : (fresh ? "online.link_domain_new" : "online.link_domain_young");
        pc_flag(e->ctx, id, fresh ? PC_SEV_HIGH : PC_SEV_MEDIUM, fresh ? (sender ? 30 : 25) : 10,
                "domain", name, "registered", date, "age_days", pc_sprintf(e->ctx->arena, "%d", age),
                "registrar", registrar, NULL);
    }
    const char *reg = registrant_proxy(dom);
    if (reg)
        pc_flag(e->ctx, "online.privacy_registrant", PC_SEV_LOW, 5, "domain", name, "registrant",
                keep(e, reg), "registrar", registrar, NULL);
}

static void ip_flags(pc_enrich *e, json_t *net) {
    const char *owner = entity_name(net, "registrant", 0);
    const char *name = json_string_value(json_object_get(net, "name"));
    const char *country = json_string_value(json_object_get(net, "country"));
    pc_flag(e->ctx, "online.origin_network", PC_SEV_INFO, 0, "ip", e->ip, "owner",
            keep(e, owner ? owner : name), "network", keep(e, name), "country", keep(e, country), NULL);
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
    json_t *objs[2 + PC_MAX_LINK_DOMAINS + 1] = {0};
    bool all = true, done;
    for (size_t i = 0; i < n; i++) {
        objs[i] = rdap(e, "domain", names.v[i], &done);
        all &= done;
    }
    json_t *net = e->ip ? rdap(e, "ip", e->ip, &done) : NULL;
    all &= !e->ip || done;
    if (!all && !final) return false;
    for (size_t i = 0; i < n; i++)
        if (objs[i]) domain_flags(e, objs[i], names.v[i], i < n_sender);
    if (net) ip_flags(e, net);
    return true;
}
