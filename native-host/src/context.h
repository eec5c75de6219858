/* context.h — what Thunderbird knows about a message's sender that the message itself
 * cannot tell (issue #12): whether the From address is in an address book, whether the
 * user has written to it, how many earlier messages came from it, and the contacts whose
 * names the display name may carry. The extension sends it as the `context` of an analyze
 * request (docs/protocol.md); the CLI builds it from a file of known addresses
 * (--contacts FILE: "Name <addr>" lines, vCard, or a Thunderbird/Outlook CSV export).
 * Read by checks/contacts.c. Nothing of it leaves the machine. */
#ifndef PC_CONTEXT_H
#define PC_CONTEXT_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "util/arena.h"

#define PC_CONTEXT_MAX_CONTACTS 100000  /* contacts kept from a file or a request */
#define PC_CONTEXT_MAX_ADDRS 16         /* addresses kept per contact */

typedef struct {
    const char *name;        /* as written: "田中 太郎", "Smith, John" */
    const char **addrs;      /* lowercase, NULL-terminated */
} pc_contact;

typedef struct pc_context {
    int in_book;             /* From is in an address book: 1, 0, or -1 unknown */
    int written_to;          /* the user has sent mail to From: 1, 0, or -1 unknown */
    long earlier;            /* earlier messages from From; -1 unknown */
    bool complete;           /* contacts is the whole address book (a --contacts file):
                                From not among them is not in the book */
    pc_contact *contacts;
    size_t n;
} pc_context;

/* The request's "context" object; NULL when j is not an object. Fields of the wrong type
 * are ignored (all are optional). Strings are copied into a. */
pc_context *pc_context_from_json(pc_arena *a, json_t *j);

/* Reads a file of known addresses: vCard (BEGIN:VCARD, FN/N and EMAIL lines), a CSV
 * export with a header row naming "Primary Email" / "E-mail Address" (and "Display Name",
 * "First Name", "Last Name"), or lines "Name <addr>" / "addr" ('#' comments). The result
 * is complete (see above). NULL with *err set when the file cannot be read. */
pc_context *pc_context_load(pc_arena *a, const char *path, const char **err);

/* True when addr (any case) is one of the contacts' addresses. */
bool pc_context_has_addr(const pc_context *c, const char *addr);

#endif
