/* attach.c — a short table of magic numbers for the types phishing uses (executables,
 * archives, disk images, Office and PDF documents, HTML/SVG). libmagic would know more, but
 * loading its database costs more than our whole start-up budget; this covers the types
 * the checks judge. ZIP central-directory names are read so "invoice.zip" holding an .exe
 * can be seen, and a VBA macro project is found by content, whatever the file's name: an
 * OLE compound file (.doc/.xls of Office 97-2003) naming a "VBA" storage or "_VBA_PROJECT"
 * stream in its directory, an Office Open XML package holding "vbaProject.bin".
 * Both scans read whatever bytes are present, so they work on a file whose middle the
 * extension cut (docs/protocol.md `cut`: first 48 KiB and last 64 KiB kept): a ZIP's
 * central directory is at its end; an OLE directory sector in the cut middle is missed. */
#include "parse/attach.h"
#include <ctype.h>
#include <string.h>
#include <strings.h>

typedef struct { size_t off; const char *magic; size_t len; const char *type; } magic;

static const magic table[] = {
    {0, "MZ", 2, "application/x-msdownload"},
    {0, "\x7f" "ELF", 4, "application/x-executable"},
    {0, "PK\x03\x04", 4, "application/zip"},
    {0, "PK\x05\x06", 4, "application/zip"},
    {0, "Rar!\x1a\x07", 6, "application/vnd.rar"},
    {0, "7z\xbc\xaf\x27\x1c", 6, "application/x-7z-compressed"},
    {0, "\x1f\x8b", 2, "application/gzip"},
    {0, "%PDF-", 5, "application/pdf"},
    {0, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, "application/x-ole-storage"},
    {0, "{\\rtf", 5, "application/rtf"},
    {0x8001, "CD001", 5, "application/x-iso9660-image"},
    {0, "\x89PNG", 4, "image/png"},
    {0, "\xff\xd8\xff", 3, "image/jpeg"},
    {0, "GIF8", 4, "image/gif"},
    {0, "L\0\0\0\x01\x14\x02\0", 8, "application/x-ms-shortcut"},
    {0, "MSCF", 4, "application/vnd.ms-cab-compressed"},
};

static bool starts_markup(const unsigned char *d, size_t n, const char *tag) {
    size_t i = 0;
    if (n >= 3 && !memcmp(d, "\xef\xbb\xbf", 3)) i = 3;
    while (i < n && isspace(d[i])) i++;
    size_t k = strlen(tag);
    return n - i >= k && !strncasecmp((const char *)d + i, tag, k);
}

/* Reads file names from the ZIP central directory (bounded; ignores broken entries). The
 * first 200 are kept; every one is looked at for an Office Open XML package with a macro
 * project (its [Content_Types].xml and a part named vbaProject.bin: word/, xl/, ppt/),
 * whatever the package's file name says. */
static void zip_names(pc_arena *a, pc_attachment *att, const unsigned char *d, size_t n) {
    bool package = false, vba = false;
    for (size_t i = 0; i + 46 <= n; i++) {
        if (memcmp(d + i, "PK\x01\x02", 4)) continue;
        size_t len = d[i + 28] | (size_t)d[i + 29] << 8;
        if (i + 46 + len > n || !len) continue;
        const char *name = (const char *)d + i + 46;
        package |= len == 19 && !memcmp(name, "[Content_Types].xml", 19);
        vba |= len >= 14 && !strncasecmp(name + len - 14, "vbaProject.bin", 14) &&
               (len == 14 || name[len - 15] == '/');
        if (att->inner_names.n < 200) pc_vec_push(a, &att->inner_names, pc_strndup(a, name, len));
        i += 45 + len;
    }
    att->vba = package && vba;
}

/* An OLE directory entry (MS-CFB 2.6: 128 bytes, name in UTF-16LE, its byte length with
 * the terminator at 64, object type at 66, colour 0/1 at 67) named `name` (ASCII) of type
 * `type` (1 storage, 2 stream), at any offset of d: a cut file loses sector alignment. */
static bool ole_entry(const unsigned char *d, size_t n, const char *name, unsigned type) {
    unsigned char pat[2 * 32 + 2];
    size_t k = strlen(name), len = 2 * k + 2;
    for (size_t i = 0; i <= k; i++) pat[2 * i] = (unsigned char)name[i], pat[2 * i + 1] = 0;
    const unsigned char *p = d, *end = d + n;
    while (end - p >= 128 && (p = memmem(p, (size_t)(end - p), pat, len))) {
        if ((size_t)(end - p) < 128) break;
        if (p[64] == len && !p[65] && p[66] == type && p[67] <= 1) return true;
        p++;
    }
    return false;
}

/* A VBA project in an OLE compound file (Word/Excel 97-2003, or an OOXML package's
 * vbaProject.bin stored uncompressed): the "VBA" storage or the "_VBA_PROJECT" stream.
 * PowerPoint 97-2003 keeps its project compressed inside its own stream: not seen. */
static bool ole_vba(const unsigned char *d, size_t n) {
    return ole_entry(d, n, "_VBA_PROJECT", 2) || ole_entry(d, n, "VBA", 1);
}

void pc_attach_sniff(pc_arena *a, pc_attachment *att, const unsigned char *d, size_t n) {
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        const magic *m = &table[i];
        if (n >= m->off + m->len && !memcmp(d + m->off, m->magic, m->len)) {
            att->sniffed_type = (char *)m->type;
            break;
        }
    }
    if (!att->sniffed_type) {
        if (starts_markup(d, n, "<svg") || (starts_markup(d, n, "<?xml") &&
            memmem(d, n < 1024 ? n : 1024, "<svg", 4)))
            att->sniffed_type = "image/svg+xml";
        else if (starts_markup(d, n, "<!doctype html") || starts_markup(d, n, "<html") ||
                 starts_markup(d, n, "<head") || starts_markup(d, n, "<script") ||
                 starts_markup(d, n, "<meta") || starts_markup(d, n, "<body"))
            att->sniffed_type = "text/html";
    }
    if (!att->sniffed_type) return;
    if (!strcmp(att->sniffed_type, "application/zip")) {
        zip_names(a, att, d, n);
    } else if (!strcmp(att->sniffed_type, "application/x-ole-storage")) {
        att->vba = ole_vba(d, n);
    }
}
