#!/bin/sh
# shellcheck disable=SC2016 # (sh -c scripts below take their arguments as $1)
# Lint: every installer script and test through shellcheck (warnings and errors fail).
set -u
. "$(dirname "$0")/lib.sh"
command -v shellcheck >/dev/null || { skip "shellcheck not installed"; exit 0; }
for f in "$ROOT"/installer/*.sh "$ROOT"/installer/install-macos.sh "$ROOT"/installer/deb/*.sh \
         "$ROOT"/installer/deb/postinst "$ROOT"/installer/deb/prerm "$ROOT"/installer/deb/postrm \
         "$ROOT"/installer/deb/milter/postinst "$ROOT"/installer/deb/milter/prerm "$ROOT"/installer/deb/milter/postrm \
         "$ROOT"/tests/milter/*.sh \
         "$ROOT"/tests/installer/*.sh; do
    [ -f "$f" ] || continue
    check "shellcheck ${f#"$ROOT"/}" shellcheck -x -s sh -S warning "$f"
done

# Templates: every JSON template is valid JSON once its placeholders are filled.
for f in "$ROOT"/manifests/*/*.json.in "$ROOT"/manifests/*.json; do
    check "valid JSON: ${f#"$ROOT"/}" sh -c \
        'sed "s|@HOST_PATH@|/x/phishcheck|; s|@XPI_URL@|file:///x.xpi|" "$1" | jq -e . >/dev/null' - "$f"
done
check_jq "policies.example.json's settings are managed-settings.example.json" \
    "$ROOT/manifests/policies.example.json" \
    ".policies[\"3rdparty\"].Extensions[\"$EXT_ID\"] == $(jq -c . "$ROOT/manifests/managed-settings.example.json")"
