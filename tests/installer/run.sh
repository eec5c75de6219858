#!/bin/sh
# tests/installer/run.sh [TEST...] — the installer tests (`make installer-test`).
# Builds the host and the extension once, runs each tests/installer/test_*.sh, prints one
# line per assertion and closes with "installer: N passed, N failed".
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
RESULTS=$(mktemp); export RESULTS
trap 'rm -f "$RESULTS"' EXIT

make -s -C "$root" all xpi >&2
tests=${*:-$(cd "$here" && ls test_*.sh)}
for t in $tests; do
    t=$(basename "$t" .sh)
    echo "== $t"
    T=$t sh "$here/$t.sh" || echo "fail $t: exited with $?" >> "$RESULTS"
done
p=$(grep -c '^pass ' "$RESULTS" || true)
f=$(grep -c '^fail ' "$RESULTS" || true)
s=$(grep -c '^skip ' "$RESULTS" || true)
[ "$f" -eq 0 ] || { echo "failed:"; grep '^fail ' "$RESULTS" | sed 's/^fail /  /'; }
echo "installer: $p passed, $f failed, $s skipped"
[ "$f" -eq 0 ]
