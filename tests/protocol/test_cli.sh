#!/bin/sh
# test_cli.sh — the command line: single files, stdin, mbox (with >From quoting), Maildir,
# JSON Lines fields, languages and exit statuses. Usage: PHISHCHECK=bin sh test_cli.sh
set -u
bin=${PHISHCHECK:?set PHISHCHECK}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
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
check "text report in Japanese" 'printf "%s" "$out" | grep -q "危険な兆候はありません"'
"$bin" "$tmp/missing.eml" >/dev/null 2>&1; rc=$?
check "unreadable file exit 3" '[ $rc -eq 3 ]'
"$bin" --bogus >/dev/null 2>&1; rc=$?
check "usage error exit 64" '[ $rc -eq 64 ]'
"$bin" tests/cases/kagoya-activemail.eml >/dev/null; rc=$?
check "dangerous seed exits 2" '[ $rc -eq 2 ]'
out=$("$bin" --model "$tmp/one.eml")
check "--model prints the parsed model" 'printf "%s" "$out" | grep -q "\"domain\": \"one.example\""'
# Two file arguments, an '@' in the second: files to check, not a native-messaging launch.
cp "$tmp/one.eml" "$tmp/msgid-1234@mail.example.eml"
out=$(cd "$tmp" && "$bin" --json one.eml msgid-1234@mail.example.eml)
check "two files with an @ are checked" '[ "$(printf "%s\n" "$out" | wc -l)" -eq 2 ]'
# Thunderbird's launch: an existing manifest file and our extension id.
printf '{}' > "$tmp/phishcheck.json"
out=$(printf '\031\000\000\000{"id":1,"type":"version"}' | "$bin" "$tmp/phishcheck.json" phishcheck@phishcheck.org | tail -c +5)
check "native launch answers" 'printf "%s" "$out" | grep -q "\"protocol\":1"'
# A Maildir whose new/ is empty (UBSan: no qsort of NULL).
mkdir -p "$tmp/Empty/cur" "$tmp/Empty/new" "$tmp/Empty/tmp"
cp "$tmp/one.eml" "$tmp/Empty/cur/1.host:2,S"
out=$("$bin" --json "$tmp/Empty"); rc=$?
check "maildir with empty new/" '[ $rc -eq 0 ] && [ "$(printf "%s\n" "$out" | wc -l)" -eq 1 ]'
# -j keeps the order; no worker (limits 0, -j 1) gives the same reports.
a=$("$bin" --json -j 3 "$tmp/box.mbox" | grep -o '"subject":"[^"]*"' | tr '\n' ' ')
b=$("$bin" --json -j 1 --time-limit 0 --memory-limit 0 "$tmp/box.mbox" | grep -o '"subject":"[^"]*"' | tr '\n' ' ')
check "-j 3 keeps the order" '[ "$a" = "\"subject\":\"m1\" \"subject\":\"m2\" \"subject\":\"m3\" " ] && [ "$a" = "$b" ]'
"$bin" -j 0 "$tmp/one.eml" >/dev/null 2>&1; rc=$?
check "-j 0 is a usage error" '[ $rc -eq 64 ]'
# --gateway-id: the organisation's verdict, in the JSON and the text report.
out=$("$bin" --json --gateway-id mx.tanaka-sekkei.jp tests/cases/org-verdict-dangerous.eml); rc=$?
check "--gateway-id: organisation section" 'printf "%s" "$out" | grep -q "\"organisation\":{[^}]*\"verdict\":\"dangerous\""'
check "--gateway-id: dangerous exits 2" '[ $rc -eq 2 ]'
out=$("$bin" --json --gateway-id tanaka-sekkei.jp tests/cases/org-verdict-suspicious.eml)
check "--gateway-id: the organisation's deciding flag comes first (the summary)" \
    'printf "%s" "$out" | grep -q "\"flags\":\[{\"id\":\"org.suspicious\""'
out=$("$bin" --json tests/cases/org-verdict-dangerous.eml)
check "no --gateway-id: no organisation section" '! printf "%s" "$out" | grep -q "\"organisation\""'
# --data-dir: a folder with only the files an admin edits keeps the built-in rest (an empty
# folder gives the same report as none; flags.tsv missing must not make every flag 0).
mkdir -p "$tmp/data-empty" "$tmp/data-brands"
printf '# no brands\n' > "$tmp/data-brands/brands.tsv"
a=$("$bin" --json tests/cases/kagoya-activemail.eml | sed -E 's/"[a-z_]*ms":[0-9.e+-]*//g')
b=$("$bin" --json --data-dir "$tmp/data-empty" tests/cases/kagoya-activemail.eml | sed -E 's/"[a-z_]*ms":[0-9.e+-]*//g')
check "--data-dir: an empty folder is the built-in data" '[ -n "$a" ] && [ "$a" = "$b" ]'
b=$("$bin" --json --data-dir "$tmp/data-brands" tests/cases/kagoya-activemail.eml)
check "--data-dir: an edited file is read, the rest built in" \
    '[ "$a" != "$b" ] && printf "%s" "$b" | grep -q "\"verdict\":\"dangerous\""'
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
