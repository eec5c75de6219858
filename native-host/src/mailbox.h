/* mailbox.h — where messages come from on the command line: a file holding one message,
 * an mbox file, a Maildir (cur/ new/), or a plain folder of message files. */
#ifndef PC_MAILBOX_H
#define PC_MAILBOX_H
#include <stddef.h>

/* Called once per message: name ("file", "box.mbox#3", "Maildir/cur/x"), the bytes. */
typedef int (*pc_each_fn)(const char *name, const char *raw, size_t len, void *user);

/* Reads path ("-" is stdin) and calls fn for every message in it. Returns 0, or -1
 * (with errno set) when path cannot be read; fn's non-zero return stops the walk. */
int pc_mailbox_each(const char *path, size_t max_size, pc_each_fn fn, void *user);

#endif
