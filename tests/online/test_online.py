#!/usr/bin/env python3
"""test_online.py — tests of the online look-ups (issue #6, native-host/src/online/).
phishcheck runs against server.py on 127.0.0.1 only, with a test CA made here by openssl.
Asserts the findings, the time budget under a hanging service, 429/garbage/huge/TLS
failures degrading to the offline verdict, cache hits on a second run, the feeds update,
the native-messaging `enrich` request, and that nothing is sent when look-ups are off.
Usage: PHISHCHECK=native-host/phishcheck python3 tests/online/test_online.py [NAME...]"""
import base64
import email.utils
import json
import os
import struct
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import server  # noqa: E402

PHISHCHECK = os.path.abspath(os.environ.get("PHISHCHECK", "native-host/phishcheck"))
RCPT = "victim@user.test"


def make_ca(d):
    """A CA and a certificate for 127.0.0.1 signed by it; returns (ca, cert, key)."""
    def ossl(*a):
        subprocess.run(["openssl", *a], cwd=d, check=True, capture_output=True)
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    ossl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
         "-subj", "/CN=phishcheck test CA")
    ossl("req", *ec, "-keyout", "srv.key", "-out", "srv.csr", "-subj", "/CN=127.0.0.1")
    with open(os.path.join(d, "ext.cnf"), "w") as f:
        f.write("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")
    ossl("x509", "-req", "-in", "srv.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
         "-CAcreateserial", "-out", "srv.pem", "-days", "2", "-extfile", "ext.cnf")
    return [os.path.join(d, n) for n in ("ca.pem", "srv.pem", "srv.key")]


def days_ago(n):
    return email.utils.formatdate(time.time() - n * 86400)


def eml(sender, ip="74.226.196.215", links=(), return_path=None, extra="", received=0, date=None):
    """A message from `sender` that entered the user's server from ip `received` days ago
    (its Date header, written by the sender, says `date` days ago or 2024-01-01)."""
    body = "".join('<p><a href="%s">Log in</a></p>\n' % u for u in links)
    rp = return_path or sender
    return ("Return-Path: <%s>\nDelivered-To: %s\n"
            "Received: from mx.user.test (mx.user.test [10.0.0.5]) by imap.user.test; %s\n"
            "Received: from Praisemmm (host.example [%s]) by mx.user.test with ESMTP; %s\n%s"
            "From: \"Mail Admin\" <%s>\nTo: %s\nSubject: Please log in\n"
            "Date: %s\nMessage-ID: <%s.%s@x>\nMIME-Version: 1.0\n"
            "Content-Type: text/html; charset=utf-8\n\n<html><body>%s</body></html>\n"
            % (rp, RCPT, days_ago(received), ip, days_ago(received), extra, sender, RCPT,
               days_ago(date) if date is not None else "Mon, 1 Jan 2024 10:00:00 +0900",
               time.time(), abs(hash(sender)), body)).encode()


PHISH_LINKS = ("http://sgogoj.test/kagoya/activemail.kagoya?login=" + RCPT,
               "http://malware.test/payload.exe",
               "https://evil-sb.test/login/index.html",
               "https://phish-op.test/secure/login.php?u="
               + base64.b64encode(RCPT.encode()).decode())
PHISH = eml("postmaster@aica-interior.test", links=PHISH_LINKS)
GOOD = eml("news@good.test", ip="198.51.100.7", links=("https://www.good.test/offers",))


class Env:
    def __init__(self, tmp):
        self.tmp = tmp
        self.ca, cert, key = make_ca(tmp)
        self.srv = server.Server(cert, key).start()
        self.n = 0

    def flags(self, mode="ok", budget=3000, online=True, **over):
        u = self.srv.url(mode)
        opts = {"doh-url": u + "dns-query", "rdap-bootstrap": u + "rdap/bootstrap/",
                "urlhaus-url": u + "urlhaus/", "urlhaus-key": "test-key",
                "safebrowsing-url": u + "sb/", "safebrowsing-key": "test-key",
                "openphish-url": u + "feeds/openphish.txt", "jpcert-url": u + "feeds/jpcert/",
                "ca-file": self.ca, "online-budget": str(budget),
                "feeds-refresh": "off"}     # feeds_refresh_themselves turns it on
        opts.update(over)
        out = ["--online"] if online else []
        for k, v in opts.items():
            if v is not None:
                out += ["--" + k, v]
        return out

    def cache(self):
        self.n += 1
        return os.path.join(self.tmp, "cache%d" % self.n)

    def run(self, msg, flags, cache=None, extra=()):
        """Runs the CLI on one message; returns (report, seconds)."""
        path = os.path.join(self.tmp, "msg.eml")
        with open(path, "wb") as f:
            f.write(msg)
        env = dict(os.environ, XDG_CACHE_HOME=cache or self.cache())
        t0 = time.monotonic()
        p = subprocess.run([PHISHCHECK, "--json", *flags, *extra, path], env=env,
                           capture_output=True, timeout=60)
        dt = time.monotonic() - t0
        assert p.returncode in (0, 1, 2), p.stderr.decode()
        return json.loads(p.stdout), dt


