#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A runtime run of the end-to-end tier: boot one arm64 target with the
# suites of e2e/runtime/ configured for one real runtime (qemu7 =
# bookworm's qemu-user-static 7.2, qemu10 = trixie's qemu-user 10,
# box64 = trixie's box64 0.3.4, qemu11 = sid's qemu-user 11, box64sid =
# sid's box64 0.4.3) and re-print its result lines, which read
#   PASS: e2e/<target>/<runtime>/<check>
# Exits 1 when anything failed.  The sid runtimes run only the suites
# measured with them (e2e/runtime/60-cpuid.sh).
# Usage: tools/testing/e2e/runtime.sh TARGET RUNTIME
# Console log: build/e2e/<target>-<runtime>/console.log
# XLATE_VM_SUITES replaces e2e/runtime/ (as for e2e/run.sh).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
vm=$here/../vm
. "$vm/target-env.sh"
[ $# -eq 2 ] || vm_die "usage: $0 TARGET qemu7|qemu10|qemu11|box64|box64sid"
target=$1 rt=$2
out=$XLATE_BUILD/e2e/$target-$rt
mkdir -p "$out"
suites=$here/runtime
case $rt in
qemu7 | qemu10 | box64) ;;
qemu11 | box64sid)
	suites=$out/suites
	rm -rf "$suites" && mkdir -p "$suites"
	cp "$here/runtime/60-cpuid.sh" "$suites/"
	;;
*) vm_die "unknown runtime '$rt' (qemu7, qemu10, qemu11, box64, box64sid)" ;;
esac

fail() {
	echo "FAIL: e2e/$target/$rt/$1: $2"
	exit 1
}

if [ -n "${XLATE_E2E_KO:-}" ]; then
	ko=$XLATE_E2E_KO
elif ! ko=$("$vm/build-module.sh" "$target" 2>"$out/module.log"); then
	tail -n 30 "$out/module.log" >&2
	fail build-module "kmod/ does not build for $target (see $out/module.log)"
fi
# vm-run.sh's own lines (initramfs, boot) name no runtime: add it.
rc=0
XLATE_VM_RUNTIME=$rt XLATE_VM_SUITES=${XLATE_VM_SUITES:-$suites} \
	"$vm/vm-run.sh" "$target" e2e "$ko" "$out" |
	sed -E "s#^(PASS|FAIL): e2e/$target/(qemu7/|qemu10/|qemu11/|box64/|box64sid/)?#\\1: e2e/$target/$rt/#" ||
	rc=$?
exit "$rc"
