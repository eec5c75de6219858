#!/bin/sh
# cases_runner_test.sh — the case runner is strict: each mistake an .expect file can hold
# fails the run with file:line, cases run alone by name or glob, only-flags makes the
# listed flags the whole set. Usage: sh tests/cases_runner_test.sh build/tests/cases_runner
set -u
RUNNER=${1:?usage: cases_runner_test.sh RUNNER}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0 passes=0
EML=tests/cases/upstream-spamassassin.eml   # raises upstream.spam_flag + spam_score_high

# case NAME LINES...: writes $T/d/NAME.eml (the sample) and NAME.expect (the lines)
case_() {
    n=$1; shift
    cp "$EML" "$T/d/$n.eml"
    printf '%s\n' "$@" > "$T/d/$n.expect"
}

# expect_run WANT_RC GREP DESCRIPTION ARGS...: runs the runner, checks its exit and output
expect_run() {
    want=$1 pat=$2 what=$3; shift 3
    out=$("$RUNNER" "$@" 2>&1); rc=$?
    if [ "$rc" = "$want" ] && printf '%s\n' "$out" | grep -q -- "$pat"; then
        passes=$((passes + 1))
    else
        fails=$((fails + 1))
        echo "FAIL cases_runner: $what (exit $rc, want $want, output lacks '$pat')"
        printf '%s\n' "$out" | sed 's/^/     /'
    fi
}

# one bad .expect alone in the folder: the run fails and names file:line
bad() {
    what=$1 pat=$2; shift 2
    rm -rf "$T/d"; mkdir -p "$T/d"
    case_ bad "# a comment" "" "$@"
    expect_run 1 "$pat" "$what" "$T/d"
}

mkdir -p "$T/d"
case_ good "# passes" "verdict suspicious" "flag upstream.spam_flag" \
      "evidence upstream.spam_score_high score=12.4" "noflag links.lookalike"
expect_run 0 "ok   good" "a correct case passes" "$T/d"

bad "an unknown directive" "bad.expect:3: unknown directive: flags upstream.spam_flag" \
    "flags upstream.spam_flag"
bad "a mistyped flag id in noflag (would pass for ever)" \
    "bad.expect:3: flag id unknown to the catalogue: noflag upstream.spam_flg" "noflag upstream.spam_flg"
bad "a mistyped flag id in flag" "bad.expect:4: flag id unknown" "verdict dangerous" "flag upstream.spamflag"
bad "a verdict word that does not exist" "bad.expect:3: verdict must be" "verdict dangerus"
bad "two ids on one flag line" "bad.expect:3: takes one argument" \
    "flag upstream.spam_flag upstream.spam_score_high"
bad "a comment after a directive" "bad.expect:3: takes one argument" "verdict dangerous # yes"
bad "a directive without its argument" "bad.expect:3: needs an argument" "flag"
bad "evidence without KEY=VALUE" "bad.expect:3: evidence wants ID KEY=VALUE" \
    "evidence upstream.spam_score_high 12.4"
bad "an unknown option" "bad.expect:3: unknown option" "option own-domian example.jp"
bad "an option without its value" "bad.expect:3: option needs a value" "option recipient"
bad "a lang the host does not speak" "bad.expect:3: unknown option" "option lang fr"
bad "a context that is not JSON" "bad.expect:3: context is not a JSON object" \
    'option context {"from_in_address_book": tru}'
bad "a contacts file that is missing" "bad.expect:3: contacts file cannot be read" \
    "option contacts no-such-file.vcf"
bad "flag and noflag of one id" "bad.expect:4: contradicts line 3" \
    "flag upstream.spam_flag" "noflag upstream.spam_flag"
bad "two verdict lines" "bad.expect:4: contradicts line 3" "verdict dangerous" "verdict safe"
bad "only-flags with an argument" "bad.expect:3: takes no argument" "only-flags upstream.spam_flag"
bad "only-flags: a raised flag not listed fails" \
    "unexpected flag (only-flags) upstream.spam_score_high" "only-flags" "flag upstream.spam_flag"

rm -rf "$T/d"; mkdir -p "$T/d"
case_ only-all "only-flags" "flag upstream.spam_flag" "flag upstream.spam_score_high"
expect_run 0 "ok   only-all" "only-flags passes when the listed flags are all that is raised" "$T/d"

cp "$EML" "$T/d/orphan.eml"
expect_run 1 "orphan.eml has no" "an .eml without its .expect fails the full run" "$T/d"

case_ bad-one "verdikt safe"
case_ only-two "only-flags" "flag upstream.spam_flag" "flag upstream.spam_score_high"
expect_run 0 "cases: 1 passed, 0 failed" "a case run alone by name" "$T/d" only-all
expect_run 0 "cases: 2 passed, 0 failed" "cases named by glob" "$T/d" 'only-*'
expect_run 0 "ok   only-two" "a case named by its .eml path" "$T/d" "$T/d/only-two.eml"
expect_run 1 "bad-one.expect:1: unknown directive" "a bad case named alone fails" "$T/d" bad-one
expect_run 2 "no case nosuch" "a name matching no case is an error" "$T/d" nosuch

echo "cases_runner: $passes passed, $fails failed"
[ "$fails" = 0 ]
