#!/bin/sh
# bench.sh — `make bench-hostile`: time, peak RSS, verdict, flags and answer size of each
# hostile case (tests/hostile/gen.py), run through the real binary (CLI --json).
# Figures only, never assertions. cpu_s = user + system time of the host and its workers
# (steadier than wall time on a busy machine). Usage: sh bench.sh BIN [CASE_DIR] [TIMEOUT_S]
bin=${1:?binary}
dir=${2:-}
limit=${3:-60}
if [ -z "$dir" ]; then
    dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
    python3 "$(dirname "$0")/gen.py" "$dir"
fi
printf '%-24s %6s %6s %8s %-10s %8s  %s\n' case wall_s cpu_s peak_MB verdict json_B flags
for f in "$dir"/*.eml; do
    name=$(basename "$f" .eml)
    /usr/bin/time -f '%e %U %S %M' -o "$dir/.time" timeout "$limit" "$bin" --json "$f" > "$dir/.out" 2>/dev/null
    rc=$?
    set -- $(cat "$dir/.time" 2>/dev/null | tail -1)
    verdict=$(grep -o '"verdict":"[a-z]*"' "$dir/.out" | head -1 | cut -d'"' -f4)
    flags=$(grep -o '"id":"[a-z_]*\.[a-z_.]*"' "$dir/.out" | cut -d'"' -f4 | grep -E '^(limits|parse)\.' | sort -u | tr '\n' ' ')
    [ "$rc" -eq 124 ] && verdict="TIMEOUT"
    cpu=$(echo "${2:-0} ${3:-0}" | awk '{printf "%.2f", $1 + $2}')
    printf '%-24s %6s %6s %8s %-10s %8s  %s\n' "$name" "$1" "$cpu" "$(( ${4:-0} / 1024 ))" "${verdict:-none}" \
        "$(wc -c < "$dir/.out")" "$flags"
done
