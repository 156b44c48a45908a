#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make check-distro`: the built xlate-dkms and xlatectl packages
# installed into Debian arm64 systems, Debian 12 (bookworm, with its
# 6.12 kernel) and Debian 13 (trixie, with its own), booted under QEMU
# (TCG) with systemd; real container engines (podman, docker) run an
# amd64 image there with xlate alone; after a reboot systemd loads xlate
# and registers qemu-user's binfmt_misc entry, and x86-64 programs must
# still go to xlate.  Slow (the module is built by DKMS inside the VM,
# the engines run nested emulation), so it is not part of `make check`.
# Documentation/testing-distro.rst describes it, with timings.
#
#   1. host packages it alone needs (mmdebstrap, qemu-user-static,
#      arch-test, qemu-utils, squashfs-tools) are installed with apt when
#      missing; the target description and the amd64 root file system
#      come from tools/testing/lib/fetch-deps.sh
#   2. per release (image/release.sh: suite, kernel, sources),
#      image/rootfs.sh: the cached root filesystem (mmdebstrap, second
#      stage on this host through qemu-user binfmt), Debian's kernel
#      KVER and its initramfs, the container engines
#   3. once, the packages, built as debs.sh builds them (dpkg-buildpackage -A,
#      and -B -aarm64 -Ppkg.xlate.static), or XLATE_DISTRO_DEBS=DIR with
#      xlate-dkms_VERSION_all.deb and xlatectl_VERSION_arm64.deb
#   4. per release, the payload disk (ext4 by mke2fs -d): image/test.sh
#      and image/engines.sh, the .debs, static x86-64 test programs
#      (tools/testing/e2e/progs), Debian's x86-64 busybox from the cache
#      and the amd64 image (image/amd64-tar.sh: a tar of the amd64 root
#      file system, for podman import; docker loads what podman saves)
#   5. per release, three boots of one disk, systemd as PID 1: Debian's
#      vmlinuz and initrd.img of the image, root=/dev/vda a qcow2 overlay
#      of the cached image (which stays pristine), payload on /dev/vdb;
#      systemd.wants=xlate-distro.service runs test.sh after
#      multi-user.target.  Boot 1 (xlate_distro_stage=install) installs
#      the packages; boot 2 (engines) runs podman and docker; boot 3
#      (check) is a normal boot in which systemd loads xlate and
#      registers qemu, then the checks
#   6. the VM's PASS:/FAIL:/SKIP: lines re-printed; a check the VM did
#      not report, or a step that could not run, is a FAIL with the reason
#
# Knobs: XLATE_DISTRO_RELEASES (default "bookworm trixie"),
# XLATE_DISTRO_DEBS (see 3), XLATE_DISTRO_TIMEOUT (seconds per boot,
# default 7200: the engines boot took 3700 s at a host load of ~20),
# CHECK_FETCH=0 (do not run fetch-deps.sh).
# Output: build/distro/image/RELEASE/ (console-STAGE.log, *.log),
# build/distro/image/timings.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

read -ra RELEASES <<<"${XLATE_DISTRO_RELEASES:-bookworm trixie}"
P=distro/image
OUT=$DISTRO_OUT/image
STAGES=(install engines check)
# The checks image/test.sh reports in each boot; one not seen is a FAIL.
declare -A CHECKS=(
	[install]="kernel qemu-binfmt-d dpkg-install dkms-installed
		install-dmesg-clean"
	[engines]="engine-no-binfmt podman-import podman-run podman-rootless
		podman-exec podman-top podman-build docker-load docker-run
		docker-exec docker-top buildkit-platforms docker-build
		podman-farm-binfmt engine-dmesg-clean"
	[check]="systemd-boot modules-load binfmt-qemu runtime-auto x86-hello
		x86-uname x86-cpuinfo cpuinfo-cpuid xlatectl-status units-ok purge
		dmesg-clean"
)
declare -A QRC=()
HOST_PKGS=(mmdebstrap qemu-user-static arch-test qemu-system-arm qemu-utils
	e2fsprogs debhelper dh-dkms fakeroot dpkg-dev build-essential file
	squashfs-tools)

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
need_cmds "$P-setup" mmdebstrap qemu-system-aarch64 qemu-img mke2fs gcc \
	aarch64-linux-gnu-gcc dpkg-buildpackage unsquashfs || { nfail=1; finish; }
