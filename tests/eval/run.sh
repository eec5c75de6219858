#!/bin/sh
# run.sh BIN OUTDIR BARS NAME=DIR ... — runs phishcheck over each folder in two modes
# (default: upstream verdict headers count; content: --no-upstream), prints per folder the
# share flagged and dangerous, overall and per flag id, and checks the bars (bars.tsv).
# Exit 1 when a figure misses its bar or the checker crashes. With FLOORS=FILE (same format)
# the bars are only reported and the floors enforced: CI's guard against regressions while
# a bar is not reached yet. Per-message reports and the
# lists of misses and false positives stay in OUTDIR/out/ for inspection.
# The phish corpus had its recipients replaced by one placeholder address: its folders
# (phish-dev, ja-phish) run with a neutral --recipient so that no check earns credit from
# the placeholder; legitimate folders keep their real recipients (a bounce from the
# user's own provider is judged as the user would get it).
set -u
bin=$1 out=$2/out bars=$3
shift 3
here=$(dirname "$0")
mkdir -p "$out"
fail=0

pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b ? 100 * a / b : 0 }'; }

# bar NAME MODE METRIC VALUE — checks VALUE (a percentage) against the bars, then floors.
bar() {
    check_file "$bars" bar "${FLOORS:+report}" "$@"
    [ -z "${FLOORS:-}" ] || check_file "$FLOORS" floor "" "$@"
}

# check_file FILE WORD REPORT_ONLY NAME MODE METRIC VALUE
check_file() {
    file=$1 word=$2 report_only=$3
    shift 3
    case $1 in *ham*) kind=ham ;; *) kind=$1 ;; esac   # easy_ham, hard_ham ... → ham
    while IFS='	' read -r f m metric op want; do
        case $f in ''|'#'*) continue ;; esac
        [ "$f" = "$kind" ] && [ "$metric" = "$3" ] || continue
        [ "$m" = any ] || [ "$m" = "$2" ] || continue
        ok=$(awk -v v="$4" -v w="$want" -v op="$op" \
             'BEGIN { print (op == ">=" ? v >= w : v <= w) ? 1 : 0 }')
        if [ "$ok" = 1 ]; then echo "    $word $3 $op $want%: ok"
        else echo "    $word $3 $op $want%: MISSED ($4%)"; [ -n "$report_only" ] || fail=1; fi
    done < "$file"
}

for spec; do
    name=${spec%%=*} dir=${spec#*=}
    if [ ! -d "$dir" ]; then echo "eval: $name: no folder $dir"; fail=1; continue; fi
    opts=
    case $name in phish*) opts="--recipient nobody@eval.invalid" ;; esac
    for mode in default content; do
        extra=
        [ $mode = content ] && extra=--no-upstream
        res=$out/$name.$mode
        # shellcheck disable=SC2086
        "$bin" --json $opts $extra "$dir" > "$res.jsonl"
        rc=$?
        [ $rc -le 3 ] || { echo "eval: $name ($mode): phishcheck died (status $rc)"; fail=1; }
        jq -s -f "$here/summary.jq" "$res.jsonl" > "$res.json"
        jq -r 'select(.verdict == "safe") | .file' "$res.jsonl" > "$res.safe"
        jq -r 'select(.verdict != "safe") | "\(.verdict)\t\(.file)\t\([.flags[].id] | join(","))"' \
            "$res.jsonl" > "$res.flagged"
        set -- $(jq -r '"\(.total) \(.flagged) \(.dangerous)"' "$res.json")
        fl=$(pct "$2" "$1") dg=$(pct "$3" "$1")
        echo "$name [$mode] $1 messages: flagged $fl%, dangerous $dg%"
        jq -r --argjson t "$1" '.flags[] |
            "\(.id) \(.n) \(100 * .n / $t | . * 10 | round / 10)% \(.flagged)"' "$res.json" |
            awk '{ printf "      %-32s %5d %6s  (%d flagged)\n", $1, $2, $3, $4 }' | head -40
        bar "$name" $mode flagged "$fl"
        bar "$name" $mode dangerous "$dg"
    done
done
[ $fail = 0 ] && echo "eval: every bar met" || echo "eval: some bars missed"
exit $fail
