#!/bin/sh
# shellcheck disable=SC2016 # (sh -c scripts below take their arguments as $1)
# make deb: the package's fields and files, lintian, then a real dpkg install and removal
# on this machine (root only): the policy merged into an existing policies.json and
# un-merged byte for byte, or created and removed; purge leaves nothing behind.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/debtools.sh"
command -v dpkg-deb >/dev/null || { skip "no dpkg"; exit 0; }
d=$(tmpdir)

deb=$(deb_path "$d"); rc=$?
check_eq "make deb builds a package" "$rc" 0
[ -f "$deb" ] || { rm -rf "$d"; exit 1; }
check_eq "Package" "$(dpkg-deb -f "$deb" Package)" phishcheck
check "Depends: jq and the host's libraries" sh -c \
    'dpkg-deb -f "$1" Depends | grep -q "jq" && dpkg-deb -f "$1" Depends | grep -q "libgmime-3.0"' - "$deb"
files=$(dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { print $6 }' | sort | tr '\n' ' ')
check_eq "the package's files" "$files" "./usr/lib/mozilla/native-messaging-hosts/phishcheck.json ./usr/lib/phishcheck/phishcheck ./usr/lib/phishcheck/policy-merge ./usr/lib/systemd/user/phishcheck-feeds.service ./usr/lib/systemd/user/phishcheck-feeds.timer ./usr/share/doc/phishcheck/changelog.gz ./usr/share/doc/phishcheck/copyright ./usr/share/doc/phishcheck/examples/managed-settings.json ./usr/share/doc/phishcheck/examples/policies.json ./usr/share/phishcheck/phishcheck.xpi "
check "maintainer scripts" sh -c 'dpkg-deb --ctrl-tarfile "$1" | tar t | grep -q postinst' - "$deb"

# lintian: errors fail the test; every tag is printed (docs/install.md lists them).
if command -v lintian >/dev/null; then
    lintian --tag-display-limit 0 "$deb" > "$d/lintian" 2>&1 || true
    sed 's/^/    lintian: /' "$d/lintian"
    check_eq "lintian: no errors" "$(grep -c '^E:' "$d/lintian")" 0
else skip "lintian not installed"; fi

if ! why=$(can_install_deb); then skip "dpkg -i: $why"; rm -rf "$d"; exit 0; fi
save_policy "$d"
trap 'restore_policy "$d"; rm -rf "$d"' EXIT
trap 'exit 1' INT TERM HUP PIPE
snap() { for p in /etc/thunderbird /usr/lib/mozilla /usr/lib/phishcheck /usr/share/phishcheck \
                  /usr/share/doc/phishcheck /var/lib/phishcheck /etc/systemd/user; do
             [ -e "$p" ] && echo "== $p" && tree "$p"; done; true; }

# A. An admin's policies.json exists.
mkdir -p /etc/thunderbird/policies
printf '{\n  "policies": {\n    "DisableTelemetry": true\n  }\n}\n' > "$REAL_POLICY"
snap > "$d/before"
check "dpkg -i" dpkg -i "$deb"
check "host installed" test -x /usr/lib/phishcheck/phishcheck
check_jq "manifest in /usr/lib/mozilla/native-messaging-hosts" \
    /usr/lib/mozilla/native-messaging-hosts/phishcheck.json '.path == "/usr/lib/phishcheck/phishcheck"'
check_jq "postinst merged the policy" "$REAL_POLICY" \
    ".policies.DisableTelemetry == true and .policies.ExtensionSettings[\"$EXT_ID\"] ==
     {installation_mode: \"force_installed\", install_url: \"file:///usr/share/phishcheck/phishcheck.xpi\"}"
if command -v systemctl >/dev/null; then
    check "postinst enabled the lists' timer for every user" \
        test -L /etc/systemd/user/timers.target.wants/phishcheck-feeds.timer
fi
reply=$(printf '\031\000\000\000{"id":1,"type":"version"}' | /usr/lib/phishcheck/phishcheck --native | tail -c +5)
check_eq "installed host answers" "$(printf '%s' "$reply" | jq -r .type 2>/dev/null)" version
check "dpkg -i again (reinstall)" dpkg -i "$deb"
check_eq "one entry after reinstall" \
    "$(jq '.policies.ExtensionSettings | length' "$REAL_POLICY")" 1
check "dpkg -r" dpkg -r phishcheck
check "policies.json back byte for byte" sh -c \
    'printf "{\n  \"policies\": {\n    \"DisableTelemetry\": true\n  }\n}\n" | cmp - "$1"' - "$REAL_POLICY"
check "dpkg --purge" dpkg --purge phishcheck
snap > "$d/after"
check "nothing left after purge" cmp "$d/before" "$d/after"
cmp -s "$d/before" "$d/after" || diff "$d/before" "$d/after" | head

# B. No policies.json (nor its folder) before: created, then removed with its folder.
rm -rf /etc/thunderbird/policies
snap > "$d/before"
dpkg -i "$deb" >/dev/null 2>&1
check_jq "policies.json created" "$REAL_POLICY" ".policies.ExtensionSettings[\"$EXT_ID\"] != null"
dpkg --purge phishcheck >/dev/null 2>&1
snap > "$d/after"
check "created policies.json and folder removed" cmp "$d/before" "$d/after"
check_eq "dpkg forgot the package" "$(dpkg-query -W -f='${Status}' phishcheck 2>/dev/null)" \
    "$(dpkg-query -W -f='${Status}' phishcheck 2>/dev/null | grep -v 'ok installed')"
