#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# /sbin/xlate-distro-init of the check-distro image (init= on the kernel
# command line; Debian's initramfs mounted /dev/vda as the root and
# moved /dev, /proc, /sys and /run onto it).  It mounts the payload
# disk (/dev/vdb, built afresh by image.sh for every run) on /xlate,
# runs /xlate/test.sh and powers the machine off.  This file is baked
# into the cached root filesystem, so it stays small and generic: all
# the checks live in the payload.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH

mnt() {
	mountpoint -q "$3" 2>/dev/null || mount -t "$1" "$2" "$3"
}
mnt proc proc /proc
mnt sysfs sysfs /sys
mnt devtmpfs devtmpfs /dev
mnt tmpfs tmpfs /run
mnt tmpfs tmpfs /tmp
# Kernel messages would interleave with the result lines on the console.
dmesg -n 1 2>/dev/null
echo "xlate-distro-init: $(uname -r) $(uname -m)"

mkdir -p /xlate
if mount -o ro /dev/vdb /xlate && [ -f /xlate/test.sh ]; then
	sh /xlate/test.sh </dev/null 2>&1
	echo "xlate-distro-init: test.sh exited $?"
else
	echo "XLATE-DISTRO-NO-PAYLOAD"
fi
echo XLATE-DISTRO-DONE
sync
echo o >/proc/sysrq-trigger
sleep 30
