#!/usr/bin/env python3
"""test_flags.py — `make flags-test`: native-host/data/flags.tsv against the code, the
catalogue, docs/checks.md and the tests. Run from the repository root. Fails when
  * a row is malformed (severity, score, duplicate, an id without its "-" row);
  * the sources name a flag key ("id" or "id/variant" string literal) the table lacks, or
    the table holds a row no source names (content.<category> rows: lures.tsv's categories);
  * limits.* are not worth the suspicious score (verdict.h);
  * an id lacks en or ja texts in catalog.tsv, a mention in docs/checks.md outside the
    generated table, or a test asserting it raised: `flag ID` in a tests/cases/*.expect, or
    for the flags no case can raise (they need servers, or the worker's budget) the test
    named in OTHER_TESTS;
  * docs/checks.md's generated scores differ from the table (tools/flags-doc.py --check),
    or its prose gives an id a "severity score" pair the table does not have.
"""
import glob
import json
import os
import re
import subprocess
import sys

FLAGS = "native-host/data/flags.tsv"
CATALOG = "native-host/data/catalog.tsv"
LURES = "native-host/data/lures.tsv"
DOC = "docs/checks.md"
SEVERITIES = ("info", "low", "medium", "high", "critical")
# String literals of flag-like shape that are no flag keys.
NOT_FLAGS = {"online.sqlite"}     # the cache's file name (online/net/cache.c)
# Flags a tests/cases case cannot raise: the test that asserts them instead (the id must be
# written there in quotes). online.*: look-ups against local servers; limits.time, .memory,
# .crash: the worker process (runner.c); the parse limits: messages too large for a case
# file; limits.answer: a report too large to send.
OTHER_TESTS = {
    "online.": "tests/online/test_online.py",
    "limits.parts": "tests/unit/test_limits.c",
    "limits.time": "tests/protocol/test_pipes.c",
    "limits.memory": "tests/protocol/test_pipes.c",
    "limits.crash": "tests/protocol/test_pipes.c",
    "limits.headers": "tests/protocol/test_pipes.c",
    "limits.answer": "tests/unit/test_limits.c",
    "limits.html": "tests/unit/test_limits.c",
    "limits.depth": "tests/unit/test_limits.c",
}
# Ids that no test raises yet (none now). Temporary and explicit: each must go once its test
# lands (an id listed here that a test does raise fails too, so the list only shrinks).
UNTESTED = set()

errors = []


def fail(msg):
    errors.append(msg)


