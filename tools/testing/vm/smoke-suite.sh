#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Stand-in suite, installed as /xlate/suite/00-smoke.sh only while
# tools/testing/e2e/suite/ has no numbered scripts: proves the plumbing.

ok() { echo "PASS: ${XLATE_PREFIX:-e2e}/$XLATE_TARGET/smoke-$1"; }
ko() { n=$1; shift; echo "FAIL: ${XLATE_PREFIX:-e2e}/$XLATE_TARGET/smoke-$n: $*"; }

if [ -d /sys/module/xlate ]; then ok module-loaded; else ko module-loaded "no /sys/module/xlate"; fi

rt=$(cat /sys/module/xlate/parameters/runtime 2>&1)
if [ "$rt" = /usr/bin/qemu-x86_64-static ]; then
	ok runtime-param
else
	ko runtime-param "runtime is '$rt'"
fi

if out=$(/usr/bin/qemu-x86_64-static /x86/busybox echo hi 2>&1) && [ "$out" = hi ]; then
	ok qemu-user-runs
else
	ko qemu-user-runs "$out"
fi

if out=$(/usr/bin/qemu-x86_64-static /x86/lscpu 2>&1); then
	ok qemu-user-dynamic
else
	ko qemu-user-dynamic "$(echo "$out" | tail -n 2)"
fi

if out=$(lscpu 2>&1); then ok native-lscpu; else ko native-lscpu "$out"; fi

if out=$(/x86/busybox echo hi 2>&1) && [ "$out" = hi ]; then
	ok x86-exec
else
	ko x86-exec "$(echo "$out" | tail -n 2 | tr "\n" " ")"
fi
