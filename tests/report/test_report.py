#!/usr/bin/env python3
"""test_report.py — issue #12 on the host side, against the real binary ($PHISHCHECK):
the `context` of an analyze request (contacts.* checks), the `report` request posting the
documented JSON to a local HTTPS endpoint (a test CA made here by openssl; 127.0.0.1
only), its refusals (http://, an untrusted certificate, HTTP errors, redirects), and the
CLI's --contacts and --summary."""
import base64
import hashlib
import http.server
import json
import os
import ssl
import struct
import subprocess
import sys
import tempfile
import threading

BIN = os.environ.get("PHISHCHECK", "native-host/phishcheck")
HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "..", "cases")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def make_ca(d):
    """A CA and a certificate for 127.0.0.1 signed by it; returns (ca, cert, key)."""
    def ossl(*a):
        subprocess.run(["openssl", *a], cwd=d, check=True, capture_output=True)
    ossl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
         "-days", "2", "-subj", "/CN=phishcheck report test CA")
    ossl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "srv.key", "-out", "srv.csr",
         "-subj", "/CN=127.0.0.1")
    with open(os.path.join(d, "ext.cnf"), "w") as f:
        f.write("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")
    ossl("x509", "-req", "-in", "srv.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
         "-CAcreateserial", "-out", "srv.pem", "-days", "2", "-extfile", "ext.cnf")
    return [os.path.join(d, n) for n in ("ca.pem", "srv.pem", "srv.key")]


class Endpoint(http.server.BaseHTTPRequestHandler):
    """/ok answers 201, /fail 500, /moved a redirect to /ok; every POST is kept."""
    posts = []

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n)
        Endpoint.posts.append((self.path, dict(self.headers), body))
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/ok")
        else:
            self.send_response(201 if self.path == "/ok" else 500)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *a):
        pass


def serve(cert, key):
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Endpoint)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, "https://127.0.0.1:%d" % srv.server_address[1]


def host_session(requests):
    """Starts the host as Thunderbird does; sends the requests; returns the answers."""
    data = b""
    for r in requests:
        j = json.dumps(r).encode()
        data += struct.pack("=I", len(j)) + j
    out = subprocess.run([BIN, "/tmp/phishcheck.json", "phishcheck@phishcheck.org"],
                         input=data, capture_output=True, timeout=120).stdout
    answers = []
    while out:
        n = struct.unpack("=I", out[:4])[0]
        answers.append(json.loads(out[4:4 + n]))
        out = out[4 + n:]
    return answers


def raw(name):
    with open(os.path.join(CASES, name), "rb") as f:
        return f.read()


def ids(rep):
    return [f["id"] for f in rep["flags"]]


def context_over_native_messaging():
    boss = base64.b64encode(raw("contacts-boss-freemail.eml")).decode()
    ctx = {"from_in_address_book": False, "from_written_to": False, "from_earlier_messages": 0,
           "contacts": [{"name": "田中 太郎", "emails": ["tanaka@example.co.jp"]}]}
    a = host_session([
        {"id": 1, "type": "analyze", "raw": boss, "options": {"own_domains": ["example.co.jp"]},
         "context": ctx},
        {"id": 2, "type": "analyze", "raw": boss, "options": {"own_domains": ["example.co.jp"]}},
        {"id": 3, "type": "analyze", "raw": boss, "context": {"contacts": "not a list",
                                                             "from_earlier_messages": "x"}}])
    check(a[0]["report"]["verdict"] == "dangerous", "context: boss case dangerous")
    check("contacts.name_on_stranger" in ids(a[0]["report"]), "context: name_on_stranger")
    check(not any(i.startswith("contacts.") for i in ids(a[1]["report"])), "no context: no contacts flags")
    check(a[2]["ok"] and not any(i.startswith("contacts.") for i in ids(a[2]["report"])),
          "context of wrong types is ignored")


