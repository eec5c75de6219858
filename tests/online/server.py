#!/usr/bin/env python3
"""server.py — test double of every service phishcheck's online look-ups talk to, over
HTTPS on 127.0.0.1: DNS over HTTPS (RFC 8484 wire format, answers from data/zone.json),
RDAP with its IANA bootstrap files (data/rdap/), URLhaus, Safe Browsing v5 hashes:search
and the phishing URL feeds. The first path segment picks a behaviour, so one server plays
every failure: /ok/... answers, /hang/... never does, /429/... rate-limits, /garbage/...
returns junk, /huge/... an endless body. Every request is logged (Server.log).
Used by test_online.py and bench.py; `python3 server.py CERT KEY` serves until killed."""
import base64
import datetime
import hashlib
import http.server
import json
import os
import ssl
import struct
import sys
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
TYPES = {1: "A", 15: "MX", 16: "TXT", 28: "AAAA"}


def load(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return json.load(f)


# ---- DNS wire format (just what the tests need) ----

def qname(msg, off):
    labels = []
    while msg[off]:
        n = msg[off]
        labels.append(msg[off + 1:off + 1 + n].decode("ascii"))
        off += n + 1
    return ".".join(labels).lower(), off + 1


def encode_name(name):
    out = b""
    for label in name.rstrip(".").split("."):
        if label:
            out += bytes([len(label)]) + label.encode("ascii")
    return out + b"\0"


def rdata(rtype, value):
    if rtype == "A":
        return bytes(int(x) for x in value.split("."))
    if rtype == "AAAA":
        import ipaddress
        return ipaddress.IPv6Address(value).packed
    if rtype == "MX":
        return struct.pack("!H", value[0]) + encode_name(value[1])
    data = value.encode("utf-8")        # TXT: split into 255-byte strings
    return b"".join(bytes([len(c)]) + c for c in (data[i:i + 255] for i in range(0, len(data) or 1, 255)))


def dns_answer(query, zone):
    qid = query[:2]
    name, off = qname(query, 12)
    qtype = struct.unpack("!H", query[off:off + 2])[0]
    question = query[12:off + 4]
    records = zone.get(name)
    if name in zone.get("_servfail", []):
        return qid + struct.pack("!HHHHH", 0x8182, 1, 0, 0, 0) + question
    if records is None:
        return qid + struct.pack("!HHHHH", 0x8183, 1, 0, 0, 0) + question
    answers = b""
    values = records.get(TYPES.get(qtype, "?"), [])
    for v in values:
        rd = rdata(TYPES[qtype], v)
        answers += b"\xc0\x0c" + struct.pack("!HHIH", qtype, 1, 300, len(rd)) + rd
    return qid + struct.pack("!HHHHH", 0x8180, 1, len(values), 0, 0) + question + answers


# ---- RDAP ----

def dated(obj, base=""):
    """Replaces "@days_ago:N" strings with the ISO date N days back at 00:00 UTC (recorded
    answers stay 'new' however old the test is; a mail received now finds the domain N
    days old, not N - 1 because the mail was written a few seconds before the answer) and a leading "@rdap/" with this server's RDAP base
    (the registrar links of thin registry answers)."""
    if isinstance(obj, dict):
        return {k: dated(v, base) for k, v in obj.items()}
    if isinstance(obj, list):
        return [dated(v, base) for v in obj]
    if isinstance(obj, str) and obj.startswith("@rdap/"):
        return base + obj[6:]
    if isinstance(obj, str) and obj.startswith("@days_ago:"):
        t = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=int(obj[10:]))
        return t.strftime("%Y-%m-%dT00:00:00Z")
    return obj


