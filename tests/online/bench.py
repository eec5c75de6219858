#!/usr/bin/env python3
"""bench.py — `make bench-online`: 100 mails (10 sender domains, a shared and a per-mail
link each) checked offline, then online with a cold cache one message at a time (-j 1)
and with the default workers (look-ups of several messages at once, shared in flight),
then with a warm cache, against server.py answering after a simulated network latency
(--latency-ms, default 30). Prints wall time, time per mail, the slowest message's
look-up time against its budget, how many requests each service got and how many of them
repeated one already made (the same path and body)."""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import test_online as t  # noqa: E402

N_MAILS, N_DOMAINS = 100, 10


def mailbox(path):
    with open(path, "wb") as f:
        for i in range(N_MAILS):
            d = "d%d.bench.test" % (i % N_DOMAINS)
            links = ("https://www.%s/" % d, "https://www.%s/track?id=%d" % (d, i))
            f.write(b"From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n" + t.eml("news@" + d, links=links) + b"\n")


def zone():
    z = {}
    for k in range(N_DOMAINS):
        d = "d%d.bench.test" % k
        z[d] = {"TXT": ["v=spf1 include:_spf.mailhost.test -all"], "MX": [[10, "mx." + d]], "A": ["198.51.100.9"]}
        z["_dmarc." + d] = {"TXT": ["v=DMARC1; p=quarantine"]}
    return z


def run(env, mbox, flags, cache):
    t0 = time.monotonic()
    p = subprocess.run([t.PHISHCHECK, "--json", *flags, mbox], capture_output=True,
                       env=dict(os.environ, XDG_CACHE_HOME=cache))
    wall = time.monotonic() - t0
    reps = [json.loads(line) for line in p.stdout.splitlines()]
    assert len(reps) == N_MAILS, p.stderr.decode()
    slowest = max((r.get("lookups", {}).get("elapsed_ms", 0) for r in reps), default=0)
    log = env.srv.take_log()
    per = collections.Counter(r["path"].split("/")[2].split("?")[0] for r in log)
    repeats = len(log) - len({(r["path"], r["body"]) for r in log})
    return wall, slowest, len(log), repeats, per


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--latency-ms", type=float, default=30)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="pc-bench-") as tmp:
        env = t.Env(tmp)
        env.srv.delay = a.latency_ms / 1000
        env.srv.extra_zone = zone()
        mbox = os.path.join(tmp, "bench.mbox")
        mailbox(mbox)
        cache = os.path.join(tmp, "cache")
        print("%d mails, %d sender domains, server latency %.0f ms, budget 3000 ms"
              % (N_MAILS, N_DOMAINS, a.latency_ms))
        print("%-9s %8s %9s %14s %9s %8s  %s" % ("run", "wall s", "ms/mail", "slowest mail", "requests",
                                                 "repeats", "by service"))
        runs = (("offline", env.flags(online=False) + ["-j", "1"], cache),
                ("cold -j1", env.flags() + ["-j", "1"], os.path.join(tmp, "cache1")),
                ("cold", env.flags(), cache), ("warm", env.flags(), cache))
        for name, flags, c in runs:
            wall, slowest, n, rep, per = run(env, mbox, flags, c)
            print("%-9s %8.2f %9.1f %11.0f ms %9d %8d  %s" % (name, wall, wall * 1000 / N_MAILS, slowest, n, rep,
                                                             dict(sorted(per.items()))))
        env.srv.shutdown()


if __name__ == "__main__":
    main()