def ids(rep):
    return {f["id"] for f in rep["flags"]}


def flag(rep, fid):
    return next(f for f in rep["flags"] if f["id"] == fid)


def statuses(rep):
    return {(i["service"], i["target"]): i["status"] for i in rep["lookups"]["items"]}


TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


# ---- findings ----

@test
def kagoya_phish_findings(env):
    cache = env.cache()
    subprocess.run([PHISHCHECK, "--update-feeds", *env.flags()], check=True, capture_output=True,
                   env=dict(os.environ, XDG_CACHE_HOME=cache))
    rep, _ = env.run(PHISH, env.flags(), cache=cache)
    want = {"online.spf_fail", "online.dmarc_fail", "online.link_domain_new", "online.privacy_registrant",
            "online.origin_network", "online.urlhaus", "online.safebrowsing", "online.feed_listed"}
    assert want <= ids(rep), ids(rep)
    spf = flag(rep, "online.spf_fail")["evidence"]
    assert spf["ip"] == "74.226.196.215" and "153.123.7.53" in spf["allowed"], spf
    assert "198.51.100.0/24" in spf["allowed"], spf
    assert flag(rep, "online.origin_network")["evidence"]["owner"] == "Microsoft Corporation"
    assert flag(rep, "online.origin_network")["evidence"]["country"] == "US"
    new = flag(rep, "online.link_domain_new")["evidence"]
    assert new["domain"] == "sgogoj.test" and new["age_days"] == "5", new
    assert flag(rep, "online.feed_listed")["evidence"]["source"] == "JPCERT/CC"
    assert flag(rep, "online.feed_listed")["severity"] == "critical"
    assert rep["verdict"] == "dangerous"
    assert rep["lookups"]["counts"].get("failed", 0) == 0, rep["lookups"]


@test
def recipient_never_sent(env):
    env.srv.take_log()
    env.run(PHISH, env.flags())
    log = env.srv.take_log()
    assert log
    forms = [RCPT, RCPT.replace("@", "%40"), base64.b64encode(RCPT.encode()).decode().rstrip("=")]
    for r in log:
        blob = (r["path"] + r["body"].decode("latin-1")).lower()
        for f in forms:
            assert f.lower() not in blob and f.lower().replace("%40", "%2540") not in blob, r
    assert not any("sgogoj.test/kagoya" in r["path"] for r in log if "/sb/" in r["path"]), \
        "Safe Browsing must get hash prefixes, not URLs"


@test
def legitimate_mail_not_flagged(env):
    rep, _ = env.run(GOOD, env.flags())
    scored = [f["id"] for f in rep["flags"] if f["id"].startswith("online.") and f["score"] > 0]
    assert not scored, scored
    assert "online.origin_network" not in ids(rep)     # 198.51.100.7: no RDAP record (404)


SPF_CASES = [  # envelope domain → flag expected (None: SPF passes, no SPF flag)
    ("mx.test", None), ("redirect.test", None), ("exists.test", None), ("split.test", None),
    ("soft.test", "online.spf_softfail"), ("nospf.test", "online.spf_none"),
    ("loop.test", "online.spf_error"), ("many.test", "online.spf_error"),
    ("voids.test", "online.spf_error"), ("nullmx.test", "online.spf_fail"),
]


@test
def spf_evaluation(env):
    cache = env.cache()
    for dom, want in SPF_CASES:
        rep, _ = env.run(eml("info@" + dom), env.flags(), cache=cache)
        got = {i for i in ids(rep) if i.startswith("online.spf")}
        assert got == ({want} if want else set()), (dom, got)


