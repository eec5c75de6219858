#!/bin/sh
# test_cli.sh — the command line: single files, stdin, mbox (with >From quoting), Maildir,
# JSON Lines fields, languages and exit statuses. Usage: PHISHCHECK=bin sh test_cli.sh
set -u
bin=${PHISHCHECK:?set PHISHCHECK}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { if eval "$2"; then ok; else bad "$1"; fi; }

msg() { printf 'From: %s\nTo: me@example.jp\nSubject: %s\n\n%s\n' "$1" "$2" "$3"; }
msg "a@one.example" "first" "hello" > "$tmp/one.eml"
{ echo "From a@one.example Mon Jan  1 00:00:00 2024"; msg "a@one.example" "m1" "body one";
  echo ">From the quoted line"; echo
  echo "From b@two.example Mon Jan  1 00:00:01 2024"; msg "b@two.example" "m2" "body two"
  echo "From c@three.example Mon Jan  1 00:00:02 2024"; msg "c@three.example" "m3" "body three"; } > "$tmp/box.mbox"
mkdir -p "$tmp/Maildir/cur" "$tmp/Maildir/new" "$tmp/Maildir/tmp"
msg "x@cur.example" "in cur" "." > "$tmp/Maildir/cur/1.host:2,S"
msg "y@new.example" "in new" "." > "$tmp/Maildir/new/2.host"
msg "z@tmp.example" "in tmp" "." > "$tmp/Maildir/tmp/3.host"

out=$("$bin" --json "$tmp/one.eml"); rc=$?
check "single file exit 0" '[ $rc -eq 0 ]'
check "single file one line" '[ "$(printf "%s\n" "$out" | wc -l)" -eq 1 ]'
for f in '"file"' '"verdict":"safe"' '"score"' '"flags"'; do
    check "json has $f" 'printf "%s" "$out" | grep -q "$f"'
done
out=$("$bin" --json "$tmp/box.mbox")
check "mbox: three messages" '[ "$(printf "%s\n" "$out" | wc -l)" -eq 3 ]'
check "mbox: names numbered" 'printf "%s" "$out" | grep -q "box.mbox#3"'
check "mbox: subjects" 'printf "%s" "$out" | grep -q "\"subject\":\"m2\""'
out=$("$bin" --json "$tmp/Maildir")
check "maildir: cur and new, not tmp" '[ "$(printf "%s\n" "$out" | wc -l)" -eq 2 ] && ! printf "%s" "$out" | grep -q "in tmp"'
out=$("$bin" --json - < "$tmp/one.eml")
check "stdin" 'printf "%s" "$out" | grep -q "\"subject\":\"first\""'
out=$("$bin" --lang ja "$tmp/one.eml")
check "text report in Japanese" 'printf "%s" "$out" | grep -q "フィッシングの兆候"'
"$bin" "$tmp/missing.eml" >/dev/null 2>&1; rc=$?
check "unreadable file exit 3" '[ $rc -eq 3 ]'
"$bin" --bogus >/dev/null 2>&1; rc=$?
check "usage error exit 64" '[ $rc -eq 64 ]'
"$bin" tests/cases/kagoya-activemail.eml >/dev/null; rc=$?
check "dangerous seed exits 2" '[ $rc -eq 2 ]'
out=$("$bin" --model "$tmp/one.eml")
check "--model prints the parsed model" 'printf "%s" "$out" | grep -q "\"domain\": \"one.example\""'
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
