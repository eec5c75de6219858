#!/bin/sh
# policy-merge — add or remove phishcheck's entries in a Thunderbird policies.json
# without touching anything else in it (needs jq).
#
#   policy-merge [--state DIR] add FILE ID XPI_URL [SETTINGS.json]
#   policy-merge [--state DIR] [--settings] remove FILE ID
#
# add:    sets policies.ExtensionSettings[ID] = {installation_mode: force_installed,
#         install_url: XPI_URL}; with SETTINGS.json (a JSON object) also sets
#         policies["3rdparty"].Extensions[ID] (the extension's managed storage).
# remove: deletes ExtensionSettings[ID] (and, with --settings, 3rdparty.Extensions[ID]);
#         objects left empty by that are deleted too.
# --state DIR: on the first add, the file as it was (or "absent") is kept in DIR; remove
#         then restores it byte for byte when nothing else changed meanwhile, deletes the
#         file when it did not exist before and nothing else is left, and forgets the copy.
# A FILE that is not a JSON object is never rewritten: exit 2 with a message.
set -eu

die() { echo "policy-merge: $1" >&2; exit "${2:-1}"; }

# check_json FILE: FILE holds one JSON object (or is absent).
check_json() {
    [ -e "$1" ] || return 0
    jq -e 'type == "object"' "$1" >/dev/null 2>&1 ||
        die "$1 is not a JSON object; not touching it" 2
}

# write_atomic FILE: stdin replaces FILE (same directory, mode 0644).
write_atomic() {
    tmp=$(mktemp "$1.phishcheck.XXXXXX")
    cat > "$tmp" && chmod 0644 "$tmp" && mv -f "$tmp" "$1"
}

# save_state FILE DIR: remember FILE as it was before our first change.
save_state() {
    [ -n "$2" ] || return 0
    [ -e "$2/policies.orig" ] || [ -e "$2/policies.absent" ] && return 0
    mkdir -p "$2"
    if [ -e "$1" ]; then cp -p "$1" "$2/policies.orig"
    elif [ -d "$(dirname "$1")" ]; then : > "$2/policies.absent"
    else echo "dir" > "$2/policies.absent"; fi     # the folder was missing too
}

cmd_add() {
    file=$1 id=$2 url=$3 settings=${4:-}
    check_json "$file"
    [ -z "$settings" ] || jq -e 'type == "object"' "$settings" >/dev/null 2>&1 ||
        die "$settings is not a JSON object"
    new=$({ if [ -e "$file" ]; then cat "$file"; else echo '{}'; fi; } |
        jq --arg id "$id" --arg url "$url" --slurpfile s "${settings:-/dev/null}" '
        .policies.ExtensionSettings[$id] =
            {installation_mode: "force_installed", install_url: $url}
        | if ($s | length) > 0 then .policies["3rdparty"].Extensions[$id] = $s[0]
          else . end') || die "cannot merge into $file (policies is not an object?)"
    save_state "$file" "$state"
    mkdir -p "$(dirname "$file")"
    printf '%s\n' "$new" | write_atomic "$file"
}

# The un-merge filter (jq program; $id and $all are jq variables)
# delete our keys, then the containers they leave empty.
# shellcheck disable=SC2016
UNMERGE='
  def prune(p): if (getpath(p) == {}) then delpaths([p]) else . end;
  del(.policies.ExtensionSettings[$id]?)
  | if $all then del(.policies["3rdparty"].Extensions[$id]?) else . end
  | prune(["policies", "ExtensionSettings"])
  | prune(["policies", "3rdparty", "Extensions"])
  | prune(["policies", "3rdparty"])'

cmd_remove() {
    file=$1 id=$2
    if [ ! -e "$file" ]; then rm -rf "${state:-/nonexistent}/policies."*; return 0; fi
    check_json "$file"
    new=$(jq --arg id "$id" --argjson all "$all" "$UNMERGE" "$file") ||
        die "cannot un-merge $file"
    if [ -n "$state" ] && [ -e "$state/policies.orig" ] &&
       [ "$(printf '%s' "$new" | jq -S .)" = "$(jq -S . "$state/policies.orig")" ]; then
        cp -p "$state/policies.orig" "$file"          # exactly as it was
    elif [ -n "$state" ] && [ -e "$state/policies.absent" ] &&
       printf '%s' "$new" | jq -e '. == {} or . == {policies: {}}' >/dev/null; then
        rm -f "$file"                                 # we created it: leave no file
        if [ -s "$state/policies.absent" ]; then rmdir "$(dirname "$file")" 2>/dev/null || :; fi
    elif [ "$(printf '%s' "$new" | jq -S .)" != "$(jq -S . "$file")" ]; then
        printf '%s\n' "$new" | write_atomic "$file"
    fi
    [ -z "$state" ] || rm -f "$state/policies.orig" "$state/policies.absent"
}

command -v jq >/dev/null 2>&1 || die "jq is needed (apt-get install jq)"
state="" all=false
while [ $# -gt 0 ]; do
    case $1 in
        --state)    state=$2; shift 2 ;;
        --settings) all=true; shift ;;
        *) break ;;
    esac
done
[ $# -ge 1 ] || die "usage: policy-merge [--state DIR] [--settings] add|remove FILE ID ..."
op=$1; shift
case $op in
    add)    [ $# -ge 3 ] || die "add FILE ID URL [SETTINGS]"; cmd_add "$@" ;;
    remove) [ $# -eq 2 ] || die "remove FILE ID"; cmd_remove "$1" "$2" ;;
    *)      die "unknown command $op" ;;
esac