@test
def sender_domain_dns(env):
    rep, _ = env.run(eml("info@nullmx.test"), env.flags())
    assert "online.null_mx" in ids(rep), ids(rep)
    rep, _ = env.run(eml("info@nomx.test"), env.flags())
    assert "online.no_mx" in ids(rep), ids(rep)
    rep, _ = env.run(eml("info@gone.test"), env.flags())
    assert {i for i in ids(rep) if i.startswith("online.") and flag(rep, i)["score"]} == {
        "online.domain_missing"}, ids(rep)
    rep, _ = env.run(eml("info@tempfail.test"), env.flags())
    assert not {i for i in ids(rep) if i.startswith("online.") and flag(rep, i)["score"]}, ids(rep)


@test
def authentication_results_not_counted_twice(env):
    ar = "Authentication-Results: mx.user.test; spf=fail smtp.mailfrom=aica-interior.test; dmarc=fail header.from=aica-interior.test\n"
    rep, _ = env.run(eml("postmaster@aica-interior.test", extra=ar), env.flags())
    for fid in ("online.spf_fail", "online.dmarc_fail"):
        assert flag(rep, fid)["score"] == 0 and flag(rep, fid)["severity"] == "info", flag(rep, fid)


# ---- failures degrade gracefully ----

def offline(env, msg):
    rep, _ = env.run(msg, env.flags(online=False))
    return rep


def check_degraded(env, mode, status, error_part):
    """Every look-up fails (or runs out of time), the offline verdict stands."""
    base = offline(env, PHISH)
    rep, dt = env.run(PHISH, env.flags(mode, budget=1500))
    assert rep["verdict"] == base["verdict"] and not {i for i in ids(rep) if i.startswith("online.")} - {
        "online.feed_listed"}, ids(rep)
    items = [i for i in rep["lookups"]["items"] if i["service"] not in ("feeds", "urlhaus", "safebrowsing")
             or i["status"] != "skipped"]
    assert items and all(i["status"] in (status, "timeout", "skipped") for i in items), items
    assert any(error_part in i.get("error", "") for i in items), items
    return rep, dt


def within_budget(rep, dt, budget_ms):
    """The online stage ended at its deadline by the host's own clock (lookups.elapsed_ms,
    a monotonic measure of that stage alone, so start-up, ASan and a loaded machine do not
    count), and the whole run ended long before the servers' 20 s hang."""
    elapsed = rep["lookups"]["elapsed_ms"]
    assert rep["lookups"]["budget_ms"] == budget_ms, rep["lookups"]["budget_ms"]
    assert elapsed <= budget_ms + 400, "online stage took %.0f ms for a %d ms budget" % (elapsed, budget_ms)
    assert dt < 15, "the run took %.1fs: a hanging server was waited for" % dt


@test
def hanging_services_keep_budget(env):
    rep, dt = check_degraded(env, "hang", "timeout", "budget")
    within_budget(rep, dt, 1500)


@test
def rate_limited_services(env):
    check_degraded(env, "429", "failed", "HTTP 429")


@test
def garbage_answers(env):
    check_degraded(env, "garbage", "failed", "malformed")


@test
def huge_answers(env):
    check_degraded(env, "huge", "failed", "too large")


@test
def tls_errors(env):
    base = offline(env, PHISH)
    rep, _ = env.run(PHISH, env.flags(**{"ca-file": None}))
    assert rep["verdict"] == base["verdict"]
    errs = [i.get("error", "") for i in rep["lookups"]["items"] if i["status"] == "failed"]
    assert errs and all("certificate" in e.lower() or "ssl" in e.lower() for e in errs), errs


@test
def budget_default_is_kept(env):
    flags = [f for f in env.flags("hang") if f]
    i = flags.index("--online-budget")
    del flags[i:i + 2]
    rep, dt = env.run(PHISH, flags)
    within_budget(rep, dt, 3000)


# ---- cache ----

@test
def second_run_hits_cache(env):
    cache = env.cache()
    env.srv.take_log()
    first, _ = env.run(PHISH, env.flags(), cache=cache)
    n1 = len(env.srv.take_log())
    second, _ = env.run(PHISH, env.flags(), cache=cache)
    log2 = env.srv.take_log()
    assert n1 > 5 and not log2, (n1, [r["path"] for r in log2])
    st = statuses(second)
    assert all(v in ("cache", "skipped", "ok") for v in st.values()), st
    assert sum(v == "cache" for v in st.values()) >= n1, st
    assert ids(first) == ids(second)


