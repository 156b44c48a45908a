#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the test initramfs (cpio.gz) for one arm64 target, laid out as
# the E2E conventions in Documentation/design.rst and /init (init.sh)
# expect.
# Usage: mkinitramfs.sh TARGET OUT [XLATE_KO]
# Without XLATE_KO, build-module.sh builds kmod/.  Pieces that fail to
# build are recorded in /xlate/build-failures; the init turns each into
# a FAIL line, so a broken build never looks green.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/target-env.sh"
[ $# -ge 2 ] && [ $# -le 3 ] || vm_die "usage: $0 TARGET OUT [XLATE_KO]"
vm_load_target "$1"
out=$(realpath -m "$2")
ko=${3:-}
[ -n "$ko" ] || ko=$("$here/build-module.sh" "$XLATE_TARGET")

# A runtime run builds beside the plain one, so both can run at once.
work=$XLATE_BUILD/vm/$XLATE_TARGET${XLATE_VM_RUNTIME:+-$XLATE_VM_RUNTIME}
root=$work/initramfs
arm=$USERLAND/arm64
x86=$USERLAND/amd64
i386=$USERLAND/i386
rm -rf "$root"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,tmp,run,root,etc} \
	"$root"/{x86,i386,xlate/progs,xlate/suite,xlate/extra}

failures=$root/xlate/build-failures
: >"$failures"
build_failed() {
	echo "$1: $2" >>"$failures"
	echo "mkinitramfs: $1: $2" >&2
}

# Busybox (arm64) installs its applet links at boot (busybox --install).
install -m 0755 "$arm/bin/busybox" "$root/bin/busybox"
install -m 0755 "$here/init.sh" "$root/init"
install -m 0755 "$here/demo-in-vm.sh" "$root/xlate/demo.sh"
# The packaged unit: the runtime suite runs the commands it names.
install -m 0644 "$XLATE_ROOT/etc/xlate-cpuinfo-sync.service" "$root/xlate/"
# Result lines read "PASS: <prefix>/<target>/<check>"; XLATE_VM_PREFIX
# (default e2e) names the tier, XLATE_VM_RUNTIME (e2e/runtime.sh) the
# runtime of a runtime run: "PASS: <prefix>/<target>/<runtime>/<check>".
# XLATE_CONTAINER_RUNTIMES, XLATE_CONTAINER_USERNS: the container
# suite's runtimes and its user-namespace set (e2e/run.sh).
printf 'XLATE_TARGET=%s\nXLATE_PREFIX=%s\nXLATE_RUNTIME=%s\nXLATE_CONTAINER_RUNTIMES="%s"\nXLATE_CONTAINER_USERNS=%s\n' \
	"$XLATE_TARGET" "${XLATE_VM_PREFIX:-e2e}" "${XLATE_VM_RUNTIME:-}" \
	"${XLATE_CONTAINER_RUNTIMES:-}" "${XLATE_CONTAINER_USERNS:-lean}" \
	>"$root/etc/xlate-target"
echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
echo 'root:x:0:' >"$root/etc/group"
echo "export PS1='xlate-vm:\w# '" >"$root/etc/profile"
mknod -m 0600 "$root/dev/console" c 5 1
mknod -m 0666 "$root/dev/null" c 1 3

# The runtime and the x86-64 programs.
install -m 0755 "$arm/usr/bin/qemu-x86_64-static" "$root/usr/bin/"
install -m 0755 "$x86/bin/busybox" "$root/x86/busybox"
install -m 0755 "$x86/usr/bin/lscpu" "$root/x86/lscpu"
# runtime32 and the i386 programs (fetch-deps.sh userland), with the i386
# libraries for the dynamic ones.
install -m 0755 "$arm/usr/bin/qemu-i386-static" "$root/usr/bin/"
if [ -x "$i386/bin/busybox" ]; then
	install -m 0755 "$i386/bin/busybox" "$root/i386/busybox"
	install -m 0755 "$i386/usr/bin/lscpu" "$root/i386/lscpu"
	mkdir -p "$root/lib/i386-linux-gnu" "$root/usr/lib/i386-linux-gnu"
	cp -a "$i386/lib/i386-linux-gnu/." "$root/lib/i386-linux-gnu/"
	cp -a "$i386/usr/lib/i386-linux-gnu"/libsmartcols.so.1* \
		"$root/usr/lib/i386-linux-gnu/"
	ln -s i386-linux-gnu/ld-linux.so.2 "$root/lib/ld-linux.so.2"
else
	build_failed i386-userland "no $i386/bin/busybox: run tools/testing/lib/fetch-deps.sh"
