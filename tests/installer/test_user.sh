#!/bin/sh
# shellcheck disable=SC2016 # (sh -c scripts below take their arguments as $1)
# Per-user install (installer/install.sh, no flags) into a fresh HOME with two Thunderbird
# profiles; every file and its content; a second run changes nothing; --uninstall brings
# HOME back to exactly what it was.
set -u
. "$(dirname "$0")/lib.sh"
d=$(tmpdir); trap 'rm -rf "$d"' EXIT
h=$d/home

# A fresh HOME: profiles.ini with a relative and an absolute profile; the absolute one
# already has a user.js and a prefs.js of its own.
mkdir -p "$h/.thunderbird/abcd1234.default-esr" "$h/Mail profile"
cat > "$h/.thunderbird/profiles.ini" <<INI
[Profile1]
Name=work
IsRelative=0
Path=$h/Mail profile

[Profile0]
Name=default-esr
IsRelative=1
Path=abcd1234.default-esr
Default=1

[General]
StartWithLastProfile=1
Version=2

[Install4F96D1932A9F858E]
Default=abcd1234.default-esr
Locked=1
INI
printf 'user_pref("mail.shell.checkDefaultClient", false);\n' > "$h/Mail profile/user.js"
printf '// Mozilla User Preferences\nuser_pref("a.b", 1);\n' > "$h/Mail profile/prefs.js"
tree "$h" > "$d/before"

# 1. The README's command, as is.
out=$(HOME=$h "$INSTALL" 2>&1); rc=$?
check_eq "install.sh exits 0" "$rc" 0
[ "$rc" -eq 0 ] || echo "$out"
host=$h/.local/lib/phishcheck/phishcheck
man=$h/.mozilla/native-messaging-hosts/phishcheck.json
check "host installed, same bytes as the build" cmp "$host" "$HOST_BIN"
check_eq "host mode" "$(stat -c %a "$host")" 755
check_jq "manifest name/type/extension" "$man" \
    ".name == \"phishcheck\" and .type == \"stdio\" and .allowed_extensions == [\"$EXT_ID\"]"
check_jq "manifest path is the installed host" "$man" ".path == \"$host\""
check_jq "manifest has exactly the five keys" "$man" \
    'keys == ["allowed_extensions", "description", "name", "path", "type"]'
for p in "$h/.thunderbird/abcd1234.default-esr" "$h/Mail profile"; do
    n=$(basename "$p")
    check "$n: extension installed as ID.xpi" cmp "$p/extensions/$EXT_ID.xpi" "$XPI"
    check "$n: user.js sets autoDisableScopes 14" \
        grep -qx 'user_pref("extensions.autoDisableScopes", 14);' "$p/user.js"
done
check "own user.js lines kept" grep -qx 'user_pref("mail.shell.checkDefaultClient", false);' \
    "$h/Mail profile/user.js"
check "prints what it did" sh -c 'printf "%s" "$1" | grep -q "manifest .*phishcheck.json"' - "$out"
# The host named by the manifest answers a version request over native framing.
reply=$(printf '\031\000\000\000{"id":1,"type":"version"}' |
        "$(jq -r .path "$man" 2>/dev/null)" --native 2>/dev/null | tail -c +5)
check_eq "installed host answers version" \
    "$(printf '%s' "$reply" | jq -r '"\(.ok) \(.type)"' 2>/dev/null)" "true version"
# The record lists every new file.
check "installed-files written" test -s "$h/.local/lib/phishcheck/installed-files"
tree "$h" > "$d/after1"
new=$(diff "$d/before" "$d/after1" | sed -n 's/^> .* \.\//\//p' | sort)
rec=$(cut -f2 "$h/.local/lib/phishcheck/installed-files" | sed "s|^$h||" | sort)
listed_ok=1
for f in $(printf '%s\n' "$new" | tr ' ' '?'); do
    case $f in */installed-files) continue ;; esac
    printf '%s\n' "$rec" | tr ' ' '?' | grep -qxF "$f" || { listed_ok=0; echo "  not recorded: $f"; }
