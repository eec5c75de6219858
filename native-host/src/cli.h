/* cli.h — the command line: `phishcheck [options] FILE|DIR|-...` or native-messaging mode. */
#ifndef PC_CLI_H
#define PC_CLI_H
#include "protocol.h"

/* Exit status: 0 all safe, 1 worst was suspicious, 2 worst was dangerous,
 * 3 a file could not be read, 64 usage error. */
int pc_cli_main(int argc, char **argv);

/* The analysis settings of a command line (--own-domain, --authserv-id, --data-dir,
 * --time-limit, --online, ... as `phishcheck --help` lists them), parsed by the CLI's own
 * option code; the milter builds such a command line from its config file. */
typedef struct {
    pc_host_opts host;            /* base settings, time_ms, memory_mb */
    int jobs;                     /* -j; 0: not given */
    const char *own[64], *trusted[64];   /* host.base's lists point here */
    struct pc_arena *arena;       /* --contacts; NULL when none */
} pc_cli_settings;

/* Parses argv (argv[0] is the program name; the strings must outlive s) into *s.
 * Options that are not settings (--json, --native, --summary, --model, files) are refused.
 * Returns 0, or 64 with a message on stderr. Not thread-safe (getopt). */
int pc_cli_settings_parse(int argc, char **argv, pc_cli_settings *s);
void pc_cli_settings_free(pc_cli_settings *s);

#endif