@test
def rate_limit_backs_off(env):
    cache = env.cache()
    env.run(PHISH, env.flags("429"), cache=cache)
    env.srv.take_log()
    rep, _ = env.run(PHISH, env.flags("429"), cache=cache)
    assert not env.srv.take_log()
    assert all("backing off" in i.get("error", "") for i in rep["lookups"]["items"] if i["status"] == "failed")


# ---- feeds ----

@test
def update_feeds(env):
    cache = env.cache()
    run = lambda mode: subprocess.run([PHISHCHECK, "--update-feeds", *env.flags(mode)],
                                      capture_output=True, env=dict(os.environ, XDG_CACHE_HOME=cache))
    p = run("ok")
    assert p.returncode == 0 and b"OpenPhish: 2 URLs" in p.stderr and b"JPCERT/CC: 26 URLs" in p.stderr, p.stderr
    p = run("429")
    assert p.returncode == 1 and b"old copy kept" in p.stderr, p.stderr
    rep, _ = env.run(eml("x@good.test", links=("https://phish-op.test/secure/login.php?a=1",)),
                     env.flags(), cache=cache)
    assert flag(rep, "online.feed_listed")["evidence"]["source"] == "OpenPhish", ids(rep)
    assert statuses(rep)[("feeds", "local lists")] == "ok"


# ---- privacy: nothing leaves the machine unless look-ups are on ----

def frame(obj):
    b = json.dumps(obj).encode()
    return struct.pack("=I", len(b)) + b


def native(env, reqs, flags=()):
    env_ = dict(os.environ, XDG_CACHE_HOME=env.cache())
    p = subprocess.run([PHISHCHECK, "--native", *flags], input=b"".join(frame(r) for r in reqs),
                       capture_output=True, env=env_, timeout=60)
    out, answers = p.stdout, []
    while out:
        n = struct.unpack("=I", out[:4])[0]
        answers.append(json.loads(out[4:4 + n]))
        out = out[4 + n:]
    return answers


def request_options(env, online):
    u = env.srv.url()
    return {"online": online, "doh_url": u + "dns-query", "rdap_bootstrap": u + "rdap/bootstrap/",
            "urlhaus_url": u + "urlhaus/", "urlhaus_key": "k", "safebrowsing_url": u + "sb/",
            "safebrowsing_key": "k", "ca_file": env.ca, "feeds_refresh": "off"}


@test
def nothing_sent_when_off(env):
    env.srv.take_log()
    rep, _ = env.run(PHISH, env.flags(online=False))          # every URL set, no --online
    assert "lookups" not in rep and not ids(rep) & {"online.spf_fail"}
    raw = base64.b64encode(PHISH).decode()
    answers = native(env, [
        {"id": 1, "type": "analyze", "raw": raw, "options": request_options(env, True)},
        {"id": 2, "type": "enrich", "raw": raw, "options": request_options(env, False)},
        {"id": 3, "type": "enrich", "raw": raw, "options": dict(request_options(env, True), online=None)}])
    assert not env.srv.take_log(), "a request left the machine with look-ups off"
    assert "lookups" not in answers[0]["report"]
    assert answers[1]["report"]["lookups"] == {"enabled": False}
    assert answers[2]["report"]["lookups"] == {"enabled": False}


@test
def enrich_request(env):
    raw = base64.b64encode(PHISH).decode()
    opts = dict(request_options(env, True), online_budget_ms=2000, lang="ja")
    a = native(env, [{"id": "e1", "type": "enrich", "raw": raw, "options": opts}])[0]
    assert a["ok"] and a["id"] == "e1" and a["type"] == "report", a
    rep = a["report"]
    assert "online.spf_fail" in ids(rep) and rep["lookups"]["enabled"] and rep["lookups"]["budget_ms"] == 2000
    assert "74.226.196.215" in flag(rep, "online.spf_fail")["title"]
    assert all(i["status"] in ("ok", "skipped", "cache") for i in rep["lookups"]["items"]), rep["lookups"]


# ---- answers shaped like the real services' (issue #14) ----

CASES = os.path.join(HERE, "..", "cases")


def seed(name):
    with open(os.path.join(CASES, name), "rb") as f:
        return f.read()


def item(rep, service, target):
    return next(i for i in rep["lookups"]["items"] if (i["service"], i["target"]) == (service, target))


