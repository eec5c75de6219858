#!/usr/bin/env python3
"""tests/milter/smtp_test.py — sends mail over SMTP through Postfix + phishcheck-milter
(run.sh starts both) and checks what was delivered to the maildir:
  - every message carries one X-Phishcheck and one Authentication-Results of our server id,
    above Postfix's own Received, and they say what `phishcheck` itself says of the same
    delivered message with the same settings (verdict, score, flags);
  - forged X-Phishcheck headers and forged Authentication-Results with our server id are
    gone, anyone else's Authentication-Results stay;
  - the Subject of dangerous mail is tagged (a Japanese tag, RFC 2047), other Subjects are
    untouched, and the body bytes are unchanged;
  - phishcheck on the desk, told the gateway's id (--gateway-id), reads that verdict from
    the delivered message as the organisation's;
  - one JSON log line per message with the queue id Postfix gave it;
  - a message over max-message is checked on its first bytes and delivered whole;
  - after SIGHUP with action = reject, dangerous mail is refused with 550 and safe mail
    still delivered; a broken file on SIGHUP is refused and the settings stay; with
    action = quarantine, dangerous mail lands in Postfix's hold queue;
then sends 1,000 messages over 4 connections and prints messages/s and the milter's peak
RSS (a measurement, not an assertion)."""
import argparse, email.header, json, os, re, signal, smtplib, subprocess, sys, threading, time

ap = argparse.ArgumentParser()
for a in ("smtp", "maildir", "cases", "host", "milter-pid", "milter-log", "config"):
    ap.add_argument("--" + a, required=True)
ap.add_argument("--load-only", metavar="LABEL", help="only the 1,000 messages; LABEL names the socket")
args = ap.parse_args()
SERVER_ID = "mx.test.example"
NEW = os.path.join(args.maildir, "new")
TOP = os.path.dirname(os.path.dirname(os.path.abspath(args.maildir)))   # run.sh's temporary dir
failures = []
T0 = time.time()

def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL: " + what)

def case(name):
    with open(os.path.join(args.cases, name), "rb") as f:
        return f.read()

def listing():
    return set(os.listdir(NEW)) if os.path.isdir(NEW) else set()

def crlf(raw):
    """raw with CRLF line ends, as SMTP carries it (smtplib sends bytes as they are)."""
    return re.sub(rb"\r\n|\r|\n", b"\r\n", raw)

def send(raw, conn=None):
    s = conn or smtplib.SMTP("127.0.0.1", int(args.smtp), timeout=60)
    try:
        s.sendmail("sender@example.net", ["user@test.example"], crlf(raw))
    finally:
        if conn is None:
            s.quit()

def deliver(raw):
    """Sends raw and returns the delivered file's bytes."""
    before = listing()
    send(raw)
    end = time.time() + 30
    while time.time() < end:
        new = listing() - before
        if new:
            with open(os.path.join(NEW, new.pop()), "rb") as f:
                return f.read()
        time.sleep(0.05)
    sys.exit("milter-test: a message was not delivered within 30 s")

def split(raw):
    """(header lines unfolded as (name, value) pairs, body) of a message (LF ends)."""
    head, _, body = raw.partition(b"\n\n")
    fields = []
    for line in head.split(b"\n"):
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1][1] += b"\n" + line
        else:
            name, _, value = line.partition(b":")
            fields.append([name.decode(), value.strip()])
    return fields, body

def smtp_form(raw):
    """What the message is after SMTP: smtplib's CRLF line ends, stored with LF."""
    raw = re.sub(rb"\r\n|\r|\n", b"\n", raw)
    return raw if raw.endswith(b"\n") else raw + b"\n"

def values(fields, name):
    return [v for n, v in fields if n.lower() == name.lower()]

def ours(fields):
    return [v for v in values(fields, "Authentication-Results")
            if re.match(rb"\s*" + re.escape(SERVER_ID.encode()) + rb"\s*;", v)]

