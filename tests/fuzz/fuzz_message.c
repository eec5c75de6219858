/* fuzz_message.c — libFuzzer target: the whole pipeline (MIME + HTML parse, every check,
 * verdict, report) on arbitrary bytes, then the report squeezed into a small answer
 * (fit.c) to walk every path of the fitting. */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "analyze.h"
#include "fit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    pc_config cfg;
    pc_config_defaults(&cfg);
    json_t *r = pc_analyze((const char *)data, size, &cfg, NULL);
    free(pc_fit_dump(r, r, 1500 + size % 3000));
    json_decref(r);
    return 0;
}
