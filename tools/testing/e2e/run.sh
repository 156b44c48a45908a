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

fail() {
	echo "FAIL: e2e/$target/$1: $2"
	exit 1
}

if [ -n "${XLATE_E2E_KO:-}" ]; then
	ko=$XLATE_E2E_KO
	echo "e2e/$target: using XLATE_E2E_KO=$ko, not kmod/" >&2
elif ! ko=$("$vm/build-module.sh" "$target" 2>"$out/module.log"); then
	tail -n 30 "$out/module.log" >&2
	fail build-module "kmod/ does not build for $target (see $out/module.log)"
fi
exec "$vm/vm-run.sh" "$target" e2e "$ko" "$out"
