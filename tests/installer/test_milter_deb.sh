#!/bin/sh
# shellcheck disable=SC2016 # (sh -c scripts below take their arguments as $1)
# make deb-milter: the phishcheck-milter package's fields, files, conffile and lintian; its
# systemd unit (systemd-analyze verify); then a real dpkg install (root only): the service
# enabled, the installed milter starts and stops cleanly, an edited milter.conf survives a
# reinstall and a removal, and purge leaves nothing behind.
set -u
. "$(dirname "$0")/lib.sh"
command -v dpkg-deb >/dev/null || { skip "no dpkg"; exit 0; }
d=$(tmpdir)
trap 'rm -rf "$d"' EXIT
deb=$d/phishcheck-milter.deb
make -s -C "$ROOT" deb-milter MILTER_DEB="$deb" >&2
check_eq "make deb-milter builds a package" "$?" 0
[ -f "$deb" ] || exit 1
check_eq "Package" "$(dpkg-deb -f "$deb" Package)" phishcheck-milter
check "Depends: libmilter and the host's libraries" sh -c \
    'dpkg-deb -f "$1" Depends | grep -q "libmilter" && dpkg-deb -f "$1" Depends | grep -q "libgmime-3.0"' - "$deb"
check_not "no Thunderbird on a mail server" sh -c 'dpkg-deb -f "$1" Depends Recommends | grep -qi thunderbird' - "$deb"
files=$(dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { print $6 }' | sort | tr '\n' ' ')
check_eq "the package's files" "$files" "./etc/phishcheck/milter.conf ./usr/lib/systemd/system/phishcheck-milter.service ./usr/sbin/phishcheck-milter ./usr/share/doc/phishcheck-milter/changelog.gz ./usr/share/doc/phishcheck-milter/copyright ./usr/share/doc/phishcheck-milter/gateway.md.gz "
check_eq "milter.conf is a conffile" "$(dpkg-deb --ctrl-tarfile "$deb" | tar xO ./conffiles)" /etc/phishcheck/milter.conf
if command -v lintian >/dev/null; then
    lintian --tag-display-limit 0 "$deb" > "$d/lintian" 2>&1 || true
    sed 's/^/    lintian: /' "$d/lintian"
    check_eq "lintian: no errors" "$(grep -c '^E:' "$d/lintian")" 0
else skip "lintian not installed"; fi

[ "$(id -u)" -eq 0 ] || { skip "dpkg -i: not root"; exit 0; }
if dpkg-query -W -f='${Status}' phishcheck-milter 2>/dev/null | grep -q installed || [ -e /usr/sbin/phishcheck-milter ]; then
    skip "dpkg -i: phishcheck-milter is installed already"; exit 0; fi
snap() { for p in /etc/phishcheck /usr/sbin /usr/lib/systemd/system /etc/systemd/system \
                  /var/lib/systemd/deb-systemd-helper-enabled /var/lib/systemd/deb-systemd-helper-masked \
                  /usr/share/doc/phishcheck-milter /var/cache/phishcheck-milter; do
             [ -e "$p" ] && echo "== $p" && tree "$p"; done; true; }
trap 'dpkg --purge phishcheck-milter >/dev/null 2>&1; rm -rf "$d"' EXIT
snap > "$d/before"
check "dpkg -i" dpkg -i "$deb"
check "milter installed" test -x /usr/sbin/phishcheck-milter
check "the service is enabled" test -L /etc/systemd/system/multi-user.target.wants/phishcheck-milter.service
if command -v systemd-analyze >/dev/null; then
    check "systemd-analyze verify phishcheck-milter.service" sh -c \
        'out=$(systemd-analyze verify /usr/lib/systemd/system/phishcheck-milter.service 2>&1 | grep -v "running with root"); [ -z "$out" ] || { echo "$out"; false; }'
fi
check "the installed settings read" /usr/sbin/phishcheck-milter --check-config
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
/usr/sbin/phishcheck-milter -s "inet:$port@127.0.0.1" 2> "$d/run.log" &
pid=$!
sleep 1
kill -TERM "$pid"
rc=0; wait "$pid" || rc=$?
check_eq "the installed milter starts and stops cleanly (SIGTERM: 0)" "$rc" 0
check "it said it listened" grep -q "listening on inet:$port@127.0.0.1" "$d/run.log"
echo "server-id = mx.test.example" >> /etc/phishcheck/milter.conf
check "dpkg -i again (upgrade in place)" dpkg -i "$deb"
check "an edited milter.conf is kept" grep -q "^server-id = mx.test.example" /etc/phishcheck/milter.conf
check "dpkg -r" dpkg -r phishcheck-milter
check_not "the milter is gone" test -e /usr/sbin/phishcheck-milter
check "milter.conf stays after remove (conffile)" test -f /etc/phishcheck/milter.conf
check "dpkg --purge" dpkg --purge phishcheck-milter
snap > "$d/after"
check "nothing left after purge" cmp "$d/before" "$d/after"
cmp -s "$d/before" "$d/after" || diff "$d/before" "$d/after" | head
