/* fuzz_frame.c — libFuzzer target: the native-messaging server loop (frame reader and
 * request handling) on an arbitrary input stream, answers written to /dev/null. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "protocol.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static FILE *out;
    if (!out) out = fopen("/dev/null", "wb");
    FILE *in = fmemopen((void *)data, size, "rb");
    if (!in) return 0;
    pc_host_opts o = {.max_frame = 1 << 20};
    pc_config_defaults(&o.base);
    pc_protocol_serve(in, out, &o);
    fclose(in);
    return 0;
}