@test
def seed_kagoya_activemail(env):
    """What the seed post's authors found by hand: SPF naming both IPs, sgogoj.com 23 days
    old when the mail arrived behind Domains By Proxy at GoDaddy, Microsoft in the US."""
    rep, _ = env.run(seed("kagoya-activemail.eml"), env.flags())
    spf = flag(rep, "online.spf_fail")["evidence"]
    assert spf["ip"] == "74.226.196.215" and spf["allowed"] == "153.123.7.53", spf
    assert flag(rep, "online.spf_fail")["score"] == 0          # the receiver judged SPF already
    new = flag(rep, "online.link_domain_new")["evidence"]
    assert new["domain"] == "sgogoj.com" and new["age_days"] == "23" and new["arrived"] == "2024-01-17", new
    assert int(new["age_days_now"]) > 1000 and new["registrar"] == "GoDaddy.com, LLC", new
    proxy = flag(rep, "online.privacy_registrant")["evidence"]
    assert proxy["domain"] == "sgogoj.com" and proxy["registrant"] == "Domains By Proxy, LLC", proxy
    net = flag(rep, "online.origin_network")
    assert net["evidence"]["owner"] == "Microsoft Corporation" and net["evidence"]["country"] == "US", net
    assert net["title"] == "Sent from the network of Microsoft Corporation (United States)", net["title"]
    assert item(rep, "rdap", "domain sgogoj.com (registrar)")["status"] == "ok"
    jp = item(rep, "rdap", "domain aica-interior.co.jp")
    assert jp["status"] == "skipped" and "not available for .jp" in jp["note"], jp
    assert rep["verdict"] == "dangerous"
    rep, _ = env.run(seed("kagoya-activemail.eml"), env.flags(), extra=("--lang", "ja"))
    title = flag(rep, "online.origin_network")["title"]     # the words are i9's: check the facts
    assert "Microsoft Corporation" in title and "米国" in title and "ネットワーク" in title, title
    assert "23" in flag(rep, "online.link_domain_new")["title"]
    assert ".jp" in item(rep, "rdap", "domain aica-interior.co.jp")["note"]
    assert "登録情報は取得できません" in item(rep, "rdap", "domain aica-interior.co.jp")["note"]


@test
def seed_kagoya_delivery_failure(env):
    """kagoya.net's registrant is withheld under GDPR (not a proxy); the VPS is in Moldova
    (RIPE answer: top-level country, organisation only by handle)."""
    rep, _ = env.run(seed("kagoya-delivery-failure.eml"), env.flags())
    assert "online.privacy_registrant" not in ids(rep), ids(rep)
    assert item(rep, "rdap", "domain kagoya.net (registrar)")["status"] == "ok"
    soft = flag(rep, "online.spf_softfail")["evidence"]
    assert soft["ip"] == "159.253.120.237" and soft["allowed"] == "203.0.113.0/25", soft
    net = flag(rep, "online.origin_network")["evidence"]
    assert net["country"] == "MD" and net["owner"] == "Moldcloud VPS hosting", net
    assert rep["verdict"] == "dangerous"


RIRS = {  # IP → (holder, country) in answers shaped like each RIR's
    "74.226.196.215": ("Microsoft Corporation", "US", "United States"),        # ARIN: adr label only
    "24.114.10.20": ("Rogers Communications Canada Inc.", "CA", "Canada"),     # ARIN
    "159.253.120.237": ("Moldcloud VPS hosting", "MD", "Moldova"),             # RIPE
    "1.1.1.1": ("APNIC Research and Development", "AU", "Australia"),          # APNIC
    "200.160.2.3": ("Núcleo de Inf. e Coord. do Ponto BR - NIC.BR", "BR", "Brazil"),  # LACNIC
    "196.216.2.1": ("African Network Information Center - ( AfriNIC Ltd. )", "MU", "Mauritius"),  # AFRINIC
}


@test
def network_owner_and_country(env):
    cache = env.cache()
    for ip, (owner, cc, name) in RIRS.items():
        rep, _ = env.run(eml("news@good.test", ip=ip), env.flags(), cache=cache)
        ev = flag(rep, "online.origin_network")["evidence"]
        assert (ev["owner"], ev["country"], ev["country_name"]) == (owner, cc, name), (ip, ev)
    rep, _ = env.run(eml("news@good.test", ip="24.114.10.20"), env.flags(), cache=cache, extra=("--lang", "ja"))
    title = flag(rep, "online.origin_network")["title"]
    assert "Rogers Communications Canada Inc." in title and "カナダ" in title, title


