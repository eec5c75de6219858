#!/bin/sh
# phishcheck installer: one command per desk.
#
#   installer/install.sh              build and install for this user (host, native-messaging
#                                     manifest, extension in every Thunderbird profile)
#   installer/install.sh --system     as root: for every user of this machine (host under
#                                     PREFIX/lib/phishcheck, system manifest, extension
#                                     force-installed through Thunderbird's policies.json)
#   installer/install.sh [--system] --uninstall
#                                     remove every file the install wrote, and nothing else
#
# Options:
#   --prefix DIR      (--system) install under DIR (default /usr; or $PREFIX)
#   --destdir DIR     stage everything under DIR (default $DESTDIR), for packagers and tests
#   --profile DIR     (per user) this Thunderbird profile only; may be repeated
#   --settings FILE   (--system) managed settings (a JSON object) put in the policy under
#                     3rdparty.Extensions["phishcheck@phishcheck.org"]
#   --host FILE --xpi FILE   install these prebuilt files instead of building
#   --no-deps         do not check the build dependencies (installer/deps.sh)
#   -q, --quiet       print only warnings and errors
#
# Environment: PREFIX, DESTDIR, THUNDERBIRD_DIR (per-user profiles folder, default
# ~/.thunderbird), NMH_DIR (native-messaging manifest folder), POLICIES_JSON (policy file),
# PHISHCHECK_OS (linux or macos; default from uname).
# Every file written is listed in LIBDIR/installed-files; --uninstall reads that list.
set -eu

EXT_ID=phishcheck@phishcheck.org
NAME=phishcheck
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
tab=$(printf '\t')

say()  { [ "$quiet" = 1 ] || printf 'phishcheck: %s\n' "$*"; }
warn() { printf 'phishcheck: warning: %s\n' "$*" >&2; }
die()  { printf 'phishcheck: error: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,/^set -eu/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit "${1:-0}"; }

# ---------------------------------------------------------------- options
parse_args() {
    mode=user action=install quiet=0 no_deps=0 profiles="" settings="" host_in="" xpi_in=""
    prefix=${PREFIX:-} destdir=${DESTDIR:-} pending_dirs="" record_ready=""
    while [ $# -gt 0 ]; do
        case $1 in
            --system) mode=system ;;
            --uninstall) action=uninstall ;;
            --prefix) prefix=${2:?--prefix DIR}; shift ;;
            --destdir) destdir=${2:?--destdir DIR}; shift ;;
            --profile) profiles="$profiles$(abspath "${2:?--profile DIR}")$tab"; shift ;;
            --settings) settings=$(abspath "${2:?--settings FILE}"); shift ;;
            --host) host_in=$(abspath "${2:?--host FILE}"); shift ;;
            --xpi) xpi_in=$(abspath "${2:?--xpi FILE}"); shift ;;
            --no-deps) no_deps=1 ;;
            -q|--quiet) quiet=1 ;;
            -h|--help) usage 0 ;;
            *) warn "unknown option $1"; usage 2 >&2 ;;
        esac
        shift
    done
    [ -z "$settings" ] || [ "$mode" = system ] ||
        die "--settings needs --system (managed settings come from the system policy)"
    [ -z "$settings" ] || [ -r "$settings" ] || die "cannot read $settings"
}