busybox_x86=
if [ -r "$XLATE_CACHE/userland.env" ]; then
	# shellcheck disable=SC1091
	busybox_x86=$(. "$XLATE_CACHE/userland.env" && echo "$USERLAND/amd64/bin/busybox")
fi
amd64_root=
if [ -r "$XLATE_CACHE/amd64-root.env" ]; then
	# shellcheck disable=SC1091
	amd64_root=$(. "$XLATE_CACHE/amd64-root.env" && echo "$AMD64_ROOT_IMG")
fi
# shellcheck source=image/release.sh
. "$HERE/image/release.sh"
stamp setup

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

# The amd64 image, one tar for every release.
echo "image: the amd64 image (a tar of $amd64_root, cached)" >&2
if [ -z "$amd64_root" ] || [ ! -s "$amd64_root" ] ||
	! bash "$HERE/image/amd64-tar.sh" "$amd64_root" "$OUT/amd64.env" \
		>"$OUT/amd64-tar.log" 2>&1; then
	fail_step amd64-image "no amd64 image from '$amd64_root' (run fetch-deps.sh): $(log_tail "$OUT/amd64-tar.log")"
	finish
fi
# shellcheck disable=SC1091
. "$OUT/amd64.env"
stamp amd64-image
vm_to=${XLATE_DISTRO_TIMEOUT:-7200}

# The kernel's stall detectors, set for TCG on a shared host: a CPU that
# does not reschedule for 120 s of guest time is reported (soft lockup at
# 2 x watchdog_thresh, RCU stall at rcu_cpu_stall_timeout), not after
# Debian's 20 s and 21 s.  Every Debian module that modprobe loads has its
# ECDSA signature verified in generic C (mod_verify_sig, ecdsa_verify), with
# no reschedule point; under TCG at a host load of ~20 one verification
# took up to 48 s (Documentation/testing-distro.rst, "TCG accommodations").
TCG_STALL="rcupdate.rcu_cpu_stall_timeout=120 watchdog_thresh=60"

# boot STAGE: boot the overlay with systemd; xlate-distro.service runs
# test.sh's STAGE.  Console in console-STAGE.log; qemu's exit status in
# QRC[STAGE].
boot() {
	local stage=$1
	timeout --foreground -k 10 "$vm_to" \
		qemu-system-aarch64 -M virt -cpu max,pauth-impdef=on -smp 2 -m 3072 \
		-nic none -nographic -no-reboot \
		-kernel "$ROOTFS/vmlinuz" -initrd "$ROOTFS/initrd.img" \
		-append "root=/dev/vda rw console=ttyAMA0 panic=-1 quiet $TCG_STALL systemd.firstboot=off systemd.mask=serial-getty@ttyAMA0.service systemd.wants=xlate-distro.service xlate_distro_stage=$stage" \
		-drive "file=$ROUT/overlay.qcow2,format=qcow2,if=virtio" \
		-drive "file=$ROUT/payload.img,format=raw,if=virtio,readonly=on" \
		</dev/null >"$ROUT/console-$stage.raw" 2>&1
	QRC[$stage]=$?
	tr -d '\r' <"$ROUT/console-$stage.raw" >"$ROUT/console-$stage.log"
}

