#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run the end-to-end tier for one arm64 target: build xlate.ko, the test
# programs and the initramfs, boot QEMU in test mode and re-print the
# PASS/FAIL lines from its console.  Exits 1 when anything failed.
# Usage: tools/testing/e2e/run.sh TARGET
# Console log: build/e2e/<target>/console.log
# XLATE_E2E_KO=path: boot that module instead of building kmod/ (for
# working on the harness itself).
set -euo pipefail

vm=$(cd "$(dirname "$0")/../vm" && pwd)
. "$vm/target-env.sh"
[ $# -eq 1 ] || vm_die "usage: $0 TARGET"
target=$1
out=$XLATE_BUILD/e2e/$target
mkdir -p "$out"
log=$out/console.log

fail() {
	echo "FAIL: e2e/$target/$1: $2"
	exit 1
}

# Everything before the boot logs to build.log; its tail explains a FAIL.
: >"$out/build.log"
if [ -n "${XLATE_E2E_KO:-}" ]; then
	ko=$XLATE_E2E_KO
	echo "e2e/$target: using XLATE_E2E_KO=$ko, not kmod/" >&2
elif ! ko=$("$vm/build-module.sh" "$target" 2>"$out/build.log"); then
	tail -n 30 "$out/build.log" >&2
	fail build-module "kmod/ does not build for $target (see $out/build.log)"
fi
if ! "$vm/mkinitramfs.sh" "$target" "$out/initramfs.cpio.gz" "$ko" \
	>/dev/null 2>>"$out/build.log"; then
	tail -n 30 "$out/build.log" >&2
	fail initramfs "mkinitramfs.sh failed (see $out/build.log)"
fi

start=$(date +%s)
rc=0
"$vm/qemu.sh" "$target" "$out/initramfs.cpio.gz" test "$log" \
	>/dev/null 2>&1 || rc=$?
secs=$(( $(date +%s) - start ))

# Result lines may carry console noise before them (a kernel message
# printed mid-line) and a CR after them.
results=$(tr -d '\r' <"$log" | grep -Eo '(PASS|FAIL): e2e/.*' || true)
[ -z "$results" ] || echo "$results"
failed=0
grep -q '^FAIL: ' <<<"$results" && failed=1

if ! tr -d '\r' <"$log" | grep -q '^XLATE-E2E-DONE$'; then
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		why="timed out after ${secs}s"
	elif tr -d '\r' <"$log" | grep -q 'Kernel panic'; then
		why="kernel panic: $(tr -d '\r' <"$log" | grep -m1 -o 'Kernel panic.*')"
	else
		why="QEMU exited ($rc) after ${secs}s"
	fi
	echo "FAIL: e2e/$target/boot: no XLATE-E2E-DONE, $why (log $log)"
	echo "--- last 30 console lines of $target ---" >&2
	tail -n 30 "$log" | tr -d '\r' >&2
	failed=1
fi
echo "e2e/$target: boot to done ${secs}s" >&2
exit $failed
