/* attach.h — what an attachment really is: magic-byte type, the names in a ZIP, a VBA project. */
#ifndef PC_ATTACH_H
#define PC_ATTACH_H
#include "parse/model.h"

/* Fills sniffed_type (and inner_names for ZIP archives, vba for a macro project in an OLE
 * compound file or an OOXML package) from the decoded content. */
void pc_attach_sniff(pc_arena *a, pc_attachment *att, const unsigned char *d, size_t n);

#endif
