#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make bench`: for each kernel of the matrix (BENCH_TARGETS, default
# 6.1-arm64 6.12-arm64 sid-arm64 sid-16k-arm64), build xlate.ko, the
# benchmark programs and an initramfs, boot the arm64 VM, run
# tools/testing/bench/suite/ in it and print the results table and the
# machine-readable "bench:" line; a target whose cached env is missing
# is skipped with a SKIP line that says why.  Last, one summary line per
# kernel.  See Documentation/benchmarks.rst.  Benchmarks do not pass or
# fail: the exit status is non-zero only when a benchmark could not run.
#
# Knobs: BENCH_TARGET (one target only, no summary), BENCH_KO (with
# BENCH_TARGET: boot that module instead of building kmod/), BENCH_ROUNDS (7
# native rounds), BENCH_XROUNDS (5 translated rounds), BENCH_N_EXEC
# (100), BENCH_N_XEXEC (5), BENCH_N_UNAME (50000), BENCH_N_CPUINFO
# (1000), BENCH_N_HOLD (200), BENCH_HOLD_REPEAT (5),
# BENCH_MEASURE_DISARM (1), BENCH_CLOCK (icount: QEMU -icount shift=0,
# the guest's clock counts 1 ns per instruction, so the figures do not
# depend on host load; wall: real time), XLATE_VM_SMP (2), XLATE_VM_CPU
# (max,pauth-impdef=on: QARMA5 pointer authentication, QEMU's default
# for -cpu max, makes TCG several times slower than real hardware).
# Output: build/bench/<target>/{console.log,build.log,result.txt}
# (BENCH_BUILD replaces build/bench).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
vm=$(cd "$here/../vm" && pwd)

# The matrix: each target in turn, in a process of its own.
if [ -z "${BENCH_TARGET:-}" ]; then
	cache=${XLATE_CACHE:-$HOME/.cache/xlate}
	summary='' rc=0
	tmp=$(mktemp)
	trap 'rm -f "$tmp"' EXIT
	for t in ${BENCH_TARGETS:-6.1-arm64 6.12-arm64 sid-arm64 sid-16k-arm64}; do
		if [ ! -r "$cache/targets/$t/env" ]; then
			line="SKIP: bench/$t: no $cache/targets/$t/env (run tools/testing/lib/fetch-deps.sh)"
			echo "$line"
			summary+="$line"$'\n'
			continue
		fi
		echo "=== bench/$t"
		r=0
		BENCH_TARGET=$t "$0" | tee "$tmp" || r=$?
		[ "$r" -eq 0 ] || rc=1
		line=$(grep -Eo 'bench: native_exec=.*' "$tmp" | tail -n 1 || true)
		hooks=$(sed -n 's/.*, hooks: \([a-z+]*\)$/\1/p' "$tmp" | head -n 1)
		if [ -n "$line" ]; then
			summary+="bench/$t (${hooks:-unknown}): $line"$'\n'
		else
			summary+="FAIL: bench/$t: no bench: line (exit $r)"$'\n'
		fi
	done
	echo "=== summary"
	printf '%s' "$summary"
	exit "$rc"
fi
# A build directory of our own: the module, initramfs and e2e programs
# are built under $XLATE_BUILD/vm and $XLATE_BUILD/e2e, which a
# concurrent e2e run would otherwise share.
export XLATE_BUILD=${BENCH_BUILD:-$(cd "$here/../../.." && pwd)/build/bench}
# shellcheck source=SCRIPTDIR/../vm/target-env.sh
. "$vm/target-env.sh"
target=$BENCH_TARGET
vm_load_target "$target"
out=$XLATE_BUILD/$target
extra=$out/extra
log=$out/console.log
mkdir -p "$out"

cant_run() {
	echo "FAIL: bench/$target/run: $*"
	exit 1
}

: >"$out/build.log"
if [ -n "${BENCH_KO:-}" ]; then
	ko=$BENCH_KO
	echo "bench/$target: using BENCH_KO=$ko, not kmod/" >&2
elif ! ko=$("$vm/build-module.sh" "$target" 2>"$out/build.log"); then
	tail -n 30 "$out/build.log" >&2
	cant_run "kmod/ does not build for $target (see $out/build.log)"
