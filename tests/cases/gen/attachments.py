#!/usr/bin/env python3
"""gen/attachments.py — writes the attachment cases of tests/cases whose files must be real
formats (issue 15): a Word document with a VBA project (OOXML package holding an OLE
compound file), a plain DOCX, an ISO 9660 image, ZIP archives holding an executable, an
HTML page or PDFs, an EPUB. Deterministic (fixed dates): re-running rewrites the same
bytes. Usage: python3 tests/cases/gen/attachments.py [OUTDIR] (default tests/cases)."""
import base64, io, os, struct, sys, zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import office  # noqa: E402

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
STAMP = (2024, 9, 4, 9, 12, 0)


def b64(data):
    s = base64.b64encode(data).decode()
    return "\n".join(s[i:i + 76] for i in range(0, len(s), 76))


def zip_of(files):
    """files: [(name, bytes)] -> ZIP bytes (deflated, fixed dates)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()


# ---- OLE compound file (MS-CFB v3) and a VBA project (MS-OVBA) ----
def ovba_compress(data):
    """MS-OVBA compressed container with literal tokens only (valid, not small)."""
    out = bytearray(b"\x01")
    for c in range(0, len(data), 4096):
        chunk = data[c:c + 4096]
        body = bytearray()
        for i in range(0, len(chunk), 8):
            body += b"\x00" + chunk[i:i + 8]
        out += struct.pack("<H", 0xB000 | (len(body) + 2 - 3)) + body
    return bytes(out)


def rec(rid, data):
    return struct.pack("<HI", rid, len(data)) + data


def vba_dir(module):
    m = module.encode()
    mu = module.encode("utf-16-le")
    d = rec(0x01, struct.pack("<I", 1))                       # SysKind: win32
    d += rec(0x02, struct.pack("<I", 0x409)) + rec(0x14, struct.pack("<I", 0x409))
    d += rec(0x03, struct.pack("<H", 1252))                   # code page
    d += rec(0x04, b"Project")
    d += rec(0x05, b"") + rec(0x40, b"")                      # doc string (+unicode)
    d += rec(0x06, b"") + rec(0x3D, b"")                      # help file (+second)
    d += rec(0x07, struct.pack("<I", 0)) + rec(0x08, struct.pack("<I", 0))
    d += struct.pack("<HIIH", 0x09, 4, 0x65BE0257, 0x11)       # version
    d += rec(0x0C, b"") + rec(0x3C, b"")                      # constants (+unicode)
    d += rec(0x0F, struct.pack("<H", 1)) + rec(0x13, struct.pack("<H", 0xFFFF))
    d += rec(0x19, m) + rec(0x47, mu) + rec(0x1A, m) + rec(0x32, mu)
    d += rec(0x1C, b"") + rec(0x48, b"") + rec(0x31, struct.pack("<I", 0))
    d += rec(0x1E, struct.pack("<I", 0)) + rec(0x2C, struct.pack("<H", 0xFFFF))
    d += struct.pack("<HI", 0x22, 0) + struct.pack("<HI", 0x2B, 0)
    d += struct.pack("<HI", 0x10, 0)
    return d


def cfb(streams):
    """streams: [(path, bytes)] with path "NAME" or "STORAGE/NAME" (one level), every
    stream < 4096 bytes (kept in the mini stream). Returns the compound file's bytes."""
    mini, minifat, placed = bytearray(), [], {}
    for path, data in streams:
        first = len(mini) // 64
        n = max(1, (len(data) + 63) // 64)
        minifat += [first + i + 1 for i in range(n - 1)] + [0xFFFFFFFE]
        placed[path] = (first, len(data))
        mini += data + b"\0" * (n * 64 - len(data))
    storages = sorted({p.split("/")[0] for p, _ in streams if "/" in p})
    # directory: root, storages, streams; siblings as a degenerate tree ordered by
    # (length, upper-case name) as MS-CFB wants
    entries = [("Root Entry", 5, None)]
    entries += [(s, 1, None) for s in storages] + [(p, 2, p) for p, _ in streams]
    def key(name):
        return (len(name), name.upper())
    def chain(parent):
        kids = [i for i, (n, t, p) in enumerate(entries) if i and
                ((t == 2 and "/" in p and p.split("/")[0] == parent) or
                 (parent == "" and (t == 1 or (t == 2 and "/" not in p))))]
        kids.sort(key=lambda i: key(entries[i][0].split("/")[-1]))
        right = {kids[j]: kids[j + 1] for j in range(len(kids) - 1)}
        return (kids[0] if kids else 0xFFFFFFFF), right
    mini_sectors = (len(mini) + 511) // 512
    ndir = (len(entries) + 3) // 4
    nminifat = (len(minifat) * 4 + 511) // 512
    # sectors: 0 FAT, 1..ndir directory, then mini FAT, then the mini stream
    fat_s, dir_s = 0, 1
    minifat_s = dir_s + ndir
    ministream_s = minifat_s + nminifat
    total = ministream_s + mini_sectors
    fat = [0xFFFFFFFD]
    for start, n in ((dir_s, ndir), (minifat_s, nminifat), (ministream_s, mini_sectors)):
        fat += [start + i + 1 for i in range(n - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (128 - len(fat))
    root_child, root_right = chain("")
    rights = dict(root_right)
    children = {0: root_child}
    for i, (n, t, p) in enumerate(entries):
        if t == 1:
            c, r = chain(n)
            children[i] = c
            rights.update(r)
    dirbytes = bytearray()
    for i, (name, t, path) in enumerate(entries):
        short = name.split("/")[-1]
        u = short.encode("utf-16-le") + b"\0\0"
        start, size = (ministream_s, len(mini)) if t == 5 else placed.get(path, (0, 0))
        if t == 1:
            start, size = 0, 0
        e = u + b"\0" * (64 - len(u)) + struct.pack("<HBB", len(u), t, 1)
        e += struct.pack("<III", 0xFFFFFFFF, rights.get(i, 0xFFFFFFFF),
                         children.get(i, 0xFFFFFFFF))
        e += b"\0" * 16 + struct.pack("<I", 0) + b"\0" * 16
        e += struct.pack("<IQ", start, size)
        dirbytes += e
    dirbytes += b"\0" * (ndir * 512 - len(dirbytes))
    for j in range(len(entries), ndir * 4):       # unused entries: no siblings, no child
        off = j * 128 + 68
        dirbytes[off:off + 12] = struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
    hdr = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16)
    hdr += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    hdr += struct.pack("<IIIIIIIII", 0, 1, dir_s, 0, 4096, minifat_s, nminifat,
                       0xFFFFFFFE, 0)
    hdr += struct.pack("<I", fat_s) + struct.pack("<I", 0xFFFFFFFF) * 108
    mf = b"".join(struct.pack("<I", x) for x in minifat)
    mf += struct.pack("<I", 0xFFFFFFFF) * ((nminifat * 512 - len(mf)) // 4)
    body = b"".join(struct.pack("<I", x) for x in fat) + dirbytes + mf
    body += mini + b"\0" * (mini_sectors * 512 - len(mini))
    assert len(body) == total * 512
    return bytes(hdr) + body


def vba_project(source):
    return cfb(vba_streams(source))


def vba_streams(source, module="ThisDocument"):
    """The streams of a VBA project (MS-OVBA): PROJECT, VBA/_VBA_PROJECT, VBA/dir, the module."""
    return ([("PROJECT", b'ID="{3A4C6E2B-1F7D-4C8E-9B21-5D0E7A9C4F13}"\r\n'
                            b'Document=' + module.encode() + b'/&H00000000\r\nName="Project"\r\n'
                            b'HelpContextID="0"\r\nVersionCompatible32="393222000"\r\n'
                            b'CMG=""\r\nDPB=""\r\nGC=""\r\n\r\n[Host Extender Info]\r\n'
                            b'&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000\r\n'),
                ("VBA/_VBA_PROJECT", b"\xcc\x61\xff\xff\x00\x00\x00"),
                ("VBA/dir", ovba_compress(vba_dir(module))),
                ("VBA/" + module, ovba_compress(source.encode()))])


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"


def word_doc(paragraphs, macro_source=None):
    """A minimal Word package; with macro_source a macro-enabled one (.docm)."""
    main = ("application/vnd.ms-word.document.macroEnabled.main+xml" if macro_source else
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          + ('<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
             if macro_source else "") +
          f'<Override PartName="/word/document.xml" ContentType="{main}"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{PR}"><Relationship Id="rId1" '
            f'Type="{R}/officeDocument" Target="word/document.xml"/></Relationships>')
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<w:document {W}><w:body>{body}</w:body></w:document>')
    files = [("[Content_Types].xml", ct), ("_rels/.rels", rels), ("word/document.xml", doc)]
    if macro_source:
        files.append(("word/_rels/document.xml.rels",
                      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                      f'<Relationships xmlns="{PR}"><Relationship Id="rId9" '
                      'Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
                      'Target="vbaProject.bin"/></Relationships>'))
        files.append(("word/vbaProject.bin", vba_project(macro_source)))
    return zip_of([(n, d.encode() if isinstance(d, str) else d) for n, d in files])


def excel_book(rows, vba_bin=None, picture=None):
    """A minimal spreadsheet package: .xlsx, or with vba_bin the content of an .xlsm (its
    xl/vbaProject.bin); picture: bytes of an embedded image (stored, not compressible)."""
    main = ("application/vnd.ms-excel.sheet.macroEnabled.main+xml" if vba_bin else
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Default Extension="png" ContentType="image/png"/>'
          + ('<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
             if vba_bin else "") +
          f'<Override PartName="/xl/workbook.xml" ContentType="{main}"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
          'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{PR}"><Relationship Id="rId1" '
            f'Type="{R}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    book = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<workbook {S} xmlns:r="{R}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/>'
            '</sheets></workbook>')
    brels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             f'<Relationships xmlns="{PR}"><Relationship Id="rId1" Type="{R}/worksheet" '
             'Target="worksheets/sheet1.xml"/>' +
             ('<Relationship Id="rId9" Type="http://schemas.microsoft.com/office/2006/'
              'relationships/vbaProject" Target="vbaProject.bin"/>' if vba_bin else "") +
             '</Relationships>')
    cells = "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>{r}</t></is></c></row>'
                    for i, r in enumerate(rows, 1))
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             f'<worksheet {S}><sheetData>{cells}</sheetData></worksheet>')
    files = [("[Content_Types].xml", ct), ("_rels/.rels", rels), ("xl/workbook.xml", book),
             ("xl/_rels/workbook.xml.rels", brels), ("xl/worksheets/sheet1.xml", sheet)]
    if picture:
        files.append(("xl/media/image1.png", picture))
    if vba_bin:
        files.append(("xl/vbaProject.bin", vba_bin))
    return zip_of([(n, d.encode() if isinstance(d, str) else d) for n, d in files])


