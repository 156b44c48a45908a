#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run the end-to-end tier for one arm64 target: build xlate.ko, the test
# programs and the initramfs, boot QEMU in test mode and re-print the
# PASS/FAIL lines from its console.  Exits 1 when anything failed.
# Usage: tools/testing/e2e/run.sh [--set NAME] TARGET
# --set NAME: only the suite files listed in tools/testing/e2e/sets/NAME
# (e.g. core); the result names are those of the full run.
# Console log: build/e2e/<target>/console.log
# XLATE_E2E_KO=path: boot that module instead of building kmod/ (for
# working on the harness itself).
# XLATE_CONTAINER_RUNTIMES: the runtimes the container suite
# (e2e/container/, a Debian amd64 root on a disk) runs under; default
# "qemu7" on 6.12-arm64 and none on other targets; empty: no container
# suite and no disk.
set -euo pipefail

vm=$(cd "$(dirname "$0")/../vm" && pwd)
. "$vm/target-env.sh"
set_name=
if [ "${1:-}" = --set ]; then
	set_name=${2:?usage: $0 [--set NAME] TARGET}
	shift 2
fi
[ $# -eq 1 ] || vm_die "usage: $0 [--set NAME] TARGET"
target=$1
out=$XLATE_BUILD/e2e/$target
mkdir -p "$out"

fail() {
	echo "FAIL: e2e/$target/$1: $2"
	exit 1
}

# A named set: copy its suite files into one directory for the VM.
if [ -n "$set_name" ]; then
	dir=$out/suite-$set_name
	(vm_suite_set "$set_name" "$dir") ||
		fail "set-$set_name" "cannot copy the suites of set $set_name"
	export XLATE_VM_SUITES="$dir${XLATE_VM_SUITES:+ $XLATE_VM_SUITES}"
	echo "e2e/$target: suite set $set_name: $(cd "$dir" && echo *.sh)" >&2
fi

if [ -n "${XLATE_E2E_KO:-}" ]; then
	ko=$XLATE_E2E_KO
	echo "e2e/$target: using XLATE_E2E_KO=$ko, not kmod/" >&2
elif ! ko=$("$vm/build-module.sh" "$target" 2>"$out/module.log"); then
	tail -n 30 "$out/module.log" >&2
	fail build-module "kmod/ does not build for $target (see $out/module.log)"
fi
# The container suite: its directory next to the suites, and the amd64
# root file system as the VM's disk (the suite reports a missing one).
if [ -z "${XLATE_CONTAINER_RUNTIMES+set}" ]; then
	XLATE_CONTAINER_RUNTIMES=
	[ "$target" = 6.12-arm64 ] && XLATE_CONTAINER_RUNTIMES=qemu7
fi
export XLATE_CONTAINER_RUNTIMES
if [ -n "$XLATE_CONTAINER_RUNTIMES" ]; then
	e2e=$(cd "$(dirname "$0")" && pwd)
	export XLATE_VM_SUITES="${XLATE_VM_SUITES:-$e2e/suite} $e2e/container"
	# Nested TCG: the suite takes 2-4 min more per runtime.
	export XLATE_VM_TIMEOUT=${XLATE_VM_TIMEOUT:-1500}
	if [ -z "${XLATE_VM_DISK:-}" ] && [ -r "$XLATE_CACHE/amd64-root.env" ]; then
		XLATE_VM_DISK=$(. "$XLATE_CACHE/amd64-root.env" && echo "$AMD64_ROOT_IMG")
		export XLATE_VM_DISK
	fi
fi
exec "$vm/vm-run.sh" "$target" e2e "$ko" "$out"
