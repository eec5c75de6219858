# shellcheck shell=sh disable=SC2154  # $stage, $version, $root, $work: set by the script that sources this file
# deb-lib.sh — what build-deb.sh and build-milter-deb.sh share (sourced, not run): the
# Depends from dpkg-shlibdeps, the control file and md5sums, and packing with dpkg-deb.
# Both set $stage (the staged tree) and $version before calling these.

# hardened_make VAR PATH: make PATH (the host, BIN, or the milter, MILTER) in build/deb/obj
# with dpkg-buildflags (fortify, relro, now, PIE, stack protector). Needs $root and $work.
hardened_make() {
    export DEB_BUILD_MAINT_OPTIONS=hardening=+all
    make -s -C "$root" B="$work/obj" "$1=$2" \
        CFLAGS="$(dpkg-buildflags --get CPPFLAGS) $(dpkg-buildflags --get CFLAGS)" \
        LDFLAGS="$(dpkg-buildflags --get LDFLAGS)" "$2"
}

# shlib_depends PACKAGE BINARY: the Depends of BINARY's shared libraries, from dpkg-shlibdeps.
shlib_depends() {
    tmp=$(mktemp -d)
    mkdir "$tmp/debian"
    printf 'Source: phishcheck\n\nPackage: %s\nArchitecture: any\n' "$1" > "$tmp/debian/control"
    (cd "$tmp" && dpkg-shlibdeps -O "$2" 2>/dev/null) | sed -n 's/^shlibs:Depends=//p'
    rm -rf "$tmp"
}

# control CONTROL_IN PACKAGE BINARY: DEBIAN/control from the template, and DEBIAN/md5sums.
control() {
    size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
    sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$(dpkg --print-architecture)|" \
        -e "s|@SIZE@|$size|" -e "s|@SHLIBS@|$(shlib_depends "$2" "$3")|" "$1" \
        > "$stage/DEBIAN/control"
    (cd "$stage" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$stage/DEBIAN/md5sums"
    chmod 644 "$stage/DEBIAN/control" "$stage/DEBIAN/md5sums"
}

# pack OUT.deb: the staged tree as a package.
pack() {
    mkdir -p "$(dirname "$1")"
    dpkg-deb --root-owner-group -Zxz --build "$stage" "$1" >/dev/null
    echo "phishcheck: built $1"
}
