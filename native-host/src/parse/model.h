/* model.h — the one message model. parse/message.c builds it from raw bytes; every check
 * reads it (and nothing else of the message). All strings are UTF-8, owned by the arena. */
#ifndef PC_MODEL_H
#define PC_MODEL_H
#include <stdbool.h>
#include <stddef.h>
#include "util/arena.h"
#include "parse/url.h"

typedef struct { char *name; char *value; } pc_header;   /* value: unfolded, RFC 2047 decoded */

typedef struct {
    char *display;   /* display name, decoded; NULL if none */
    char *addr;      /* local@domain (domain lowercased) */
    char *local;
    char *domain;    /* lowercase ASCII (punycode for IDN) */
    char *domain_u;  /* Unicode form of domain */
    char *reg;       /* registrable domain (libpsl); NULL when there is none */
} pc_addr;

/* One Received header; hops[0] is the topmost (added last, by the user's own server). */
typedef struct {
    char *helo;      /* name the sender announced ("from X") */
    char *rdns;      /* reverse-DNS name the receiver recorded, if any */
    char *ip;        /* sending IP as text, if any */
    char *by;        /* receiving host */
    char *with;      /* protocol (ESMTP, SMTP, HTTP ...) */
    char *date;      /* text after the last ';' */
    char *raw;       /* the unfolded header value */
    bool ip_private; /* loopback, RFC 1918, link-local, CGNAT, ULA */
} pc_hop;

/* One Authentication-Results header (RFC 8601); results lowercased, NULL when absent. */
typedef struct {
    char *authserv_id;
    char *spf, *dkim, *dmarc;
    char *spf_domain;    /* smtp.mailfrom (domain part) */
    char *dkim_domain;   /* header.d, or the domain of header.i */
    char *dmarc_from;    /* header.from */
    char *phishcheck;    /* x-phishcheck= of a phishcheck gateway (docs/gateway.md): its verdict */
    char *phishcheck_score, *phishcheck_flags;   /* policy.score, policy.flags */
    char *raw;
} pc_authres;

typedef enum { PC_LINK_A, PC_LINK_AREA, PC_LINK_TEXT, PC_LINK_FORM, PC_LINK_IMG,
               PC_LINK_REFRESH } pc_link_src;

typedef struct {
    char *href;          /* as written (entities decoded, trimmed) */
    pc_url *url;         /* parsed; NULL when it is no absolute http(s)/other URL */
    char *text;          /* visible text of the link, whitespace collapsed ("" if none) */
    char *title;         /* title attribute, if any */
    pc_link_src src;
    bool has_img;        /* the link wraps an image (a picture button) */
    bool nested;         /* inside an attached message/rfc822 */
    int index;           /* order of appearance in the message */
} pc_link;

typedef struct {
    char *action;        /* as written; NULL/"" when the form posts to itself */
    pc_url *url;
    int n_inputs, n_password, n_hidden;
    int n_buttons;       /* inputs of type submit, button, image, reset: nothing to type */
    bool nested;
} pc_form;

typedef struct {
    char *filename;        /* decoded (RFC 2231/2047); NULL if none */
    char *declared_type;   /* "type/subtype" lowercased */
    char *sniffed_type;    /* from the content's magic bytes; NULL if unknown */
    size_t size;           /* decoded size */
    int depth;
    bool is_inline;
    bool nested;
    bool html_has_form, html_has_script; /* HTML/SVG attachments */
    pc_vec inner_names;    /* char*: file names inside a ZIP archive */
    bool vba;              /* holds a VBA macro project (parse/attach.c), whatever its name */
} pc_attachment;

typedef struct {
    pc_arena *arena;
    pc_vec headers;               /* pc_header*, in message order */
    pc_addr *from;                /* first From mailbox; NULL if none/unparsable */
    int n_from;                   /* mailboxes in From */
    pc_addr *sender, *reply_to, *return_path;
    pc_vec to, cc;                /* pc_addr* */
    char *subject, *date, *message_id;
    char *list_id, *list_unsubscribe, *precedence, *auto_submitted, *feedback_id;
    char *top_type;               /* top-level content type, "multipart/mixed" */
    pc_vec hops;                  /* pc_hop*, topmost first */
    pc_vec authres;               /* pc_authres*, topmost first */
    pc_vec received_spf;          /* char*: result word of each Received-SPF, topmost first */
    pc_vec dkim_domains;          /* char*: d= of each DKIM-Signature */
    /* Upstream filters' verdicts already in the headers. */
    int spam_flag;                /* 1 yes, 0 no, -1 absent (X-Spam-Flag, X-Spam, X-Spam-Status) */
    double spam_score;            /* X-Spam-Score / X-Spam-Status score= / X-Spamd-Result */
    double spam_required;         /* required= when given, else 0 */
    bool has_spam_score;
    char *spam_score_header;      /* which header gave the score */
    char *spam_flag_header;       /* which header said yes */
    int scl;                      /* X-MS-Exchange-Organization-SCL, -1 absent */
    char *ms_sfv, *ms_cat;        /* X-Forefront-Antispam-Report SFV: and CAT: ("SPM", "PHSH") */
    /* Content. */
    char *text;                   /* visible text of all text parts (plain + HTML), UTF-8 */
    char *html_text;              /* visible text of the HTML parts only */
    size_t hidden_chars;          /* characters of text hidden in HTML (display:none,
                                     visibility:hidden, font-size 0/1px, opacity 0) */
    size_t hidden_letters;        /* ... of which letters and digits (padding excluded) */
    char *hidden_sample;          /* the first of that text (up to ~200 bytes) */
    pc_vec links;                 /* pc_link* */
    pc_vec forms;                 /* pc_form* */
    pc_vec attachments;           /* pc_attachment* */
    bool has_html, has_plain, is_calendar, is_report; /* report: multipart/report (DSN/MDN) */
    int n_parts, max_depth;
    bool truncated;               /* a limit stopped the parse */
    pc_vec errors;                /* char*: parse problems met */
    struct pc_facts *facts;       /* what checks worked out once for the next ones to reuse
                                     (checklib/facts.h); NULL until first asked */
} pc_message;

typedef struct {
    size_t max_parts;    /* MIME parts walked (default 1000) */
    int max_depth;       /* nesting (default 20) */
    size_t max_text;     /* bytes of decoded text kept per part (default 2 MiB) */
} pc_parse_limits;

/* Parses raw bytes into a model owned by a new arena (never NULL; problems go to errors). */
pc_message *pc_message_parse(const char *raw, size_t len, const pc_parse_limits *lim);
void pc_message_free(pc_message *m);

/* First header of that name (case-insensitive), decoded value; NULL if absent. */
const char *pc_msg_header(const pc_message *m, const char *name);

#endif