fi
rm -rf "$extra"
mkdir -p "$extra"
if ! nice make -C "$here/progs" OUT="$extra" >>"$out/build.log" 2>&1; then
	tail -n 30 "$out/build.log" >&2
	cant_run "tools/testing/bench/progs does not build (see $out/build.log)"
fi
cat >"$extra/bench.conf" <<CONF
ROUNDS=${BENCH_ROUNDS:-7}
XROUNDS=${BENCH_XROUNDS:-5}
N_EXEC=${BENCH_N_EXEC:-100}
N_XEXEC=${BENCH_N_XEXEC:-5}
N_UNAME=${BENCH_N_UNAME:-50000}
N_CPUINFO=${BENCH_N_CPUINFO:-1000}
N_HOLD=${BENCH_N_HOLD:-200}
HOLD_REPEAT=${BENCH_HOLD_REPEAT:-5}
MEASURE_DISARM=${BENCH_MEASURE_DISARM:-1}
CONF
case ${BENCH_CLOCK:=icount} in
icount) qemu_args="-icount shift=0" ;;
wall) qemu_args= ;;
*) cant_run "BENCH_CLOCK must be icount or wall, not '$BENCH_CLOCK'" ;;
esac
echo "CLOCK=$BENCH_CLOCK" >>"$extra/bench.conf"

if ! XLATE_VM_SUITES=$here/suite XLATE_VM_EXTRA=$extra XLATE_VM_PREFIX=bench \
	"$vm/mkinitramfs.sh" "$target" "$out/initramfs.cpio.gz" "$ko" \
	>/dev/null 2>>"$out/build.log"; then
	tail -n 30 "$out/build.log" >&2
	cant_run "mkinitramfs.sh failed (see $out/build.log)"
fi

echo "bench/$target: booting" >&2
start=$(date +%s)
rc=0
XLATE_VM_QEMU_ARGS="${XLATE_VM_QEMU_ARGS:-} $qemu_args" \
XLATE_VM_CPU=${XLATE_VM_CPU:-max,pauth-impdef=on} \
XLATE_SUITE_TIMEOUT=${XLATE_SUITE_TIMEOUT:-1800} \
	XLATE_VM_TIMEOUT=${XLATE_VM_TIMEOUT:-2000} \
	"$vm/qemu.sh" "$target" "$out/initramfs.cpio.gz" test "$log" \
	>/dev/null 2>&1 || rc=$?
secs=$(( $(date +%s) - start ))
echo "bench/$target: boot to power-off ${secs}s" >&2

clean=$(tr -d '\r' <"$log")
# Only the FAIL lines matter: the init adds checks of its own (modprobe,
# dmesg-clean) that fail the run when the kernel found a bug.
fails=$(grep -Eo 'FAIL: bench/.*' <<<"$clean" || true)
table=$(sed -n '/^BENCH-TABLE-BEGIN$/,/^BENCH-TABLE-END$/p' <<<"$clean" |
	sed '1d;$d')
line=$(grep -Eo 'bench: native_exec=.*' <<<"$clean" | tail -n 1 || true)
{
	[ -z "$table" ] || echo "$table"
	[ -z "$line" ] || echo "$line"
} >"$out/result.txt"

[ -z "$fails" ] || echo "$fails"
if ! grep -q '^XLATE-E2E-DONE$' <<<"$clean"; then
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		why="timed out after ${secs}s"
	else
		why="QEMU exited ($rc) after ${secs}s"
	fi
	tail -n 30 <<<"$clean" >&2
	cant_run "no XLATE-E2E-DONE, $why (log $log)"
fi
if [ -z "$table" ] || [ -z "$line" ]; then
	cant_run "the VM printed no results table or bench: line (log $log)"
fi
echo "$table"
if sz=$(aarch64-linux-gnu-size "$ko" 2>/dev/null | awk 'NR == 2'); then
	read -r t d b _ <<<"$sz"
	echo "xlate.ko (size): text $t data $d bss $b bytes"
fi
echo "$line"
[ -z "$fails" ] || exit 1
