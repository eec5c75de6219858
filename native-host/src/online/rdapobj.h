/* rdapobj.h — reading RDAP answers (RFC 9083 objects, their jCard entities, RFC 7095) the
 * way registries, registrars and the five RIRs really write them: Verisign's thin .com
 * answer that only links to the registrar's; registrants replaced by "REDACTED FOR
 * PRIVACY" or listed in `redacted` (RFC 9537, GDPR) versus privacy proxies; the country
 * of a network at the top level (RIPE, APNIC, LACNIC, AFRINIC) or only in an entity's
 * vCard address (ARIN: the label's last line, or a "cc" parameter). */
#ifndef PC_ONLINE_RDAPOBJ_H
#define PC_ONLINE_RDAPOBJ_H
#include <jansson.h>
#include <stdbool.h>

typedef enum {
    PC_REGISTRANT_NONE,      /* no registrant named (thin answer, or no entity) */
    PC_REGISTRANT_NAMED,     /* a name or organisation is published */
    PC_REGISTRANT_REDACTED,  /* withheld under data protection law: says nothing */
    PC_REGISTRANT_PROXY      /* a privacy / proxy service stands in for the owner */
} pc_registrant;

/* The first entity of obj with role (looking one level down too); NULL if none. */
json_t *pc_rdap_entity(json_t *obj, const char *role);
/* Name (vCard fn, else org) of the first entity with role; NULL if none. */
const char *pc_rdap_entity_name(json_t *obj, const char *role);
/* The eventDate of the `registration` event; NULL if none. */
const char *pc_rdap_registered(json_t *obj);
/* The href of the first link rel="related" of type application/rdap+json (the
 * registrar's answer, in a thin registry's answer); NULL if none. Any scheme. */
const char *pc_rdap_related(json_t *obj);
/* What the answer says of the registrant; *who gets the proxy's or the published name. */
pc_registrant pc_rdap_registrant(json_t *obj, const char **who);
/* Who holds a network: its registrant's name, else the first line of its description
 * (RIPE and APNIC name the organisation only by handle), else the network's name. */
const char *pc_rdap_holder(json_t *net);
/* The ISO 3166 code of a network's country; NULL if the answer does not say. */
const char *pc_rdap_country(json_t *net);

#endif
