/* cli.h — the command line: `phishcheck [options] FILE|DIR|-...` or native-messaging mode. */
#ifndef PC_CLI_H
#define PC_CLI_H

/* Exit status: 0 all safe, 1 worst was suspicious, 2 worst was dangerous,
 * 3 a file could not be read, 64 usage error. */
int pc_cli_main(int argc, char **argv);

#endif