# ---- ISO 9660 image holding one file ----
def both16(v):
    return struct.pack("<H", v) + struct.pack(">H", v)


def both32(v):
    return struct.pack("<I", v) + struct.pack(">I", v)


def dir_record(name, extent, size, is_dir):
    date = bytes([124, 9, 4, 9, 12, 0, 0])        # 2024-09-04 09:12:00 UTC
    n = len(name)
    r = struct.pack("<BB", 0, 0) + both32(extent) + both32(size) + date
    r += struct.pack("<BBB", 2 if is_dir else 0, 0, 0) + both16(1) + struct.pack("<B", n) + name
    if len(r) % 2:
        r += b"\0"
    return bytes([len(r)]) + r[1:]


def iso_image(volume, fname, data):
    S = 2048
    root, file_s = 20, 21
    nsec = file_s + (len(data) + S - 1) // S
    rootrec = dir_record(b"\0", root, S, True)
    pvd = bytearray(b"\x01CD001\x01\x00" + b"WINDOWS".ljust(32) + volume.ljust(32) + b"\0" * 8)
    pvd += both32(nsec) + b"\0" * 32 + both16(1) + both16(1) + both16(S)
    pvd += both32(10) + struct.pack("<I", 18) + b"\0" * 4 + struct.pack(">I", 19) + b"\0" * 4
    pvd += rootrec + b" " * 128 * 4 + b" " * (37 * 2 + 37)
    stamp = b"2024090409120000\x00"
    pvd += stamp * 2 + b"0" * 16 + b"\0" + b"0" * 16 + b"\0" + b"\x01\x00"
    pvd += b"\0" * (S - len(pvd))
    term = b"\xffCD001\x01" + b"\0" * (S - 7)
    lpt = struct.pack("<BBIH", 1, 0, root, 1) + b"\0\0"
    mpt = struct.pack(">BBIH", 1, 0, root, 1) + b"\0\0"
    dirs = (dir_record(b"\0", root, S, True) + dir_record(b"\1", root, S, True) +
            dir_record(fname, file_s, len(data), False))
    img = b"\0" * (16 * S) + bytes(pvd) + term
    for sec in (lpt, mpt, dirs):
        img += sec + b"\0" * (S - len(sec))
    img += data + b"\0" * (nsec * S - len(img) - len(data))
    assert len(img) == nsec * S
    return img


