#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot one arm64 target with a given xlate.ko in test mode and re-print
# the result lines of tier PREFIX from its console.  The one boot-and-
# collect step of every tier that boots a VM (e2e, debug, stress, the
# distro tier's DKMS boot).  The VM is set up by the XLATE_VM_* variables
# of this directory's scripts (suites, extra files, size, timeouts).
# Usage: vm-run.sh TARGET PREFIX KO OUTDIR
# Writes OUTDIR/{initramfs.cpio.gz,console.log,build.log}; "info:" lines
# of the VM go to stderr.  Exits 1 when anything failed.
set -euo pipefail

vm=$(cd "$(dirname "$0")" && pwd)
[ $# -eq 4 ] || { echo "usage: $0 TARGET PREFIX KO OUTDIR" >&2; exit 2; }
target=$1 prefix=$2 ko=$3 out=$4
mkdir -p "$out"
log=$out/console.log

fail() {
	echo "FAIL: $prefix/$target/$1: $2"
	exit 1
}

: >"$out/build.log"
if ! XLATE_VM_PREFIX=$prefix "$vm/mkinitramfs.sh" "$target" \
	"$out/initramfs.cpio.gz" "$ko" >/dev/null 2>>"$out/build.log"; then
	tail -n 30 "$out/build.log" >&2
	fail initramfs "mkinitramfs.sh failed (see $out/build.log)"
fi

start=$(date +%s)
rc=0
"$vm/qemu.sh" "$target" "$out/initramfs.cpio.gz" test "$log" \
	>/dev/null 2>&1 || rc=$?
secs=$(($(date +%s) - start))

# Result lines may carry console noise before them and a CR after them.
tr -d '\r' <"$log" | grep -Eo "info: .*" >&2 || true
results=$(tr -d '\r' <"$log" | grep -Eo "(PASS|FAIL|SKIP): $prefix/.*" || true)
[ -z "$results" ] || echo "$results"
failed=0
grep -q '^FAIL: ' <<<"$results" && failed=1

# No "tr | grep -q" under pipefail: grep -q leaving early kills tr
# with SIGPIPE when the log goes on past the match, which read as
# "no XLATE-E2E-DONE" in a run that printed it.
if ! grep -Eq $'^XLATE-E2E-DONE\r?$' "$log"; then
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		why="timed out after ${secs}s"
	elif grep -q 'Kernel panic' "$log"; then
		why="kernel panic: $(grep -a -m1 -o 'Kernel panic.*' "$log" | tr -d '\r')"
	else
		why="QEMU exited ($rc) after ${secs}s"
	fi
	echo "FAIL: $prefix/$target/boot: no XLATE-E2E-DONE, $why (log $log)"
	echo "--- last 30 console lines of $target ---" >&2
	tail -n 30 "$log" | tr -d '\r' >&2
	failed=1
fi
echo "$prefix/$target: boot to done ${secs}s" >&2
exit $failed
