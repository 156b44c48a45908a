#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make stress`: tools/testing/stress/suite/50-stress.sh in a 4-vCPU VM,
# then the debug tier's scan suite (rmmod, kmemleak scan, kernel-log
# scan).  Result lines: PASS:/FAIL: stress/<target>/<name>.
#
# Environment:
#   STRESS_KERNEL  debug (default: the check-debug kernel, target
#                  6.12-debug-arm64) or debian (Debian's 6.12, target
#                  6.12-arm64; it has no kmemleak, so that check is
#                  reported as skipped)
#   STRESS_EXECS   translated execs in all (default 10000)
#   STRESS_QEMU_EXECS  of which through qemu-x86_64-static (default a
#                  tenth, at most 200; the rest go through stub-runtime)
#   STRESS_PAR     parallel exec shells (default 4)
#   STRESS_RELOAD_MS  mean time xlate stays loaded between reloads
#                  (default 500; each pause is 1/5 to 9/5 of it)
#   STRESS_SMP     vCPUs (default 4)
#   STRESS_TIMEOUT seconds for the whole boot (default 10800)
# Output: build/stress/<target>/console.log.
# See Documentation/testing-debug.rst.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)
vm=$repo/tools/testing/vm
prefix=stress
execs=${STRESS_EXECS:-10000}
par=${STRESS_PAR:-4}
case ${STRESS_KERNEL:-debug} in
debug) target=6.12-debug-arm64 ;;
debian) target=6.12-arm64 ;;
*) echo "FAIL: $prefix/setup: STRESS_KERNEL must be debug or debian" ; exit 1 ;;
esac
export XLATE_BUILD=$repo/build/stress
out=$XLATE_BUILD/$target
mkdir -p "$out"

fail() {
	echo "FAIL: $prefix/$target/$1: $2"
	exit 1
}

reload_ms=${STRESS_RELOAD_MS:-500}
[[ $execs =~ ^[0-9]+$ && $par =~ ^[1-9][0-9]*$ && $reload_ms =~ ^[1-9][0-9]*$ ]] ||
	fail setup "STRESS_EXECS, STRESS_PAR and STRESS_RELOAD_MS must be numbers"
# The counting phase takes a tenth of the execs, at most 1000.
b_execs=$((execs / 10 < 1000 ? execs / 10 : 1000))
q_execs=${STRESS_QEMU_EXECS:-$((execs / 10 < 200 ? execs / 10 : 200))}
if ! [[ $q_execs =~ ^[0-9]+$ ]] || ((q_execs + b_execs > execs)); then
	fail setup "STRESS_QEMU_EXECS must be a number of at most $((execs - b_execs))"
fi

start=$SECONDS
if [ "$target" = 6.12-debug-arm64 ] &&
	! "$repo/tools/testing/debug/build-kernel.sh" 2>"$out/kernel.log"; then
	cat "$out/kernel.log" >&2
	fail kernel-build "$(tail -n 1 "$out/kernel.log" | cut -c1-300)"
fi
# Without the KUnit suites: they would run again at every reload.
if ! ko=$("$vm/build-module.sh" "$target" 2>"$out/module.log"); then
	tail -n 30 "$out/module.log" >&2
	fail build-module "kmod/ does not build for $target (see $out/module.log)"
fi

extra=$XLATE_BUILD/extra
rm -rf "$extra"
mkdir -p "$extra"
if ! nice make -C "$here/progs" OUT="$extra" >"$out/progs.log" 2>&1; then
	tail -n 20 "$out/progs.log" >&2
	fail progs "tools/testing/stress/progs does not build (see $out/progs.log)"
fi
cat >"$extra/stress.conf" <<EOF
STRESS_EXECS=$execs
STRESS_PAR=$par
STRESS_B_EXECS=$b_execs
STRESS_QEMU_EXECS=$q_execs
STRESS_RELOAD_MS=$reload_ms
EOF

rc=0
XLATE_VM_SUITES="$here/suite $repo/tools/testing/debug/suite-scan" \
XLATE_VM_EXTRA=$extra \
XLATE_VM_SMP=${STRESS_SMP:-4} \
XLATE_VM_MEM=${XLATE_VM_MEM:-2048} \
XLATE_VM_TIMEOUT=${STRESS_TIMEOUT:-10800} \
XLATE_SUITE_TIMEOUT=${STRESS_TIMEOUT:-10800} \
	"$vm/vm-run.sh" "$target" "$prefix" "$ko" "$out" ||
	rc=$?
echo "stress/$target: $execs execs, wall time $((SECONDS - start))s" >&2
exit $rc
