#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The amd64 image of `make check-distro`'s engine checks, cached: the
# amd64 Debian root file system the project already builds
# (tools/testing/lib/fetch-amd64-root.sh: bookworm minbase with bash,
# coreutils, procps, util-linux, python3, perl; dpkg and apt come with
# minbase) as one uncompressed tar of the tree, the form `podman import`
# takes (what `docker export` writes).  podman makes an image of it with
# the architecture it is told (`--arch amd64`); docker loads the image
# podman saves; no registry is involved.
#
# Usage: amd64-tar.sh ROOT.SQFS OUTVAR-FILE
# Output: $XLATE_CACHE/distro-amd64-tar-<key>/rootfs.tar, key hashing the
# squashfs path (which names fetch-amd64-root.sh's own key), its size
# and FORMAT; OUTVAR-FILE gets AMD64_TAR=<path>.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../../lib/common.sh
. "$HERE/../../lib/common.sh"

[ $# -eq 2 ] || { echo "usage: $0 ROOT.SQFS OUTVAR-FILE" >&2; exit 2; }
SQFS=$1
OUTVAR=$2
FORMAT=1

key=$(printf 'format=%s %s %s\n' "$FORMAT" "$(realpath "$SQFS")" \
	"$(stat -c %s "$SQFS")" | sha256sum | cut -c1-16)
DIR=$XLATE_CACHE/distro-amd64-tar-$key

publish() {
	echo "AMD64_TAR=$DIR/rootfs.tar" >"$OUTVAR"
}

mkdir -p "$XLATE_CACHE"
exec 9>"$DIR.lock"
flock 9
if [ -f "$DIR/.complete" ]; then
	publish
	exit 0
fi
tmp=$DIR.tmp
rm -rf "$tmp" "$DIR"
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
unsquashfs -q -n -d "$tmp/root" "$SQFS" >&2
# Numeric owners, sorted names and the tree's own times: the same tar
# from the same squashfs.
tar -C "$tmp/root" --numeric-owner --sort=name -cf "$tmp/rootfs.tar" .
rm -rf "$tmp/root"
[ -x /usr/bin/file ] && file -b "$tmp/rootfs.tar" >&2
touch "$tmp/.complete"
mv "$tmp" "$DIR"
trap - EXIT
echo "amd64-tar: $DIR/rootfs.tar, $(du -m "$DIR/rootfs.tar" | cut -f1) MiB" >&2
publish