abspath() { case $1 in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$(pwd)" "$1" ;; esac; }

# ---------------------------------------------------------------- where things go
# Sets LIBDIR (host, record), XPI_DIR, NMH_DIR, TB_DIR, POLICY for the OS and mode.
# Paths inside files (manifest path, install_url) never include DESTDIR.
set_paths() {
    os=${PHISHCHECK_OS:-$(uname -s | tr '[:upper:]' '[:lower:]')}
    case $os in darwin) os=macos ;; linux|macos) ;; *) die "unsupported system $os" ;; esac
    D=$destdir
    if [ "$mode" = user ]; then
        D=""
        [ -n "${HOME:-}" ] || die "HOME is not set"
        if [ "$os" = macos ]; then
            LIBDIR="$HOME/Library/Application Support/phishcheck"
            NMH_DIR=${NMH_DIR:-"$HOME/Library/Mozilla/NativeMessagingHosts"}
            TB_DIR=${THUNDERBIRD_DIR:-"$HOME/Library/Thunderbird"}
        else
            LIBDIR="$HOME/.local/lib/phishcheck"
            NMH_DIR=${NMH_DIR:-"$HOME/.mozilla/native-messaging-hosts"}
            TB_DIR=${THUNDERBIRD_DIR:-"$HOME/.thunderbird"}
        fi
        XPI_DIR=$LIBDIR POLICY=""
    elif [ "$os" = macos ]; then
        prefix=${prefix:-"/Library/Application Support"}
        LIBDIR="$prefix/phishcheck" XPI_DIR="$prefix/phishcheck"
        NMH_DIR=${NMH_DIR:-"/Library/Application Support/Mozilla/NativeMessagingHosts"}
        POLICY=${POLICIES_JSON:-/Applications/Thunderbird.app/Contents/Resources/distribution/policies.json}
    else
        prefix=${prefix:-/usr}
        LIBDIR="$prefix/lib/phishcheck" XPI_DIR="$prefix/share/phishcheck"
        NMH_DIR=${NMH_DIR:-/usr/lib/mozilla/native-messaging-hosts}
        POLICY=${POLICIES_JSON:-/etc/thunderbird/policies/policies.json}
    fi
    record="$D$LIBDIR/installed-files"
}

# ---------------------------------------------------------------- the record
# One line per thing written: KIND<TAB>PATH (DESTDIR included). KIND: dir (created by
# us), file, userjs-new / userjs-edit (our block in a user.js), prefs (a prefs.js whose
# autoDisableScopes line comes from our block), policy / policy+settings (merged).
note() {
    grep -qxF "$1$tab$2" "$record" 2>/dev/null || printf '%s\t%s\n' "$1" "$2" >> "$record"
}
noted_kind() { # PATH -> the kind recorded for it (empty if none)
    [ -f "$record" ] || return 0
    awk -F "$tab" -v p="$1" '$2 == p { print $1; exit }' "$record"
}

# mkdir_noted DIR: create DIR and missing parents, noting each one created.
mkdir_noted() {
    [ -d "$1" ] && return 0
    mkdir_noted "$(dirname "$1")"
    mkdir "$1"
    if [ -n "${record_ready:-}" ]; then note dir "$1"; else pending_dirs="$pending_dirs$1$tab"; fi
}

# open_record: make LIBDIR (the record lives there), then note the folders made for it.
open_record() {
    pending_dirs=""
    mkdir_noted "$(dirname "$record")"
    touch "$record"; record_ready=1
    IFS=$tab; for d in $pending_dirs; do note dir "$d"; done; unset IFS
}

# put SRC DEST MODE: install a file, noting it.
put() {
    mkdir_noted "$(dirname "$2")"
    cp "$1" "$2.tmp.$$" && chmod "$3" "$2.tmp.$$" && mv -f "$2.tmp.$$" "$2"
    note file "$2"
}

# render TEMPLATE: fill @HOST_PATH@ and @XPI_URL@ from R_HOST_PATH and R_XPI_URL.
render() {
    R_HOST_PATH=$(json_escape "$host_path") R_XPI_URL=$(json_escape "$xpi_url") \
    awk 'BEGIN { n = split("HOST_PATH XPI_URL", k, " ") }
         { for (i = 1; i <= n; i++) { t = "@" k[i] "@"; v = ENVIRON["R_" k[i]]
             while ((j = index($0, t)) > 0)
                 $0 = substr($0, 1, j - 1) v substr($0, j + length(t)) }
           print }' "$1"
}
json_escape() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'; }