def read_rows():
    rows = []
    with open(FLAGS, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            c = line.split("\t") + [""]
            rows.append({"id": c[0], "variant": c[1] if len(c) > 2 else "", "severity": c[2] if len(c) > 3 else "",
                         "score": c[3] if len(c) > 4 else "", "when": c[4], "n": n, "cells": len(c) - 1})
    return rows


def check_rows(rows, checks):
    seen = set()
    for r in rows:
        where = f"{FLAGS}:{r['n']}"
        if r["cells"] not in (4, 5):
            fail(f"{where}: want id, variant, severity, score[, when]")
        if not re.fullmatch(r"[a-z]+\.[a-z0-9_]+", r["id"]) or r["id"].split(".")[0] not in checks:
            fail(f"{where}: {r['id']!r} is no <check>.<what> of a known check")
        if not re.fullmatch(r"-|[a-z0-9_]+", r["variant"]):
            fail(f"{where}: variant {r['variant']!r}: '-' or a word")
        if r["severity"] not in SEVERITIES:
            fail(f"{where}: severity {r['severity']!r} is none of {', '.join(SEVERITIES)}")
        if not re.fullmatch(r"-?\d+", r["score"]):
            fail(f"{where}: score {r['score']!r} is no integer")
        if r["variant"] != "-" and not r["when"].strip():
            fail(f"{where}: variant {r['variant']} says nowhere (last column) when it applies")
        if (r["id"], r["variant"]) in seen:
            fail(f"{where}: {r['id']} {r['variant']} twice")
        seen.add((r["id"], r["variant"]))
    for fid in {r["id"] for r in rows}:
        if (fid, "-") not in seen:
            fail(f"{FLAGS}: {fid} has variants but no '-' row (the flag as usually raised)")


def source_keys(checks):
    """Flag-shaped string literals of the C sources, comments left out: {key: file}."""
    lit = re.compile(r'"((?:%s)\.[a-z0-9_]+(?:/[a-z0-9_]+)?)"' % "|".join(sorted(checks)))
    keys = {}
    for path in sorted(glob.glob("native-host/src/**/*.c", recursive=True)):
        with open(path, encoding="utf-8") as f:
            code = re.sub(r"/\*.*?\*/", "", f.read(), flags=re.S)
        if re.search(r"\bpc_flag\s*\(", code):
            fail(f"{path}: pc_flag() is gone: pc_flag_id(ctx, \"id\" or \"id/variant\", evidence ...)")
        for m in lit.finditer(code):
            if m[1] not in NOT_FLAGS:
                keys.setdefault(m[1], path)
    return keys


def check_code(rows, checks):
    table = {r["id"] if r["variant"] == "-" else f"{r['id']}/{r['variant']}" for r in rows}
    keys = source_keys(checks)
    for k, path in sorted(keys.items()):
        if k not in table:
            fail(f"{path}: flag {k} has no row in {FLAGS}")
    with open(LURES, encoding="utf-8") as f:
        cats = {l.split("\t")[0] for l in f if l.strip() and not l.startswith("#")}
    dynamic = {f"content.{c}" for c in cats} | {f"content.{c}/later" for c in cats if c != "urgency"}
    for k in sorted(dynamic - table):
        fail(f"{LURES}: category {k.split('/')[0]} needs the row {k} in {FLAGS} (content.c raises it)")
    for k in sorted(table - set(keys) - dynamic):
        fail(f"{FLAGS}: {k}: no source raises it (a stale row, or a key built at run time)")


def check_limits(rows):
    with open("native-host/src/verdict.h", encoding="utf-8") as f:
        at = int(re.search(r"#define PC_SUSPICIOUS_AT (\d+)", f.read())[1])
    for r in rows:
        if r["id"].startswith("limits.") and (r["severity"], r["score"]) != ("medium", str(at)):
            fail(f"{FLAGS}:{r['n']}: {r['id']} must be medium {at} (PC_SUSPICIOUS_AT)")


def catalog_langs():
    have = {}
    with open(CATALOG, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) >= 3 and not line.startswith("#") and c[2].strip():
                have.setdefault(c[0], set()).add(c[1])
    return have


def doc_text():
    """docs/checks.md without its generated table."""
    with open(DOC, encoding="utf-8") as f:
        text = f.read()
    return re.sub(r"<!-- flags\.tsv:.*?<!-- end of flags\.tsv -->", "", text, flags=re.S)


def raised_in_cases():
    got = set()
    for path in glob.glob("tests/cases/*.expect"):
        with open(path, encoding="utf-8") as f:
            got |= {m[1] for m in re.finditer(r"(?m)^flag\s+(\S+)\s*$", f.read())}
    return got


def other_test(fid):
    for key, path in OTHER_TESTS.items():
        if fid == key or (key.endswith(".") and fid.startswith(key)):
            with open(path, encoding="utf-8") as f:
                return path, f'"{fid}"' in f.read()
    return None, False


def check_coverage(ids):
    langs, doc, cases = catalog_langs(), doc_text(), raised_in_cases()
    for fid in sorted(ids):
        for lang in ("en", "ja"):
            if lang not in langs.get(fid, set()):
                fail(f"{CATALOG}: no {lang} text for {fid}")
        if not re.search(r"(?<![\w.])%s(?![\w])" % re.escape(fid), doc):
            fail(f"{DOC}: {fid} is described nowhere (the generated table does not count)")
        path, found = other_test(fid)
        tested = fid in cases or found
        where = path or "tests/cases/*.expect (`flag ID`)"
        if not tested and fid not in UNTESTED:
            fail(f"{fid}: no test asserts it raised ({where})")
        if tested and fid in UNTESTED:
            fail(f"{fid} is tested now: take it off UNTESTED in tests/flags/test_flags.py")
    for fid in sorted(UNTESTED - ids):
        fail(f"UNTESTED lists {fid}, which is no flag")
    return sorted(UNTESTED & ids)


def check_prose(rows):
    """`id` (... severity score ...): every pair in the parenthesis is a row of id."""
    pairs = {}
    for r in rows:
        pairs.setdefault(r["id"], set()).add((r["severity"], r["score"]))
    sev = "|".join(SEVERITIES)
    for m in re.finditer(r"`([a-z]+\.[a-z0-9_]+)`\s+\(([^)]*)\)", doc_text()):
        if m[1] not in pairs:
            continue
        for s, n in re.findall(r"\b(%s),? (-?\d+)\b" % sev, m[2]):
            if (s, n) not in pairs[m[1]]:
                fail(f"{DOC}: says `{m[1]}` ({s} {n}); {FLAGS} has "
                     + ", ".join(f"{a} {b}" for a, b in sorted(pairs[m[1]])))


def check_runtime(bin_path, rows):
    """The host reads the table: its weight for a flag, and an edited copy's (--data-dir)."""
    import shutil
    import tempfile
    fid, case = "sender.brand_impersonation", "tests/cases/kagoya-activemail.eml"
    row = next(r for r in rows if r["id"] == fid and r["variant"] == "-")
    usual = (row["severity"], int(row["score"]))
    edited = ("critical" if usual[0] != "critical" else "high", usual[1] + 1)
    with tempfile.TemporaryDirectory() as d:
        data = os.path.join(d, "data")
        shutil.copytree("native-host/data", data)
        with open(FLAGS, encoding="utf-8") as f:
            lines = f.read().split("\n")
        lines[row["n"] - 1] = "\t".join([fid, "-", edited[0], str(edited[1]), row["when"]])
        with open(os.path.join(data, "flags.tsv"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        for dir_, want in ((None, usual), (data, edited)):
            cmd = [bin_path, "--json"] + (["--data-dir", dir_] if dir_ else []) + [case]
            rep = json.loads(subprocess.run(cmd, capture_output=True, text=True).stdout)
            got = [(f["severity"], f["score"]) for f in rep["flags"] if f["id"] == fid]
            if got != [want]:
                fail(f"{bin_path} {'--data-dir (edited flags.tsv) ' if dir_ else ''}on {case}: "
                     f"{fid} {got}, want {want}")


def main():
    checks = {"online", "limits"}          # PC_CHECK(name) lines, as tools/gen-checks.sh reads them
    for path in glob.glob("native-host/src/**/*.c", recursive=True):
        with open(path, encoding="utf-8") as f:
            checks |= set(re.findall(r"(?m)^PC_CHECK\((\w+)\)", f.read()))
    rows = read_rows()
    check_rows(rows, checks)
    check_code(rows, checks)
    check_limits(rows)
    ids = {r["id"] for r in rows}
    untested = check_coverage(ids)
    check_prose(rows)
    if os.environ.get("PHISHCHECK"):
        check_runtime(os.environ["PHISHCHECK"], rows)
    doc = subprocess.run([sys.executable, "tools/flags-doc.py", "--check", FLAGS, DOC],
                         capture_output=True, text=True)
    if doc.returncode:
        fail(doc.stdout.strip() or doc.stderr.strip())
    for e in errors:
        print("FAIL", e)
    print(f"flags: {len(ids)} ids, {len(rows)} rows; {len(untested)} not yet raised by a test"
          + (f" ({', '.join(untested)})" if untested else "") + f"; {len(errors)} failures")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
