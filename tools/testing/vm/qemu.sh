#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot an arm64 target's kernel with an initramfs under QEMU (TCG).
# Usage: qemu.sh TARGET INITRD MODE [LOG]
# MODE: test | demo (time-limited, non-interactive) or shell.
# The console goes to stdout and, when LOG is given, to LOG.
# XLATE_VM_TIMEOUT (seconds, default 900) limits test and demo runs.
# XLATE_VM_SMP (default 2) and XLATE_VM_MEM (MiB, default 1024) size the
# machine; XLATE_VM_APPEND is added to the kernel command line.
# XLATE_VM_CPU (default max,pauth-impdef=on: QEMU's default pointer
# authentication algorithm, QARMA5, is very slow to emulate and Debian
# builds kernel and userland with branch protection) is QEMU's -cpu;
# XLATE_VM_QEMU_ARGS (split at spaces) is added to QEMU's arguments.
# XLATE_VM_DISK=IMAGE attaches a raw disk image read-only as a virtio
# disk with serial xlate-disk (the VM finds it by that serial in
# /sys/block/vd*/serial); e2e/run.sh and demo.sh attach the amd64 root
# file system this way.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/target-env.sh"
[ $# -ge 3 ] && [ $# -le 4 ] || vm_die "usage: $0 TARGET INITRD MODE [LOG]"
vm_load_target "$1"
initrd=$2 mode=$3 log=${4:-/dev/null}
[ -r "$initrd" ] || vm_die "no initrd $initrd"

# log_buf_len: the suites count lines of the kernel log, and a debug
# kernel's 256 KiB ring wraps within one run (a count then goes down).
append="console=ttyAMA0 panic=-1 panic_on_warn=0 quiet log_buf_len=16M xlatetest.mode=$mode"
[ -n "${XLATE_VM_APPEND:-}" ] && append+=" $XLATE_VM_APPEND"
[ -n "${XLATE_SUITE_TIMEOUT:-}" ] &&
	append+=" xlatetest.suite_timeout=$XLATE_SUITE_TIMEOUT"
cmd=(qemu-system-aarch64 -M virt -cpu "${XLATE_VM_CPU:-max,pauth-impdef=on}" -smp "${XLATE_VM_SMP:-2}" -m "${XLATE_VM_MEM:-1024}" -nic none
	-nographic -no-reboot -kernel "$VMLINUZ" -initrd "$initrd"
	-append "$append")
if [ -n "${XLATE_VM_DISK:-}" ]; then
	[ -r "$XLATE_VM_DISK" ] || vm_die "XLATE_VM_DISK: cannot read $XLATE_VM_DISK"
	# shellcheck disable=SC2054 # QEMU's own commas
	cmd+=(-drive "file=$XLATE_VM_DISK,if=none,id=xdisk,format=raw,readonly=on"
		-device virtio-blk-pci,drive=xdisk,serial=xlate-disk)
fi
# shellcheck disable=SC2206 # split on purpose
[ -n "${XLATE_VM_QEMU_ARGS:-}" ] && cmd+=(${XLATE_VM_QEMU_ARGS})

case $mode in
shell)
	exec "${cmd[@]}"
	;;
test | demo)
	# No terminal on stdin: QEMU's stdio console must not read it.
	timeout --foreground -k 10 "${XLATE_VM_TIMEOUT:-900}" \
		"${cmd[@]}" </dev/null 2>&1 | tee "$log"
	exit "${PIPESTATUS[0]}"
	;;
*)
	vm_die "unknown mode '$mode' (test, demo, shell)"
	;;
esac
