#!/bin/sh
# install-macos.sh — phishcheck on macOS (NOT TESTED on a Mac: see docs/install.md).
# Same options as install.sh (it runs install.sh with the macOS paths):
#   per user:  host in ~/Library/Application Support/phishcheck/, manifest in
#              ~/Library/Mozilla/NativeMessagingHosts/phishcheck.json, the extension in
#              every profile of ~/Library/Thunderbird/profiles.ini (+ user.js pref)
#   --system:  host in /Library/Application Support/phishcheck/, manifest in
#              /Library/Application Support/Mozilla/NativeMessagingHosts/, and the policy
#              merged into /Applications/Thunderbird.app/Contents/Resources/distribution/
#              policies.json (POLICIES_JSON=... for another Thunderbird; an app update
#              replaces that folder: fleets should use the configuration profile in
#              manifests/macos/org.mozilla.thunderbird.plist.in instead)
# Building needs Xcode's command line tools and Homebrew:
#   brew install pkg-config gmime jansson libpsl curl gumbo-parser libidn2 icu4c jq
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(uname -s)" = Darwin ] && command -v brew >/dev/null 2>&1; then
    missing=""
    for f in pkg-config gmime jansson libpsl curl gumbo-parser libidn2 icu4c jq; do
        brew list --versions "$f" >/dev/null 2>&1 || missing="$missing $f"
    done
    if [ -n "$missing" ]; then
        echo "phishcheck: missing Homebrew packages:$missing" >&2
        echo "run: brew install$missing" >&2
        exit 1
    fi
    # Homebrew's icu4c is keg-only: let pkg-config find it.
    PKG_CONFIG_PATH="$(brew --prefix icu4c)/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
    export PKG_CONFIG_PATH
fi
PHISHCHECK_OS=macos exec "$here/install.sh" "$@"