# file_url PATH: file:// URL, percent-encoding everything but [A-Za-z0-9/._~-].
file_url() {
    printf '%s' "$1" | LC_ALL=C awk 'BEGIN { for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i }
        { for (i = 1; i <= length($0); i++) { c = substr($0, i, 1)
            if (c ~ /[A-Za-z0-9\/._~-]/) s = s c; else s = s sprintf("%%%02X", ord[c]) } }
        END { printf "file://%s", s }'
}

# ---------------------------------------------------------------- build
# Sets host_src and xpi_src: given files, a source checkout (built here), or the files
# shipped beside this script in a release archive.
obtain_artifacts() {
    if [ -n "$host_in" ] || [ -n "$xpi_in" ]; then
        if [ -z "$host_in" ] || [ -z "$xpi_in" ]; then die "--host and --xpi go together"; fi
        host_src=$host_in xpi_src=$xpi_in
    elif [ -f "$root/Makefile" ] && [ -d "$root/native-host" ]; then
        if [ "$no_deps" = 0 ] && [ "$os" = linux ]; then
            "$here/deps.sh" build ||
                die "install the packages named above, then run installer/install.sh again"
        fi
        say "building (make, make xpi) in $root"
        make -s -C "$root" >&2 || die "make failed"
        make -s -C "$root" xpi >&2 || die "make xpi failed"
        host_src=$root/native-host/phishcheck xpi_src=$root/build/phishcheck.xpi
    else
        host_src=$here/phishcheck xpi_src=$here/phishcheck.xpi
    fi
    [ -x "$host_src" ] || die "no host binary at $host_src"
    [ -f "$xpi_src" ] || die "no extension package at $xpi_src"
    if command -v unzip >/dev/null 2>&1 &&
       ! unzip -p "$xpi_src" manifest.json 2>/dev/null | grep -q "\"$EXT_ID\""; then
        warn "$xpi_src does not name the extension id $EXT_ID"
    fi
}

# self_test HOST: one `version` request over native-messaging framing (25-byte frame).
self_test() {
    out=$(printf '\031\000\000\000{"id":1,"type":"version"}' | "$1" --native 2>/dev/null |
          tr -d '\000-\037' | tr -c '[:print:]' '?') || true
    case $out in
        *'"version"'*) say "host answers: $(printf '%s' "$out" |
                        sed 's/.*"version" *: *"\([^"]*\)".*/version \1/')" ;;
        *) warn "the host did not answer a version request; see docs/install.md" ;;
    esac
}

# ---------------------------------------------------------------- common steps
install_host() {
    host_path="$LIBDIR/$NAME"
    put "$host_src" "$D$host_path" 0755
    say "host       $D$host_path"
    self_test "$D$host_path"
}

install_manifest() {
    man="$D$NMH_DIR/$NAME.json"
    mkdir_noted "$D$NMH_DIR"
    render "$root/manifests/$os/phishcheck.json.in" > "$man.tmp.$$" 2>/dev/null ||
        render "$here/manifests/$os/phishcheck.json.in" > "$man.tmp.$$"
    chmod 0644 "$man.tmp.$$"; mv -f "$man.tmp.$$" "$man"; note file "$man"
    say "manifest   $man (path $host_path)"
}

# ---------------------------------------------------------------- per user
MARK_BEGIN='// >>> phishcheck: added by installer/install.sh, removed by install.sh --uninstall'
MARK_END='// <<< phishcheck'