def report_posts(ca, url):
    orig = raw("contacts-first-contact-brand.eml") + b"\xff\x00 8-bit tail\r\n"
    b64 = base64.b64encode(orig).decode()
    Endpoint.posts.clear()
    a = host_session([
        {"id": "r1", "type": "report", "raw": b64, "url": url + "/ok", "comment": "コメント",
         "reporter": "suzuki@example.jp", "token": "s3cret", "options": {"ca_file": ca, "lang": "ja"}},
        {"id": "r2", "type": "report", "raw": b64, "url": url.replace("https", "http") + "/ok"},
        {"id": "r3", "type": "report", "raw": b64, "url": url + "/ok"},          # CA not trusted
        {"id": "r4", "type": "report", "raw": b64, "url": url + "/fail", "options": {"ca_file": ca}},
        {"id": "r5", "type": "report", "raw": b64, "url": url + "/moved", "options": {"ca_file": ca}},
        {"id": "r6", "type": "report", "raw": b64}])
    check(a[0] == {"id": "r1", "ok": True, "type": "reported", "status": 201, "url": url + "/ok"},
          "report answer %r" % a[0])
    oks = [p for p in Endpoint.posts if p[0] == "/ok"]
    check(len(oks) == 1, "exactly one post reached /ok (no redirect followed): %d" % len(oks))
    if oks:
        _, headers, body = oks[0]
        j = json.loads(body)
        check(headers.get("Content-Type") == "application/json", "content type")
        check(headers.get("Authorization") == "Bearer s3cret", "bearer token")
        check(j["type"] == "phishcheck-report" and j["version"] == 1, "body type/version")
        check(base64.b64decode(j["message"]["raw"]) == orig, "raw message byte for byte")
        check(j["message"]["sha256"] == hashlib.sha256(orig).hexdigest(), "sha256")
        check(j["message"]["size"] == len(orig), "size")
        check(j["comment"] == "コメント" and j["reporter"] == "suzuki@example.jp", "comment, reporter")
        check(j["analysis"]["verdict"] == "dangerous" and j["analysis"]["lang"] == "ja", "analysis")
        check(j["reported_at"].endswith("Z"), "reported_at")
    check(a[1]["error"]["code"] == "invalid_request", "http:// refused")
    check(a[2]["error"]["code"] == "report_failed" and "certificate" in a[2]["error"]["message"].lower(),
          "untrusted certificate refused: %r" % a[2])
    check(a[3]["error"]["code"] == "report_failed" and a[3]["error"]["status"] == 500, "HTTP 500")
    check(a[4]["error"]["code"] == "report_failed" and a[4]["error"]["status"] == 302, "redirect not followed")
    check(a[5]["error"]["code"] == "invalid_request", "no url")


def report_targets():
    a = host_session([
        {"id": 1, "type": "report_targets", "brands": ["Amazon", "KAGOYA"], "national": "jp"},
        {"id": 2, "type": "report_targets", "brands": ["Apple"]},
        {"id": 3, "type": "report_targets"}])
    got = [(t["kind"], t["address"]) for t in a[0]["targets"]]
    check(got == [("brand", "reportascam@amazon.com"), ("national-jp", "info@antiphishing.jp")],
          "targets for Amazon + jp: %r" % got)
    check(all(t["source"] for t in a[0]["targets"]), "every target has a source")
    check([t["address"] for t in a[1]["targets"]] == ["reportphishing@apple.com"], "Apple, no national")
    check(a[2]["ok"] and a[2]["targets"] == [], "no brand (KAGOYA publishes none), nothing")


def cli_contacts_and_summary(tmp):
    contacts = os.path.join(tmp, "contacts.txt")
    with open(contacts, "w") as f:
        f.write("# exported\n\"田中 太郎\" <Tanaka@Example.co.jp>\nplain@example.org\n")
    p = subprocess.run([BIN, "--json", "--own-domain", "example.co.jp", "--contacts", contacts,
                        os.path.join(CASES, "contacts-boss-freemail.eml")], capture_output=True)
    rep = json.loads(p.stdout)
    check("contacts.name_on_stranger" in ids(rep), "--contacts: name_on_stranger")
    check("contacts.first_contact" not in ids(rep), "--contacts: no first_contact (history unknown)")
    p = subprocess.run([BIN, "--contacts", os.path.join(tmp, "missing.txt"), "x.eml"], capture_output=True)
    check(p.returncode == 64 and b"--contacts" in p.stderr, "--contacts missing file: usage error")
    box = os.path.join(tmp, "box.mbox")
    with open(box, "wb") as f:
        for n in ("contacts-first-contact-brand.eml", "contacts-first-contact-brand.eml",
                  "contacts-first-contact-plain.eml", "legit-amazon-jp-shipped.eml"):
            f.write(b"From x@y Mon Jan  1 00:00:00 2024\n" + raw(n).replace(b"\nFrom ", b"\n>From ") + b"\n")
    p = subprocess.run([BIN, "--summary", "--json", box], capture_output=True)
    s = json.loads(p.stdout)
    check(p.returncode == 2, "--summary keeps the exit status (worst: dangerous)")
    check(s["messages"] == 4 and s["verdicts"] == {"safe": 2, "suspicious": 0, "dangerous": 2},
          "summary verdicts %r" % s["verdicts"])
    check(s["brands"][0] == {"brand": "三井住友カード", "messages": 2}, "summary brands %r" % s["brands"])
    check(s["sending_domains"][0] == {"domain": "smbc-card-notice.com", "messages": 2, "not_safe": 2},
          "summary domains %r" % s["sending_domains"])
    flags = {f["id"]: f["messages"] for f in s["flags"]}
    check(flags.get("sender.brand_impersonation") == 2, "summary flag counts %r" % flags)
    p = subprocess.run([BIN, "--summary", "--lang", "ja", box], capture_output=True, text=True)
    check("メッセージ数: 4" in p.stdout and "smbc-card-notice.com (2)" in p.stdout, "summary text ja")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        ca, cert, key = make_ca(tmp)
        srv, url = serve(cert, key)
        for t in (context_over_native_messaging, report_targets, lambda: report_posts(ca, url),
                  lambda: cli_contacts_and_summary(tmp)):
            t()
        srv.shutdown()
    print("report tests: %s" % ("%d failed" % len(failures) if failures else "all passed"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
