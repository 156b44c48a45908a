#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make check-distro`: the built xlate-dkms and xlatectl packages
# installed into a Debian arm64 system booted under QEMU (TCG), then
# `modprobe xlate` and x86-64 programs there.  Slow (the module is built
# by DKMS inside the VM), so it is not part of `make check`.
# Documentation/testing-distro.rst describes it, with timings.
#
#   1. host packages it alone needs (mmdebstrap, qemu-user-static,
#      arch-test) are installed with apt when missing; the target
#      description comes from tools/testing/lib/fetch-deps.sh
#   2. image/rootfs.sh: the cached root filesystem (mmdebstrap, second
#      stage on this host through qemu-user binfmt), Debian's kernel KVER
#      of the 6.12-arm64 target and its initramfs
#   3. the packages, built as debs.sh builds them (dpkg-buildpackage -A,
#      and -B -aarm64 -Ppkg.xlate.static), or XLATE_DISTRO_DEBS=DIR with
#      xlate-dkms_VERSION_all.deb and xlatectl_VERSION_arm64.deb
#   4. the payload disk (ext4 by mke2fs -d): image/test.sh, the .debs,
#      static x86-64 test programs (tools/testing/e2e/progs) and Debian's
#      x86-64 busybox from the cache
#   5. boot: Debian's vmlinuz and initrd.img of the image, root=/dev/vda
#      (the cached image, snapshot=on so it stays pristine), payload on
#      /dev/vdb, init=/sbin/xlate-distro-init which runs test.sh
#   6. the VM's PASS:/FAIL: lines re-printed; a check the VM did not
#      report, or a step that could not run, is a FAIL with the reason
#
# Knobs: XLATE_DISTRO_DEBS (see 3), XLATE_DISTRO_TIMEOUT (VM seconds,
# default 3600), CHECK_FETCH=0 (do not run fetch-deps.sh).
# Output: build/distro/image/ (console.log, *.log, timings).
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

TARGET=6.12-arm64
P=distro/$TARGET/image
OUT=$DISTRO_OUT/image
# The checks image/test.sh reports; one not seen is a FAIL.
CHECKS=(kernel dpkg-install dkms-installed modprobe runtime-auto x86-hello
	x86-uname x86-cpuinfo xlatectl-status purge dmesg-clean)
HOST_PKGS=(mmdebstrap qemu-user-static arch-test qemu-system-arm e2fsprogs
	debhelper dh-dkms fakeroot dpkg-dev file)

rm -rf "$OUT"
mkdir -p "$OUT"
T0=$(date +%s)
nfail=0

# fail_step NAME REASON: a step that could not run; counts as failure.
fail_step() {
	fail "$P-$1" "$2"
	nfail=$((nfail + 1))
}

# finish: the summary of timings and the exit status.
finish() {
	echo "image: total $(($(date +%s) - T0)) s; timings in $OUT/timings" >&2
	[ "$nfail" -eq 0 ]
	exit
}

stamp() {
	echo "$1 $(($(date +%s) - T0))" >>"$OUT/timings"
}

# 1. Host packages and the target.
host_pkgs() {
	local have missing=() p
	have=$(dpkg-query -W -f='${Package} ${Status}\n' "${HOST_PKGS[@]}" \
		2>/dev/null | awk '/install ok installed/ { print $1 }')
	for p in "${HOST_PKGS[@]}"; do
		grep -qx "$p" <<<"$have" || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" != 0 ]; then
		echo "missing host packages ${missing[*]} (not root: cannot apt-get install)"
		return 1
	fi
	echo "image: apt-get install ${missing[*]}" >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		-o DPkg::Lock::Timeout=600 --no-install-recommends \
		"${missing[@]}" >"$OUT/host-pkgs.log" 2>&1 || {
		echo "apt-get install ${missing[*]} failed: $(log_tail "$OUT/host-pkgs.log")"
		return 1
	}
}
if [ "$(id -u)" != 0 ]; then
	fail_step setup "must run as root (mmdebstrap's second stage, binfmt_misc)"
	finish
fi
if ! why=$(host_pkgs); then
	fail_step setup "$why"
	finish
fi
if [ "${CHECK_FETCH:-1}" != 0 ] &&
	! "$XLATE_ROOT/tools/testing/lib/fetch-deps.sh" >"$OUT/fetch-deps.log" 2>&1; then
	fail_step setup "fetch-deps.sh failed: $(log_tail "$OUT/fetch-deps.log")"
	finish
fi
if ! load_target "$TARGET" 2>"$OUT/env.log"; then
	fail_step setup "$(cat "$OUT/env.log")"
	finish
fi
need_cmds "$P-setup" mmdebstrap qemu-system-aarch64 mke2fs gcc \
	aarch64-linux-gnu-gcc dpkg-buildpackage || { nfail=1; finish; }
busybox_x86=
if [ -r "$XLATE_CACHE/userland.env" ]; then
	# shellcheck disable=SC1091
	busybox_x86=$(. "$XLATE_CACHE/userland.env" && echo "$USERLAND/amd64/bin/busybox")
fi
stamp setup

