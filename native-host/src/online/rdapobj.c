/* rdapobj.c — see rdapobj.h. Privacy proxies are listed in data/privacy-proxies.tsv, the
 * words registrars put in place of a withheld registrant in data/redacted-registrant.tsv. */
#include "online/rdapobj.h"
#include <glib.h>
#include <string.h>
#include <strings.h>
#include "data.h"
#include "online/country.h"

static bool has_role(json_t *ent, const char *role) {
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(ent, "roles"), i, r)
        if (json_is_string(r) && !strcasecmp(json_string_value(r), role)) return true;
    return false;
}

/* The jCard properties of an entity: [["fn", {}, "text", "Name"], ...]. */
static json_t *props(json_t *ent) { return json_array_get(json_object_get(ent, "vcardArray"), 1); }

/* A text property ("fn", "org") of an entity: the first non-empty one. */
static const char *vcard(json_t *ent, const char *prop) {
    size_t i;
    json_t *p;
    json_array_foreach(props(ent), i, p) {
        if (g_strcmp0(json_string_value(json_array_get(p, 0)), prop)) continue;
        json_t *v = json_array_get(p, 3);
        const char *s = json_is_array(v) ? json_string_value(json_array_get(v, 0)) : json_string_value(v);
        if (s && *s) return s;
    }
    return NULL;
}

static json_t *entity_at(json_t *obj, const char *role, int depth) {
    size_t i;
    json_t *ent, *found = NULL;
    json_array_foreach(json_object_get(obj, "entities"), i, ent)
        if (has_role(ent, role)) return ent;
    json_array_foreach(json_object_get(obj, "entities"), i, ent)
        if (depth < 1 && (found = entity_at(ent, role, depth + 1))) return found;
    return NULL;
}

json_t *pc_rdap_entity(json_t *obj, const char *role) { return entity_at(obj, role, 0); }

const char *pc_rdap_entity_name(json_t *obj, const char *role) {
    json_t *ent = pc_rdap_entity(obj, role);
    const char *n = vcard(ent, "fn");
    return n ? n : vcard(ent, "org");
}

const char *pc_rdap_registered(json_t *obj) {
    size_t i;
    json_t *ev;
    json_array_foreach(json_object_get(obj, "events"), i, ev)
        if (!g_strcmp0(json_string_value(json_object_get(ev, "eventAction")), "registration"))
            return json_string_value(json_object_get(ev, "eventDate"));
    return NULL;
}

const char *pc_rdap_related(json_t *obj) {
    size_t i;
    json_t *l;
    json_array_foreach(json_object_get(obj, "links"), i, l) {
        const char *type = json_string_value(json_object_get(l, "type"));
        if (!g_strcmp0(json_string_value(json_object_get(l, "rel")), "related") && type &&
            !g_ascii_strncasecmp(type, "application/rdap+json", 21))
            return json_string_value(json_object_get(l, "href"));
    }
    return NULL;
}

/* ---- registrant ---- */

/* Does name contain one of the phrases of a data list (case-insensitive)? */
static bool listed(const char *name, const char *file) {
    const pc_table *t = pc_data_table(file);
    for (size_t i = 0; name && i < t->n; i++)
        if (strcasestr(name, t->rows[i].f[0])) return true;
    return false;
}

/* RFC 9537: a `redacted` member naming a registrant field ("Registrant Name" ...). */
static bool redacted_member(json_t *obj) {
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(obj, "redacted"), i, r) {
        const char *type = json_string_value(json_object_get(json_object_get(r, "name"), "type"));
        const char *desc = json_string_value(json_object_get(json_object_get(r, "name"), "description"));
        if ((type && strcasestr(type, "registrant")) || (desc && strcasestr(desc, "registrant")))
            return true;
    }
    return false;
}

pc_registrant pc_rdap_registrant(json_t *obj, const char **who) {
    json_t *ent = pc_rdap_entity(obj, "registrant");
    const char *names[] = {vcard(ent, "org"), vcard(ent, "fn")};
    bool redacted = redacted_member(obj), named = false;
    *who = NULL;
    for (int k = 0; k < 2; k++) {
        if (!names[k]) continue;
        if (listed(names[k], "redacted-registrant.tsv")) { redacted = true; continue; }
        if (listed(names[k], "privacy-proxies.tsv")) { *who = names[k]; return PC_REGISTRANT_PROXY; }
        if (!named) *who = names[k];
        named = true;
    }
    return named ? PC_REGISTRANT_NAMED : redacted ? PC_REGISTRANT_REDACTED
           : ent ? PC_REGISTRANT_NAMED : PC_REGISTRANT_NONE;
}

/* ---- networks ---- */

const char *pc_rdap_holder(json_t *net) {
    const char *n = pc_rdap_entity_name(net, "registrant");
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(net, "remarks"), i, r)
        if (!n && !g_strcmp0(json_string_value(json_object_get(r, "title")), "description"))
            n = json_string_value(json_array_get(json_object_get(r, "description"), 0));
    return n && *n ? n : json_string_value(json_object_get(net, "name"));
}

/* The last non-empty line of an address label: ARIN ends it with the country's name. */
static const char *last_line(const char *label) {
    char **lines = g_strsplit(label, "\n", -1);
    const char *found = NULL;                /* a row of countries.tsv: outlives lines */
    for (int i = (int)g_strv_length(lines) - 1; i >= 0 && !found; i--)
        if (*g_strstrip(lines[i])) found = pc_country_code(lines[i]);
    g_strfreev(lines);
    return found;
}

/* The country of an entity's vCard address: the "cc" parameter (RFC 8605), the
 * structured country-name field, else the label's last line. */
static const char *adr_country(json_t *ent) {
    size_t i;
    json_t *p;
    json_array_foreach(props(ent), i, p) {
        if (g_strcmp0(json_string_value(json_array_get(p, 0)), "adr")) continue;
        json_t *params = json_array_get(p, 1), *v = json_array_get(p, 3);
        const char *c = pc_country_code(json_string_value(json_object_get(params, "cc")));
        if (!c && json_is_array(v)) c = pc_country_code(json_string_value(json_array_get(v, 6)));
        const char *label = json_string_value(json_object_get(params, "label"));
        if (!c && label) c = last_line(label);
        if (c) return c;
    }
    return NULL;
}

const char *pc_rdap_country(json_t *net) {
    const char *c = pc_country_code(json_string_value(json_object_get(net, "country")));
    static const char *const roles[] = {"registrant", "administrative"};
    for (int i = 0; !c && i < 2; i++) c = adr_country(pc_rdap_entity(net, roles[i]));
    return c;
}
