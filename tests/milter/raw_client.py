#!/usr/bin/env python3
"""tests/milter/raw_client.py HOST PORT PID — a broken or hostile peer speaking the milter
protocol (libmilter's mfdef.h: 4-byte big-endian length, one command byte, data) straight
to phishcheck-milter, without an MTA: body chunks far beyond max-message, thousands of
headers, a message with no end of header, abort mid-message then a new message on the same
connection, QUIT and a dropped connection mid-body, garbage commands, a length of 2^31,
50 connections at once. After each, a well-formed message on a fresh connection must still
be answered; the milter must still be running and its peak RSS (VmHWM) must not grow by
more than the bound below. Prints what it did; exits 1 on a failure."""
import os, socket, struct, sys, threading, time

HOST, PORT, PID = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ACTIONS = 0x1FF                  # every SMFIF_* the MTA allows
HWM_GROWTH_KIB = 64 * 1024       # 2M max-message x 50 connections stays well below this
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL: " + what)


def hwm():
    for line in open("/proc/%d/status" % PID):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def alive():
    try:
        open("/proc/%d/status" % PID).close()
        return True
    except OSError:
        return False


class Peer:
    def __init__(self, timeout=30):
        self.s = socket.create_connection((HOST, PORT), timeout=timeout)

    def send(self, cmd, data=b""):
        self.s.sendall(struct.pack(">I", len(data) + 1) + cmd + data)

    def recv(self):
        """One reply (command byte, data); None when the milter closed the connection."""
        head = self._read(5)
        if head is None:
            return None
        n, cmd = struct.unpack(">I", head[:4])[0], head[4:5]
        return cmd, self._read(n - 1) or b""

    def _read(self, n):
        buf = b""
        while len(buf) < n:
            b = self.s.recv(n - len(buf))
            if not b:
                return None
            buf += b
        return buf

    def until_final(self):
        """Replies up to the final one of end of message; the modifications on the way."""
        mods = []
        while True:
            r = self.recv()
            if r is None or r[0] in b"caretdy":
                return r, mods
            mods.append(r)

    def negotiate(self):
        # protocol flags 0: no event skipped, a reply to every command
        self.send(b"O", struct.pack(">III", 6, ACTIONS, 0))
        r = self.recv()
        check(r is not None and r[0] == b"O", "negotiation answered %r" % (r,))

    def start(self):
        """Connection and envelope, each answered."""
        self.send(b"D", b"C" + b"j\0mx.test.example\0")
        self.send(b"C", b"client.example\x004" + struct.pack(">H", 25) + b"192.0.2.1\0")
        self.expect("connect")
        self.send(b"H", b"client.example\0")
        self.expect("helo")
        self.send(b"D", b"M" + b"i\0RAW1\0")
        self.send(b"M", b"<a@example.net>\0")
        self.expect("mail")
        self.send(b"R", b"<u@test.example>\0")
        self.expect("rcpt")

    def expect(self, what):
        r = self.recv()
        check(r is not None and r[0] == b"c", "%s answered %r" % (what, r))

    def header(self, name, value):
        self.send(b"L", name + b"\0" + value + b"\0")

    def close(self):
        self.s.close()


def message(p, subject=b"hello"):
    p.header(b"From", b"a@example.net")
    p.expect("header")
    p.header(b"Subject", subject)
    p.expect("header")
    p.send(b"N")
    p.expect("eoh")
    p.send(b"B", b"Hello, see you tomorrow.\r\n")
    p.expect("body")
    p.send(b"E")
    return p.until_final()


def served(label):
    """A well-formed message on a new connection is answered with continue/accept."""
    p = Peer()
    p.negotiate()
    p.start()
    final, mods = message(p)
    p.send(b"Q")
    p.close()
    ok = final is not None and final[0] in b"ca" and any(m[0] == b"i" for m in mods)
    check(ok, "after %s: a normal message got %r %r" % (label, final, mods[:3]))
    check(alive(), "after %s: the milter is gone" % label)
    return ok


def big_body():
    p = Peer()
    p.negotiate()
    p.start()
    p.header(b"Subject", b"big")
    p.expect("header")
    p.send(b"N")
    p.expect("eoh")
    chunk = b"x" * 65000 + b"\r\n"
    for _ in range(600):                      # ~39 MB against max-message 2M
        p.send(b"B", chunk)
        p.expect("body")
    p.send(b"E")
    final, _ = p.until_final()
    check(final is not None and final[0] in b"ca", "39 MB body: answered %r" % (final,))
    p.close()


def many_headers():
    p = Peer()
    p.negotiate()
    p.start()
    for i in range(20000):
        p.header(b"X-Phishcheck" if i % 2 else b"X-Filler-%d" % i, b"safe; score=0; flags=")
        p.expect("header")
    p.send(b"N")
    p.expect("eoh")
    p.send(b"E")
    final, mods = p.until_final()
    removed = sum(1 for m in mods if m[0] == b"m")
    check(final is not None and final[0] in b"ca", "20,000 headers: answered %r" % (final,))
    check(removed == 10000, "20,000 headers: %d X-Phishcheck removed, expected 10,000" % removed)
    p.close()


def no_eoh():
    p = Peer()
    p.negotiate()
    p.start()
    p.header(b"Subject", b"no end of header")
    p.expect("header")
    p.send(b"E")                              # end of message straight after a header
    final, _ = p.until_final()
    check(final is not None and final[0] in b"ca", "no EOH: answered %r" % (final,))
    p.close()