# 2. Root filesystem.
echo "image: root filesystem for $KVER (cached after the first run)" >&2
if ! bash "$HERE/image/rootfs.sh" "$KVER" "$OUT/rootfs.env" >"$OUT/rootfs.log" 2>&1; then
	fail_step rootfs "image/rootfs.sh failed: $(log_tail "$OUT/rootfs.log")"
	finish
fi
# shellcheck disable=SC1091
. "$OUT/rootfs.env"
stamp rootfs

# 3. Packages: debs.sh's two dpkg-buildpackage commands for what the
# image needs (xlate-dkms, arch all; xlatectl, arm64 cross with the
# static profile), in a staged copy; debs.sh's checks (lintian, ...)
# are the distro tier's job.
version=$(cat "$XLATE_ROOT/VERSION")
debs=${XLATE_DISTRO_DEBS:-$OUT/debs}
if [ -z "${XLATE_DISTRO_DEBS:-}" ]; then
	echo "image: building the packages" >&2
	mkdir -p "$debs"
	stage_source "$debs/src"
	if ! run_logged "$debs/build-all.log" nice env -C "$debs/src" \
		DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc -A 2>/dev/null ||
		! run_logged "$debs/build-arm64.log" nice env -C "$debs/src" \
			DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc -B \
			-aarm64 -Ppkg.xlate.static 2>/dev/null; then
		fail_step debs "dpkg-buildpackage: $(log_tail "$debs/build-all.log") $(log_tail "$debs/build-arm64.log")"
		finish
	fi
fi
dk=$debs/xlate-dkms_${version}_all.deb
ctl=$debs/xlatectl_${version}_arm64.deb
for f in "$dk" "$ctl"; do
	if [ ! -f "$f" ]; then
		fail_step debs "no $f"
		finish
	fi
done
stamp debs

# 4. Payload disk.
pl=$OUT/payload
mkdir -p "$pl/debs" "$pl/x86"
cp "$dk" "$ctl" "$pl/debs/"
install -m 0755 "$HERE/image/test.sh" "$pl/test.sh"
printf 'XLATE_TARGET=%s\nKVER=%s\nVERSION=%s\n' "$TARGET" "$KVER" "$version" >"$pl/env"
if ! nice make -C "$XLATE_ROOT/tools/testing/e2e/progs" OUT="$OUT/progs" \
	"$OUT/progs/x86_64/hello" "$OUT/progs/x86_64/uname-m" >"$OUT/progs.log" 2>&1; then
	fail_step payload "x86-64 test programs: $(log_tail "$OUT/progs.log")"
	finish
fi
cp "$OUT/progs/x86_64/hello" "$OUT/progs/x86_64/uname-m" "$pl/x86/"
if [ -z "$busybox_x86" ] || ! file -b "$busybox_x86" | grep -q 'x86-64'; then
	fail_step payload "no x86-64 busybox in the cache ($busybox_x86; run fetch-deps.sh)"
	finish
fi
install -m 0755 "$busybox_x86" "$pl/x86/busybox"
mb=$(($(du -sm "$pl" | cut -f1) + 16))
if ! mke2fs -q -t ext4 -L xlate-payload -d "$pl" "$OUT/payload.img" "${mb}M" \
	>"$OUT/payload.log" 2>&1; then
	fail_step payload "mke2fs: $(log_tail "$OUT/payload.log")"
	finish
fi
stamp payload

# 5. Boot.
echo "image: booting $KVER (TCG; the module is built by DKMS in the VM)" >&2
vm_to=${XLATE_DISTRO_TIMEOUT:-3600}
timeout --foreground -k 10 "$vm_to" \
	qemu-system-aarch64 -M virt -cpu max,pauth-impdef=on -smp 2 -m 2048 \
	-nic none -nographic -no-reboot \
	-kernel "$ROOTFS/vmlinuz" -initrd "$ROOTFS/initrd.img" \
	-append "root=/dev/vda rw console=ttyAMA0 init=/sbin/xlate-distro-init panic=-1 quiet" \
	-drive "file=$ROOTFS/rootfs.img,format=raw,if=virtio,snapshot=on" \
	-drive "file=$OUT/payload.img,format=raw,if=virtio,readonly=on" \
	</dev/null >"$OUT/console.raw" 2>&1
qrc=$?
tr -d '\r' <"$OUT/console.raw" >"$OUT/console.log"
stamp boot

# 6. Results.
grep -E "^(PASS|FAIL): $P-" "$OUT/console.log"
nfail=$((nfail + $(grep -cE "^FAIL: $P-" "$OUT/console.log")))
for c in "${CHECKS[@]}"; do
	grep -qE "^(PASS|FAIL): $P-$c(:|\$)" "$OUT/console.log" && continue
	if grep -q XLATE-DISTRO-NO-PAYLOAD "$OUT/console.log"; then
		why="the VM could not mount the payload disk"
	elif [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
		why="VM killed after ${vm_to}s (XLATE_DISTRO_TIMEOUT)"
	elif ! grep -q XLATE-DISTRO-DONE "$OUT/console.log"; then
		why="VM ended (qemu exit $qrc) before the checks finished: $(tail -n 3 "$OUT/console.log" | tr '\n' ' ')"
	else
		why="not reported by test.sh"
	fi
	fail_step "$c" "$why"
done
grep -E '^xlate-distro: ' "$OUT/console.log" >&2
finish
