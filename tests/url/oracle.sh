#!/bin/sh
# oracle.sh BIN URL_HOST OUTDIR CORPUS... — the URL oracle test: the tricky hrefs of
# tricky.txt and every link href phishcheck finds in the corpus folders (phishcheck
# --model) go through pc_url_parse (url_host) and through Node's WHATWG URL (oracle.mjs);
# any http(s) link a browser would open that we drop or read with another host fails.
set -eu
bin=$1 url_host=$2 out=$3
shift 3
here=$(dirname "$0")
mkdir -p "$out"
grep -v '^#' "$here/tricky.txt" > "$out/hrefs.jsonl"
for dir; do
    [ -d "$dir" ] || { echo "url oracle: no folder $dir"; exit 1; }
    "$bin" --model "$dir" | jq -c '.links[]?.href // empty, .forms[]?.action // empty' >> "$out/hrefs.jsonl"
done
"$url_host" < "$out/hrefs.jsonl" > "$out/ours.jsonl"
node "$here/oracle.mjs" "$out/hrefs.jsonl" "$out/ours.jsonl"
