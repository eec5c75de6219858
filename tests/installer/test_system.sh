#!/bin/sh
# System-wide install (install.sh --system) staged into a DESTDIR with a PREFIX: every
# file and its content, the policy merged into an existing policies.json, managed
# settings, a second run, and --uninstall restoring the tree (policies.json byte for byte).
set -u
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { skip "jq missing"; exit 0; }
d=$(tmpdir); trap 'rm -rf "$d"' EXIT
D=$d/root
SETTINGS=$ROOT/manifests/managed-settings.example.json

# A DESTDIR that already has an admin's policies.json.
mkdir -p "$D/etc/thunderbird/policies"
printf '{\n  "policies": {\n    "DisableTelemetry": true,\n    "ExtensionSettings": {"*": {"installation_mode": "allowed"}}\n  }\n}\n' \
    > "$D/etc/thunderbird/policies/policies.json"
tree "$D" > "$d/before"

run() { "$INSTALL" --system --no-deps --destdir "$D" --prefix /opt/phishcheck \
            --host "$HOST_BIN" --xpi "$XPI" "$@"; }
out=$(run --settings "$SETTINGS" 2>&1); rc=$?
check_eq "install --system exits 0" "$rc" 0
[ "$rc" -eq 0 ] || echo "$out"
L=$D/opt/phishcheck/lib/phishcheck
check "host under PREFIX/lib/phishcheck" cmp "$L/phishcheck" "$HOST_BIN"
check_eq "host mode" "$(stat -c %a "$L/phishcheck")" 755
check "merge tool installed" cmp "$L/policy-merge" "$ROOT/installer/policy-merge.sh"
check "xpi under PREFIX/share/phishcheck" cmp "$D/opt/phishcheck/share/phishcheck/phishcheck.xpi" "$XPI"
M=$D/usr/lib/mozilla/native-messaging-hosts/phishcheck.json
check_jq "system manifest: path without DESTDIR" "$M" \
    ".path == \"/opt/phishcheck/lib/phishcheck/phishcheck\" and .name == \"phishcheck\"
     and .type == \"stdio\" and .allowed_extensions == [\"$EXT_ID\"]"
check_eq "system manifest mode" "$(stat -c %a "$M")" 644
P=$D/etc/thunderbird/policies/policies.json
check_jq "policy: force_installed from file:// URL" "$P" \
    ".policies.ExtensionSettings[\"$EXT_ID\"] == {installation_mode: \"force_installed\",
       install_url: \"file:///opt/phishcheck/share/phishcheck/phishcheck.xpi\"}"
check_jq "policy: admin's policies kept" "$P" \
    '.policies.DisableTelemetry == true and .policies.ExtensionSettings["*"].installation_mode == "allowed"'
check_jq "policy: managed settings in 3rdparty" "$P" \
    ".policies[\"3rdparty\"].Extensions[\"$EXT_ID\"] == $(jq -c . "$SETTINGS")"

tree "$D" > "$d/after1"
run -q >/dev/null 2>&1
run -q --settings "$SETTINGS" >/dev/null 2>&1
tree "$D" > "$d/after2"
check "second run changes nothing" cmp "$d/after1" "$d/after2"
cmp -s "$d/after1" "$d/after2" || diff "$d/after1" "$d/after2"

"$INSTALL" --system --destdir "$D" --prefix /opt/phishcheck --uninstall >/dev/null 2>&1; rc=$?
check_eq "--uninstall exits 0" "$rc" 0
tree "$D" > "$d/after3"
check "uninstall restores DESTDIR exactly (policies.json byte for byte)" cmp "$d/before" "$d/after3"
cmp -s "$d/before" "$d/after3" || diff "$d/before" "$d/after3" | head

# An empty DESTDIR with the default PREFIX (/usr): policies.json created, then removed.
E=$d/empty; mkdir -p "$E"
"$INSTALL" -q --system --no-deps --destdir "$E" --host "$HOST_BIN" --xpi "$XPI" >/dev/null 2>&1
check "default prefix: /usr/lib/phishcheck/phishcheck" test -x "$E/usr/lib/phishcheck/phishcheck"
check_jq "default prefix: install_url" "$E/etc/thunderbird/policies/policies.json" \
    ".policies.ExtensionSettings[\"$EXT_ID\"].install_url == \"file:///usr/share/phishcheck/phishcheck.xpi\""
check_jq "default prefix: manifest path" "$E/usr/lib/mozilla/native-messaging-hosts/phishcheck.json" \
    '.path == "/usr/lib/phishcheck/phishcheck"'
"$INSTALL" --system --destdir "$E" --uninstall >/dev/null 2>&1
check_eq "uninstall leaves the empty DESTDIR empty" "$(find "$E" -mindepth 1 | wc -l)" 0

# A broken policies.json is refused and left alone.
B=$d/broken; mkdir -p "$B/etc/thunderbird/policies"
printf '{"policies": {' > "$B/etc/thunderbird/policies/policies.json"
check_not "broken policies.json: install fails" \
    "$INSTALL" -q --system --no-deps --destdir "$B" --host "$HOST_BIN" --xpi "$XPI"
check_eq "broken policies.json: untouched" "$(cat "$B/etc/thunderbird/policies/policies.json")" '{"policies": {'
"$INSTALL" --system --destdir "$B" --uninstall >/dev/null 2>&1
check_eq "broken: uninstall removes what was written" \
    "$(cd "$B" && find . | sort | tr '\n' ' ')" ". ./etc ./etc/thunderbird ./etc/thunderbird/policies ./etc/thunderbird/policies/policies.json "
