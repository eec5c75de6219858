# tests/installer/debtools.sh — build the .deb once and install it on this machine with
# the system policies.json saved and put back exactly (sourced by test_deb, test_thunderbird).
REAL_POLICY=/etc/thunderbird/policies/policies.json

# deb_path DIR: build the package (make deb) as DIR/phishcheck.deb and print that path.
deb_path() {
    make -s -C "$ROOT" deb-host DEB="$1/phishcheck.deb" >&2 || return 1
    echo "$1/phishcheck.deb"
}

# can_install_deb: root, dpkg, and no phishcheck on this machine already.
can_install_deb() {
    [ "$(id -u)" -eq 0 ] || { echo "not root"; return 1; }
    if dpkg-query -W -f='${Status}' phishcheck 2>/dev/null | grep -q installed; then
        echo "a phishcheck package is installed already"; return 1; fi
    [ ! -e /usr/lib/phishcheck ] || { echo "/usr/lib/phishcheck exists (install.sh --system?)"; return 1; }
    return 0
}

# save_policy DIR / restore_policy DIR: keep the machine's policies.json (or its absence).
save_policy() {
    if [ -e "$REAL_POLICY" ]; then cp -p "$REAL_POLICY" "$1/saved-policies.json"
    elif [ -d "$(dirname "$REAL_POLICY")" ]; then : > "$1/saved-no-file"
    else : > "$1/saved-no-dir"; fi
}
restore_policy() {
    if dpkg-query -W -f='${Status}' phishcheck 2>/dev/null | grep -q installed; then
        dpkg --purge phishcheck >/dev/null 2>&1 || true; fi
    if [ -e "$1/saved-policies.json" ]; then
        mkdir -p "$(dirname "$REAL_POLICY")"; cp -p "$1/saved-policies.json" "$REAL_POLICY"
    elif [ -e "$1/saved-no-file" ]; then rm -f "$REAL_POLICY"
    elif [ -e "$1/saved-no-dir" ]; then rm -f "$REAL_POLICY"; rmdir "$(dirname "$REAL_POLICY")" 2>/dev/null || true
    fi
}
