#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make check-distro`: the built xlate-dkms and xlatectl packages
# installed into a Debian arm64 system booted under QEMU (TCG) with
# systemd; after a reboot systemd loads xlate and registers qemu-user's
# binfmt_misc entry, and x86-64 programs must still go to xlate.  Slow
# (the module is built by DKMS inside the VM), so it is not part of
# `make check`.
# Documentation/testing-distro.rst describes it, with timings.
#
#   1. host packages it alone needs (mmdebstrap, qemu-user-static,
#      arch-test, qemu-utils) are installed with apt when missing; the
#      target description comes from tools/testing/lib/fetch-deps.sh
#   2. image/rootfs.sh: the cached root filesystem (mmdebstrap, second
#      stage on this host through qemu-user binfmt), Debian's kernel KVER
#      of the 6.12-arm64 target and its initramfs
#   3. the packages, built as debs.sh builds them (dpkg-buildpackage -A,
#      and -B -aarm64 -Ppkg.xlate.static), or XLATE_DISTRO_DEBS=DIR with
#      xlate-dkms_VERSION_all.deb and xlatectl_VERSION_arm64.deb
#   4. the payload disk (ext4 by mke2fs -d): image/test.sh, the .debs,
#      static x86-64 test programs (tools/testing/e2e/progs) and Debian's
#      x86-64 busybox from the cache
#   5. two boots of one disk, systemd as PID 1: Debian's vmlinuz and
#      initrd.img of the image, root=/dev/vda a qcow2 overlay of the
#      cached image (which stays pristine), payload on /dev/vdb;
#      systemd.wants=xlate-distro.service runs test.sh after
#      multi-user.target.  Boot 1 (xlate_distro_stage=install) installs
#      the packages; boot 2 (xlate_distro_stage=check) is a normal boot
#      in which systemd loads xlate and registers qemu, then the checks
#   6. the VM's PASS:/FAIL: lines re-printed; a check the VM did not
#      report, or a step that could not run, is a FAIL with the reason
#
# Knobs: XLATE_DISTRO_DEBS (see 3), XLATE_DISTRO_TIMEOUT (seconds per
# boot, default 3600), CHECK_FETCH=0 (do not run fetch-deps.sh).
# Output: build/distro/image/ (console-install.log, console-check.log,
# *.log, timings).
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

TARGET=6.12-arm64
P=distro/$TARGET/image
OUT=$DISTRO_OUT/image
# The checks image/test.sh reports in each boot; one not seen is a FAIL.
declare -A CHECKS=(
	[install]="kernel qemu-binfmt-d dpkg-install dkms-installed"
	[check]="systemd-boot modules-load binfmt-qemu runtime-auto x86-hello
		x86-uname x86-cpuinfo cpuinfo-cpuid xlatectl-status units-ok purge
		dmesg-clean"
)
declare -A QRC=()
HOST_PKGS=(mmdebstrap qemu-user-static arch-test qemu-system-arm qemu-utils
	e2fsprogs debhelper dh-dkms fakeroot dpkg-dev file)

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
need_cmds "$P-setup" mmdebstrap qemu-system-aarch64 qemu-img mke2fs gcc \
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
	"$OUT/progs/x86_64/hello" "$OUT/progs/x86_64/uname-m" \
	"$OUT/progs/x86_64/cpuid-check" >"$OUT/progs.log" 2>&1; then
	fail_step payload "x86-64 test programs: $(log_tail "$OUT/progs.log")"
	finish
fi
cp "$OUT/progs/x86_64/hello" "$OUT/progs/x86_64/uname-m" \
	"$OUT/progs/x86_64/cpuid-check" "$pl/x86/"
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

# 5. Boot, twice, from one writable overlay of the cached image.
vm_to=${XLATE_DISTRO_TIMEOUT:-3600}
if ! qemu-img create -q -f qcow2 -b "$ROOTFS/rootfs.img" -F raw \
	"$OUT/overlay.qcow2" >"$OUT/overlay.log" 2>&1; then
	fail_step boot "qemu-img create: $(log_tail "$OUT/overlay.log")"
	finish
fi

# boot STAGE: boot the overlay with systemd; xlate-distro.service runs
# test.sh's STAGE.  Console in console-STAGE.log; qemu's exit status in
# QRC[STAGE].
boot() {
	local stage=$1
	timeout --foreground -k 10 "$vm_to" \
		qemu-system-aarch64 -M virt -cpu max,pauth-impdef=on -smp 2 -m 2048 \
		-nic none -nographic -no-reboot \
		-kernel "$ROOTFS/vmlinuz" -initrd "$ROOTFS/initrd.img" \
		-append "root=/dev/vda rw console=ttyAMA0 panic=-1 quiet systemd.firstboot=off systemd.mask=serial-getty@ttyAMA0.service systemd.wants=xlate-distro.service xlate_distro_stage=$stage" \
		-drive "file=$OUT/overlay.qcow2,format=qcow2,if=virtio" \
		-drive "file=$OUT/payload.img,format=raw,if=virtio,readonly=on" \
		</dev/null >"$OUT/console-$stage.raw" 2>&1
	QRC[$stage]=$?
	tr -d '\r' <"$OUT/console-$stage.raw" >"$OUT/console-$stage.log"
}
echo "image: boot 1 of $KVER: dpkg -i (TCG; the module is built by DKMS in the VM)" >&2
boot install
stamp boot-install
echo "image: boot 2: systemd loads xlate, registers qemu; the checks" >&2
boot check
stamp boot-check

# 6. Results.
for stage in install check; do
	log=$OUT/console-$stage.log
	grep -E "^(PASS|FAIL): $P-" "$log"
	nfail=$((nfail + $(grep -cE "^FAIL: $P-" "$log")))
	qrc=${QRC[$stage]}
	for c in ${CHECKS[$stage]}; do
		grep -qE "^(PASS|FAIL): $P-$c(:|\$)" "$log" && continue
		if grep -q XLATE-DISTRO-NO-PAYLOAD "$log"; then
			why="boot $stage: the VM could not mount the payload disk"
		elif [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
			why="boot $stage: VM killed after ${vm_to}s (XLATE_DISTRO_TIMEOUT)"
		elif ! grep -q XLATE-DISTRO-DONE "$log"; then
			why="boot $stage: VM ended (qemu exit $qrc) before the checks finished: $(tail -n 3 "$log" | tr '\n' ' ')"
		else
			why="boot $stage: not reported by test.sh"
		fi
		fail_step "$c" "$why"
	done
	grep -E '^xlate-distro: ' "$log" >&2
done
finish
