#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# /usr/local/sbin/xlate-distro-run of the check-distro image, started by
# xlate-distro.service (xlate-distro.service in this folder) when the
# kernel command line has systemd.wants=xlate-distro.service; a normal
# boot of the image never runs it.  It mounts the payload disk
# (/dev/vdb, built afresh by image.sh for every run) read-only on
# /xlate, runs /xlate/test.sh, which reads its stage from the kernel
# command line, and powers the machine off.  This file and the unit are
# baked into the cached root filesystem, so they stay small and
# generic: all the checks live in the payload.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH

echo "xlate-distro-run: $(uname -r) $(uname -m), PID 1 is $(cat /proc/1/comm)"
i=0
while [ ! -b /dev/vdb ] && [ "$i" -lt 60 ]; do
	sleep 1
	i=$((i + 1))
done
mkdir -p /xlate
if { mountpoint -q /xlate || mount -o ro /dev/vdb /xlate; } &&
	[ -f /xlate/test.sh ]; then
	sh /xlate/test.sh </dev/null 2>&1
	echo "xlate-distro-run: test.sh exited $?"
else
	echo "XLATE-DISTRO-NO-PAYLOAD"
fi
echo XLATE-DISTRO-DONE
sync
# A clean shutdown: boot 1's writes (dpkg, DKMS) must reach the disk.
systemctl poweroff --no-block || echo o >/proc/sysrq-trigger
