#!/bin/sh
# ja-cases.sh CASES OUT — lays the Japanese fixture cases out as two folders for `make
# eval`: OUT/ja-legit (cases expected safe: `verdict safe` / `verdict-max safe`) and
# OUT/ja-phish (cases expected flagged: `verdict suspicious|dangerous` / `verdict-min
# suspicious|dangerous`), as symbolic links. A case is Japanese when its raw text holds
# kana, declares a Japanese charset, or its Subject/From encoded-words decode to kana.
# Cases that need a setting eval does not give (own-domain, contacts, trust, no-upstream
# ...: any `option` but recipient and lang) are left out: their verdict depends on it.
set -eu
cases=$1 out=$2
rm -rf "$out/ja-legit" "$out/ja-phish"
mkdir -p "$out/ja-legit" "$out/ja-phish"
abs=$(cd "$cases" && pwd)

# japanese FILE — true when the message is written in Japanese.
japanese() {
    grep -qP '[\x{3040}-\x{30ff}]' "$1" 2>/dev/null && return 0
    grep -qiE 'charset="?(iso-2022-jp|shift_jis|euc-jp|cp932)' "$1" && return 0
    grep -oiE '=\?utf-8\?b\?[A-Za-z0-9+/=]+\?=' "$1" | sed 's/^=?[^?]*?[bB]?//; s/?=$//' |
        while read -r w; do printf '%s' "$w" | base64 -d 2>/dev/null; echo; done |
        grep -qP '[\x{3040}-\x{30ff}]'
}

for eml in "$abs"/*.eml; do
    exp=${eml%.eml}.expect
    [ -f "$exp" ] && japanese "$eml" || continue
    grep -E '^option ' "$exp" | grep -qvE '^option (recipient|lang) ' && continue
    v=$(grep -E '^verdict(-min|-max)? ' "$exp" | head -1 || true)
    case $v in
        'verdict safe'|'verdict-max safe') ln -s "$eml" "$out/ja-legit/" ;;
        'verdict suspicious'|'verdict dangerous'|'verdict-min suspicious'|'verdict-min dangerous')
            ln -s "$eml" "$out/ja-phish/" ;;
    esac
done
