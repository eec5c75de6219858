#!/bin/sh
# Installs the Debian packages phishcheck needs (installer/debian-packages.txt).
#   deps.sh [build|deb|test]  build: what building needs; deb: what `make deb` adds; test: all
# As root it runs apt-get; otherwise it prints the exact command to run.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
group=${1:-build}
want=$(awk -v g="$group" '!/^#/ && NF { grp = ($2 == "" ? "build" : $2);
        if (g == "test" || grp == g) print $1 ":" $3 }' "$here/debian-packages.txt")
missing=""
for entry in $want; do
    p=${entry%%:*} cmd=${entry#*:}
    [ -n "$cmd" ] && command -v "$cmd" >/dev/null 2>&1 && continue
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "phishcheck: missing Debian packages:$missing" >&2
    echo "run as root: apt-get update && apt-get install -y$missing" >&2
    exit 1
fi
echo "phishcheck: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# postfix (the milter's integration test starts its own instance, tests/milter/): installed
# unconfigured, so no system MTA starts listening on port 25
case " $missing " in
    *" postfix "*) echo "postfix postfix/main_mailer_type select No configuration" |
                       debconf-set-selections ;;
esac
apt-get update -q >/dev/null
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing >/dev/null
