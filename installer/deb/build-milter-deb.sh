#!/bin/sh
# build-milter-deb.sh VERSION OUT.deb — build the phishcheck-milter Debian package (the
# gateway, docs/gateway.md): its own package, so that a mail server gets neither
# Thunderbird nor its policies. The milter is built with Debian's hardening flags in
# build/deb/obj (shared with build-deb.sh), staged in build/deb/milter-root, packed with
# dpkg-deb. /etc/phishcheck/milter.conf is a conffile. Run by `make deb`.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/deb-lib.sh"
version=${1:?VERSION}
out=${2:?OUT.deb}
work=$root/build/deb
stage=$work/milter-root
src=$here/milter

stage_tree() {
    rm -rf "$stage"
    doc=$stage/usr/share/doc/phishcheck-milter
    install -d "$stage/DEBIAN" "$stage/usr/sbin" "$stage/usr/lib/systemd/system" \
        "$stage/etc/phishcheck" "$doc"
    install -m 755 "$work/phishcheck-milter" "$stage/usr/sbin/phishcheck-milter"
    strip --remove-section=.comment --remove-section=.note --strip-unneeded \
        "$stage/usr/sbin/phishcheck-milter"
    install -m 644 "$src/phishcheck-milter.service" "$stage/usr/lib/systemd/system/"
    install -m 644 "$src/milter.conf" "$stage/etc/phishcheck/milter.conf"
    install -m 644 "$here/copyright" "$doc/copyright"
    gzip -9nc "$root/docs/gateway.md" > "$doc/gateway.md.gz"
    printf 'phishcheck-milter (%s) unstable; urgency=medium\n\n  * Release %s.\n\n -- %s  %s\n' \
        "$version" "$version" "phishcheck developers <dev@phishcheck.org>" \
        "$(date -R -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}")" | gzip -9n > "$doc/changelog.gz"
    chmod 644 "$doc/changelog.gz" "$doc/gateway.md.gz"
    install -m 755 "$src/postinst" "$src/prerm" "$src/postrm" "$stage/DEBIAN/"
    echo /etc/phishcheck/milter.conf > "$stage/DEBIAN/conffiles"
    chmod 644 "$stage/DEBIAN/conffiles"
}

hardened_make MILTER "$work/phishcheck-milter"
stage_tree
control "$src/control.in" phishcheck-milter "$stage/usr/sbin/phishcheck-milter"
pack "$out"