# release REL: steps 2, 4, 5 and 6 for one release.
release() {
	local rel=$1 why stage log qrc c
	ROUT=$OUT/$rel
	mkdir -p "$ROUT"
	local p=$P
	# Not in $(...): release_setup sets SUITE, KVER, SOURCES, RUNTIME.
	if ! release_setup "$rel" >"$ROUT/release.log" 2>&1; then
		fail_step "$rel-setup" "$(log_tail "$ROUT/release.log")"
		return
	fi
	P=distro/$rel-arm64/image

	# 2. Root filesystem.
	echo "image: $rel: root filesystem for $KVER (cached after the first run)" >&2
	if ! bash "$HERE/image/rootfs.sh" "$SUITE" "$KVER" "$ROUT/rootfs.env" \
		"${SOURCES[@]}" >"$ROUT/rootfs.log" 2>&1; then
		fail_step rootfs "image/rootfs.sh failed: $(log_tail "$ROUT/rootfs.log")"
		P=$p
		return
	fi
	# shellcheck disable=SC1091
	. "$ROUT/rootfs.env"
	stamp "$rel-rootfs"

	# 4. Payload disk.
	local pl=$ROUT/payload mb
	mkdir -p "$pl/debs" "$pl/x86" "$pl/amd64"
	cp "$dk" "$ctl" "$pl/debs/"
	install -m 0755 "$HERE/image/test.sh" "$pl/test.sh"
	install -m 0644 "$HERE/image/engines.sh" "$pl/engines.sh"
	printf 'XLATE_TARGET=%s\nKVER=%s\nVERSION=%s\nRUNTIME=%s\n' \
		"$rel-arm64" "$KVER" "$version" "$RUNTIME" >"$pl/env"
	cp "$OUT/progs/x86_64/hello" "$OUT/progs/x86_64/uname-m" \
		"$OUT/progs/x86_64/cpuid-check" "$pl/x86/"
	install -m 0755 "$busybox_x86" "$pl/x86/busybox"
	ln "$AMD64_TAR" "$pl/amd64/rootfs.tar" 2>/dev/null ||
		cp "$AMD64_TAR" "$pl/amd64/rootfs.tar"
	mb=$(($(du -sm "$pl" | cut -f1) * 11 / 10 + 16))
	if ! mke2fs -q -t ext4 -L xlate-payload -d "$pl" "$ROUT/payload.img" "${mb}M" \
		>"$ROUT/payload.log" 2>&1; then
		fail_step payload "mke2fs: $(log_tail "$ROUT/payload.log")"
		P=$p
		return
	fi
	rm -rf "$pl"

	# 5. Boot, three times, from one writable overlay of the cached image.
	if ! qemu-img create -q -f qcow2 -b "$ROOTFS/rootfs.img" -F raw \
		"$ROUT/overlay.qcow2" >"$ROUT/overlay.log" 2>&1; then
		fail_step boot "qemu-img create: $(log_tail "$ROUT/overlay.log")"
		P=$p
		return
	fi
	echo "image: $rel boot 1 of $KVER: dpkg -i (TCG; the module is built by DKMS in the VM)" >&2
	boot install
	stamp "$rel-boot-install"
	echo "image: $rel boot 2: podman and docker run the amd64 image, no binfmt_misc entry" >&2
	boot engines
	stamp "$rel-boot-engines"
	echo "image: $rel boot 3: systemd loads xlate, registers qemu; the checks" >&2
	boot check
	stamp "$rel-boot-check"

	# 6. Results.
	for stage in "${STAGES[@]}"; do
		log=$ROUT/console-$stage.log
		grep -E "^(PASS|FAIL|SKIP): $P-" "$log"
		nfail=$((nfail + $(grep -cE "^FAIL: $P-" "$log")))
		qrc=${QRC[$stage]}
		for c in ${CHECKS[$stage]}; do
			grep -qE "^(PASS|FAIL|SKIP): $P-$c(:|\$)" "$log" && continue
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
	P=$p
}

# The x86-64 programs every payload carries.
if ! nice make -C "$XLATE_ROOT/tools/testing/e2e/progs" OUT="$OUT/progs" \
	"$OUT/progs/x86_64/hello" "$OUT/progs/x86_64/uname-m" \
	"$OUT/progs/x86_64/cpuid-check" >"$OUT/progs.log" 2>&1; then
	fail_step payload "x86-64 test programs: $(log_tail "$OUT/progs.log")"
	finish
fi
if [ -z "$busybox_x86" ] || ! file -b "$busybox_x86" | grep -q 'x86-64'; then
	fail_step payload "no x86-64 busybox in the cache ($busybox_x86; run fetch-deps.sh)"
	finish
fi

for rel in "${RELEASES[@]}"; do
	release "$rel"
done
finish
