#!/bin/sh
# test_lines.sh — odd line ends on the command line: CR-only files and mboxes are read
# (classic Mac line ends), and a "From " line with no mail after it is answered with
# exit 3 and a message — never skipped in silence with exit 0.
# Usage: PHISHCHECK=bin sh test_lines.sh
set -u
bin=${PHISHCHECK:?set PHISHCHECK}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi; }

printf 'From: a@one.example\rTo: me@example.jp\rSubject: cr only\r\rhello\r' > "$tmp/cr.eml"
out=$("$bin" --json "$tmp/cr.eml"); rc=$?
check "CR-only file: read, subject seen" 'printf "%s" "$out" | grep -q "\"subject\":\"cr only\""'
check "CR-only file: exit 0" '[ $rc -eq 0 ]'
printf 'From a@one.example Mon Jan  1 00:00:00 2024\rFrom: a@one.example\rSubject: m1\r\rbody\rFrom b@two.example Mon Jan  1 00:00:01 2024\rFrom: b@two.example\rSubject: m2\r\rbody\r' > "$tmp/cr.mbox"
out=$("$bin" --json "$tmp/cr.mbox")
check "CR-only mbox: two messages" '[ "$(printf "%s\n" "$out" | wc -l)" -eq 2 ]'
check "CR-only mbox: second subject" 'printf "%s" "$out" | grep -q "\"subject\":\"m2\""'
printf 'From a@one.example Mon Jan  1 00:00:00 2024' > "$tmp/from-only"
out=$("$bin" --json "$tmp/from-only" 2>"$tmp/err"); rc=$?
check "From line without line end: exit 3" '[ $rc -eq 3 ]'
check "From line without line end: says why" 'grep -q "from-only" "$tmp/err"'
check "From line without line end: no report" '[ -z "$out" ]'
printf 'From a@one.example Mon Jan  1 00:00:00 2024\n' > "$tmp/from-nl"
"$bin" --json "$tmp/from-nl" >/dev/null 2>&1; rc=$?
check "From line and nothing else: exit 3" '[ $rc -eq 3 ]'
printf 'From: a@one.example\nSubject: From here\n\nFrom the start\n' > "$tmp/not-mbox.eml"
"$bin" --json "$tmp/not-mbox.eml" >/dev/null 2>&1; rc=$?
check "a header 'From:' is no mbox line" '[ $rc -eq 0 ]'
echo "lines: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
