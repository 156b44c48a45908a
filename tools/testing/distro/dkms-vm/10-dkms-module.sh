#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Booted by tools/testing/distro/dkms.sh with the xlate.ko that dkms
# built (cross) from the DKMS source tree: the module init loaded with
# `modprobe xlate` must be that one, and it must translate.
. "$(dirname "$0")/lib.sh"

t=dkms-module
want=$(cat /xlate/extra/srcversion 2>/dev/null)
got=$(cat /sys/module/xlate/srcversion 2>/dev/null)
if [ -n "$want" ] && [ "$want" = "$got" ]; then
	pass "$t/is-dkms-build"
else
	fail "$t/is-dkms-build" "srcversion of the loaded module '$got', of dkms's build '$want'"
fi
check_eq "$t/version" "$(cat /xlate/extra/version 2>/dev/null)" \
	"$(cat /sys/module/xlate/version 2>/dev/null)"

before=$(stat_get translated)
out=$("$X86/hello" dkms 2>&1)
check_eq "$t/x86-program-runs" 0 "$?"
check_line "$t/x86-program-argv" "argv[1]=dkms" "$out"
check_eq "$t/x86-program-translated" $((before + 1)) "$(stat_get translated)"
check_eq "$t/x86-uname-m" x86_64 "$("$X86/uname-m" 2>&1)"