fi
# trixie's qemu-user 10 qemu-i386 (static), when its .deb is in the cache
# (the runtimes' fetch): it implements execveat(2), bookworm's 7.2 not.
q10=$(ls -1 "${XLATE_CACHE:-$HOME/.cache/xlate}"/debs/qemu-user_*10.*_arm64.deb \
	2>/dev/null | tail -n 1)
if [ -n "$q10" ]; then
	mkdir -p "$root/opt/qemu10" "$work/q10"
	[ -x "$work/q10/usr/bin/qemu-i386" ] ||
		dpkg-deb --fsys-tarfile "$q10" |
		tar -x -C "$work/q10" ./usr/bin/qemu-i386
	install -m 0755 "$work/q10/usr/bin/qemu-i386" "$root/opt/qemu10/qemu-i386"
fi

# lscpu of both architectures with their libraries at Debian's paths.
# The arm64 glibc is trixie's (fetch-runtimes.sh), not bookworm's:
# box64 needs glibc >= 2.39, and bookworm's arm64 lscpu runs on it too.
rt=$RUNTIMES_ARM64
install -m 0755 "$arm/usr/bin/lscpu" "$root/usr/bin/lscpu"
for pair in "$rt/usr:$arm:aarch64-linux-gnu" "$x86:$x86:x86_64-linux-gnu"; do
	libc=${pair%%:*} rest=${pair#*:}
	src=${rest%%:*} triplet=${rest#*:}
	mkdir -p "$root/lib/$triplet" "$root/usr/lib/$triplet"
	find "$libc/lib/$triplet" -maxdepth 1 ! -type d \
		-exec cp -a {} "$root/lib/$triplet/" \;
	cp -a "$src/usr/lib/$triplet"/libsmartcols.so.1* "$root/usr/lib/$triplet/"
done
ln -s aarch64-linux-gnu/ld-linux-aarch64.so.1 "$root/lib/ld-linux-aarch64.so.1"

# The other real runtimes (fetch-runtimes.sh): trixie's qemu-user 10
# (static) at /opt/qemu10, box64 (dynamic) where its package puts it.
# A runtime run of sid's qemu-user 11 (qemu11) adds it at /opt/qemu11;
# one of sid's box64 0.4.3 (box64sid) puts it where trixie's would be,
# as its package does (it runs on trixie's glibc, fetch-runtimes.sh).
mkdir -p "$root/opt/qemu10"
install -m 0755 "$rt/usr/bin/qemu-x86_64" "$root/opt/qemu10/qemu-x86_64"
box=$rt
case ${XLATE_VM_RUNTIME:-} in
qemu11 | box64sid)
	if [ -z "${RUNTIMES_SID_ARM64:-}" ] ||
		[ ! -x "$RUNTIMES_SID_ARM64/usr/bin/box64" ]; then
		build_failed "runtime-$XLATE_VM_RUNTIME" "no sid runtimes in the cache (RUNTIMES_SID_ARM64): run tools/testing/lib/fetch-runtimes.sh"
	elif [ "$XLATE_VM_RUNTIME" = qemu11 ]; then
		mkdir -p "$root/opt/qemu11"
		install -m 0755 "$RUNTIMES_SID_ARM64/usr/bin/qemu-x86_64" \
			"$RUNTIMES_SID_ARM64/usr/bin/qemu-i386" "$root/opt/qemu11/"
	else
		box=$RUNTIMES_SID_ARM64
	fi
	;;
esac
install -m 0755 "$box/usr/bin/box64" "$root/usr/bin/box64"
install -m 0644 "$box/etc/box64.box64rc" "$root/etc/box64.box64rc"
# Every runtime package's binfmt_misc registration files, as shipped:
# /xlate/binfmt.d/<runtime>/*.conf, runtime qemu7 (bookworm's
# qemu-user-static), qemu10, qemu11, box64 (0.3.4) or box64sid (0.4.3).
if [ -n "${RUNTIMES_BINFMT:-}" ] && [ -d "$RUNTIMES_BINFMT" ]; then
	mkdir -p "$root/xlate/binfmt.d"
	cp -a "$RUNTIMES_BINFMT/." "$root/xlate/binfmt.d/"
else
	build_failed binfmt-d "no runtimes' binfmt.d files in the cache (RUNTIMES_BINFMT): run tools/testing/lib/fetch-runtimes.sh"
fi
mkdir -p "$root/lib64"
ln -s ../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 \
	"$root/lib64/ld-linux-x86-64.so.2"

# Modules: Debian's index files only (nothing else is needed: the virt
# machine's console is built in), xlate.ko, binfmt_misc.ko (for
# comparisons), fuse.ko (a file system that blocks, for the load tests;
# built in on 6.12, a module on 6.1), the read-only disk of XLATE_VM_DISK
# (virtio_blk and squashfs are modules on both kernels, virtio_pci on
# 6.1), then depmod so that busybox modprobe finds them.
mods=$root/lib/modules/$KVER
mkdir -p "$mods/extra"
for f in modules.builtin modules.builtin.modinfo modules.order; do
	cp "$MODDIR/$f" "$mods/"
done
aarch64-linux-gnu-strip --strip-debug -o "$mods/extra/xlate.ko" "$ko"
# copy_module PATH: kernel/PATH.ko from Debian's tree, uncompressed, if
# this kernel has it as a module.
copy_module() {
	local m dst=$mods/kernel/$1.ko
	for m in "$MODDIR/kernel/$1".ko*; do
		[ -e "$m" ] || continue
		mkdir -p "$(dirname "$dst")"
		case $m in
		*.xz) xz -dc "$m" >"$dst" ;;
		*.zst) zstd -qdc "$m" >"$dst" ;;
		*) cp "$m" "$dst" ;;
		esac
	done
}
for m in fs/binfmt_misc fs/fuse/fuse drivers/block/virtio_blk \
	fs/squashfs/squashfs drivers/virtio/virtio_pci \
	drivers/virtio/virtio_pci_modern_dev drivers/virtio/virtio_pci_legacy_dev; do
	copy_module "$m"
