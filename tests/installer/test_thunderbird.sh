#!/bin/sh
# shellcheck disable=SC2016 # (sh -c scripts below take their arguments as $1)
# End to end with a real Thunderbird (under Xvfb): the .deb installed with dpkg, a fresh
# profile and HOME, managed settings in the policy; Thunderbird force-installs the
# extension from the policy, the extension starts the installed host through the system
# manifest, and the opened message gets its banner. Then purge: nothing left behind.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/debtools.sh"
. "$(dirname "$0")/tbprofile.sh"
for c in thunderbird Xvfb dpkg-deb jq; do
    command -v "$c" >/dev/null || { skip "thunderbird e2e: $c missing"; exit 0; }
done
if ! why=$(can_install_deb); then skip "thunderbird e2e: $why"; exit 0; fi
d=$(tmpdir)
deb=$(deb_path "$d") || { fail "make deb"; exit 1; }
OUT=${PC_TB_OUT:-$ROOT/build/installer-tb}; mkdir -p "$OUT"
MSG=${PC_TB_MESSAGE:-$ROOT/tests/installer/message.eml}
tbpid="" xpid=""
cleanup() {
    [ -z "$tbpid" ] || kill "$tbpid" 2>/dev/null || true
    [ -z "$xpid" ] || kill "$xpid" 2>/dev/null || true
    sleep 1; restore_policy "$d"; rm -rf "$d"
}
save_policy "$d"
trap cleanup EXIT
snap() { for p in /etc/thunderbird /usr/lib/mozilla /usr/lib/phishcheck /usr/share/phishcheck \
                  /var/lib/phishcheck; do [ -e "$p" ] && echo "== $p" && tree "$p"; done; true; }
snap > "$d/before"

# 1. Install the package; the admin adds managed settings to the same policy file.
check "dpkg -i" dpkg -i "$deb"
echo '{"banner_levels": ["safe", "suspicious", "dangerous"], "auto_check": true, "online": false}' > "$d/s.json"
check "admin merges managed settings" /usr/lib/phishcheck/policy-merge add "$REAL_POLICY" \
    "$EXT_ID" file:///usr/share/phishcheck/phishcheck.xpi "$d/s.json"

# 2a. The extension engineer's harness (tests/thunderbird/run.mjs), when it can run against
#     what is installed on the machine (hook: --installed = no sideloaded .xpi and no user
#     manifest, so the policy and /usr/lib/mozilla/native-messaging-hosts are what it uses).
if command -v node >/dev/null && grep -q 'installed:' "$ROOT/tests/thunderbird/run.mjs" 2>/dev/null; then
    if node "$ROOT/tests/thunderbird/run.mjs" --installed --out "$OUT" > "$OUT/harness.log" 2>&1; then
        pass "tests/thunderbird/run.mjs --installed"
    else
        fail "tests/thunderbird/run.mjs --installed" "see $OUT/harness.log"
    fi
    sed 's/^/    harness: /' "$OUT/harness.log" | tail -n 20
fi

# 2. A fresh profile and HOME (no user manifest, no sideloaded xpi), a real X server.
make_profile "$d/profile"; log_console "$d/profile"; mkdir -p "$d/home"
n=90; while [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
Xvfb ":$n" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 & xpid=$!
sleep 1
DISPLAY=":$n" HOME="$d/home" thunderbird -no-remote -profile "$d/profile" "$MSG" \
    > "$OUT/thunderbird.log" 2>&1 & tbpid=$!

# 3. Wait (60 s at most) for the banner line; note the host process started for us.
hostpid="" banner=""
for _ in $(seq 1 120); do
    sleep 0.5
    for p in $(pgrep -f '^/usr/lib/phishcheck/phishcheck /usr/lib/mozilla/native-messaging-hosts/phishcheck.json phishcheck@phishcheck.org$'); do
        descends_from "$p" "$tbpid" && hostpid=$p
    done
    banner=$(grep -a -m1 'phishcheck-banner' "$OUT/thunderbird.log" || true)
    [ -n "$banner" ] && [ -n "$hostpid" ] && break
done
sleep 2
DISPLAY=":$n" import -window root "$OUT/screenshot.png" 2>/dev/null || true
check "Thunderbird started the installed host via the system manifest" test -n "$hostpid"
check "the banner was drawn (phishcheck-banner in the console)" test -n "$banner"
echo "    banner: $(printf '%s' "$banner" | cut -c1-200)"
kill "$tbpid" 2>/dev/null; wait "$tbpid" 2>/dev/null; tbpid=""
check_jq "extension force-installed by the policy, enabled" "$d/profile/extensions.json" \
    ".addons[] | select(.id == \"$EXT_ID\") | .active and (.userDisabled | not)
     and .installTelemetryInfo.source == \"enterprise-policy\""
kill "$xpid" 2>/dev/null; xpid=""
echo "    screenshot: $OUT/screenshot.png, log: $OUT/thunderbird.log"

# 4. The admin takes their managed settings out again (the package never removes those),
#    then the package is purged: the machine is as it was.
/usr/lib/phishcheck/policy-merge --settings remove "$REAL_POLICY" "$EXT_ID"
check "dpkg --purge" dpkg --purge phishcheck
snap > "$d/after"
check "nothing left behind" cmp "$d/before" "$d/after"
cmp -s "$d/before" "$d/after" || diff "$d/before" "$d/after" | head
