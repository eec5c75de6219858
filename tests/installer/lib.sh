# tests/installer/lib.sh — assertions shared by the installer tests (sourced).
# Each assertion appends "pass NAME" or "fail NAME" to $RESULTS (set by run.sh).
# shellcheck disable=SC2034  # (used by the tests that source this file)
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
INSTALL=$ROOT/installer/install.sh
MERGE=$ROOT/installer/policy-merge.sh
RESULTS=${RESULTS:-/dev/null}
EXT_ID=phishcheck@phishcheck.org
T=${T:-$(basename "$0" .sh)}

pass() { echo "pass $T: $1" >> "$RESULTS"; echo "  ok   $1"; }
fail() { echo "fail $T: $1" >> "$RESULTS"; echo "  FAIL $1${2:+ — $2}"; }
skip() { echo "skip $T: $1" >> "$RESULTS"; echo "  skip $1"; }

# check NAME CMD...: CMD succeeds.
# On failure the command's last lines of output are shown.
check() {
    _name=$1; shift
    if _out=$("$@" 2>&1); then pass "$_name"
    else fail "$_name" "$*"; printf '%s\n' "$_out" | tail -n 5 | sed 's/^/       | /'; fi
}
# check_not NAME CMD...: CMD fails.
check_not() { _name=$1; shift; if "$@" >/dev/null 2>&1; then fail "$_name" "$*"; else pass "$_name"; fi; }
# check_eq NAME GOT WANT
check_eq() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got [$2], want [$3]"; fi; }
# check_jq NAME FILE FILTER: jq -e FILTER holds on FILE.
check_jq() { if jq -e "$3" "$2" >/dev/null 2>&1; then pass "$1"; else fail "$1" "$3 on $2"; fi; }

# tree DIR: every path under DIR with its type, mode and content hash (for snapshots).
tree() {
    (cd "$1" && find . -path ./proc -prune -o -print | LC_ALL=C sort | while IFS= read -r p; do
        if [ -f "$p" ] && [ ! -L "$p" ]; then h=$(md5sum < "$p" | cut -c1-32); else h=-; fi
        printf '%s %s %s\n' "$(stat -c '%F %a' "$p")" "$h" "$p"
    done)
}

# Prebuilt artifacts (built once by run.sh): $HOST_BIN and $XPI.
HOST_BIN=${HOST_BIN:-$ROOT/native-host/phishcheck}
XPI=${XPI:-$ROOT/build/phishcheck.xpi}

tmpdir() { mktemp -d "${TMPDIR:-/tmp}/pc-installer.XXXXXX"; }
