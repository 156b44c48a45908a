#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make vm`: build xlate.ko and the initramfs for VM_TARGET (default
# 6.12-arm64; or 6.1-arm64) and boot it.  With a terminal on stdin the
# VM runs the demo, then gives an interactive shell; otherwise it runs
# the demo and powers off.
# XLATE_E2E_KO=path boots that module instead of building kmod/.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/target-env.sh"
target=${VM_TARGET:-6.12-arm64}
vm_load_target "$target"
work=$XLATE_BUILD/vm/$target
mkdir -p "$work"

echo "vm: building xlate.ko for $target" >&2
ko=${XLATE_E2E_KO:-}
[ -n "$ko" ] || ko=$("$here/build-module.sh" "$target")
echo "vm: building the initramfs" >&2
initrd=$("$here/mkinitramfs.sh" "$target" "$work/initramfs.cpio.gz" "$ko")

if [ -t 0 ]; then
	echo "vm: booting $target (shell mode; exit the shell to power off," \
		"or Ctrl-A x to kill QEMU)" >&2
	exec "$here/qemu.sh" "$target" "$initrd" shell
fi
echo "vm: booting $target (demo mode)" >&2
exec "$here/qemu.sh" "$target" "$initrd" demo "$work/demo.log"