REDACTED = ("redacted-lower.com", "data-protected.com", "not-disclosed.com", "removed-name.com")
PROXIES = {"whoisguard-site.com": "WhoisGuard, Inc.",
           "withheld-site.com": "Privacy service provided by Withheld for Privacy ehf",
           "contactprivacy-site.com": "Contact Privacy Inc. Customer 0167563215",
           "pguardian-site.com": "PrivacyGuardian.org llc"}


@test
def redaction_is_not_a_proxy(env):
    cache = env.cache()
    rep, _ = env.run(eml("news@good.test", ip="198.51.100.7", links=["https://www.%s/" % d for d in REDACTED]),
                     env.flags(), cache=cache)
    assert "online.privacy_registrant" not in ids(rep), [flag(rep, "online.privacy_registrant")]
    for d in REDACTED:
        assert item(rep, "rdap", "domain %s (registrar)" % d)["status"] == "ok", d
    got = {}
    for d in PROXIES:                                   # one flag per id and message
        rep, _ = env.run(eml("news@good.test", ip="198.51.100.7", links=("https://www.%s/" % d,)),
                         env.flags(), cache=cache)
        ev = flag(rep, "online.privacy_registrant")["evidence"]
        got[ev["domain"]] = ev["registrant"]
    assert got == PROXIES, got


@test
def legitimate_sender_redacted_registrant(env):
    """kagoya.com: 'REDACTED FOR PRIVACY', organisation published, mail from its own
    servers — no scored online flag."""
    rep, _ = env.run(eml("info@kagoya.com", ip="198.51.100.7", links=("https://www.kagoya.com/news",)), env.flags())
    scored = [f["id"] for f in rep["flags"] if f["id"].startswith("online.") and f["score"] > 0]
    assert not scored, scored
    assert item(rep, "rdap", "domain kagoya.com (registrar)")["status"] == "ok"


@test
def registrar_link_https_only(env):
    env.srv.take_log()
    rep, _ = env.run(eml("news@good.test", ip="198.51.100.7", links=("https://http-related.com/",)), env.flags())
    it = item(rep, "rdap", "domain http-related.com (registrar)")
    assert it["status"] == "skipped" and "not HTTPS" in it["note"], it
    assert not any("registrar" in r["path"] for r in env.srv.take_log())


@test
def domain_age_at_arrival(env):
    """fortyday.test was registered 40 days ago. The user's server received the mail 20
    days ago: 20 days old then (new). The sender's Date header and a Received line the
    sender wrote below the trusted one (39 days ago: 1 day old) are not believed."""
    forged = "Received: from x (x [192.0.2.9]) by Praisemmm; %s\\n" % days_ago(39)
    msg = eml("news@good.test", ip="198.51.100.7", links=("https://fortyday.test/a",), received=20,
              date=39, extra=forged)
    rep, _ = env.run(msg, env.flags())
    ev = flag(rep, "online.link_domain_new")["evidence"]
    assert ev["age_days"] == "20" and ev["age_days_now"] == "40", ev
    rep, _ = env.run(eml("news@good.test", ip="198.51.100.7", links=("https://fortyday.test/a",)), env.flags())
    assert flag(rep, "online.link_domain_young")["evidence"]["age_days"] == "40"
    assert "online.link_domain_new" not in ids(rep)
    old = eml("news@good.test", ip="198.51.100.7", links=("https://fortyday.test/a",), received=60)
    rep, _ = env.run(old, env.flags())          # registered after the mail came: a later registration
    assert not {"online.link_domain_new", "online.link_domain_young"} & ids(rep), ids(rep)


@test
def sender_domain_age(env):
    """RDAP age of the sender's own domain when the mail arrived: sgogoj.test was registered
    5 days before (new), fortyday.test 40 days before (young); good.test long ago: neither."""
    rep, _ = env.run(eml("info@sgogoj.test"), env.flags())
    ev = flag(rep, "online.sender_domain_new")["evidence"]
    assert ev["domain"] == "sgogoj.test" and ev["age_days"] == "5", ev
    assert "online.sender_domain_young" not in ids(rep), ids(rep)
    rep, _ = env.run(eml("info@fortyday.test"), env.flags())
    assert flag(rep, "online.sender_domain_young")["evidence"]["age_days"] == "40"
    assert "online.sender_domain_new" not in ids(rep), ids(rep)
    rep, _ = env.run(GOOD, env.flags())
    assert not {"online.sender_domain_new", "online.sender_domain_young"} & ids(rep), ids(rep)


