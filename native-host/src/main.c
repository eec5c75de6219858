/* main.c — phishcheck: a phishing checker for e-mail. See README.md and cli.c. */
#include "cli.h"
#include "data.h"

int main(int argc, char **argv) {
    int rc = pc_cli_main(argc, argv);
    pc_data_free();
    return rc;
}
