/* context.c — the sender's context from a request or from a file of known addresses.
 * See context.h. Files are read whole (at most 64 MiB), parsed in the arena. */
#include "context.h"
#include <glib.h>
#include <string.h>

#define MAX_FILE ((gsize)64 * 1024 * 1024)

typedef struct { pc_arena *a; pc_vec contacts; } builder;

/* Adds a contact; addresses are trimmed of spaces and <>, lowercased; empty ones dropped. */
static void add(builder *b, const char *name, const char **addrs, size_t n) {
    if (b->contacts.n >= PC_CONTEXT_MAX_CONTACTS) return;
    pc_contact *c = pc_alloc(b->a, sizeof *c);
    c->addrs = pc_alloc(b->a, (PC_CONTEXT_MAX_ADDRS + 1) * sizeof *c->addrs);
    size_t k = 0;
    for (size_t i = 0; i < n && k < PC_CONTEXT_MAX_ADDRS; i++) {
        if (!addrs[i]) continue;
        char *s = g_ascii_strdown(addrs[i], -1);
        g_strstrip(s);
        char *p = s + strspn(s, "<\"'");
        p[strcspn(p, ">\"' \t")] = 0;
        if (strchr(p, '@')) c->addrs[k++] = pc_strdup(b->a, p);
        g_free(s);
    }
    char *nm = name ? g_strstrip(g_strdup(name)) : NULL;
    c->name = nm && *nm ? pc_strdup(b->a, nm) : NULL;
    g_free(nm);
    if (k || c->name) pc_vec_push(b->a, &b->contacts, c);
}

static pc_context *finish(builder *b, bool complete) {
    pc_context *c = pc_alloc(b->a, sizeof *c);
    c->in_book = c->written_to = -1;
    c->earlier = -1;
    c->complete = complete;
    c->n = b->contacts.n;
    c->contacts = pc_alloc(b->a, (c->n + 1) * sizeof *c->contacts);
    for (size_t i = 0; i < c->n; i++) c->contacts[i] = *(pc_contact *)b->contacts.v[i];
    return c;
}

static int tri(json_t *v) { return json_is_boolean(v) ? json_is_true(v) : -1; }

pc_context *pc_context_from_json(pc_arena *a, json_t *j) {
    if (!json_is_object(j)) return NULL;
    builder b = {a, {0}};
    size_t i;
    json_t *ct;
    json_array_foreach(json_object_get(j, "contacts"), i, ct) {
        if (!json_is_object(ct)) continue;
        const char *addrs[PC_CONTEXT_MAX_ADDRS];
        size_t n = 0, k;
        json_t *e;
        json_array_foreach(json_object_get(ct, "emails"), k, e)
            if (json_is_string(e) && n < PC_CONTEXT_MAX_ADDRS) addrs[n++] = json_string_value(e);
        add(&b, json_string_value(json_object_get(ct, "name")), addrs, n);
    }
    pc_context *c = finish(&b, false);
    c->in_book = tri(json_object_get(j, "from_in_address_book"));
    c->written_to = tri(json_object_get(j, "from_written_to"));
    json_t *e = json_object_get(j, "from_earlier_messages");
    if (json_is_integer(e) && json_integer_value(e) >= 0) c->earlier = (long)json_integer_value(e);
    return c;
}

/* ---- files ---- */

/* "Name <addr>", "\"Last, First\" <addr>" or "addr". */
static void plain_line(builder *b, char *l) {
    g_strstrip(l);
    if (!*l || *l == '#') return;
    char *lt = strrchr(l, '<');
    if (lt && strchr(lt, '>')) {
        *lt = 0;
        char *name = g_strstrip(l);
        size_t n = strlen(name);
        if (n >= 2 && name[0] == '"' && name[n - 1] == '"') { name[n - 1] = 0; name++; }
        const char *addr = lt + 1;
        add(b, name, &addr, 1);
    } else if (strchr(l, '@') && !strchr(l, ' ')) {
        const char *addr = l;
        add(b, NULL, &addr, 1);
    }
}

/* One CSV record's fields (RFC 4180 quoting); *p moves past the record. */
static GPtrArray *csv_record(const char **p) {
    GPtrArray *f = g_ptr_array_new_with_free_func(g_free);
    GString *cur = g_string_new(NULL);
    const char *s = *p;
    bool quoted = false;
    for (; *s; s++) {
        if (quoted) {
            if (*s == '"' && s[1] == '"') { g_string_append_c(cur, '"'); s++; }
            else if (*s == '"') quoted = false;
            else g_string_append_c(cur, *s);
        } else if (*s == '"') quoted = true;
        else if (*s == ',' || *s == '\t') { g_ptr_array_add(f, g_string_free(cur, FALSE)); cur = g_string_new(NULL); }
        else if (*s == '\n') { s++; break; }
        else if (*s != '\r') g_string_append_c(cur, *s);
    }
    g_ptr_array_add(f, g_string_free(cur, FALSE));
    *p = s;
    return f;
}

static int column(GPtrArray *head, const char *const *names) {
    for (guint i = 0; i < head->len; i++)
        for (const char *const *n = names; *n; n++)
            if (!g_ascii_strcasecmp(g_strstrip((char *)head->pdata[i]), *n)) return (int)i;
    return -1;
}

static const char *field(GPtrArray *r, int i) {
    return i >= 0 && (guint)i < r->len ? r->pdata[i] : NULL;
}

