#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A bare Debian root file system for `make check-fresh`: mmdebstrap
# minbase plus git and make, nothing else, with the three suites a Debian
# installer configures (SUITE, SUITE-updates, SUITE-security; main).  It
# stands for a freshly installed machine on which a newcomer clones
# xlate; run.sh never changes it (each step runs on an overlay of it).
#
# Cached as $XLATE_FRESH_CACHE/root-SUITE-<key>, key hashing FORMAT, the
# suite, the variant, the packages and the source lines; a root older
# than FRESH_ROOT_DAYS (default 7) is rebuilt, so that it is about as
# current as a machine installed today (FRESH_REBUILD=1: always).
# Runs as root (mmdebstrap's root mode).  Nothing goes to XLATE_CACHE.
#
# Usage: root.sh SUITE   (prints the root's directory)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
die() { printf 'fresh: root: %s\n' "$*" >&2; exit 1; }
log() { printf 'fresh: root: %s\n' "$*" >&2; }
# debian_sources: lib/fetch-lib.sh
# shellcheck source=SCRIPTDIR/../lib/fetch-lib.sh
. "$HERE/../lib/fetch-lib.sh"

[ $# -eq 1 ] || die "usage: $0 SUITE"
SUITE=$1
FORMAT=1
PKGS=(git make)
FRESH_CACHE=${XLATE_FRESH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xlate-fresh}

mapfile -t sources < <(debian_sources "$SUITE")
key=$( {
	echo "format=$FORMAT suite=$SUITE variant=minbase"
	printf '%s\n' "${PKGS[@]}" "${sources[@]}"
} | sha256sum | cut -c1-16)
dir=$FRESH_CACHE/root-$SUITE-$key

mkdir -p "$FRESH_CACHE"
exec 9>"$dir.lock"
flock 9
if [ -e "$dir/.complete" ] && [ -z "${FRESH_REBUILD:-}" ] &&
	[ -n "$(find "$dir/.complete" -mtime "-${FRESH_ROOT_DAYS:-7}")" ]; then
	echo "$dir"
	exit 0
fi
command -v mmdebstrap >/dev/null ||
	die "mmdebstrap missing (Debian: apt-get install mmdebstrap)"
[ "$(id -u)" = 0 ] || die "must run as root (mmdebstrap's root mode)"
start=$(date +%s)
log "mmdebstrap $SUITE minbase + ${PKGS[*]} -> $dir"
rm -rf "$dir.tmp"
nice -n 10 mmdebstrap --quiet --variant=minbase \
	--include="$(IFS=,; echo "${PKGS[*]}")" \
	"$SUITE" "$dir.tmp" "${sources[@]}" >&2 ||
	die "mmdebstrap $SUITE failed"
# shellcheck disable=SC2016 # dpkg-query's own ${Field}s
dpkg-query --admindir="$dir.tmp/var/lib/dpkg" -W \
	-f='${Package} ${Version}\n' >"$dir.tmp/.packages"
touch "$dir.tmp/.complete"
rm -rf "$dir"
mv "$dir.tmp" "$dir"
log "$SUITE: $(wc -l <"$dir/.packages") packages, $(du -sm "$dir" | cut -f1) MiB, $(($(date +%s) - start)) s"
echo "$dir"
