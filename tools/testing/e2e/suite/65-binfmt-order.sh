#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Order against binfmt_misc.  Both insert their handler at the head of
# the kernel's format list, so the one loaded last is asked first.
# xlate.ko carries a softdep that makes modprobe load binfmt_misc
# first; when binfmt_misc comes later anyway, xlate warns, binfmt_misc's
# x86-64 registration really does take the execs, and reloading xlate
# puts it first again.  (busybox modprobe, this VM's, ignores softdeps:
# it is what makes the late case reproducible here.)
. "$(dirname "$0")/lib.sh"

t=binfmt-order
BINFMT=/proc/sys/fs/binfmt_misc
ENTRY=$BINFMT/order-x86
KO=$(find /lib/modules -name 'xlate.ko*' | head -n 1)

if grep -aq 'softdep=pre: binfmt_misc' "$KO"; then
	pass "$t/softdep"
else
	fail "$t/softdep" "no 'softdep=pre: binfmt_misc' in the modinfo of $KO"
fi

# Start with binfmt_misc unloaded (60-xlatectl may have loaded it).
umount "$BINFMT" 2>/dev/null
rmmod binfmt_misc 2>/dev/null
if grep -q binfmt_misc /proc/filesystems; then
	fail "$t/setup" "binfmt_misc cannot be unloaded (built in, or in use)"
	exit 0
fi

warn="binfmt_misc was loaded after xlate"
before=$(dmesg_count "$warn")
modprobe binfmt_misc
check_eq "$t/late-load-warns" $((before + 1)) "$(dmesg_count "$warn")"

mount -t binfmt_misc binfmt_misc "$BINFMT"
printf '%s' ':order-x86:M::\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00:\xff\xff\xff\xff\xff\xfe\xfe\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/usr/bin/qemu-x86_64-static:' >"$BINFMT/register"
if [ ! -f "$ENTRY" ]; then
	fail "$t/setup" "cannot register $ENTRY"
	exit 0
fi

# binfmt_misc, now ahead of xlate, takes the exec: it runs, but xlate
# does not count it.
n=$(stat_get translated)
out=$("$X86/hello" late 2>&1)
check_line "$t/late-runs-via-binfmt_misc" "argv[1]=late" "$out"
check_eq "$t/late-not-translated-by-xlate" "$n" "$(stat_get translated)"

# Reloading xlate puts it ahead again (and does not warn).
params="runtime=$(cat "$PARAMS/runtime")"
before=$(dmesg_count "$warn")
if rmmod xlate && modprobe xlate "$params"; then
	n=$(stat_get translated)
	out=$("$X86/hello" reloaded 2>&1)
	check_line "$t/reload-runs" "argv[1]=reloaded" "$out"
	check_eq "$t/reload-translated-by-xlate" $((n + 1)) "$(stat_get translated)"
	check_eq "$t/reload-no-warning" "$before" "$(dmesg_count "$warn")"
else
	fail "$t/reload" "rmmod/modprobe xlate failed"
fi

echo -1 >"$ENTRY"
