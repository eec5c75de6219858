/* config.c — defaults of pc_config. */
#include "config.h"
#include <string.h>

void pc_config_defaults(pc_config *c) {
    memset(c, 0, sizeof *c);
    c->lang = "en";
    c->max_message = PC_DEFAULT_MAX_MESSAGE;
}