def shortcut(target):
    """A Windows shell link (MS-SHLLINK) with only a relative path and arguments."""
    hdr = struct.pack("<I", 0x4C) + bytes.fromhex("0114020000000000c000000000000046")
    hdr += struct.pack("<II", 0x08 | 0x20 | 0x80, 0x20) + b"\0" * 24
    hdr += struct.pack("<IIIHH", 0, 0, 7, 0, 0) + b"\0" * 8
    def s(t):
        return struct.pack("<H", len(t)) + t.encode("utf-16-le")
    return hdr + s("..\\..\\..\\Windows\\System32\\cmd.exe") + s(target) + struct.pack("<I", 0)


def pe_stub():
    """A DOS header pointing at a PE header: the first bytes of every Windows .exe."""
    dos = bytearray(b"MZ" + b"\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
                    + b"\xb8" + b"\0" * 7 + b"\x40" + b"\0" * 35)
    dos[0x3C:0x40] = struct.pack("<I", 0x80)
    dos += b"\x0e\x1f\xba\x0e\x00\xb4\x09\xcd\x21\xb8\x01\x4c\xcd\x21"
    dos += b"This program cannot be run in DOS mode.\r\r\n$"
    dos += b"\0" * (0x80 - len(dos))
    pe = b"PE\0\0" + struct.pack("<HHIIIHH", 0x14C, 1, 0x66D81C20, 0, 0, 0xE0, 0x0102)
    return bytes(dos) + pe + b"\0" * (512 - len(dos) - len(pe))