def sb_expressions():
    return {hashlib.sha256(e.encode()).digest(): t for e, t in load("safebrowsing.json").items()}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.handle_any(b"")

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        self.handle_any(self.rfile.read(n))

    def reply(self, code, body, ctype="application/json"):
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def handle_any(self, body):
        self.server.record(self.command, self.path, body, dict(self.headers))
        parts = self.path.split("/", 2)
        mode, rest = (parts[1], "/" + parts[2]) if len(parts) == 3 else ("ok", self.path)
        if mode == "hang":
            time.sleep(20)
            return self.reply(504, b"")
        if mode == "429":
            return self.reply(429, b"slow down", "text/plain")
        if mode == "garbage":
            return self.reply(200, b"\x00\x01garbage{\"not json", "application/octet-stream")
        if mode == "huge":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for _ in range(4096):
                    self.wfile.write(b" " * 65536)
            except OSError:
                pass
            self.close_connection = True
            return None
        return self.route(rest, body)

    def route(self, path, body):
        url = urllib.parse.urlsplit(path)
        p = url.path
        base = "https://127.0.0.1:%d/ok/rdap/" % self.server.server_port
        time.sleep(self.server.delay)
        if p == "/dns-query":
            zone = dict(load("zone.json"), **self.server.extra_zone)
            return self.reply(200, dns_answer(body, zone), "application/dns-message")
        if p.startswith("/rdap/bootstrap/"):
            boot = load("rdap/bootstrap.json")[p.rsplit("/", 1)[1]]
            return self.reply(200, {"version": "1.0", "services": [[s, [base]] for s in boot]})
        if p.startswith(("/rdap/domain/", "/rdap/ip/", "/rdap/registrar/domain/")):
            parts = p.split("/")
            kind, key = ("registrar", parts[4]) if parts[2] == "registrar" else parts[2:4]
            f = os.path.join(DATA, "rdap", "%s-%s.json" % (kind, key.lower()))
            if not os.path.exists(f):
                return self.reply(404, {"errorCode": 404})
            with open(f, encoding="utf-8") as fh:
                return self.reply(200, dated(json.load(fh), base), "application/rdap+json")
        if p == "/urlhaus/url/":
            if "Auth-Key" not in self.headers:
                return self.reply(200, {"query_status": "unknown_auth_key"})
            u = urllib.parse.parse_qs(body.decode()).get("url", [""])[0]
            hit = load("urlhaus.json").get(u)
            return self.reply(200, dict(hit, query_status="ok") if hit else {"query_status": "no_results"})
        if p == "/sb/hashes:search":
            prefixes = {base64.b64decode(x) for x in urllib.parse.parse_qs(url.query).get("hashPrefixes", [])}
            hits = [{"fullHash": base64.b64encode(h).decode(), "fullHashDetails": [{"threatType": t}]}
                    for h, t in sb_expressions().items() if h[:4] in prefixes]
            return self.reply(200, {"fullHashes": hits, "cacheDuration": "300s"})
        if p == "/feeds/openphish.txt":
            with open(os.path.join(DATA, "openphish.txt"), "rb") as fh:
                return self.reply(200, fh.read(), "text/plain")
        if p.startswith("/feeds/jpcert/") and p.endswith(".csv"):
            with open(os.path.join(DATA, "jpcert.csv"), "rb") as fh:
                return self.reply(200, fh.read(), "text/csv")
        return self.reply(404, {"error": "no such path"})


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128        # the default 5 drops parallel connects (1 s SYN retry)

    def __init__(self, cert, key):
        super().__init__(("127.0.0.1", 0), Handler)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        self.socket = ctx.wrap_socket(self.socket, server_side=True)
        self.log = []
        self.lock = threading.Lock()
        self.delay = 0.0            # seconds added to every answer (a network's latency)
        self.extra_zone = {}        # more DNS records (bench.py)

    def handle_error(self, request, client_address):
        pass                        # clients hanging up mid-answer (timeouts) are expected

    def record(self, method, path, body, headers):
        with self.lock:
            self.log.append({"method": method, "path": path, "body": body, "headers": headers})

    def take_log(self):
        with self.lock:
            out, self.log = self.log, []
        return out

    def url(self, mode="ok"):
        return "https://127.0.0.1:%d/%s/" % (self.server_port, mode)

    def start(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self


if __name__ == "__main__":
    srv = Server(sys.argv[1], sys.argv[2])
    print(srv.url(), flush=True)
    srv.serve_forever()
