#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run a command inside a build chroot (the sid chroot fetch-sid.sh makes)
# with the directories a module build needs at their own paths: the
# download cache (kernel headers), the checkout, the build directory and
# the current directory.  The mounts live in a private mount namespace,
# so they vanish with the command and parallel runs do not meet.
# Needs root (as fetch-deps.sh does).
#
# Usage: in-chroot.sh CHROOT CMD [ARG...]
# XLATE_CHROOT_BINDS: more directories to bind (space-separated).
set -euo pipefail

[ $# -ge 2 ] || { echo "usage: $0 CHROOT CMD [ARG...]" >&2; exit 2; }
root=$1
[ -e "$root/.complete" ] || { echo "in-chroot: $root is not a complete chroot (run tools/testing/lib/fetch-deps.sh)" >&2; exit 2; }

if [ -z "${XLATE_IN_CHROOT_NS:-}" ]; then
	XLATE_IN_CHROOT_NS=1 exec unshare --mount --propagation private -- "$0" "$@"
fi
shift
unset XLATE_IN_CHROOT_NS

here=$(cd "$(dirname "$0")" && pwd)
xroot=${XLATE_ROOT:-$(cd "$here/../../.." && pwd)}
cache=${XLATE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xlate}
mount --rbind /dev "$root/dev"
mount -t proc proc "$root/proc"
# shellcheck disable=SC2086 # a list on purpose
for d in "$cache" "$xroot" ${XLATE_BUILD:-} "$PWD" ${XLATE_CHROOT_BINDS:-}; do
	d=$(realpath -m "$d")
	[ -d "$d" ] || continue
	mountpoint -q "$root$d" && continue
	mkdir -p "$root$d"
	mount --bind "$d" "$root$d"
done
# shellcheck disable=SC2016 # expanded by the inner shell
exec chroot "$root" /bin/sh -c 'cd "$1" && shift && exec "$@"' sh "$PWD" "$@"
