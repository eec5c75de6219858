/* dump.c — see dump.h. Mirrors model.h field by field. */
#include "parse/dump.h"

static json_t *s(const char *v) { return v ? json_string(v) : json_null(); }

static json_t *addr(const pc_addr *a) {
    if (!a) return json_null();
    return json_pack("{s:o, s:o, s:o, s:o, s:o}", "display", s(a->display), "addr", s(a->addr),
                     "domain", s(a->domain), "domain_u", s(a->domain_u), "reg", s(a->reg));
}

static json_t *url(const pc_url *u) {
    if (!u) return json_null();
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:b}", "scheme", s(u->scheme),
                     "host", s(u->host), "host_u", s(u->host_u), "reg", s(u->reg), "user",
                     s(u->user), "path", s(u->path), "query", s(u->query), "is_ip", u->is_ip,
                     "is_idn", u->is_idn);
}

static json_t *strs(const pc_vec *v) {
    json_t *a = json_array();
    for (size_t i = 0; i < v->n; i++) json_array_append_new(a, s(v->v[i]));
    return a;
}

static json_t *hops(const pc_message *m) {
    json_t *a = json_array();
    for (size_t i = 0; i < m->hops.n; i++) {
        const pc_hop *h = m->hops.v[i];
        json_array_append_new(a, json_pack("{s:o, s:o, s:o, s:o, s:o, s:b}", "helo", s(h->helo),
                              "rdns", s(h->rdns), "ip", s(h->ip), "by", s(h->by), "with",
                              s(h->with), "ip_private", h->ip_private));
    }
    return a;
}

static json_t *authres(const pc_message *m) {
    json_t *a = json_array();
    for (size_t i = 0; i < m->authres.n; i++) {
        const pc_authres *r = m->authres.v[i];
        json_array_append_new(a, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "authserv_id",
                              s(r->authserv_id), "spf", s(r->spf), "spf_domain", s(r->spf_domain),
                              "dkim", s(r->dkim), "dkim_domain", s(r->dkim_domain), "dmarc",
                              s(r->dmarc), "dmarc_from", s(r->dmarc_from)));
    }
    return a;
}

static const char *const srcs[] = {"a", "area", "text", "form", "img", "refresh"};

static json_t *links(const pc_message *m) {
    json_t *a = json_array();
    for (size_t i = 0; i < m->links.n; i++) {
        const pc_link *l = m->links.v[i];
        json_array_append_new(a, json_pack("{s:o, s:o, s:s, s:b, s:b, s:o}", "href", s(l->href),
                              "text", s(l->text), "src", srcs[l->src], "has_img", l->has_img,
                              "nested", l->nested, "url", url(l->url)));
    }
    return a;
}

static json_t *forms(const pc_message *m) {
    json_t *a = json_array();
    for (size_t i = 0; i < m->forms.n; i++) {
        const pc_form *f = m->forms.v[i];
        json_array_append_new(a, json_pack("{s:o, s:i, s:i, s:o}", "action", s(f->action),
                              "inputs", f->n_inputs, "passwords", f->n_password, "url", url(f->url)));
    }
    return a;
}

static json_t *attachments(const pc_message *m) {
    json_t *a = json_array();
    for (size_t i = 0; i < m->attachments.n; i++) {
        const pc_attachment *t = m->attachments.v[i];
        json_array_append_new(a, json_pack("{s:o, s:o, s:o, s:I, s:b, s:b, s:b, s:o}", "filename",
                              s(t->filename), "declared_type", s(t->declared_type), "sniffed_type",
                              s(t->sniffed_type), "size", (json_int_t)t->size, "inline", t->is_inline,
                              "html_has_form", t->html_has_form, "html_has_script",
                              t->html_has_script, "inner_names", strs(&t->inner_names)));
    }
    return a;
}

json_t *pc_model_json(const pc_message *m) {
    json_t *j = json_pack("{s:o, s:i, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "from", addr(m->from),
                          "n_from", m->n_from, "sender", addr(m->sender), "reply_to",
                          addr(m->reply_to), "return_path", addr(m->return_path), "subject",
                          s(m->subject), "list_id", s(m->list_id), "top_type", s(m->top_type),
                          "dkim_domains", strs(&m->dkim_domains));
    json_t *to = json_array();
    for (size_t i = 0; i < m->to.n; i++) json_array_append_new(to, addr(m->to.v[i]));
    json_object_set_new(j, "to", to);
    json_object_set_new(j, "hops", hops(m));
    json_object_set_new(j, "authres", authres(m));
    json_object_set_new(j, "received_spf", strs(&m->received_spf));
    json_object_set_new(j, "upstream", json_pack("{s:i, s:o, s:f, s:o, s:i}", "spam_flag",
                        m->spam_flag, "spam_score", m->has_spam_score ? json_real(m->spam_score)
                        : json_null(), "spam_required", m->spam_required, "spam_score_header",
                        s(m->spam_score_header), "scl", m->scl));
    json_object_set_new(j, "text", s(m->text));
    json_object_set_new(j, "hidden", json_pack("{s:I, s:I, s:o}", "chars", (json_int_t)m->hidden_chars,
                                               "letters", (json_int_t)m->hidden_letters,
                                               "sample", s(m->hidden_sample)));
    json_object_set_new(j, "links", links(m));
    json_object_set_new(j, "forms", forms(m));
    json_object_set_new(j, "attachments", attachments(m));
    json_object_set_new(j, "parts", json_pack("{s:i, s:i, s:b, s:b, s:b, s:b, s:b, s:o}", "n",
                        m->n_parts, "max_depth", m->max_depth, "html", m->has_html, "plain",
                        m->has_plain, "calendar", m->is_calendar, "report", m->is_report,
                        "truncated", m->truncated, "errors", strs(&m->errors)));
    return j;
}