def pdf(text):
    """A one-page PDF with correct cross-reference offsets."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offs)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
    return bytes(out)


def epub(title):
    xhtml = ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
             '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>%s</title></head>'
             '<body><h1>%s</h1><p>Chapter one.</p></body></html>' % (title, title))
    opf = ('<?xml version="1.0" encoding="utf-8"?>\n<package xmlns="http://www.idpf.org/2007/opf" '
           'version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
           '<dc:identifier id="id">urn:uuid:5b1f0c8e-3d2a-4f7b-9e61-0a4c2d8b7e35</dc:identifier>'
           f'<dc:title>{title}</dc:title><dc:language>en</dc:language>'
           '<meta property="dcterms:modified">2024-09-01T00:00:00Z</meta></metadata>'
           '<manifest><item id="c1" href="chapter1.xhtml" media-type="application/xhtml+xml"/>'
           '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
           '</manifest><spine><itemref idref="c1"/></spine></package>')
    nav = ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" '
           'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>Contents</title></head><body>'
           '<nav epub:type="toc"><ol><li><a href="chapter1.xhtml">Chapter one</a></li></ol></nav>'
           '</body></html>')
    container = ('<?xml version="1.0"?>\n<container version="1.0" '
                 'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
                 '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
                 '</rootfiles></container>')
    return zip_of([("mimetype", b"application/epub+zip"),
                   ("META-INF/container.xml", container.encode()),
                   ("OEBPS/content.opf", opf.encode()), ("OEBPS/nav.xhtml", nav.encode()),
                   ("OEBPS/chapter1.xhtml", xhtml.encode())])


def message(name, headers, text, parts, html=None):
    """Writes OUT/name.eml: headers (list of lines), a text body (and an HTML alternative),
    parts [(content-type, filename, bytes)] as base64 attachments; a part given as
    (content-type, filename, bytes, "cut") has the middle of its base64 cut out as the
    extension sends a long attachment (gen/office.py cut_base64)."""
    b = "=_pc_" + name.replace("-", "_")
    out = headers + ["MIME-Version: 1.0", f'Content-Type: multipart/mixed; boundary="{b}"', "",
                     "This is a multi-part message in MIME format.", "", f"--{b}"]
    if html:
        a = b + "_alt"
        out += [f'Content-Type: multipart/alternative; boundary="{a}"', "", f"--{a}",
                "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "",
                text, f"--{a}", "Content-Type: text/html; charset=utf-8",
                "Content-Transfer-Encoding: 8bit", "", html, f"--{a}--", ""]
    else:
        out += ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "",
                text]
    for ctype, fname, data, *cut in parts:
        body = office.cut_base64(b64(data).split("\n")) if cut else b64(data)
        out += [f"--{b}", f'Content-Type: {ctype}; name="{fname}"',
                f'Content-Disposition: attachment; filename="{fname}"',
                "Content-Transfer-Encoding: base64", "", body]
    out += [f"--{b}--", ""]
    with open(os.path.join(OUT, name + ".eml"), "w", newline="\n") as f:
        f.write("\n".join(out))


def png(width, height, rgb):
    """A real PNG of one colour."""
    import zlib
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    raw = b"".join(b"\0" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def received(by, frm, ip, when, rcpt):
    return [f"Received: from {frm} ({frm} [{ip}])", f"\tby {by} (Postfix) with ESMTPS id 4WzK7p1x",
            f"\tfor <{rcpt}>; {when}"]


def head(rcpt, ar, frm_host, ip, from_, subject, date, msgid, extra=()):
    mx = "mx." + rcpt.split("@")[1]
    return ([f"Delivered-To: {rcpt}", f"Authentication-Results: {mx};"] + ["\t" + a for a in ar] +
            received(mx, frm_host, ip, date, rcpt) + list(extra) +
            [f"From: {from_}", f"To: {rcpt}", f"Subject: {subject}", f"Date: {date}",
             f"Message-ID: <{msgid}>"])


MACRO = ('Attribute VB_Name = "ThisDocument"\r\nAttribute VB_Base = "1Normal.ThisDocument"\r\n'
         'Attribute VB_Creatable = False\r\nAttribute VB_Exposed = True\r\n'
         'Sub AutoOpen()\r\n    Dim s As String\r\n    s = Environ("TEMP") & "\\rem.txt"\r\n'
         '    MsgBox "Enable content to view the remittance."\r\nEnd Sub\r\n')

SIGN_NS = "Kind regards,\nAccounts Payable\nNorthwind Supply Ltd."


def main():
    when = "Wed, 04 Sep 2024 09:12:44 +0900"
    # 1. a macro-enabled Word document from a stranger
    message("attachments-macro", head(
        "office@tanaka-sekkei.jp",
        ["spf=pass smtp.mailfrom=northwind-supply.com;", "dkim=none;",
         "dmarc=none header.from=northwind-supply.com"],
        "mail.northwind-supply.com", "203.0.113.41", "Accounts Payable <ap@northwind-supply.com>",
        "Remittance advice 2024-0912", when, "20240904001244.7731@northwind-supply.com"),
        "Hello,\n\nPlease find attached the remittance advice for your invoice. The document is\n"
        "protected: click \"Enable Content\" to view it.\n\n" + SIGN_NS + "\n",
        [("application/vnd.ms-word.document.macroEnabled.12", "Remittance_2024-0912.docm",
          word_doc(["Remittance advice 2024-0912", "This document is protected.",
                    "Enable editing and content to view."], MACRO))])
    # 2. guard: a colleague's plain Word document (no macros)
    message("attachments-macro-guard", head(
        "yamamoto@tanaka-sekkei.jp",
        ["spf=pass smtp.mailfrom=tanaka-sekkei.jp;",
         "dkim=pass header.d=tanaka-sekkei.jp header.s=s2024;",
         "dmarc=pass header.from=tanaka-sekkei.jp"],
        "mail-sor-f41.google.com", "209.85.220.41", "Sato Kenji <k.sato@tanaka-sekkei.jp>",
        "=?UTF-8?B?5a6a5L6L5Lya6K2w44Gu6K2w5LqL6Yyy?=", when, "CAF3x9Qm7=minutes0904@mail.gmail.com"),
        "山本さん\n\nお疲れさまです。佐藤です。\n昨日の定例会議の議事録を添付します。\n"
        "修正があれば金曜日までにご連絡ください。\n\nよろしくお願いします。\n佐藤\n",
        [("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "minutes-2024-09-03.docx",
          word_doc(["定例会議 議事録 2024-09-03", "出席者: 山本、佐藤、鈴木",
                    "1. 新庁舎の設計スケジュール", "2. 見積の確認"]))])
    # 3. a disk image holding a shortcut that runs a command
    message("attachments-disk-image", head(
        "office@tanaka-sekkei.jp",
        ["spf=softfail smtp.mailfrom=orders@globalparts-trading.com;", "dkim=none;",
         "dmarc=none header.from=globalparts-trading.com"],
        "vps-2231.hostcloud.example", "198.51.100.23",
        '"Purchasing Dept." <orders@globalparts-trading.com>',
        "New Purchase Order PO-88213", when, "po88213.1725408764@globalparts-trading.com"),
        "Dear Sir/Madam,\n\nKindly find attached our new purchase order PO-88213 and confirm\n"
        "the delivery date at your earliest convenience.\n\nBest regards,\nPurchasing Dept.\n",
        [("application/x-iso9660-image", "PO-88213.iso",
          iso_image(b"PO_88213", b"PO_88213.LNK;1",
                    shortcut("/c start /min powershell -w hidden -c \"echo PO\"")))])
    # 4. guard: a phone's photos are named IMG_nnnn (no disk image)
    message("attachments-disk-image-guard", head(
        "yamamoto@tanaka-sekkei.jp",
        ["spf=pass smtp.mailfrom=icloud.com;", "dkim=pass header.d=icloud.com header.s=1a1hai;",
         "dmarc=pass header.from=icloud.com"],
        "st43p00im-ztdg10073201.me.com", "17.58.63.179", "Yamamoto Aya <aya.yamamoto@icloud.com>",
        "Photos from Sunday", when, "C1D2E3F4-0904-4A1B-9C2D-5E6F7A8B9C0D@icloud.com"),
        "Here are the two photos from the site visit on Sunday.\n\nAya\n\nSent from my iPhone\n",
        [("image/png", "IMG_2041.PNG", png(32, 24, (180, 200, 220))),
         ("image/png", "IMG_2042.PNG", png(32, 24, (90, 140, 60)))])

    # 5. an HTML page that sends its opener to a sign-in site by script (no form in it)
    page = ('<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Voice Message</title></head>\n'
            '<body><p>Loading your voice message&hellip;</p>\n<script>\n'
            'var u = atob("aHR0cHM6Ly92b2ljZS1tc2ctcGxheWVyLmNvbS9sb2dpbj9lPQ==");\n'
            'window.location.replace(u + encodeURIComponent("office@tanaka-sekkei.jp"));\n'
            '</script></body></html>\n')
    message("attachments-html-script", head(
        "office@tanaka-sekkei.jp",
        ["spf=pass smtp.mailfrom=alerts-voip-center.com;", "dkim=none;",
         "dmarc=none header.from=alerts-voip-center.com"],
        "mail.alerts-voip-center.com", "192.0.2.77", '"Voice Mail" <noreply@alerts-voip-center.com>',
        "New voicemail from +81 3-5555-0192 (0:42)", when, "vm-0904-0931@alerts-voip-center.com"),
        "You have received a new voice message.\n\nCaller: +81 3-5555-0192\nDuration: 0:42\n\n"
        "Open the attached file to listen to it.\n",
        [("text/html", "VM_0904_0931.html", page.encode())])
    # 6. guard: Exchange hands a list's footer on as an attachment (ATT00001.htm): a plain
    # HTML file, no form, no script — the low hint alone leaves the mail safe
    footer = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>'
              '<body><p style="font-size:9pt;color:#666">You received this message because you are '
              'subscribed to the Kansai Architects Forum list. To change your delivery settings, '
              'visit the list page on our website.</p></body></html>\n')
    message("attachments-html-footer-guard", head(
        "yamamoto@tanaka-sekkei.jp",
        ["spf=pass smtp.mailfrom=kansai-arch.or.jp;",
         "dkim=pass header.d=kansai-arch.or.jp header.s=list;",
         "dmarc=pass header.from=kansai-arch.or.jp"],
        "lists.kansai-arch.or.jp", "203.0.113.90", "Kansai Architects Forum <office@kansai-arch.or.jp>",
        "September seminar: timber frame design", when, "seminar-2409.1@kansai-arch.or.jp"),
        "Members,\n\nThe September seminar on timber frame design will take place on the 21st\n"
        "at the Osaka community hall, 14:00-17:00. Registration at the door.\n\n"
        "Kansai Architects Forum office\n",
        [("text/html", "ATT00001.htm", footer.encode())])
    # 7. a ZIP holding a Windows program
    message("attachments-archive-exe", head(
        "office@tanaka-sekkei.jp",
        ["spf=fail smtp.mailfrom=dhl-express-notice.com;", "dkim=none;",
         "dmarc=none header.from=dhl-express-notice.com"],
        "mx1.dhl-express-notice.com", "198.51.100.140", '"DHL Express" <noreply@dhl-express-notice.com>',
        "Shipment AWB 5523140987 on hold", when, "awb5523140987@dhl-express-notice.com"),
        "Dear customer,\n\nYour shipment AWB 5523140987 is on hold because of an incomplete address.\n"
        "Please check the attached shipping document and confirm your address.\n\nDHL Express\n",
        [("application/zip", "AWB_5523140987.zip", zip_of([("AWB_5523140987.exe", pe_stub())]))])
    # 8. a ZIP holding a local sign-in page
    login = ('<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Statement</title></head><body>\n'
             '<h2>Sign in to view your statement</h2>\n'
             '<form method="post" action="https://statement-viewer.example-files.net/s.php">\n'
             '<input type="email" name="u"><input type="password" name="p">\n'
             '<button type="submit">View statement</button></form></body></html>\n')
    message("attachments-archive-html", head(
        "office@tanaka-sekkei.jp",
        ["spf=pass smtp.mailfrom=billing-center.net;", "dkim=none;",
         "dmarc=none header.from=billing-center.net"],
        "smtp.billing-center.net", "192.0.2.190", '"Billing" <statements@billing-center.net>',
        "Your September statement", when, "stmt-2409-0041@billing-center.net"),
        "Hello,\n\nYour statement for September is ready. It is attached as a compressed file.\n\n"
        "Billing Center\n",
        [("application/zip", "Statement_Sept.zip", zip_of([("Statement_Sept.html", login.encode())]))])
    # 9. guard: an accountant's ZIP of two PDF invoices (Japanese file names)
    message("attachments-archive-pdf-guard", head(
        "yamamoto@tanaka-sekkei.jp",
        ["spf=pass smtp.mailfrom=kato-tax.jp;", "dkim=pass header.d=kato-tax.jp header.s=default;",
         "dmarc=pass header.from=kato-tax.jp"],
        "mail.kato-tax.jp", "203.0.113.17", "=?UTF-8?B?5Yqg6Jek56iO55CG5aOr5LqL5YuZ5omA?= <info@kato-tax.jp>",
        "=?UTF-8?B?OOaciOWIhuOBruiri+axguabuOOBq+OBpOOBhOOBpg==?=", when, "20240904.4412@kato-tax.jp"),
        "田中設計 山本様\n\nいつもお世話になっております。加藤税理士事務所です。\n"
        "8月分の請求書2通をまとめて添付いたします。ご確認のほどよろしくお願いいたします。\n\n"
        "加藤税理士事務所\n",
        [("application/zip", "invoices-2024-08.zip",
          zip_of([("請求書_2024-08_顧問料.pdf", pdf("Invoice 2024-08 retainer")),
                  ("請求書_2024-08_決算.pdf", pdf("Invoice 2024-08 closing"))]))])
    # 10. guard: an EPUB is a ZIP of XHTML pages by definition (a publisher's free e-book)
    message("attachments-epub-guard", head(
        "yamamoto@tanaka-sekkei.jp",
        ["spf=pass smtp.mailfrom=mail.timberpress-books.com;",
         "dkim=pass header.d=timberpress-books.com header.s=k1;",
         "dmarc=pass header.from=timberpress-books.com"],
        "mail.timberpress-books.com", "203.0.113.55", "Timber Press Books <ebooks@timberpress-books.com>",
        "Your free e-book: Timber Joinery Basics", when, "ebook-88120@timberpress-books.com"),
        "Thank you for signing up. Your free e-book is attached (EPUB); it opens in any\n"
        "e-book reader.\n\nTimber Press Books\n",
        [("application/epub+zip", "timber-joinery-basics.epub", epub("Timber Joinery Basics"))])

    # 11. a ZIP named as an archive that carries a package's "mimetype" entry is still
    # opened as a folder: its HTML page counts (the package guard needs the document name)
    message("attachments-archive-html-mimetype", head(
        "office@tanaka-sekkei.jp",
        ["spf=pass smtp.mailfrom=billing-center.net;", "dkim=none;",
         "dmarc=none header.from=billing-center.net"],
        "smtp.billing-center.net", "192.0.2.190", '"Billing" <statements@billing-center.net>',
        "Your September statement", when, "stmt-2409-0042@billing-center.net"),
        "Hello,\n\nYour statement for September is ready. It is attached as a compressed file.\n\n"
        "Billing Center\n",
        [("application/zip", "Statement_Sept.zip",
          zip_of([("mimetype", b"application/epub+zip"), ("Statement_Sept.html", login.encode())]))])
    macro_content_cases(when)


XL_MACRO = ('Attribute VB_Name = "ThisWorkbook"\r\nAttribute VB_Base = "0{00020819-0000-0000-C000-'
            '000000000046}"\r\nPrivate Sub Workbook_Open()\r\n    Sheets(1).Visible = True\r\n'
            '    MsgBox "Enable content to see the figures."\r\nEnd Sub\r\n')


def macro_content_cases(when):
    """Macro documents known by their content, not their name (i16): Office 97-2003 files
    (OLE) with a VBA project, macro-enabled packages under a macro-free name; big ones cut
    as the extension sends them; and their guards."""
    stranger = ["spf=pass smtp.mailfrom=kaiun-shoji.com;", "dkim=none;",
                "dmarc=none header.from=kaiun-shoji.com"]
    # 12. an old-format Word document (.doc) carrying an AutoOpen macro
    message("attachments-macro-ole-doc", head(
        "office@tanaka-sekkei.jp", stranger, "mail.kaiun-shoji.com", "203.0.113.66",
        "=?UTF-8?B?5rW36YGL5ZWG5LqLIOe1jOeQhumDqA==?= <keiri@kaiun-shoji.com>",
        "=?UTF-8?B?6KuL5rGC5pu444Gu44GU56K66KqN?=", when, "20240904.0912.5521@kaiun-shoji.com"),
        "田中設計 御中\n\nいつもお世話になっております。海運商事 経理部です。\n"
        "9月分の請求書を添付いたします。\n文書は保護されています。開いた後「コンテンツの有効化」を"
        "クリックしてください。\n\n海運商事 経理部\n",
        [("application/msword", "請求書_2024-09.doc",
          office.word97("請求書 2024年9月分\r保護された文書です。コンテンツを有効にしてください。\r",
                        vba_streams(MACRO)))])
    # 13. an old-format Excel workbook (.xls) with a Workbook_Open macro, long enough to be
    # cut by the extension: its directory (at the end) stays, at a shifted offset
    message("attachments-macro-ole-xls-cut", head(
        "office@tanaka-sekkei.jp", stranger, "mail.kaiun-shoji.com", "203.0.113.66",
        "Kaiun Shoji Accounts <keiri@kaiun-shoji.com>", "Outstanding balance Q3",
        when, "20240904.0913.5522@kaiun-shoji.com"),
        "Hello,\n\nPlease review the attached statement of the outstanding balance for Q3.\n"
        "Click \"Enable Content\" if the figures do not show.\n\nKaiun Shoji Accounts\n",
        [("application/vnd.ms-excel", "Q3_balance.xls",
          office.excel97(["Outstanding balance Q3", "Enable content to see the figures."],
                         vba_streams(XL_MACRO, "ThisWorkbook"), office._noise(13, 150000)), "cut")])
    # 14. a macro-enabled Word package named .doc (Word opens it by its content)
    message("attachments-macro-docm-as-doc", head(
        "office@tanaka-sekkei.jp", stranger, "mail.kaiun-shoji.com", "203.0.113.66",
        "Kaiun Shoji Accounts <keiri@kaiun-shoji.com>", "Remittance advice 2024-0913",
        when, "20240904.0914.5523@kaiun-shoji.com"),
        "Hello,\n\nPlease find attached the remittance advice.\n\nKaiun Shoji Accounts\n",
        [("application/msword", "Remittance_2024-0913.doc",
          word_doc(["Remittance advice 2024-0913", "Enable editing and content to view."], MACRO))])
    # 15. a macro-enabled workbook renamed .xlsx, long enough to be cut (central directory kept)
    message("attachments-macro-xlsm-as-xlsx-cut", head(
        "office@tanaka-sekkei.jp", stranger, "mail.kaiun-shoji.com", "203.0.113.66",
        "Kaiun Shoji Accounts <keiri@kaiun-shoji.com>", "Price list October",
        when, "20240904.0915.5524@kaiun-shoji.com"),
        "Hello,\n\nOur new price list for October is attached.\n\nKaiun Shoji Accounts\n",
        [("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "price-list-10.xlsx",
          excel_book(["Price list October", "Enable content to see the prices."],
                     vba_project(XL_MACRO), office._noise(15, 150000)), "cut")])
    # 16. guard: a colleague's old .doc without macros (its text is about Excel VBA
    # training: the letters "VBA" in a document are no VBA project) and a long .xlsx, cut
    message("attachments-macro-ole-guard", head(
        "yamamoto@tanaka-sekkei.jp",
        ["spf=pass smtp.mailfrom=tanaka-sekkei.jp;",
         "dkim=pass header.d=tanaka-sekkei.jp header.s=s2024;",
         "dmarc=pass header.from=tanaka-sekkei.jp"],
        "mail-sor-f41.google.com", "209.85.220.41", "Sato Kenji <k.sato@tanaka-sekkei.jp>",
        "=?UTF-8?B?56CU5L+u44Gu5qGI5YaF44Go5Y+C5Yqg6ICF5LiA6Kan?=", when,
        "CAF3x9Qm7=training0904@mail.gmail.com"),
        "山本さん\n\nお疲れさまです。佐藤です。\n来月のExcel VBA研修の案内（古い形式のWord文書ですみません）と、"
        "参加者一覧を添付します。\nご確認ください。\n\n佐藤\n",
        [("application/msword", "VBA研修のご案内.doc",
          office.word97("Excel VBA 研修のご案内\rVBA マクロの基本、VBA Project の構成、"
                        "_VBA_PROJECT と dir ストリームの役割\r", None, office._noise(16, 4000))),
         ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "参加者一覧.xlsx",
          excel_book(["参加者一覧", "山本", "佐藤", "鈴木"], None, office._noise(17, 150000)), "cut")])

    # 17. guard: a colleague's macro tool (own domain, DMARC pass) says how to use it
    message("attachments-macro-prompt-colleague-guard", head(
        "yamamoto@tanaka-sekkei.jp",
        ["spf=pass smtp.mailfrom=tanaka-sekkei.jp;",
         "dkim=pass header.d=tanaka-sekkei.jp header.s=s2024;",
         "dmarc=pass header.from=tanaka-sekkei.jp"],
        "mail.tanaka-sekkei.jp", "203.0.113.10", "Suzuki Ichiro <i.suzuki@tanaka-sekkei.jp>",
        "=?UTF-8?B?5Yuk5oCg6KGo44OE44O844OrIDEw5pyI54mI?=", when, "5d2f0a91-1004@tanaka-sekkei.jp"),
        "山本さん\n\nお疲れさまです。鈴木です。\n10月版の勤怠集計ツールを添付します。\n"
        "開くと黄色いバーが出ますので、「コンテンツの有効化」を押してマクロを有効にしてご利用ください。\n\n鈴木\n",
        [("application/vnd.ms-excel.sheet.macroEnabled.12", "勤怠集計ツール_10月.xlsm",
          excel_book(["勤怠集計", "氏名", "出勤日数"], vba_project(XL_MACRO)))])
    # 18. guard: a partner's contract as a plain .docx, with Protected View's "Enable
    # Editing" explained (no macro document: the words alone are nothing)
    message("attachments-macro-prompt-docx-guard", head(
        "yamamoto@tanaka-sekkei.jp",
        ["spf=pass smtp.mailfrom=kato-kensetsu.co.jp;",
         "dkim=pass header.d=kato-kensetsu.co.jp header.s=sel1;",
         "dmarc=pass header.from=kato-kensetsu.co.jp"],
        "mail.kato-kensetsu.co.jp", "203.0.113.30", "Kato Misaki <m.kato@kato-kensetsu.co.jp>",
        "Draft contract for review", when, "20240904.contract.77@kato-kensetsu.co.jp"),
        "Yamamoto-san,\n\nPlease find the draft contract attached. Word opens mail attachments in\n"
        "Protected View: click \"Enable Editing\" if you want to add comments.\n\nBest regards,\n"
        "Kato Misaki\nKato Kensetsu\n",
        [("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "draft-contract-2024-09.docx",
          word_doc(["Draft contract 2024-09", "Article 1. Scope of work"]))])


if __name__ == "__main__":
    main()