static void csv(builder *b, const char *text) {
    const char *p = text;
    GPtrArray *head = csv_record(&p);
    static const char *const disp[] = {"Display Name", "Name", NULL},
                             *first[] = {"First Name", NULL}, *last[] = {"Last Name", NULL},
                             *mail1[] = {"Primary Email", "E-mail Address", "Email", NULL},
                             *mail2[] = {"Secondary Email", "E-mail 2 Address", NULL};
    int cd = column(head, disp), cf = column(head, first), cl = column(head, last),
        m1 = column(head, mail1), m2 = column(head, mail2);
    while (*p && m1 >= 0) {
        GPtrArray *r = csv_record(&p);
        const char *addrs[2] = {field(r, m1), field(r, m2)};
        const char *name = field(r, cd);
        char *joined = NULL;
        const char *fst = field(r, cf) ? field(r, cf) : "", *lst = field(r, cl) ? field(r, cl) : "";
        bool eastern = !g_str_is_ascii(fst) || !g_str_is_ascii(lst);   /* 田中 太郎: family first */
        if (!name || !*name) name = joined = g_strjoin(" ", eastern ? lst : fst, eastern ? fst : lst, NULL);
        add(b, name, addrs, 2);
        g_free(joined);
        g_ptr_array_free(r, TRUE);
    }
    g_ptr_array_free(head, TRUE);
}

/* Undoes vCard value escapes in place: "\\," "\\;" "\\\\" "\\n". */
static char *unescape(char *v) {
    char *o = v;
    for (char *p = v; *p; p++) {
        if (*p == '\\' && p[1]) { p++; *o++ = *p == 'n' || *p == 'N' ? ' ' : *p; }
        else *o++ = *p;
    }
    *o = 0;
    return v;
}

/* vCard 3/4: FN (or N "Last;First;..."), EMAIL[;params]; folded lines already joined. */
static void vcard(builder *b, char **lines) {
    char *fn = NULL, *n = NULL;
    const char *addrs[PC_CONTEXT_MAX_ADDRS];
    size_t na = 0;
    for (char **l = lines; *l; l++) {
        char *line = g_strstrip(*l), *colon = strchr(line, ':');
        if (!colon) continue;
        *colon = 0;
        char *key = strchr(line, '.') ? strchr(line, '.') + 1 : line;   /* item1.EMAIL */
        size_t kl = strcspn(key, ";");
        if (!g_ascii_strncasecmp(key, "BEGIN", kl) && kl == 5) { fn = n = NULL; na = 0; }
        else if (kl == 2 && !g_ascii_strncasecmp(key, "FN", 2)) fn = colon + 1;
        else if (kl == 1 && (*key == 'N' || *key == 'n')) n = colon + 1;
        else if (kl == 5 && !g_ascii_strncasecmp(key, "EMAIL", 5) && na < PC_CONTEXT_MAX_ADDRS)
            addrs[na++] = colon + 1;
        else if (kl == 3 && !g_ascii_strncasecmp(key, "END", 3)) {
            char *name = fn && *fn ? g_strdup(unescape(fn)) : NULL;
            if (!name && n) {                 /* "Last;First;Middle;..." → "Last First" */
                char **parts = g_strsplit(n, ";", 3);
                name = g_strjoin(" ", parts[0] ? parts[0] : "", parts[0] && parts[1] ? parts[1] : "", NULL);
                g_strfreev(parts);
            }
            add(b, name, addrs, na);
            g_free(name);
            fn = n = NULL;
            na = 0;
        }
    }
}

/* Joins vCard folded lines (a line starting with a space or tab continues the previous). */
static char **unfold_lines(const char *text) {
    GString *s = g_string_new(NULL);
    for (const char *p = text; *p; p++) {
        if ((*p == '\r' && p[1] == '\n' && (p[2] == ' ' || p[2] == '\t'))) { p += 2; continue; }
        if (*p == '\n' && (p[1] == ' ' || p[1] == '\t')) { p++; continue; }
        if (*p != '\r') g_string_append_c(s, *p);
    }
    char **lines = g_strsplit(s->str, "\n", -1);
    g_string_free(s, TRUE);
    return lines;
}

pc_context *pc_context_load(pc_arena *a, const char *path, const char **err) {
    gchar *text = NULL;
    gsize len = 0;
    GError *ge = NULL;
    if (!g_file_get_contents(path, &text, &len, &ge)) {
        *err = pc_strdup(a, ge->message);
        g_error_free(ge);
        return NULL;
    }
    if (len > MAX_FILE || !g_utf8_validate(text, (gssize)len, NULL)) {
        *err = len > MAX_FILE ? "file larger than 64 MiB" : "file is not UTF-8 text";
        g_free(text);
        return NULL;
    }
    builder b = {a, {0}};
    const char *body = text + (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0);
    char *first_line = g_strndup(body, strcspn(body, "\r\n"));
    char **lines = unfold_lines(body);
    if (g_str_has_prefix(g_strstrip(first_line), "BEGIN:VCARD")) vcard(&b, lines);
    else if (strstr(first_line, "Primary Email") || strstr(first_line, "E-mail Address") ||
             (strchr(first_line, ',') && strstr(first_line, "Email"))) csv(&b, body);
    else for (char **l = lines; *l; l++) plain_line(&b, *l);
    g_strfreev(lines);
    g_free(first_line);
    g_free(text);
    return finish(&b, true);
}

bool pc_context_has_addr(const pc_context *c, const char *addr) {
    for (size_t i = 0; c && addr && i < c->n; i++)
        for (const char **p = c->contacts[i].addrs; *p; p++)
            if (!g_ascii_strcasecmp(*p, addr)) return true;
    return false;
}
