#!/bin/sh
# Writes seed inputs for the frame, URL and attachment fuzzers into $1/seed-frame,
# $1/seed-url and $1/seed-attach.
set -eu
out=$1
frame() { # frame NAME JSON: 4-byte little-endian length + JSON (x86 is little-endian)
    n=$(printf '%s' "$2" | wc -c)
    printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $((n & 255)) $((n >> 8 & 255)) $((n >> 16 & 255)) $((n >> 24 & 255)))" > "$out/seed-frame/$1"
    printf '%s' "$2" >> "$out/seed-frame/$1"
}
frame version '{"id":1,"type":"version"}'
frame analyze '{"id":2,"type":"analyze","raw":"RnJvbTogYUBiLmV4YW1wbGUNClN1YmplY3Q6IGhpDQoNCmhlbGxvDQo=","options":{"lang":"ja","own_domains":["b.example"]}}'
frame binary '{"id":3,"type":"analyze","encoding":"binary","raw":"Subject: x\r\n\r\n<a href=\"http://1.2.3.4/\">x</a>"}'
for u in 'https://user@sub.example.co.jp:8443/a?b=c#d' 'http://xn--pple-43d.com/' 'http://[::1]/' \
         'www.kagoya.jp/x' 'http://1249756375/' 'https://t.co/abc?url=https%3A%2F%2Fevil.example'; do
    printf '%s' "$u" > "$out/seed-url/$(printf '%s' "$u" | cksum | cut -d' ' -f1)"
done
# The tricky hrefs of the URL oracle test (WHATWG: backslashes, tabs, IPv4 forms, IDNA).
grep -v '^#' "$(dirname "$0")/../url/tricky.txt" | while IFS= read -r l; do
    printf '%s' "$l" | jq -j . > "$out/seed-url/t$(printf '%s' "$l" | cksum | cut -d' ' -f1)"
done
# The attachments of the cases (real Office, OLE, ZIP, ISO, PDF files; cut ones too).
python3 - "$(dirname "$0")/../cases" "$out/seed-attach" <<'PY'
import email, email.policy, glob, hashlib, os, sys
for f in sorted(glob.glob(os.path.join(sys.argv[1], "attachments-*.eml"))):
    with open(f, "rb") as fh:
        m = email.message_from_binary_file(fh, policy=email.policy.default)
    for part in m.iter_attachments():
        d = part.get_payload(decode=True) or b""
        with open(os.path.join(sys.argv[2], hashlib.sha1(d).hexdigest()[:16]), "wb") as o:
            o.write(d)
PY