done
check_eq "every new path is in installed-files" "$listed_ok" 1

# 2. Twice is harmless: the tree is the same afterwards.
HOME=$h "$INSTALL" -q >/dev/null 2>&1
tree "$h" > "$d/after2"
check "second run changes nothing" cmp "$d/after1" "$d/after2"

# 3. Thunderbird copies the pref into prefs.js; uninstall takes it out again.
printf 'user_pref("extensions.autoDisableScopes", 14);\n' >> "$h/Mail profile/prefs.js"
HOME=$h "$INSTALL" --uninstall >/dev/null 2>&1; rc=$?
check_eq "--uninstall exits 0" "$rc" 0
tree "$h" > "$d/after3"
check "uninstall leaves HOME exactly as before" cmp "$d/before" "$d/after3"
cmp -s "$d/before" "$d/after3" || diff "$d/before" "$d/after3" | head
check "uninstall twice is harmless" env HOME="$h" "$INSTALL" --uninstall

# 4. No Thunderbird profile yet: host and manifest, a hint, exit 0.
h2=$d/home2; mkdir -p "$h2"
out=$(HOME=$h2 "$INSTALL" --no-deps --host "$HOST_BIN" --xpi "$XPI" 2>&1); rc=$?
check_eq "no profile: exits 0" "$rc" 0
check "no profile: says what to do" sh -c 'printf "%s" "$1" | grep -q "start Thunderbird once"' - "$out"
check "no profile: manifest written" test -f "$h2/.mozilla/native-messaging-hosts/phishcheck.json"
HOME=$h2 "$INSTALL" --uninstall >/dev/null 2>&1
check_eq "no profile: uninstall empties HOME" "$(find "$h2" -mindepth 1 | wc -l)" 0

# 5. --profile DIR, and a user.js that already sets autoDisableScopes keeps its other bits.
h3=$d/home3; mkdir -p "$h3/p"
echo 'user_pref("extensions.autoDisableScopes", 3);' > "$h3/p/user.js"
HOME=$h3 "$INSTALL" -q --no-deps --host "$HOST_BIN" --xpi "$XPI" --profile "$h3/p" >/dev/null 2>&1
check "--profile: extension there" test -f "$h3/p/extensions/$EXT_ID.xpi"
check_eq "existing autoDisableScopes 3 becomes 2" \
    "$(tail -n 2 "$h3/p/user.js" | head -n 1)" 'user_pref("extensions.autoDisableScopes", 2);'
HOME=$h3 "$INSTALL" --uninstall >/dev/null 2>&1
check_eq "--profile: uninstall restores user.js" "$(cat "$h3/p/user.js")" \
    'user_pref("extensions.autoDisableScopes", 3);'

# 6. macOS layout (paths only; the macOS build itself is not tested here).
h4=$d/home4; mkdir -p "$h4/Library/Thunderbird/Profiles/x.default"
printf '[Profile0]\nName=default\nIsRelative=1\nPath=Profiles/x.default\n' > "$h4/Library/Thunderbird/profiles.ini"
HOME=$h4 PHISHCHECK_OS=macos "$INSTALL" -q --no-deps --host "$HOST_BIN" --xpi "$XPI" >/dev/null 2>&1
check_jq "macOS: manifest in ~/Library/Mozilla/NativeMessagingHosts" \
    "$h4/Library/Mozilla/NativeMessagingHosts/phishcheck.json" \
    ".path == \"$h4/Library/Application Support/phishcheck/phishcheck\""
check "macOS: extension in the profile" test -f "$h4/Library/Thunderbird/Profiles/x.default/extensions/$EXT_ID.xpi"
HOME=$h4 PHISHCHECK_OS=macos "$INSTALL" --uninstall >/dev/null 2>&1
check_eq "macOS: uninstall leaves only the profile" "$(cd "$h4" && find . | sort | tr '\n' ' ')" \
    ". ./Library ./Library/Thunderbird ./Library/Thunderbird/Profiles ./Library/Thunderbird/Profiles/x.default ./Library/Thunderbird/profiles.ini "