done
depmod -b "$root" "$KVER"
install -m 0755 "$here/mount-disk.sh" "$root/xlate/mount-disk.sh"

# Test programs (e2e-suite helper's Makefile).
progs_mk=$XLATE_ROOT/tools/testing/e2e/progs
progs_out=$XLATE_BUILD/e2e/progs
if [ -f "$progs_mk/Makefile" ]; then
	if nice make -C "$progs_mk" OUT="$progs_out" >&2; then
		for a in arm64 x86_64 i386 armhf; do
			[ -d "$progs_out/$a" ] && cp -a "$progs_out/$a" "$root/xlate/progs/"
		done
	else
		build_failed progs-build "make -C tools/testing/e2e/progs failed"
	fi
fi

# Suite scripts: e2e/suite/ by default.  XLATE_VM_SUITES, a list of
# directories, replaces it (the scripts [0-9]*.sh of all of them run in
# the order of their names; e2e/suite/lib.sh is always there for them).
# XLATE_VM_EXTRA, a directory, is copied to /xlate/extra as it is.
suite=$XLATE_ROOT/tools/testing/e2e/suite
cp -a "$suite/lib.sh" "$root/xlate/suite/"
for d in ${XLATE_VM_SUITES:-$suite}; do
	[ -d "$d" ] || vm_die "XLATE_VM_SUITES: no directory $d"
	cp -a "$d/." "$root/xlate/suite/"
done
compgen -G "$root/xlate/suite/[0-9]*.sh" >/dev/null ||
	install -m 0755 "$here/smoke-suite.sh" "$root/xlate/suite/00-smoke.sh"
# The real binfmt_misc registration lines (e2e/suite/27-binfmt-diff.sh).
mkdir -p "$root/xlate/data"
cp -a "$XLATE_ROOT/tools/testing/data/binfmt" "$root/xlate/data/"
if [ -n "${XLATE_VM_EXTRA:-}" ]; then
	[ -d "$XLATE_VM_EXTRA" ] || vm_die "XLATE_VM_EXTRA: no directory $XLATE_VM_EXTRA"
	cp -a "$XLATE_VM_EXTRA/." "$root/xlate/extra/"
fi

# xlatectl, static for arm64.
if [ -f "$XLATE_ROOT/userhelper/Makefile" ]; then
	ctl_out=$work/xlatectl
	mkdir -p "$ctl_out"
	: >"$root/xlate/xlatectl-expected"
	if nice make -C "$XLATE_ROOT/userhelper" CC=aarch64-linux-gnu-gcc \
		LDFLAGS=-static O="$ctl_out" >&2; then
		ctl=
		for c in "$ctl_out/xlatectl" "$XLATE_ROOT/userhelper/xlatectl"; do
			[ -f "$c" ] && { ctl=$c; break; }
		done
		if [ -n "$ctl" ] && file -L "$ctl" | grep -q 'ARM aarch64'; then
			install -m 0755 "$ctl" "$root/usr/sbin/xlatectl"
		else
			build_failed xlatectl-present "no arm64 xlatectl produced"
		fi
	else
		build_failed xlatectl-present "make -C userhelper failed"
	fi
fi

mkdir -p "$(dirname "$out")"
(cd "$root" && find . -mindepth 1 | LC_ALL=C sort |
	cpio --quiet -o -H newc -R 0:0 --reproducible) | gzip -6 >"$out.tmp"
mv "$out.tmp" "$out"
echo "$out"
