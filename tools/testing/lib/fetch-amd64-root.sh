#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The amd64 Debian root file system of the e2e container suite
# (tools/testing/e2e/suite/80-container.sh) and of `make vm`'s demo,
# as a read-only squashfs disk image, cached by its package list.
# Called by fetch-deps.sh; runs as root (mmdebstrap's root mode).
#
# mmdebstrap --arch=amd64 is native on this x86-64 host: no emulation.
# minbase (dpkg, apt, the essential set) plus PKGS; no qemu or other
# runtime file is in it (the container case checks that).  Documentation,
# man pages and locales are left out.  The image is squashfs (zstd): a
# read-only layer, as container images are; the e2e VM gets it as a
# read-only virtio disk (qemu.sh, XLATE_VM_DISK), the kernel modules it
# needs (virtio_blk, squashfs) are in the initramfs (mkinitramfs.sh).
#
# Output: $XLATE_CACHE/amd64-root-<key>/{root.sqfs,packages,.complete}
# where key hashes the suite, PKGS and FORMAT; $XLATE_CACHE/amd64-root.env
# holds AMD64_ROOT_IMG=<path of root.sqfs>.  A directory without its
# .complete stamp is rebuilt.
set -euo pipefail

CACHE=${XLATE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xlate}

# Bump when the way the image is made changes.
FORMAT=1
SUITE=bookworm
PKGS=(bash coreutils procps util-linux python3 perl)
COMP=(-comp zstd -Xcompression-level 6)

log() { printf 'fetch-amd64-root: %s\n' "$*" >&2; }
die() { printf 'fetch-amd64-root: error: %s\n' "$*" >&2; exit 1; }
# debian_sources_signed: lib/fetch-lib.sh
# shellcheck source=SCRIPTDIR/fetch-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/fetch-lib.sh"

key=$( {
	echo "format=$FORMAT suite=$SUITE arch=amd64 variant=minbase"
	printf '%s\n' "${PKGS[@]}" "${COMP[*]}"
} | sha256sum | cut -c1-16)
DIR=$CACHE/amd64-root-$key
ENV=$CACHE/amd64-root.env

publish() {
	echo "AMD64_ROOT_IMG=$DIR/root.sqfs" >"$ENV.new"
	mv "$ENV.new" "$ENV"
}

mkdir -p "$CACHE"
exec 9>"$DIR.lock"
flock 9
if [ -f "$DIR/.complete" ] && [ -s "$DIR/root.sqfs" ]; then
	publish
	exit 0
fi
for c in mmdebstrap mksquashfs; do
	command -v "$c" >/dev/null ||
		die "$c missing (fetch-deps.sh installs mmdebstrap and squashfs-tools)"
done
[ "$(id -u)" = 0 ] || die "must run as root (mmdebstrap's root mode)"

# SUITE's three suites (SUITE, -updates, -security), whatever the host
# runs: the root is the same on a Debian 12 and a Debian 13 host.
mapfile -t mirrors < <(debian_sources_signed "$SUITE")

start=$(date +%s)
tmp=$DIR.tmp
rm -rf "$tmp" "$DIR"
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
incl=$(IFS=,; echo "${PKGS[*]}")
log "mmdebstrap $SUITE amd64 minbase + $incl (${#mirrors[@]} sources; about 100 packages, 1-3 min)"
# mmdebstrap's own lines (one per stage; apt's download progress
# line by line) are the progress shown.
nice mmdebstrap --arch=amd64 --variant=minbase --include="$incl" \
	--dpkgopt=force-unsafe-io --aptopt='Acquire::Retries "3"' \
	--dpkgopt='path-exclude=/usr/share/man/*' \
	--dpkgopt='path-exclude=/usr/share/locale/*' \
	--dpkgopt='path-exclude=/usr/share/doc/*' \
	--dpkgopt='path-include=/usr/share/doc/*/copyright' \
	"$SUITE" "$tmp/root" "${mirrors[@]}" >&2 ||
	die "mmdebstrap failed"
# shellcheck disable=SC2016 # dpkg-query's own ${Field}s
dpkg-query --admindir="$tmp/root/var/lib/dpkg" -W \
	-f='${Package} ${Version} ${Architecture}\n' >"$tmp/packages"
log "mksquashfs ($(du -sm "$tmp/root" | cut -f1) MiB tree)"
nice mksquashfs "$tmp/root" "$tmp/root.sqfs" -noappend -quiet \
	-no-progress "${COMP[@]}" >&2 || die "mksquashfs failed"
rm -rf "$tmp/root"
touch "$tmp/.complete"
mv "$tmp" "$DIR"
trap - EXIT
log "built $DIR/root.sqfs: $(du -m "$DIR/root.sqfs" | cut -f1) MiB," \
	"$(wc -l <"$DIR/packages") packages, $(($(date +%s) - start)) s"
publish
