#!/bin/sh
# policy-merge: merge into and un-merge from policies.json without clobbering.
set -u
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { skip "jq missing"; exit 0; }
d=$(tmpdir); trap 'rm -rf "$d"' EXIT
URL=file:///usr/share/phishcheck/phishcheck.xpi

# 1. An existing file keeps every other policy; remove restores it byte for byte.
cat > "$d/p.json" <<'J'
{ "policies": { "DisableTelemetry": true,
    "ExtensionSettings": { "*": {"installation_mode": "blocked"},
                           "other@x": {"installation_mode": "allowed"} },
    "3rdparty": { "Extensions": { "other@x": {"k": 1} } } } }
J
cp "$d/p.json" "$d/orig.json"
check "add to an existing file" "$MERGE" --state "$d/st" add "$d/p.json" "$EXT_ID" "$URL"
check_jq "force_installed entry" "$d/p.json" \
    ".policies.ExtensionSettings[\"$EXT_ID\"] == {installation_mode: \"force_installed\", install_url: \"$URL\"}"
check_jq "other policies kept" "$d/p.json" '.policies.DisableTelemetry == true
    and .policies.ExtensionSettings["*"].installation_mode == "blocked"
    and .policies.ExtensionSettings["other@x"].installation_mode == "allowed"
    and .policies["3rdparty"].Extensions["other@x"].k == 1'
check "add twice is harmless" "$MERGE" --state "$d/st" add "$d/p.json" "$EXT_ID" "$URL"
check_jq "one entry after two adds" "$d/p.json" \
    "[.policies.ExtensionSettings | keys[] | select(. == \"$EXT_ID\")] | length == 1"
check "remove" "$MERGE" --state "$d/st" remove "$d/p.json" "$EXT_ID"
check "restored byte for byte" cmp "$d/p.json" "$d/orig.json"
check_not "state forgotten" test -e "$d/st/policies.orig"

# 2. A file changed meanwhile by the admin: only our entry goes, their change stays.
"$MERGE" --state "$d/st" add "$d/p.json" "$EXT_ID" "$URL"
jq '.policies.DisableAppUpdate = true' "$d/p.json" > "$d/x" && mv "$d/x" "$d/p.json"
"$MERGE" --state "$d/st" remove "$d/p.json" "$EXT_ID"
check_jq "admin's later change kept, ours gone" "$d/p.json" \
    ".policies.DisableAppUpdate == true and (.policies.ExtensionSettings | has(\"$EXT_ID\") | not)"

# 3. No file (nor folder) before: created, then removed with its folder.
check "add creates the file" "$MERGE" --state "$d/st2" add "$d/new/policies/policies.json" "$EXT_ID" "$URL"
check_jq "created file is valid" "$d/new/policies/policies.json" \
    ".policies.ExtensionSettings[\"$EXT_ID\"].installation_mode == \"force_installed\""
check_eq "created file mode" "$(stat -c %a "$d/new/policies/policies.json")" 644
"$MERGE" --state "$d/st2" remove "$d/new/policies/policies.json" "$EXT_ID"
check_not "created file removed" test -e "$d/new/policies/policies.json"
check_not "created folder removed" test -e "$d/new/policies"

# 4. Managed settings go to 3rdparty; --settings removes them, plain remove keeps them.
echo '{"online": false, "own_domains": ["example.co.jp"]}' > "$d/s.json"
"$MERGE" add "$d/q.json" "$EXT_ID" "$URL" "$d/s.json"
check_jq "managed settings merged" "$d/q.json" \
    ".policies[\"3rdparty\"].Extensions[\"$EXT_ID\"].own_domains == [\"example.co.jp\"]"
"$MERGE" remove "$d/q.json" "$EXT_ID"
check_jq "plain remove keeps the admin's settings" "$d/q.json" \
    "(.policies.ExtensionSettings == null) and .policies[\"3rdparty\"].Extensions[\"$EXT_ID\"].online == false"
"$MERGE" --settings remove "$d/q.json" "$EXT_ID"
check_jq "--settings removes them and empty objects" "$d/q.json" '. == {policies: {}}'

# 5. Invalid files are never rewritten.
printf '{"policies": ' > "$d/bad.json"; cp "$d/bad.json" "$d/bad.orig"
check_not "invalid JSON refused" "$MERGE" add "$d/bad.json" "$EXT_ID" "$URL"
check "invalid JSON untouched" cmp "$d/bad.json" "$d/bad.orig"
echo '{"policies": []}' > "$d/arr.json"; cp "$d/arr.json" "$d/arr.orig"
check_not "policies not an object refused" "$MERGE" add "$d/arr.json" "$EXT_ID" "$URL"
check "that file untouched" cmp "$d/arr.json" "$d/arr.orig"
echo '[]' > "$d/s2.json"
check_not "settings must be an object" "$MERGE" add "$d/q2.json" "$EXT_ID" "$URL" "$d/s2.json"
check_not "nothing written then" test -e "$d/q2.json"
check "remove from a missing file is fine" "$MERGE" remove "$d/none.json" "$EXT_ID"
