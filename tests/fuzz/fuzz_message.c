/* fuzz_message.c — libFuzzer target: the whole pipeline (MIME + HTML parse, every check,
 * verdict, report) on arbitrary bytes. */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include "analyze.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    pc_config cfg;
    pc_config_defaults(&cfg);
    json_decref(pc_analyze((const char *)data, size, &cfg, NULL));
    return 0;
}
