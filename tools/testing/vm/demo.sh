#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make vm`: fetch what it needs (fetch-deps.sh --vm, the code `make
# check` uses; warm: about 1 s), build xlate.ko and the initramfs for
# VM_TARGET (default 6.12-arm64; or 6.1-arm64) and boot it with the
# amd64 Debian root file system as a disk.  With a terminal on stdin
# the VM runs the demo, then gives an interactive shell; otherwise it
# runs the demo and powers off.
# XLATE_E2E_KO=path boots that module instead of building kmod/;
# CHECK_FETCH=0 skips the fetch (offline, cache complete).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/target-env.sh"
target=${VM_TARGET:-6.12-arm64}
t0=$(date +%s)
if [ "${CHECK_FETCH:-1}" != 0 ]; then
	echo "vm: fetch-deps.sh --vm $target (host tools, kernel, userland," \
		"amd64 root; cached in $XLATE_CACHE)" >&2
	XLATE_CACHE=$XLATE_CACHE "$XLATE_ROOT/tools/testing/lib/fetch-deps.sh" \
		--vm "$target" || vm_die "fetch-deps.sh --vm $target failed"
fi
t1=$(date +%s)
vm_load_target "$target"
if [ -z "${XLATE_VM_DISK:-}" ] && [ -r "$XLATE_CACHE/amd64-root.env" ]; then
	XLATE_VM_DISK=$(. "$XLATE_CACHE/amd64-root.env" && echo "$AMD64_ROOT_IMG")
	export XLATE_VM_DISK
fi
work=$XLATE_BUILD/vm/$target
mkdir -p "$work"

echo "vm: building xlate.ko for $target" >&2
ko=${XLATE_E2E_KO:-}
[ -n "$ko" ] || ko=$("$here/build-module.sh" "$target")
echo "vm: building the initramfs" >&2
initrd=$("$here/mkinitramfs.sh" "$target" "$work/initramfs.cpio.gz" "$ko")
t2=$(date +%s)
echo "vm: fetch $((t1 - t0)) s, build $((t2 - t1)) s" >&2

if [ -t 0 ]; then
	echo "vm: booting $target (shell mode; exit the shell to power off," \
		"or Ctrl-A x to kill QEMU)" >&2
	exec "$here/qemu.sh" "$target" "$initrd" shell
fi
echo "vm: booting $target (demo mode)" >&2
rc=0
"$here/qemu.sh" "$target" "$initrd" demo "$work/demo.log" || rc=$?
# The demo runs cpuid-check after its sync: CPUID and /proc/cpuinfo of
# a translated program must agree.
if grep -q '^cpuid-check: 0 differences' "$work/demo.log"; then
	echo "vm: a translated program's CPUID and /proc/cpuinfo agree (cpuid-check: 0 differences)" >&2
else
	echo "vm: FAIL: CPUID and /proc/cpuinfo differ: $(grep -E '^(DIFF|cpuid-check|cpuinfo: not synced)' "$work/demo.log" | head -n 5 | tr '\n' '|')" >&2
	[ "$rc" -ne 0 ] || rc=1
fi
exit "$rc"
