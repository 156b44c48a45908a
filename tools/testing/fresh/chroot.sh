#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run a shell command as root in a throw-away copy of a bare root file
# system (root.sh), the way a newcomer runs the README's commands on a
# freshly installed machine: an overlay (ROOT read-only below, WORK/upper
# holding every change) with /proc, /sys and /dev (with /dev/pts and
# /dev/shm) mounted, the host's /etc/resolv.conf, SRC read-only at
# /fresh, and a clean environment (HOME=/root, no XLATE_* variable).
#
# Every mount lives in a private mount namespace, so it vanishes with
# the command, whatever way it ends (failure, signal), and is never seen
# by the host: WORK can then be removed like any directory.
#
# Usage: chroot.sh ROOT WORK SRC COMMAND
#   COMMAND runs under /bin/bash -c in /root; its exit status is ours.
# FRESH_ENV: more VAR=VALUE words for the command's environment.
set -euo pipefail

die() { printf 'fresh: chroot: %s\n' "$*" >&2; exit 1; }
[ $# -eq 4 ] || die "usage: $0 ROOT WORK SRC COMMAND"
root=$1 work=$2 src=$3 cmd=$4
[ -e "$root/.complete" ] || die "$root is not a complete root (root.sh)"

if [ -z "${FRESH_IN_NS:-}" ]; then
	mkdir -p "$work/upper" "$work/ovl" "$work/merged"
	FRESH_IN_NS=1 exec unshare --mount --propagation private -- "$0" "$@"
fi

m=$work/merged
mount -t overlay overlay \
	-o "lowerdir=$root,upperdir=$work/upper,workdir=$work/ovl" "$m"
mount -t proc proc "$m/proc"
mount --rbind /sys "$m/sys"
mount --rbind /dev "$m/dev"
mkdir -p "$m/fresh"
mount --bind "$src" "$m/fresh"
mount -o remount,bind,ro "$m/fresh"
# A machine on a network has a resolver configuration; minbase has none.
if [ ! -s "$m/etc/resolv.conf" ] && [ -r /etc/resolv.conf ]; then
	rm -f "$m/etc/resolv.conf"
	cat /etc/resolv.conf >"$m/etc/resolv.conf"
fi
env=(HOME=/root USER=root LOGNAME=root SHELL=/bin/bash TERM=dumb
	PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
# shellcheck disable=SC2206 # words on purpose
env+=(${FRESH_ENV:-})
exec chroot "$m" /usr/bin/env -i "${env[@]}" /bin/bash -c "cd /root && $cmd"
