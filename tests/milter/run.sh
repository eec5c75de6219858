#!/bin/sh
# tests/milter/run.sh MILTER HOST — phishcheck-milter behind a real Postfix (make milter-test,
# part of make check; needs root and Debian's postfix package, installed unconfigured by
# installer/deps.sh). Everything lives in a temporary directory: a Postfix instance
# (postfix -c DIR) on 127.0.0.1 at a free port, delivering every recipient of test.example
# to one maildir through the virtual agent, wired to the milter on another free port.
# tests/milter/smtp_test.py sends the mail and checks what was delivered; this script starts
# and stops the two (trap: also on failure) and checks the milter's clean stop and its
# unix socket; tests/milter/raw_client.py speaks the milter protocol to it directly.
set -eu
milter=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
host=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ "$(id -u)" -ne 0 ]; then echo "milter-test: needs root (postfix); skipped" >&2; exit 0; fi
command -v postfix >/dev/null || { echo "milter-test: postfix missing (installer/deps.sh test)" >&2; exit 1; }
T=$(mktemp -d /tmp/pc-milter.XXXXXX)
chmod 755 "$T"
mpid=""
cleanup() {
    [ -f "$T/pf/main.cf" ] && postfix -c "$T/pf" stop >/dev/null 2>&1 || true
    [ -n "$mpid" ] && kill "$mpid" 2>/dev/null && wait "$mpid" 2>/dev/null || true
    [ -n "${KEEP:-}" ] || rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
smtp_port=$(free_port)
milter_port=$(free_port)
while [ "$milter_port" = "$smtp_port" ]; do milter_port=$(free_port); done

# ---- the milter ----
cat > "$T/milter.conf" <<CONF
# as an administrator would write it (docs/gateway.md)
server-id = mx.test.example
own-domain = test.example
tag-subject = [フィッシングの疑い]
action = none
on-error = accept
jobs = 2
time-limit = 5000
max-message = 2M
CONF
start_milter() {
    "$milter" --config "$T/milter.conf" -s "$1" 2>>"$T/milter.log" &
    mpid=$!
}
start_milter "inet:$milter_port@127.0.0.1"

# ---- Postfix ----
pf=$T/pf
mkdir -p "$pf" "$T/queue" "$T/data" "$T/mail"
chown postfix "$T/data"
chown nobody "$T/mail"
awk -v port="$smtp_port" '
    /^#/ || /^[ \t]/ || NF < 8 { print; next }
    $1 == "smtp" && $2 == "inet" { $1 = "127.0.0.1:" port }
    $2 ~ /inet/ && $1 !~ /^127/ { next }           # no other listener
    { $5 = "n"; print }' /etc/postfix/master.cf > "$pf/master.cf"
cat > "$pf/main.cf" <<CF
compatibility_level = 3.6
queue_directory = $T/queue
data_directory = $T/data
mail_owner = postfix
setgid_group = postdrop
myhostname = mx.test.example
mydomain = test.example
myorigin = test.example
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
maillog_file = $T/maillog
maillog_file_prefixes = $T
virtual_mailbox_domains = test.example
virtual_mailbox_base = $T/mail
virtual_mailbox_maps = static:maildir/
virtual_uid_maps = static:$(id -u nobody)
virtual_gid_maps = static:$(id -g nobody)
smtpd_milters = inet:127.0.0.1:$milter_port
non_smtpd_milters = \$smtpd_milters
milter_default_action = tempfail
milter_protocol = 6
default_process_limit = 20
smtpd_client_connection_count_limit = 0
smtpd_client_message_rate_limit = 0
smtputf8_enable = no
message_size_limit = 20000000
biff = no
CF
# (postfix logs its fatal errors to the terminal only: script(1) gives it one)
postfix -c "$pf" start >/dev/null 2>&1 || { script -qc "postfix -c $pf check" /dev/null; exit 1; }

test_py() {
    python3 "$here/smtp_test.py" --smtp "$smtp_port" --maildir "$T/mail/maildir" \
        --cases "$root/tests/cases" --host "$host" --milter-pid "$mpid" --milter-log "$T/milter.log" \
        --config "$T/milter.conf" "$@" ||
        { echo "--- maillog"; tail -30 "$T/maillog"; echo "--- milter.log"; tail -20 "$T/milter.log"; exit 1; }
}
stop_milter() {    # SIGTERM: a clean stop, status 0
    kill -TERM "$mpid"
    rc=0; wait "$mpid" || rc=$?
    mpid=""
    [ "$rc" = 0 ] || { echo "milter-test: the milter exited $rc on SIGTERM"; exit 1; }
}
test_py

# ---- a hostile or broken peer on the milter socket itself (no MTA): oversized bodies,
# thousands of headers, abort/QUIT mid-message, garbage packets, 50 connections at once ----
python3 "$here/raw_client.py" 127.0.0.1 "$milter_port" "$mpid" ||
    { echo "--- milter.log"; tail -20 "$T/milter.log"; exit 1; }

# ---- clean stop ----
stop_milter
grep -q "phishcheck-milter: stopped" "$T/milter.log" || { echo "milter-test: no stop notice"; exit 1; }

# ---- the same on a unix socket (the milter makes it 0666 for Postfix's smtpd) ----
start_milter "unix:$T/milter.sock"
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do [ -S "$T/milter.sock" ] && break; sleep 0.2; done
[ -S "$T/milter.sock" ] || { echo "milter-test: no unix socket"; exit 1; }
postconf -c "$pf" -e "smtpd_milters = unix:$T/milter.sock"
postfix -c "$pf" reload >/dev/null 2>&1
sleep 1
test_py --load-only "unix socket"
stop_milter
[ ! -e "$T/milter.sock" ] || { echo "milter-test: the unix socket is left after the stop"; exit 1; }
echo "milter-test: ok"
