#!/bin/sh
# build-deb.sh VERSION OUT.deb — build the phishcheck Debian package from this checkout.
# The host is built again with Debian's hardening flags (dpkg-buildflags) in build/deb/,
# the extension by `make xpi`; the tree is staged in build/deb/root and packed with
# dpkg-deb (no debhelper needed). Run by `make deb`.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/deb-lib.sh"
version=${1:?VERSION}
out=${2:?OUT.deb}
work=$root/build/deb
stage=$work/root

# stage_tree: every file of the package under $stage.
stage_tree() {
    rm -rf "$stage"
    install -d "$stage/DEBIAN" "$stage/usr/lib/phishcheck" "$stage/usr/share/phishcheck" \
        "$stage/usr/lib/mozilla/native-messaging-hosts" "$stage/usr/share/doc/phishcheck/examples" \
        "$stage/usr/lib/systemd/user"
    install -m 755 "$work/phishcheck" "$stage/usr/lib/phishcheck/phishcheck"
    strip --remove-section=.comment --remove-section=.note --strip-unneeded \
        "$stage/usr/lib/phishcheck/phishcheck"
    install -m 755 "$root/installer/policy-merge.sh" "$stage/usr/lib/phishcheck/policy-merge"
    install -m 644 "$here/phishcheck-feeds.service" "$here/phishcheck-feeds.timer" "$stage/usr/lib/systemd/user/"
    install -m 644 "$root/build/phishcheck.xpi" "$stage/usr/share/phishcheck/phishcheck.xpi"
    sed 's|@HOST_PATH@|/usr/lib/phishcheck/phishcheck|' "$root/manifests/linux/phishcheck.json.in" \
        > "$stage/usr/lib/mozilla/native-messaging-hosts/phishcheck.json"
    doc=$stage/usr/share/doc/phishcheck
    install -m 644 "$here/copyright" "$doc/copyright"
    install -m 644 "$root/manifests/policies.example.json" "$doc/examples/policies.json"
    install -m 644 "$root/manifests/managed-settings.example.json" "$doc/examples/managed-settings.json"
    printf 'phishcheck (%s) unstable; urgency=medium\n\n  * Release %s.\n\n -- %s  %s\n' \
        "$version" "$version" "phishcheck developers <dev@phishcheck.org>" \
        "$(date -R -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}")" | gzip -9n > "$doc/changelog.gz"
    chmod 644 "$doc/changelog.gz" "$stage/usr/lib/mozilla/native-messaging-hosts/phishcheck.json"
    install -m 755 "$here/postinst" "$here/prerm" "$here/postrm" "$stage/DEBIAN/"
}

hardened_make BIN "$work/phishcheck"
make -s -C "$root" xpi
stage_tree
control "$here/control.in" phishcheck "$stage/usr/lib/phishcheck/phishcheck"
pack "$out"
