/* report_display.c — the parts of the report that only serve display (docs/protocol.md,
 * "display" and "links"): the labels of the evidence keys and the texts of enumerated
 * evidence values in the report's language, Unicode forms of IDN hosts, and where each
 * link of the message really goes (registrable domain, Unicode and punycode), which the
 * extension's link guard shows when a link is clicked. */
#include "report_display.h"
#include <string.h>
#include "catalog.h"
#include "checklib/linkutil.h"

#define PC_MAX_LINK_HOSTS 200

/* {"labels": {key: label}, "values": {"key=value": text}} for the evidence shown. */
json_t *pc_report_display(pc_arena *a, pc_finding *const *flags, size_t n, const char *lang) {
    json_t *labels = json_object(), *values = json_object();
    for (size_t i = 0; i < n; i++) {
        for (int k = 0; k < flags[i]->n_ev; k++) {
            const pc_evidence *e = &flags[i]->ev[k];
            const char *label = pc_label_text(e->key, lang);
            if (label && !json_object_get(labels, e->key))
                json_object_set_new(labels, e->key, json_string(label));
            const char *shown = pc_value_text(a, e->key, e->value, lang);
            if (shown != e->value && strcmp(shown, e->value))
                json_object_set_new(values, pc_sprintf(a, "%s=%s", e->key, e->value),
                                    json_string(shown));
        }
    }
    return json_pack("{s:o, s:o}", "labels", labels, "values", values);
}

static void add_host(pc_arena *a, json_t *list, json_t *seen, const pc_url *u) {
    if (!u || !u->host || json_object_get(seen, u->host) ||
        json_object_size(seen) >= PC_MAX_LINK_HOSTS)
        return;
    json_object_set_new(seen, u->host, json_true());
    const char *domain = u->reg ? u->reg : u->host;
    json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:b}", "host", u->host,
        "unicode", u->host_u ? u->host_u : u->host, "domain", domain,
        "domain_unicode", pc_host_unicode(a, domain), "ip", u->is_ip));
}

/* One entry per distinct host a reader can follow (links, image maps, forms). */
json_t *pc_report_links(const pc_message *m) {
    json_t *list = json_array(), *seen = json_object();
    for (size_t i = 0; i < m->links.n; i++) {
        const pc_link *l = m->links.v[i];
        if (pc_link_clickable(l)) add_host(m->arena, list, seen, l->url);
    }
    for (size_t i = 0; i < m->forms.n; i++) add_host(m->arena, list, seen, ((pc_form *)m->forms.v[i])->url);
    json_decref(seen);
    return list;
}
