/* fuzz_attach.c — libFuzzer target: what an attachment's bytes are (parse/attach.c): magic
 * numbers, ZIP central-directory names, VBA projects in OLE compound files and OOXML
 * packages. The input is the decoded file, as message.c passes it (a cut file included). */
#include <stddef.h>
#include <stdint.h>
#include "parse/attach.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    pc_arena *a = pc_arena_new();
    pc_attachment *att = pc_alloc(a, sizeof *att);
    pc_attach_sniff(a, att, data, size);
    pc_arena_free(a);
    return 0;
}