# list_profiles: the profile folders named in TB_DIR/profiles.ini, one a line.
list_profiles() {
    ini="$TB_DIR/profiles.ini"
    [ -f "$ini" ] || return 0
    tr -d '\r' < "$ini" | awk -F= -v base="$TB_DIR" '
        function flush() { if (path != "" && !seen[p = (rel == 1 ? base "/" path : path)]++) print p
                           path = ""; rel = 1 }
        /^\[/ { flush(); prof = ($0 ~ /^\[Profile/); next }
        prof && $1 == "Path" { path = substr($0, index($0, "=") + 1) }
        prof && $1 == "IsRelative" { rel = $2 + 0 }
        END { flush() }'
}

# strip_block FILE: remove our marked block from FILE.
strip_block() {
    awk -v b="$MARK_BEGIN" -v e="$MARK_END" '$0 == b { skip = 1 } !skip { print } $0 == e { skip = 0 }' \
        "$1" > "$1.tmp.$$" && mv -f "$1.tmp.$$" "$1"
}

# enable_sideload PROFILE: Thunderbird disables an .xpi found in PROFILE/extensions unless
# extensions.autoDisableScopes leaves out the profile scope (bit 1): our user.js block sets
# it to the user's value (default 15) without that bit, i.e. 14.
enable_sideload() {
    uj="$1/user.js" pj="$1/prefs.js"
    if [ -z "$(noted_kind "$uj")" ]; then
        if [ -f "$uj" ]; then note userjs-edit "$uj"; else note userjs-new "$uj"; fi
        grep -q 'extensions\.autoDisableScopes' "$pj" 2>/dev/null || note prefs "$pj"
    fi
    [ -f "$uj" ] && strip_block "$uj"
    cur=$(sed -n 's/^ *user_pref("extensions\.autoDisableScopes", *\([0-9]*\)).*/\1/p' \
          "$uj" 2>/dev/null | tail -n 1)
    cur=${cur:-15}
    { echo "$MARK_BEGIN"
      echo "user_pref(\"extensions.autoDisableScopes\", $((cur - cur % 2)));"
      echo "$MARK_END"; } >> "$uj"
}

install_profiles() {
    xpi_name="$EXT_ID.xpi" n=0
    if [ -z "$profiles" ]; then
        profiles=$(list_profiles | tr '\n' "$tab")
    fi
    IFS=$tab
    for p in $profiles; do
        unset IFS
        [ -d "$p" ] || { warn "profile $p does not exist; skipped"; continue; }
        put "$xpi_src" "$p/extensions/$xpi_name" 0644
        enable_sideload "$p"
        n=$((n + 1))
        say "extension  $p/extensions/$xpi_name (+ user.js: extensions.autoDisableScopes)"
        [ -L "$p/lock" ] && warn "Thunderbird is running with $p: restart it to load phishcheck"
    done
    unset IFS
    [ "$n" -gt 0 ] || warn "no Thunderbird profile found in $TB_DIR/profiles.ini: start Thunderbird once, close it, and run installer/install.sh again"
}

check_thunderbird() {
    tb=$(command -v thunderbird 2>/dev/null || true)
    case $tb in
        "") warn "thunderbird is not installed (apt-get install thunderbird)" ;;
        /snap/*) warn "the Snap build of Thunderbird cannot start native hosts; use the Debian package" ;;
    esac
    [ ! -d "$HOME/.var/app/org.mozilla.Thunderbird" ] ||
        warn "the Flatpak build of Thunderbird cannot start native hosts; use the Debian package"
}

install_user() {
    obtain_artifacts
    open_record
    install_host
    install_manifest
    install_profiles
    [ -n "$destdir" ] || check_thunderbird
    say "done; restart Thunderbird. Files written are listed in $record"
}

# ---------------------------------------------------------------- system-wide
policy_tool() { # the merge tool: installed copy, else the one beside this script
    if [ -x "$D$LIBDIR/policy-merge" ]; then echo "$D$LIBDIR/policy-merge"
    else echo "$here/policy-merge.sh"; fi
}

# note_policy FILE: note the merge; "policy+settings" (un-merge our managed settings
# too) once any run merged settings, else "policy".
note_policy() {
    kind=$(noted_kind "$1")
    [ -z "$settings" ] && [ -n "$kind" ] && return 0
    if [ "$kind" = policy ]; then
        grep -vxF "policy$tab$1" "$record" > "$record.tmp.$$"; mv -f "$record.tmp.$$" "$record"
    fi
    if [ -n "$settings" ]; then note policy+settings "$1"; else note policy "$1"; fi
}

install_system() {
    [ -n "$destdir" ] || [ "$(id -u)" -eq 0 ] || die "--system needs root (or --destdir)"
    if [ -z "$destdir" ] && dpkg-query -W -f='${Status}' phishcheck 2>/dev/null | grep -q 'ok installed'; then
        die "the phishcheck Debian package is installed; remove it first (apt-get remove phishcheck)"
    fi
    command -v jq >/dev/null 2>&1 || "$here/deps.sh" build ||
        die "install jq (apt-get install jq), then run installer/install.sh again"
    obtain_artifacts
    open_record
    install_host
    put "$here/policy-merge.sh" "$D$LIBDIR/policy-merge" 0755
    put "$xpi_src" "$D$XPI_DIR/phishcheck.xpi" 0644
    xpi_url=$(file_url "$XPI_DIR/phishcheck.xpi")
    say "extension  $D$XPI_DIR/phishcheck.xpi ($xpi_url)"
    install_manifest
    mkdir_noted "$D$(dirname "$POLICY")"
    "$(policy_tool)" --state "$D$LIBDIR/policy-state" add "$D$POLICY" "$EXT_ID" "$xpi_url" ${settings:+"$settings"}
    note_policy "$D$POLICY"
    say "policy     $D$POLICY: ExtensionSettings force_installed${settings:+, managed settings from $settings}"
    say "done; every Thunderbird profile gets phishcheck at its next start. Files: $record"
}

# ---------------------------------------------------------------- uninstall
uninstall() {
    [ -f "$record" ] || { say "nothing to remove ($record not found)"; return 0; }
    # 1. policies (the merge tool and its saved state live in LIBDIR: before the files)
    while IFS=$tab read -r kind path; do
        case $kind in
            policy|policy+settings)
                flag=""; [ "$kind" = policy ] || flag=--settings
                "$(policy_tool)" --state "$D$LIBDIR/policy-state" ${flag:+"$flag"} remove "$path" "$EXT_ID" ||
                    warn "could not un-merge $path; remove the $EXT_ID entries by hand"
                rmdir "$D$LIBDIR/policy-state" 2>/dev/null || true
                say "removed    policy entries in $path" ;;
        esac
    done < "$record"
    # 2. files, user.js blocks, prefs
    while IFS=$tab read -r kind path; do
        case $kind in
            file) rm -f "$path"; say "removed    $path" ;;
            userjs-new|userjs-edit)
                [ -f "$path" ] || continue
                strip_block "$path"
                if [ "$kind" = userjs-new ] && [ ! -s "$path" ]; then rm -f "$path"; fi
                say "cleaned    $path" ;;
            prefs) unpref "$path" ;;
        esac
    done < "$record"
    # 3. folders we created, deepest first, when empty
    dirs=$(awk -F "$tab" '$1 == "dir" { print $2 }' "$record" | sort -r)
    rm -f "$record"
    printf '%s\n' "$dirs" | while IFS= read -r d; do
        if [ -n "$d" ]; then rmdir "$d" 2>/dev/null || true; fi
    done
    say "uninstalled"
}

# unpref PREFS_JS: drop the autoDisableScopes value Thunderbird copied from our block.
unpref() {
    [ -f "$1" ] || return 0
    if [ -L "$(dirname "$1")/lock" ]; then
        warn "Thunderbird is running with $(dirname "$1"): extensions.autoDisableScopes stays in its prefs.js"
        return 0
    fi
    grep -v '^user_pref("extensions\.autoDisableScopes", [0-9]*);$' "$1" > "$1.tmp.$$" || true
    cat "$1.tmp.$$" > "$1"; rm -f "$1.tmp.$$"
}

# ---------------------------------------------------------------- main
parse_args "$@"
set_paths
case $mode-$action in
    user-install) install_user ;;
    system-install) install_system ;;
    *-uninstall)
        [ "$mode" = user ] || [ -n "$destdir" ] || [ "$(id -u)" -eq 0 ] || die "--system needs root"
        uninstall ;;
esac