@test
def dmarc_none_and_from_spf(env):
    """soft.test publishes SPF but no DMARC policy: dmarc_none (good.test publishes one).
    From on good.test, envelope on mx.test, whose SPF lets the sending IP send: the
    envelope passes, but good.test's own SPF forbids the IP — from_spf_fail."""
    rep, _ = env.run(eml("info@soft.test"), env.flags())
    assert flag(rep, "online.dmarc_none")["evidence"]["domain"] == "soft.test"
    rep, _ = env.run(GOOD, env.flags())
    assert not {"online.dmarc_none", "online.from_spf_fail"} & ids(rep), ids(rep)
    rep, _ = env.run(eml("info@good.test", return_path="bounce@mx.test"), env.flags())
    ev = flag(rep, "online.from_spf_fail")["evidence"]
    assert ev["domain"] == "good.test" and ev["result"] == "fail", ev
    assert not {i for i in ids(rep) if i.startswith("online.spf_")}, ids(rep)


# ---- the lists refresh themselves ----

def feed_requests(log):
    return [r["path"] for r in log if "/feeds/" in r["path"]]


def wait_for_lists(cache, n=2, timeout=30):
    """Waits until the background refresh has stored n lists in the cache database."""
    db = os.path.join(cache, "phishcheck", "online.sqlite")
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with sqlite3.connect(db) as c:
                if c.execute("SELECT count(*) FROM feed_info").fetchone()[0] >= n:
                    return
        except sqlite3.Error:
            pass
        time.sleep(0.1)
    raise AssertionError("the lists were not refreshed in the background")


def age_lists(cache, **days):
    db = os.path.join(cache, "phishcheck", "online.sqlite")
    with sqlite3.connect(db) as c:
        for col, d in days.items():
            table = "feed_info SET updated" if col == "updated" else "feed_refresh SET started"
            c.execute("UPDATE %s=%s-?" % (table, col), (d * 86400,))


@test
def feeds_refresh_themselves(env):
    cache = env.cache()
    on = env.flags(**{"feeds-refresh": "auto"})
    env.srv.take_log()
    rep, _ = env.run(GOOD, on, cache=cache)            # no lists yet: download in the background
    assert "in the background" in statuses_note(rep), statuses_note(rep)
    assert rep["lookups"]["elapsed_ms"] < rep["lookups"]["budget_ms"]
    wait_for_lists(cache)
    time.sleep(0.3)
    assert len(feed_requests(env.srv.take_log())) == 4  # OpenPhish + 3 months of JPCERT/CC
    rep, _ = env.run(eml("x@good.test", links=("https://phish-op.test/secure/login.php?a=1",)), on, cache=cache)
    assert flag(rep, "online.feed_listed")["evidence"]["source"] == "OpenPhish"
    info = rep["lookups"]["feeds"]
    assert info["OpenPhish"]["urls"] == 2 and info["JPCERT/CC"]["urls"] == 26 and info["OpenPhish"]["age_hours"] == 0, info
    assert "updated 0 h ago" in statuses_note(rep), statuses_note(rep)
    age_lists(cache, updated=2)                         # stale, but refreshed less than a day ago
    env.run(GOOD, on, cache=cache)
    time.sleep(0.5)
    assert not feed_requests(env.srv.take_log())
    age_lists(cache, started=2)                         # a day later: once more
    rep, _ = env.run(GOOD, on, cache=cache)
    assert "updated 48 h ago; downloading" in statuses_note(rep), statuses_note(rep)
    deadline = time.monotonic() + 30
    while len(feed_requests(env.srv.log)) < 4 and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.3)
    assert len(feed_requests(env.srv.take_log())) == 4
    rep, _ = env.run(GOOD, env.flags(), cache=cache)   # feeds-refresh off: the admin's timer does it
    assert "downloading" not in statuses_note(rep)


def statuses_note(rep):
    return next(i for i in rep["lookups"]["items"] if i["service"] == "feeds").get("note", "")


