/* attach.h — what an attachment really is: magic-byte type and the names in a ZIP. */
#ifndef PC_ATTACH_H
#define PC_ATTACH_H
#include "parse/model.h"

/* Fills sniffed_type (and inner_names for ZIP archives) from the decoded content. */
void pc_attach_sniff(pc_arena *a, pc_attachment *att, const unsigned char *d, size_t n);

#endif
