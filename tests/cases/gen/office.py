"""gen/office.py — Office files for the macro cases of gen/attachments.py: a general OLE
compound file (MS-CFB v3: storages nested to any depth, streams of any size, the directory
written last), Word 97-2003 (.doc) and Excel 97-2003 (.xls) files with or without a VBA
project in the place Office keeps it (Word: Macros/VBA, Excel: _VBA_PROJECT_CUR/VBA), a
minimal spreadsheet package (.xlsx, or .xlsm content with vbaProject.bin), and the cut the
extension makes to long base64 bodies (extension/lib/trim.js). Deterministic: no clock, no
randomness but a seeded generator."""
import random, struct

FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def _key(name):
    return (len(name), name.upper())              # MS-CFB sibling order


def _parent(path):
    return path.rsplit("/", 1)[0] if "/" in path else ""


def compound_file(streams):
    """streams: [(path, bytes)], path "A/B/NAME" (storages made as needed). Streams under
    4096 bytes go to the mini stream, others to their own sectors. Sector order: FAT, big
    streams, mini stream, mini FAT, directory (last: where a cut file keeps it)."""
    paths = {"": (5, None)}                       # path -> (type, data); "" is the root
    for path, data in streams:
        parts = path.split("/")
        for i in range(1, len(parts)):
            paths.setdefault("/".join(parts[:i]), (1, None))
        paths[path] = (2, data)
    order = [""] + sorted((p for p in paths if p), key=lambda p: (p.count("/"), p))
    index = {p: i for i, p in enumerate(order)}
    mini, minifat, big, placed = bytearray(), [], [], {}
    for p in order:
        t, data = paths[p]
        if t != 2:
            continue
        if len(data) < 4096:
            first, n = len(mini) // 64, max(1, (len(data) + 63) // 64)
            minifat += [first + i + 1 for i in range(n - 1)] + [END]
            placed[p] = ("mini", first, len(data))
            mini += data + b"\0" * (n * 64 - len(data))
        else:
            big.append(p)
    nbig = {p: (len(paths[p][1]) + 511) // 512 for p in big}
    nmini = (len(mini) + 511) // 512
    nminifat = (len(minifat) * 4 + 511) // 512
    ndir = (len(order) + 3) // 4
    rest = sum(nbig.values()) + nmini + nminifat + ndir
    nfat = 1
    while nfat * 128 < nfat + rest:
        nfat += 1
    fat, at = [FATSECT] * nfat, nfat

    def chain(n):
        nonlocal at
        start = at if n else END
        fat.extend([at + i + 1 for i in range(n - 1)] + ([END] if n else []))
        at += n
        return start
    for p in big:
        placed[p] = ("big", chain(nbig[p]), len(paths[p][1]))
    mini_s, minifat_s, dir_s = chain(nmini), chain(nminifat), chain(ndir)
    fat += [FREE] * (nfat * 128 - len(fat))
    body = bytearray()
    for p in big:
        d = paths[p][1]
        body += d + b"\0" * (nbig[p] * 512 - len(d))
    body += mini + b"\0" * (nmini * 512 - len(mini))
    mf = b"".join(struct.pack("<I", x) for x in minifat)
    body += mf + struct.pack("<I", FREE) * ((nminifat * 512 - len(mf)) // 4)
    # directory: each storage's children as a chain of right siblings in MS-CFB order
    child, right = {}, {}
    for s in order:
        if paths[s][0] == 2:
            continue
        kids = sorted((p for p in order if p and _parent(p) == s),
                      key=lambda p: _key(p.split("/")[-1]))
        child[s] = index[kids[0]] if kids else FREE
        for a, b in zip(kids, kids[1:]):
            right[a] = index[b]
    dirbytes = bytearray()
    for p in order:
        t = paths[p][0]
        u = ("Root Entry" if p == "" else p.split("/")[-1]).encode("utf-16-le") + b"\0\0"
        if t == 5:
            start, size = (mini_s, len(mini)) if mini else (END, 0)
        elif t == 1:
            start, size = 0, 0
        else:
            start, size = placed[p][1], placed[p][2]
        e = u + b"\0" * (64 - len(u)) + struct.pack("<HBB", len(u), t, 1)
        e += struct.pack("<III", FREE, right.get(p, FREE), child.get(p, FREE) if t != 2 else FREE)
        e += b"\0" * 16 + struct.pack("<I", 0) + b"\0" * 16 + struct.pack("<IQ", start, size)
        dirbytes += e
    for _ in range(len(order), ndir * 4):         # unused entries
        dirbytes += b"\0" * 68 + struct.pack("<III", FREE, FREE, FREE) + b"\0" * 48
    body += dirbytes
    fatbytes = b"".join(struct.pack("<I", x) for x in fat)
    hdr = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16)
    hdr += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    hdr += struct.pack("<IIIIIIIII", 0, nfat, dir_s, 0, 4096, minifat_s if minifat else END,
                       nminifat, END, 0)
    assert nfat <= 109
    hdr += b"".join(struct.pack("<I", i) for i in range(nfat))
    hdr += struct.pack("<I", FREE) * (109 - nfat)
    out = bytes(hdr) + fatbytes + bytes(body)
    assert len(out) == 512 * (1 + at)
    return out


def _noise(seed, n):
    """n bytes that do not compress (an embedded picture's worth), the same every run."""
    r = random.Random(seed)
    return bytes(r.getrandbits(8) for _ in range(n))


def _fib_text(text, picture):
    """A WordDocument stream: a Word 97 FIB header (wIdent 0xA5EC, nFib 0x00C1) then the
    text as UTF-16LE, then an embedded picture's bytes."""
    fib = struct.pack("<HHHHH", 0xA5EC, 0x00C1, 0, 0x0409, 0) + b"\0" * (0x600 - 10)
    return fib + text.encode("utf-16-le") + picture


SUMMARY = (b"\xfe\xff\x00\x00\x0a\x00\x02\x00" + b"\0" * 16 + struct.pack("<I", 1) +
           bytes.fromhex("e0859ff2f94f6810ab9108002b27b3d9") + struct.pack("<II", 48, 24) +
           struct.pack("<II", 1, 0) + struct.pack("<II", 1, 8) + struct.pack("<HH", 2, 0) +
           struct.pack("<H", 1200) + b"\0\0")


def word97(text, vba=None, picture=b""):
    """A Word 97-2003 document; vba: [(path under the VBA storage, bytes)] of a project."""
    streams = [("WordDocument", _fib_text(text, picture)), ("1Table", b"\0" * 512),
               ("\x05SummaryInformation", SUMMARY),
               ("\x01CompObj", b"\x01\x00\xfe\xff\x03\x0a\x00\x00\xff\xff\xff\xff\x06\x09\x02\x00"
                               b"\x00\x00\x00\x00\xc0\x00\x00\x00\x00\x00\x00\x46"
                               + b"\x19\x00\x00\x00Microsoft Word 97-2003 Document\x00")]
    if vba:
        streams += [("Macros/" + p, d) for p, d in vba]
    return compound_file(streams)


def excel97(rows, vba=None, picture=b""):
    """An Excel 97-2003 workbook: a BIFF8 stream (BOF, the rows as LABEL-like text, EOF)
    and, with vba, the project under _VBA_PROJECT_CUR."""
    bof = struct.pack("<HHHHHHII", 0x0809, 16, 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0x06)
    text = "\n".join(rows).encode("utf-16-le")
    workbook = bof + struct.pack("<HH", 0x00FC, len(text)) + text + picture + struct.pack("<HH", 0x000A, 0)
    streams = [("Workbook", workbook), ("\x05SummaryInformation", SUMMARY)]
    if vba:
        streams += [("_VBA_PROJECT_CUR/" + p, d) for p, d in vba]
    return compound_file(streams)


def cut_base64(lines, head=48 * 1024, tail=64 * 1024, min_run=160 * 1024):
    """What extension/lib/trim.js sends of a base64 body (a list of lines): the lines up to
    the first line end past `head` characters and from the last line start before `tail`
    characters from the end; the body whole when shorter than min_run."""
    body = "\n".join(lines)
    if len(body) < min_run:
        return body
    start = body.index("\n", head) + 1
    end = body.rindex("\n", 0, len(body) - tail) + 1
    return body[:start] + body[end:]