@test
def feeds_timer_if_stale(env):
    """The installed timer runs --update-feeds --if-stale: nothing unless look-ups were
    used with this cache (consent) and the lists are over a day old."""
    cache = env.cache()
    run = lambda: subprocess.run([PHISHCHECK, "--update-feeds", "--if-stale", *env.flags()],
                                 capture_output=True, env=dict(os.environ, XDG_CACHE_HOME=cache))
    env.srv.take_log()
    assert run().returncode == 0 and not env.srv.take_log()     # never used online: nothing
    env.run(GOOD, env.flags(), cache=cache)
    env.srv.take_log()
    p = run()
    assert p.returncode == 0 and len(feed_requests(env.srv.take_log())) == 4, p.stderr
    assert run().returncode == 0 and not env.srv.take_log()     # fresh now


# ---- mailbox scans: look-ups shared between messages ----

@test
def parallel_processes_ask_once(env):
    """Three processes (the workers of a mailbox scan) check messages from the same sender
    at once, against a slow network: each look-up leaves the machine once; the others wait
    for its answer in the shared cache. Every process still gets every finding. (A budget
    generous enough for ASan on a busy machine: a process that runs out of time gives up
    its look-ups, and another then rightly asks again.)"""
    cache = env.cache()
    paths = []
    for i in range(3):
        paths.append(os.path.join(env.tmp, "par%d.eml" % i))
        with open(paths[-1], "wb") as f:
            f.write(eml("postmaster@aica-interior.test", links=PHISH_LINKS[:1] + ("https://www.good.test/%d" % i,)))
    env.srv.take_log()
    env.srv.delay = 0.3
    try:
        procs = [subprocess.Popen([PHISHCHECK, "--json", *env.flags(budget=15000), p], stdout=subprocess.PIPE,
                                  env=dict(os.environ, XDG_CACHE_HOME=cache)) for p in paths]
        reps = [json.loads(p.communicate(timeout=60)[0]) for p in procs]
    finally:
        env.srv.delay = 0.0
    keys = [(r["method"], r["path"], r["body"]) for r in env.srv.take_log()]
    dups = [k[:2] for k in set(keys) if keys.count(k) > 1]
    assert not dups, dups
    for rep in reps:
        assert {"online.spf_fail", "online.link_domain_new", "online.privacy_registrant",
                "online.origin_network"} <= ids(rep), ids(rep)
        assert rep["lookups"]["counts"].get("timeout", 0) == 0, rep["lookups"]["counts"]


@test
def mailbox_scan_online(env):
    """A mailbox scanned with look-ups and -j 3: messages checked at once, each with its own
    budget, in order, every look-up made once for the whole mailbox."""
    mbox = os.path.join(env.tmp, "scan.mbox")
    with open(mbox, "wb") as f:
        for i in range(5):
            links = PHISH_LINKS[:1] + ("https://www.good.test/%d" % i,)
            f.write(b"From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n" +
                    eml("postmaster@aica-interior.test", links=links).replace(b"Subject: Please log in",
                                                                              b"Subject: scan %d" % i) + b"\n")
    env.srv.take_log()
    env.srv.delay = 0.2
    try:
        p = subprocess.run([PHISHCHECK, "--json", "-j", "3", *env.flags(budget=15000), mbox], capture_output=True,
                           env=dict(os.environ, XDG_CACHE_HOME=env.cache()), timeout=120)
    finally:
        env.srv.delay = 0.0
    reps = [json.loads(line) for line in p.stdout.splitlines()]
    assert [r["message"]["subject"] for r in reps] == ["scan %d" % i for i in range(5)], p.stderr
    for rep in reps:
        assert {"online.spf_fail", "online.link_domain_new", "online.origin_network"} <= ids(rep), ids(rep)
        assert rep["lookups"]["counts"].get("timeout", 0) == 0, rep["lookups"]["counts"]
    keys = [(r["method"], r["path"], r["body"]) for r in env.srv.take_log()]
    assert len(keys) == len(set(keys)), [k[:2] for k in set(keys) if keys.count(k) > 1]


def main():
    only = set(sys.argv[1:])
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="pc-online-") as tmp:
        env = Env(tmp)
        for t in TESTS:
            if only and t.__name__ not in only:
                continue
            try:
                t(env)
                passed += 1
                print("ok   %s" % t.__name__, flush=True)
            except Exception as e:          # report every failure, go on
                failed += 1
                print("FAIL %s: %s: %s" % (t.__name__, type(e).__name__, str(e)[:2000]), flush=True)
        env.srv.shutdown()
    print("online: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
