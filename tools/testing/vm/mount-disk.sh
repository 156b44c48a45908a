#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Runs inside the VM (as /xlate/mount-disk.sh): mount the read-only
# squashfs disk that qemu.sh attaches for XLATE_VM_DISK (serial
# xlate-disk) on DIR, read-only, nodev, nosuid.  Already mounted there:
# nothing to do.  Exits 1 with the reason on stderr.
# Usage: mount-disk.sh DIR

dir=$1
[ -n "$dir" ] || { echo "usage: mount-disk.sh DIR" >&2; exit 2; }
grep -q " $dir squashfs " /proc/mounts && exit 0

# virtio_pci is a module on 6.1 and built in on 6.12.
for m in virtio_pci virtio_blk squashfs; do
	modprobe -q "$m" 2>/dev/null
done
dev=
n=50
while [ "$n" -gt 0 ]; do
	for s in /sys/block/vd*/serial; do
		[ -r "$s" ] && [ "$(cat "$s")" = xlate-disk ] || continue
		dev=/dev/$(basename "$(dirname "$s")")
	done
	[ -n "$dev" ] && [ -b "$dev" ] && break
	sleep 0.1
	n=$((n - 1))
done
if [ -z "$dev" ] || [ ! -b "$dev" ]; then
	echo "no disk with serial xlate-disk (qemu.sh attaches XLATE_VM_DISK;" \
		"block devices: $(ls /sys/block | tr '\n' ' '))" >&2
	exit 1
fi
mkdir -p "$dir"
if ! out=$(mount -t squashfs -o ro,nodev,nosuid "$dev" "$dir" 2>&1); then
	echo "mount -t squashfs $dev $dir: $out" >&2
	exit 1
fi