def cli_settings():
    """The config file's phishcheck options, as the milter reads them (conf.c)."""
    own = {"socket", "server-id", "add-headers", "tag-subject", "action", "reject-text",
           "on-error", "log", "jobs"}
    out = ["--max-message=16M"]
    for line in open(args.config, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        k, v = (x.strip() for x in line.split("=", 1))
        if k in own or v.lower() in ("no", "false", "off", "0"):
            continue
        out.append("--" + k if v.lower() in ("yes", "true", "on", "1") else "--%s=%s" % (k, v))
    return out

def host_report(delivered):
    """phishcheck's own report of the delivered message, with what the milter added and
    what delivery added after it (Return-Path, X-Original-To, the first Delivered-To) taken
    off: the message as the milter saw it."""
    lines = delivered.split(b"\n")
    out, skipping, dropped_dt = [], False, False
    head_end = delivered.index(b"\n\n")
    pos = 0
    for line in lines:
        in_head = pos < head_end
        pos += len(line) + 1
        if in_head and line[:1] in (b" ", b"\t") and skipping:
            continue
        skipping = False
        if in_head and line[:1] not in (b" ", b"\t"):
            name = line.split(b":", 1)[0].lower()
            if name in (b"return-path", b"x-original-to", b"x-phishcheck") or \
               (name == b"delivered-to" and not dropped_dt) or \
               (name == b"authentication-results" and re.match(rb"authentication-results:\s*" +
                                                                re.escape(SERVER_ID.encode()) + rb"\s*;", line.lower())):
                dropped_dt |= name == b"delivered-to"
                skipping = True
                continue
        out.append(line)
    p = subprocess.run([args.host, "--json"] + cli_settings() + ["-"], input=b"\n".join(out),
                       capture_output=True)
    return json.loads(p.stdout)

def x_phishcheck(fields):
    v = values(fields, "X-Phishcheck")
    m = re.fullmatch(rb"(\w+); score=(-?\d+); flags=([\w.,-]*)", v[0]) if len(v) == 1 else None
    return (m.group(1).decode(), int(m.group(2)), m.group(3).decode().split(",") if m.group(3) else []) if m else None

def check_delivery(name, sent, delivered, expect_verdict, tag=None):
    fields, body = split(delivered)
    names = [n.lower() for n, _ in fields]
    xp = x_phishcheck(fields)
    check(xp is not None, "%s: exactly one well-formed X-Phishcheck (got %r)" % (name, values(fields, "X-Phishcheck")))
    if not xp:
        return
    verdict, score, flags = xp
    check(verdict == expect_verdict, "%s: verdict %s, expected %s" % (name, verdict, expect_verdict))
    ar = ours(fields)
    want_ar = "%s; x-phishcheck=%s policy.score=%d policy.flags=%s" % (SERVER_ID, verdict, score, ",".join(flags))
    check([a.decode() for a in ar] == [want_ar], "%s: our Authentication-Results %r, expected [%r]" % (name, ar, want_ar))
    first_received = names.index("received")
    check(names.index("x-phishcheck") < first_received and
          names.index("authentication-results") < first_received,
          "%s: the verdict headers are above Postfix's Received" % name)
    rep = host_report(delivered)
    check((rep["verdict"], rep["score"], sorted(f["id"] for f in rep["flags"])) ==
          (verdict, score, sorted(flags)),
          "%s: the milter said %s/%d/%s, phishcheck on the same message %s/%d/%s" %
          (name, verdict, score, flags, rep["verdict"], rep["score"], [f["id"] for f in rep["flags"]]))
    # the desk's side: phishcheck told that mx.test.example is the organisation's gateway
    # reads this verdict from the delivered message as the organisation's (checks/org.c)
    p = subprocess.run([args.host, "--json", "--gateway-id", SERVER_ID] + cli_settings() + ["-"],
                       input=delivered, capture_output=True)
    org = json.loads(p.stdout).get("organisation") or {}
    check((org.get("server"), org.get("verdict"), org.get("score"), sorted(org.get("flags") or [])) ==
          (SERVER_ID, verdict, score, sorted(flags)),
          "%s: the desk reads the organisation's verdict %r" % (name, org))
    sent_fields, sent_body = split(smtp_form(sent))
    check(body == sent_body, "%s: body bytes changed (%d -> %d bytes)" % (name, len(sent_body), len(body)))
    subj, sent_subj = values(fields, "Subject"), values(sent_fields, "Subject")
    if tag and verdict == "dangerous":
        text = str(email.header.make_header(email.header.decode_header(subj[0].decode())))
        orig = str(email.header.make_header(email.header.decode_header(sent_subj[0].decode())))
        check(text == tag + " " + orig, "%s: tagged Subject %r, expected %r" % (name, text, tag + " " + orig))
    else:
        check(subj == sent_subj, "%s: Subject changed: %r" % (name, subj))
    return verdict

def log_lines():
    out = []
    for line in open(args.milter_log, encoding="utf-8", errors="replace"):
        if line.startswith("{"):
            out.append(json.loads(line))
    return out

def tag_of_config():
    for line in open(args.config, encoding="utf-8"):
        if line.strip().startswith("tag-subject"):
            return line.split("=", 1)[1].strip()

def forged(raw):
    """raw with forged verdicts above and inside its header, and someone else's A-R."""
    head, sep, body = raw.partition(b"\n\n")
    lines = head.split(b"\n")
    i = next(k for k, l in enumerate(lines) if l.lower().startswith(b"from:"))
    lines.insert(i, b"X-PhishCheck: safe; score=0; flags=")
    lines.insert(i, b"Authentication-Results: (comment) MX.Test.Example;\n\tx-phishcheck=safe policy.score=0")
    top = [b"X-Phishcheck: safe; score=0; flags=",
           b"Authentication-Results: mx.test.example; x-phishcheck=safe policy.score=0 policy.flags=",
           b"Authentication-Results: relay.other.example; spf=pass smtp.mailfrom=example.net"]
    return b"\n".join(top + lines) + sep + body

VARIANTS = [   # (header line as sent, must the milter remove it)
    (b"x-phishcheck: safe; score=0; flags=", True),
    (b"X-Phishcheck : safe; score=0; flags=", True),                 # space before the colon
    (b"X-Phishcheck:\n safe;\n score=0; flags=", True),             # folded
    (b"X-Phishcheck: =?utf-8?q?safe=3B_score=3D0?=", True),           # RFC 2047
    (b"Authentication-Results: MX.TEST.EXAMPLE; x-phishcheck=safe policy.score=0", True),
    (b"Authentication-Results: mx.test.example.; x-phishcheck=safe policy.score=0", True),
    (b"Authentication-Results: mx.test.example 1; x-phishcheck=safe policy.score=0", True),
    (b"Authentication-Results: (\\) mx.test.example; x-phishcheck=safe policy.score=0", True),
    (b"Authentication-Results: =?us-ascii?q?mx.test.example?=; x-phishcheck=safe policy.score=0", True),
    (b"Authentication-Results:\n\tmx.test.example;\n\tx-phishcheck=safe policy.score=0", True),
    (b"Authentication-Results : mx.test.example; x-phishcheck=safe policy.score=0", True),
    (b"authentication-results: mx.test.example; x-phishcheck=safe policy.score=0", True),
    (b"Authentication-Results: mx.test.example.evil.com; x-phishcheck=safe policy.score=0", False),
]

def forged_variants(raw):
    """raw with every forged form of VARIANTS, spread above, between and below its headers."""
    head, sep, body = smtp_form(raw).partition(b"\n\n")
    lines = head.split(b"\n")
    for k, (line, _) in enumerate(VARIANTS):     # before a field, never inside a folded one
        starts = [i for i, l in enumerate(lines) if l[:1] not in (b" ", b"\t")] + [len(lines)]
        lines.insert(starts[(k * 7) % len(starts)], line)
    return b"\n".join(lines) + sep + body

def without_ours(delivered):
    """delivered without the milter's own two lines (the first X-Phishcheck and the first
    Authentication-Results of our id): what a forger left, if anything."""
    out, skip, dropped = [], False, set()
    head, sep, body = delivered.partition(b"\n\n")
    for line in head.split(b"\n"):
        if line[:1] in (b" ", b"\t"):
            if not skip:
                out.append(line)
            continue
        name = line.split(b":", 1)[0].lower()
        skip = name in (b"x-phishcheck", b"authentication-results") and name not in dropped and \
            (name == b"x-phishcheck" or line.lower().startswith(b"authentication-results: " + SERVER_ID.encode() + b";"))
        if skip:
            dropped.add(name)
        else:
            out.append(line)
    return b"\n".join(out) + sep + body

def forged_variant_checks(tag):
    raw = forged_variants(case("kagoya-delivery-failure.eml"))
    got = deliver(raw)
    check_delivery("forged variants", raw, got, "dangerous", tag)
    rest = without_ours(got)
    fields, _ = split(rest)
    left = [n + ": " + v.decode(errors="replace") for n, v in fields
            if n.strip().lower() == "x-phishcheck" or
            (n.strip().lower() == "authentication-results" and b"x-phishcheck=safe" in v and b"evil" not in v)]
    check(not left, "forged variants: left in the delivered message: %r" % left)
    check(any(b"mx.test.example.evil.com;" in v for v in values(fields, "Authentication-Results")),
          "forged variants: mx.test.example.evil.com's line (not ours) was removed")
    p = subprocess.run([args.host, "--json", "--gateway-id", SERVER_ID] + cli_settings() + ["-"],
                       input=rest, capture_output=True)
    org = json.loads(p.stdout).get("organisation")
    check(org is None, "forged variants: without our own line the desk trusts %r" % org)
    time.sleep(0.2)
    want = sum(1 for _, gone in VARIANTS if gone)
    check(log_lines()[-1].get("removed") == want,
          "forged variants: logged %r removed, expected %d" % (log_lines()[-1].get("removed"), want))

def subject_checks(tag):
    """Subject tagging of dangerous mail whatever its Subject looks like."""
    base = smtp_form(case("kagoya-delivery-failure.eml"))
    head, sep, body = base.partition(b"\n\n")
    lines = [l for l in head.split(b"\n")]
    plain = []                                 # the header without its Subject (folds too)
    for l in lines:
        if l.lower().startswith(b"subject:") or (l[:1] in (b" ", b"\t") and plain and plain[-1] is None):
            plain.append(None)
        else:
            plain.append(l)
    plain = [l for l in plain if l is not None]
    def with_subjects(*subjects):
        return b"\n".join(plain + [b"Subject: " + s for s in subjects]) + sep + body
    long_subj = b"Account notice " + b"x" * 3000
    for name, raw in (("encoded-word Subject", with_subjects(b"=?UTF-8?B?44GK55+l44KJ44Gb?=")),
                      ("folded encoded Subject", with_subjects(b"=?UTF-8?B?44GK55+l44KJ44Gb?=\n =?UTF-8?B?44GK55+l44KJ44Gb?=")),
                      ("3,000-byte Subject", with_subjects(long_subj))):
        got = deliver(raw)
        check_delivery(name, raw, got, "dangerous", tag)
    got = deliver(with_subjects())
    subj = values(split(got)[0], "Subject")
    text = [str(email.header.make_header(email.header.decode_header(s.decode()))) for s in subj]
    check(text == [tag], "no Subject: delivered Subject %r, expected [%r]" % (text, tag))
    got = deliver(with_subjects(b"first", b"second"))
    subj = values(split(got)[0], "Subject")
    text = [str(email.header.make_header(email.header.decode_header(s.decode()))) for s in subj]
    check(text == [tag + " first", "second"], "two Subjects: delivered %r" % text)
    return 5

def checks():
    """The messages of the issue, the log lines, the reload."""
    tag = tag_of_config()
    logged_before = len(log_lines())
    sent_count = 0

    # ---- the messages of the issue ----
    plan = [("kagoya-activemail.eml", case("kagoya-activemail.eml"), "dangerous"),      # ISO-2022-JP
            ("kagoya-delivery-failure.eml", case("kagoya-delivery-failure.eml"), "dangerous"),
            ("forged safe verdict", forged(case("kagoya-delivery-failure.eml")), "dangerous"),
            ("legit-mailchimp-newsletter.eml", case("legit-mailchimp-newsletter.eml"), "safe"),
            ("legit-ja-mta-bounce.eml (ISO-2022-JP)", case("legit-ja-mta-bounce.eml"), "safe")]
    for name, raw, want in plan:
        got = deliver(raw)
        sent_count += 1
        check_delivery(name, raw, got, want, tag)
        if name == "forged safe verdict":
            fields, _ = split(got)
            ars = values(fields, "Authentication-Results")
            check(any(a.startswith(b"relay.other.example;") for a in ars),
                  "forged: someone else's Authentication-Results was kept")
            check(any(a.startswith(b"mmail-a12.conoha.ne.jp;") for a in ars),
                  "forged: the receiving server's Authentication-Results was kept")
            check(not any(b"x-phishcheck=safe" in a for a in ars), "forged: a forged x-phishcheck=safe is left")
    print("milter-test: [%.1fs] %d messages checked (verdicts, forged headers, Subject tag, body bytes)" % (time.time() - T0, len(plan)))
    forged_variant_checks(tag)
    sent_count += 1 + subject_checks(tag)
    print("milter-test: [%.1fs] %d forged header forms, Subject tag of odd Subjects" % (time.time() - T0, len(VARIANTS)))

    # ---- a message over max-message (2M here): checked on its first 2 MiB, delivered whole ----
    big = case("legit-ja-mta-bounce.eml") + b"".join(b"%075d\n" % i for i in range(80000))   # 6 MB
    got = deliver(big)
    sent_count += 1
    fields, body = split(got)
    check(x_phishcheck(fields) is not None, "big: no verdict header")
    check(body == split(smtp_form(big))[1], "big: body bytes changed")
    time.sleep(0.2)
    last = log_lines()[-1]
    check(last.get("truncated") is True and last.get("size") == 2 << 20,
          "big: logged %r, expected truncated at 2 MiB" % {k: last.get(k) for k in ("size", "truncated")})
    print("milter-test: [%.1fs] a 6 MB message: checked on its first 2 MiB, delivered whole; "
          "milter peak RSS %d KiB" % (time.time() - T0, hwm(int(args.milter_pid))))

    # ---- one log line per message ----
    time.sleep(0.2)
    lines = log_lines()[logged_before:]
    check(len(lines) == sent_count, "log: %d JSON lines for %d messages" % (len(lines), sent_count))
    for l in lines:
        check(re.fullmatch(r"[0-9A-F]{6,}", l.get("queue_id") or "") is not None and
              l.get("verdict") in ("safe", "suspicious", "dangerous") and isinstance(l.get("ms"), int) and
              isinstance(l.get("flags"), list), "log line %r" % l)
    check(any(l.get("removed") == 4 for l in lines), "log: the forged message's 4 removed headers")

    # ---- reload (SIGHUP): action = reject ----
    with open(args.config, "a", encoding="utf-8") as f:
        f.write("action = reject\nreject-text = refused by the phishcheck test\n")
    os.kill(int(args.milter_pid), signal.SIGHUP)
    end = time.time() + 10
    while time.time() < end and "reloaded" not in open(args.milter_log, encoding="utf-8", errors="replace").read():
        time.sleep(0.05)
    try:
        send(case("kagoya-activemail.eml"))
        check(False, "reject: dangerous mail was accepted after the reload")
    except smtplib.SMTPDataError as e:
        check(e.smtp_code == 550 and b"refused by the phishcheck test" in e.smtp_error,
              "reject: answer %d %r" % (e.smtp_code, e.smtp_error))
    got = deliver(case("legit-mailchimp-newsletter.eml"))
    check_delivery("newsletter after reload", case("legit-mailchimp-newsletter.eml"), got, "safe", tag)

    # ---- a broken file on reload: refused, the running settings stay ----
    good = open(args.config, encoding="utf-8").read()
    with open(args.config, "a", encoding="utf-8") as f:
        f.write("action = explode\n")
    os.kill(int(args.milter_pid), signal.SIGHUP)
    end = time.time() + 10
    while time.time() < end and "the running settings stay" not in open(args.milter_log, encoding="utf-8", errors="replace").read():
        time.sleep(0.05)
    check("the running settings stay" in open(args.milter_log, encoding="utf-8", errors="replace").read(),
          "reload of a broken file: no notice")
    with open(args.config, "w", encoding="utf-8") as f:
        f.write(good)
    try:
        send(case("kagoya-activemail.eml"))
        check(False, "broken reload: dangerous mail accepted (the settings before it were lost)")
    except smtplib.SMTPDataError as e:
        check(e.smtp_code == 550, "broken reload: answer %d %r" % (e.smtp_code, e.smtp_error))
    # ---- action = quarantine: dangerous mail goes to Postfix's hold queue, not delivered ----
    with open(args.config, "a", encoding="utf-8") as f:
        f.write("action = quarantine\n")
    reloads = open(args.milter_log, encoding="utf-8", errors="replace").read().count("reloaded")
    os.kill(int(args.milter_pid), signal.SIGHUP)
    end = time.time() + 10
    while time.time() < end and open(args.milter_log, encoding="utf-8", errors="replace").read().count("reloaded") == reloads:
        time.sleep(0.05)
    before = listing()
    send(case("kagoya-activemail.eml"))
    time.sleep(0.3)
    qid = log_lines()[-1].get("queue_id")
    check(log_lines()[-1].get("action") == "quarantine", "quarantine: logged %r" % log_lines()[-1])
    check(listing() == before, "quarantine: the dangerous message was delivered")
    held = os.listdir(os.path.join(TOP, "queue", "hold")) if os.path.isdir(os.path.join(TOP, "queue", "hold")) else []
    check(qid in held, "quarantine: %s not in Postfix's hold queue (%r)" % (qid, held))
    print("milter-test: [%.1fs] SIGHUP reload to action = reject: dangerous refused (550), safe delivered; "
          "a broken file refused on reload; action = quarantine: held (%s)" % (time.time() - T0, qid))

# ---- 1,000 messages over 4 connections (a measurement) ----
N, CONNS = 1000, 4

def sender(corpus, k, errors):
    s = smtplib.SMTP("127.0.0.1", int(args.smtp), timeout=120)
    for i in range(k, N, CONNS):
        try:
            s.sendmail("sender@example.net", ["user@test.example"], corpus[i % len(corpus)])
        except smtplib.SMTPResponseException as e:
            if e.smtp_code != 550:                 # dangerous mail is refused after the reload
                errors.append(e)
        except smtplib.SMTPException as e:
            errors.append(e)
            s = smtplib.SMTP("127.0.0.1", int(args.smtp), timeout=120)
    s.quit()

def hwm(pid):
    try:
        for line in open("/proc/%d/status" % pid):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0

def children(pid):
    """The processes whose parent is pid (the milter's workers), from /proc."""
    out = []
    for d in os.listdir("/proc"):
        try:
            if d.isdigit() and int(open("/proc/%s/stat" % d).read().rsplit(")", 1)[1].split()[1]) == pid:
                out.append(d)
        except (OSError, IndexError, ValueError):
            pass
    return out

def load(label):
    names = sorted(n for n in os.listdir(args.cases) if n.endswith(".eml"))
    corpus = [crlf(case(n)) for n in names if os.path.getsize(os.path.join(args.cases, n)) < 200000]
    errors = []
    logged = len(log_lines())
    t0 = time.time()
    threads = [threading.Thread(target=sender, args=(corpus, k, errors)) for k in range(CONNS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    secs = time.time() - t0
    check(not errors, "load: %d SMTP errors, first %r" % (len(errors), errors[:1]))
    workers = children(int(args.milter_pid))
    time.sleep(0.3)
    check(len(log_lines()) - logged == N, "load: %d log lines for %d messages" % (len(log_lines()) - logged, N))
    print("milter-test: %d messages (%d different) over %d connections, milter on a %s: %.1f s, "
          "%.0f messages/s; milter peak RSS (VmHWM) %d KiB, its workers' peak %d KiB" %
          (N, len(corpus), CONNS, label, secs, N / secs, hwm(int(args.milter_pid)),
           max([hwm(int(w)) for w in workers] or [0])))

if args.load_only:
    load(args.load_only)
else:
    checks()
    load("TCP socket")
if failures:
    sys.exit("milter-test: %d failures" % len(failures))