def empty_message():
    p = Peer()
    p.negotiate()
    p.start()
    p.send(b"E")                              # end of message with no header and no body
    final, _ = p.until_final()
    check(final is not None and final[0] in b"ca", "empty message: answered %r" % (final,))
    p.close()


def abort_then_new():
    p = Peer()
    p.negotiate()
    p.start()
    p.header(b"X-Phishcheck", b"forged")
    p.expect("header")
    p.send(b"B", b"half a body")
    p.expect("body")
    p.send(b"A")                              # abort: no reply
    p.send(b"D", b"M" + b"i\0RAW2\0")
    p.send(b"M", b"<b@example.net>\0")
    p.expect("mail after abort")
    p.send(b"R", b"<u@test.example>\0")
    p.expect("rcpt after abort")
    final, mods = message(p)
    check(final is not None and final[0] in b"ca", "abort then new message: answered %r" % (final,))
    check(not any(m[0] == b"m" for m in mods), "abort: the aborted message's removal leaked into the next")
    p.close()


def quit_mid_body():
    p = Peer()
    p.negotiate()
    p.start()
    p.send(b"B", b"x" * 60000)
    p.expect("body")
    p.send(b"Q")
    p.close()
    p = Peer()
    p.negotiate()
    p.start()
    p.send(b"B", b"y" * 60000)
    p.expect("body")
    p.close()                                 # dropped without a word


def garbage():
    """Each answered or closed at once (a close or reset is the right answer), never a hang."""
    for neg in (False, True):
        for data in (struct.pack(">I", 1) + b"Z",                       # unknown command
                     struct.pack(">I", 0) + b"B",                       # length 0
                     struct.pack(">I", 1 << 31) + b"B" + b"x" * 100,    # length 2^31
                     struct.pack(">I", 0xFFFFFFFF) + b"L",
                     b"GET / HTTP/1.0\r\n\r\n"):
            p = Peer(timeout=10)
            try:
                if neg:
                    p.negotiate()
                p.s.sendall(data)
                p.recv()
            except socket.timeout:
                check(False, "garbage %r: no answer and no close within 10 s" % data[:8])
            except ConnectionError:
                pass
            p.close()
    # a header packet with no NUL between name and value
    p = Peer(timeout=10)
    p.negotiate()
    p.start()
    p.send(b"L", b"Subject")
    try:
        p.recv()
    except socket.timeout:
        check(False, "a header without NUL: no answer and no close within 10 s")
    except ConnectionError:
        pass
    p.close()


def simultaneous(n=50):
    """n connections each holding half a message, then all finish at once."""
    peers = []
    for _ in range(n):
        p = Peer(timeout=120)
        p.negotiate()
        p.start()
        p.header(b"Subject", b"parallel")
        p.expect("header")
        p.send(b"B", b"z" * 60000)
        p.expect("body")
        peers.append(p)
    check(served("%d connections held open" % n), "served while %d connections are open" % n)
    results = []

    def finish(p):
        p.send(b"E")
        results.append(p.until_final()[0])
        p.close()
    ts = [threading.Thread(target=finish, args=(p,)) for p in peers]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    ok = sum(1 for r in results if r is not None and r[0] in b"ca")
    check(ok == n, "%d simultaneous messages: %d answered" % (n, ok))


if len(sys.argv) > 4:                     # one attack by name (debugging)
    for name in sys.argv[4:]:
        t0 = time.time()
        globals()[name]()
        print("%s: %.1f s, VmHWM %d KiB" % (name, time.time() - t0, hwm()))
    sys.exit("%d failures" % len(failures) if failures else 0)
before = hwm()
print("milter-test: raw milter peer: milter VmHWM %d KiB before" % before)
for name, attack in (("a 39 MB body (max-message 2M)", big_body),
                     ("20,000 headers, half X-Phishcheck", many_headers),
                     ("end of message without end of header", no_eoh),
                     ("end of message with no header and no body", empty_message),
                     ("abort mid-message, a new message on the same connection", abort_then_new),
                     ("QUIT and a dropped connection mid-body", quit_mid_body),
                     ("garbage packets, lengths 0, 2^31 and 2^32-1, HTTP", garbage),
                     ("50 simultaneous connections", simultaneous)):
    t0 = time.time()
    try:
        attack()
    except (OSError, struct.error) as e:
        check(False, "%s: %r" % (name, e))
    served(name)
    print("milter-test: raw peer: %s: %.1f s, still serving; VmHWM %d KiB" % (name, time.time() - t0, hwm()))
after = hwm()
# (under ASan, freed memory sits in its quarantine (256 MB): the bounds are for plain builds)
bounded = not os.environ.get("PC_TEST_SANITIZED")
check(not bounded or after - before < HWM_GROWTH_KIB, "VmHWM grew %d KiB (bound %d)" % (after - before, HWM_GROWTH_KIB))
# repeat the heaviest ones: the peak must not keep climbing (nothing kept per message)
for attack in (big_body, many_headers, simultaneous):
    attack()
again = hwm()
check(not bounded or again - after < 8 * 1024, "VmHWM kept growing on a second round: %d -> %d KiB" % (after, again))
print("milter-test: raw milter peer: VmHWM %d -> %d KiB, %d KiB after a second round" % (before, after, again))
sys.exit("milter-test: raw peer: %d failures" % len(failures) if failures else 0)
