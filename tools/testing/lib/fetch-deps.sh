#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install the host tools the test bench needs and fetch the foreign-arch
# Debian packages (arm64 kernels and headers, amd64 headers, busybox,
# qemu-user-static, amd64/arm64 userland for the demo) into a cache;
# fetch-sid.sh adds sid's newest kernels and their build chroot,
# fetch-runtimes.sh trixie's qemu-user 10 and box64.
#
# The kernels and the userland are Debian 12 (bookworm)'s whatever the
# host runs (Debian 12 or 13): they are resolved and downloaded through
# an apt state of their own under $XLATE_CACHE/apt/bookworm (bookworm,
# bookworm-updates and bookworm-security; fetch-lib.sh, debian_apt).
# The host's apt is used only to install host packages; its sources are
# never read for fetching, nor changed.  Foreign-arch packages are only
# ever downloaded and unpacked with dpkg-deb -x; nothing of another
# architecture is installed on the host.
#
# The host packages of each command are listed below (VM_HOST_PKGS,
# HOST_PKGS) and in Documentation/testing.rst, "Host packages", which
# the build tier checks against these lists (--list-packages).
#
# Usage: fetch-deps.sh [--host-only|--no-host|--vm TARGET|--list-packages]
# --vm TARGET: only what `make vm` needs for one arm64 target (its host
# tools, kernel, the VM userland and runtimes, linux-source for the
# test programs, the amd64 root file system); tools/testing/vm/demo.sh
# runs this.
# --list-packages: print "vm PKG" and "check PKG" lines, the host
# packages of `make vm` and of `make check` (which adds the compiler
# each kernel's headers name, resolved when fetching).
# XLATE_REFRESH=1 re-resolves and re-checks everything even when the
# cache was completed less than a day ago.
# Output: $XLATE_CACHE/targets/<target>/env for each kernel target,
# userland.env, src-6.12.env, runtimes.env (fetch-runtimes.sh),
# amd64-root.env (fetch-amd64-root.sh).
# Every download prints one "fetch-deps: downloading ..." line.
set -euo pipefail

CACHE=${XLATE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xlate}
DEBS=$CACHE/debs
mkdir -p "$DEBS" "$CACHE/targets" "$CACHE/roots"

log() { printf 'fetch-deps: %s\n' "$*" >&2; }
die() { printf 'fetch-deps: error: %s\n' "$*" >&2; exit 1; }

# What `make vm` needs: the module and test programs built cross (the
# module's BTF needs pahole, from dwarves), the initramfs (cpio, kmod's
# depmod, file, xz, zstd), QEMU, and the amd64 root file system
# (mmdebstrap, mksquashfs).  The cross compiler of the version the
# kernel's headers name (gcc-12-aarch64-linux-gnu for bookworm's) is
# added when they are resolved (need_compiler).
VM_HOST_PKGS=(
	make gcc libc6-dev gcc-aarch64-linux-gnu libc6-dev-arm64-cross
	binutils-aarch64-linux-gnu qemu-system-arm bc cpio kmod xz-utils
	rsync file mmdebstrap squashfs-tools zstd dwarves
	gcc-i686-linux-gnu libc6-dev-i386-cross
	gcc-arm-linux-gnueabihf libc6-dev-armhf-cross
)
# What `make check` adds: sparse and the W=1 build, the KUnit kernel
# build (flex, bison, libssl-dev, libelf-dev, python3), the docs check
# (python3-docutils), xlatectl's JSON and man page checks (python3,
# jq, groff-base), the fuzzers (clang with libFuzzer: libclang-rt-dev,
# the default clang's runtime), the distro tier (dkms, the .debs,
# lintian; build-essential, which dpkg-buildpackage requires).
HOST_PKGS=(
	"${VM_HOST_PKGS[@]}" sparse flex bison libssl-dev libelf-dev
	python3 python3-docutils jq perl dpkg-dev clang llvm libclang-rt-dev dkms
	debhelper dh-dkms lintian fakeroot groff-base build-essential
)

# Whether this run installs host packages (not with --no-host).
HOST_INSTALL=1

# The host's apt, for installing host packages only.
host_apt_ready=
host_apt_update() {
	[ -n "$host_apt_ready" ] && return 0
	log "apt-get update (the host's sources, for host packages)"
	# A mirror in mid-sync fails one index and apt keeps the old one:
	# go on with a warning; a package that is then missing fails its
	# own installation.
	local err
	if ! err=$(apt-get update -qq 2>&1 >/dev/null); then
		grep -q '^E: Some index files failed to download' <<<"$err" ||
			die "apt-get update failed: $(tail -n 3 <<<"$err")"
		log "warning: apt-get update: $(grep -m1 '^E: Failed' <<<"$err")"
	fi
	host_apt_ready=1
}

# install_host PKG...: apt-get install those of PKG that are missing.
install_host() {
	local missing=() p
	# One dpkg-query for all: "name status" per installed package.
	local have
	# dpkg-query exits 1 when any of them is not installed (a fresh
	# machine): that is the case this function exists for.
	have=$(dpkg-query -W -f='${Package} ${Status}\n' "$@" \
		2>/dev/null | awk '/install ok installed/ {print $1}' || true)
	for p in "$@"; do
		grep -qx "$p" <<<"$have" || missing+=("$p")
	done
	[ ${#missing[@]} -gt 0 ] || return 0
	if [ -z "$HOST_INSTALL" ]; then
		log "warning: host packages missing (--no-host): ${missing[*]}"
		return 0
	fi
	[ "$(id -u)" = 0 ] ||
		die "host packages missing: ${missing[*]} (run as root, or install them)"
	local start=$SECONDS
	host_apt_update
	log "installing host packages: ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		-o DPkg::Lock::Timeout=600 --no-install-recommends \
		"${missing[@]}" >/dev/null ||
		die "apt-get install ${missing[*]} failed"
	log "installed ${#missing[@]} host packages in $((SECONDS - start)) s"
}

# arm64 as a foreign architecture of the host's dpkg, for `make check`
# only: tools/testing/distro (check-distro's arm64 root file system)
# reads the host's arm64 indexes.  Nothing of arm64 is installed.
host_arm64_arch() {
	dpkg --print-foreign-architectures | grep -qx arm64 && return 0
	[ -n "$HOST_INSTALL" ] || return 0
	log "adding arm64 as a foreign architecture of the host (indexes only)"
	dpkg --add-architecture arm64
	host_apt_ready=
	host_apt_update
}

# unpack, debian_apt: lib/fetch-lib.sh
# shellcheck source=SCRIPTDIR/fetch-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/fetch-lib.sh"

# bookworm's apt state (main calls debian_apt): every look-up and
# download below goes through it.
SUITE=bookworm
apt_ready=
apt_update() {
	[ -n "$apt_ready" ] && return 0
	log "apt-get update ($SUITE lists in $DEBIAN_APT_DIR)"
	debian_apt_update
	apt_ready=1
}
bw_apt() { apt-get "${DEBIAN_APT_OPTS[@]}" "$@"; }
bw_cache() { apt-cache "${DEBIAN_APT_OPTS[@]}" "$@"; }

# resolve META: print the package a meta-package depends on (first linux-*).
resolve() {
	local p
	p=$(bw_cache depends "$1" 2>/dev/null |
		awk '/Depends: linux-/ { sub(":.*","",$2); print $2; exit }')
	if [ -z "$p" ] && [ -z "$apt_ready" ]; then
		apt_update
		resolve "$1"
		return
	fi
	printf '%s\n' "$p"
}

# fetch PKG[:ARCH]: download into $DEBS unless a file for it is there;
# print the .deb path.  A failed download refreshes stale package lists
# once and retries (the archive drops superseded versions).
fetch() {
	local spec=$1 name=${1%%:*} arch ver file
	arch=${spec#*:}; [ "$arch" = "$spec" ] && arch=$(dpkg --print-architecture)
	ver=$(bw_cache policy "$name:$arch" 2>/dev/null | awk '/Candidate:/ {print $2}')
	if [ -z "$ver" ] || [ "$ver" = "(none)" ]; then
		[ -z "$apt_ready" ] || die "no candidate for $name:$arch in $SUITE"
		apt_update
		fetch "$spec"
		return
	fi
	file=$DEBS/${name}_${ver//:/%3a}_${arch}.deb
	if [ ! -s "$file" ]; then
		log "downloading $name:$arch $ver"
		if ! (cd "$DEBS" && bw_apt download -qq "$name:$arch=$ver" >/dev/null); then
			[ -z "$apt_ready" ] || die "apt-get download $name:$arch=$ver failed"
			apt_update
			fetch "$spec"
			return
		fi
	fi
	[ -s "$file" ] || file=$(ls -1 "$DEBS/${name}_"*"_${arch}.deb" | tail -n1)
	printf '%s\n' "$file"
}

# compiler_pkg HDEB ARCH: the host package of the compiler the headers
# package HDEB depends on (gcc-N; Debian's kbuild calls
# $(CROSS_COMPILE)gcc-N, not the default gcc), cross for arm64:
# bookworm's kernels want gcc-12, which a Debian 13 host has only on
# request.  Targets record it as CC_PKG in their env.
compiler_pkg() {
	local gcc
	gcc=$(dpkg-deb -f "$1" Depends | tr ',' '\n' |
		sed -n 's/^ *\(gcc-[0-9][0-9]*\)\( .*\)*$/\1/p' | head -n1)
	[ -n "$gcc" ] || return 0
	case $2 in
	arm64) echo "$gcc-aarch64-linux-gnu" ;;
	*) echo "$gcc" ;;
	esac
}

# target_compilers TARGET...: install the CC_PKG of each cached target.
target_compilers() {
	local t p pkgs=()
	for t in "$@"; do
		p=$(sed -n 's/^CC_PKG=//p' "$CACHE/targets/$t/env" 2>/dev/null)
		[ -z "$p" ] || pkgs+=("$p")
	done
	[ ${#pkgs[@]} -eq 0 ] || install_host "${pkgs[@]}"
}

# kernel_target NAME ARCH IMAGE_META HEADERS_META
kernel_target() {
	local name=$1 arch=$2 imeta=$3 hmeta=$4 hpkg kver common kbuild hdeb
	local tdir=$CACHE/targets/$name root ccpkg
	hpkg=$(resolve "$hmeta:$arch")
	[ -n "$hpkg" ] || die "cannot resolve $hmeta:$arch"
	kver=${hpkg#linux-headers-}
	root=$CACHE/roots/$kver
	hdeb=$(fetch "$hpkg:$arch")
	ccpkg=$(compiler_pkg "$hdeb" "$arch")
	[ -z "$ccpkg" ] || install_host "$ccpkg"
	common=$(dpkg-deb -f "$hdeb" Depends | tr ',' '\n' |
		sed -n 's/^ *\(linux-headers-[^ ]*-common\).*/\1/p' | head -n1)
	kbuild=$(dpkg-deb -f "$hdeb" Depends | tr ',' '\n' |
		sed -n 's/^ *\(linux-kbuild-[^ ]*\).*/\1/p' | head -n1)
	[ -n "$common" ] && [ -n "$kbuild" ] || die "cannot read deps of $hpkg"
	unpack "$root" "$hdeb" "$(fetch "$common:all")" "$(fetch "$kbuild")"
	# Debian's per-flavour Makefile includes the common tree by absolute
	# path; point it at the cached copy (once: the build tier keys its
	# cache on the Makefile's mtime).
	local kdir=$root/usr/src/linux-headers-$kver
	if grep -q '^include /usr/src/' "$kdir/Makefile"; then
		sed -i "s|^include /usr/src/|include $root/usr/src/|" "$kdir/Makefile"
	fi
	grep -q "^include $root/usr/src/" "$kdir/Makefile" ||
		die "unexpected headers Makefile in $kdir"
	mkdir -p "$tdir"
	{
		echo "KVER=$kver"
		echo "ARCH=$arch"
		echo "KDIR=$kdir"
		echo "CC_PKG=$ccpkg"
	} > "$tdir/env.new"
	if [ -n "$imeta" ]; then
		local ipkg
		ipkg=$(resolve "$imeta:$arch")
		[ -n "$ipkg" ] || die "cannot resolve $imeta:$arch"
		unpack "$root" "$(fetch "$ipkg:$arch")"
		[ -e "$root/boot/vmlinuz-$kver" ] || die "no vmlinuz in $ipkg"
		{
			echo "VMLINUZ=$root/boot/vmlinuz-$kver"
			echo "MODDIR=$root/lib/modules/$kver"
		} >> "$tdir/env.new"
	fi
	mv "$tdir/env.new" "$tdir/env"
	log "target $name: $kver"
}

# Userland for the VM: arm64 busybox and qemu-user, amd64 and i386
# busybox, and the amd64, i386 and arm64 lscpu with their libraries.
userland() {
	local u=$CACHE/userland
	local debs p
	mapfile -t debs < <(for p in busybox-static qemu-user-static \
		util-linux libc6 libsmartcols1 libgcc-s1; do fetch "$p:arm64"; done)
	[ ${#debs[@]} -eq 6 ] || die "arm64 userland download failed"
	unpack "$u/arm64" "${debs[@]}"
	mapfile -t debs < <(for p in busybox-static util-linux libc6 \
		libsmartcols1 libgcc-s1; do fetch "$p:amd64"; done)
	[ ${#debs[@]} -eq 5 ] || die "amd64 userland download failed"
	unpack "$u/amd64" "${debs[@]}"
	# i386: busybox and lscpu (dynamic) for runtime32 (qemu-i386-static
	# comes with the arm64 qemu-user-static).
	mapfile -t debs < <(for p in busybox-static util-linux libc6 \
		libsmartcols1 libgcc-s1; do fetch "$p:i386"; done)
	[ ${#debs[@]} -eq 5 ] || die "i386 userland download failed"
	unpack "$u/i386" "${debs[@]}"
	echo "USERLAND=$u" > "$CACHE/userland.env"
}

kernel_source() {
	local v=$1 deb
	deb=$(fetch "linux-source-$v:all")
	local dir=$CACHE/src/linux-source-$v
	if [ ! -e "$dir/.stamp-$(basename "$deb")" ]; then
		log "unpacking linux-source-$v"
		rm -rf "$dir" && mkdir -p "$dir"
		dpkg-deb --fsys-tarfile "$deb" |
			tar -xO --wildcards "*/linux-source-$v.tar.xz" |
			tar -xJ -C "$dir" --strip-components=1
		touch "$dir/.stamp-$(basename "$deb")"
	fi
	echo "SRC_$(echo "$v" | tr . _)=$dir" > "$CACHE/src-$v.env"
}

# The amd64 root file system of the container suite and the demo
# (its own script; cached by its package list).
amd64_root() {
	XLATE_CACHE=$CACHE "$HERE/fetch-amd64-root.sh" || die "fetch-amd64-root.sh failed"
}

# The arm64 kernel targets: name, image and headers meta-packages.
arm64_target() {
	case $1 in
	6.1-arm64) kernel_target 6.1-arm64 arm64 linux-image-arm64 linux-headers-arm64 ;;
	6.12-arm64) kernel_target 6.12-arm64 arm64 linux-image-6.12-arm64 linux-headers-6.12-arm64 ;;
	*) die "unknown arm64 target '$1' (6.1-arm64, 6.12-arm64)" ;;
	esac
}

# The cache is warm when a complete run of this very script (and of the
# scripts it calls) finished less than a day ago; then only the host
# packages are checked.  STAMP is the full run's; a --vm TARGET run
# has one of its own, and the full one covers it.
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
STAMP=$CACHE/.complete
stamp_id() {
	cat "${BASH_SOURCE[0]}" "$HERE/fetch-lib.sh" "$HERE/fetch-sid.sh" \
		"$HERE/fetch-runtimes.sh" "$HERE/fetch-amd64-root.sh" | sha256sum | cut -d' ' -f1
}
# stamp_fresh FILE: FILE is less than a day old and names these scripts.
stamp_fresh() {
	[ -z "${XLATE_REFRESH:-}" ] || return 1
	[ -n "$(find "$1" -mmin -1440 2>/dev/null)" ] || return 1
	[ "$(cat "$1")" = "$(stamp_id)" ]
}
# have_target T: T's description, and its build chroot when it has one.
have_target() {
	local c
	[ -s "$CACHE/targets/$1/env" ] || return 1
	c=$(sed -n 's/^BUILD_CHROOT=//p' "$CACHE/targets/$1/env")
	[ -z "$c" ] || [ -e "$c/.complete" ]
}
# have_common: what both kinds of run produce besides their targets.
have_common() {
	local img
	[ -s "$CACHE/userland.env" ] && [ -s "$CACHE/src-6.12.env" ] &&
		[ -s "$CACHE/runtimes.env" ] && [ -s "$CACHE/amd64-root.env" ] &&
		[ -x "$CACHE/userland/i386/bin/busybox" ] || return 1
	img=$(. "$CACHE/amd64-root.env" && echo "$AMD64_ROOT_IMG")
	[ -s "$img" ]
}
cache_warm() {
	local t
	stamp_fresh "$STAMP" || return 1
	for t in 6.1-arm64 6.12-arm64 6.1-amd64 6.12-amd64 sid-arm64 \
		sid-16k-arm64 sid-amd64; do
		have_target "$t" || return 1
	done
	have_common
}
vm_warm() {
	cache_warm && return 0
	stamp_fresh "$STAMP-vm-$1" && have_target "$1" && have_common
}

# vm TARGET: what `make vm` needs for TARGET.
vm() {
	local t=$1
	install_host "${VM_HOST_PKGS[@]}"
	if vm_warm "$t"; then
		target_compilers "$t"
		log "cache warm for make vm $t (< 1 day old; XLATE_REFRESH=1 to refresh)"
		return 0
	fi
	rm -f "$STAMP-vm-$t"
	debian_apt_fresh || apt_update
	case $t in
	sid-*) XLATE_CACHE=$CACHE "$HERE/fetch-sid.sh" || die "fetch-sid.sh failed" ;;
	*) arm64_target "$t" ;;
	esac
	userland
	XLATE_CACHE=$CACHE bash "$HERE/fetch-runtimes.sh" ||
		die "fetch-runtimes.sh failed"
	kernel_source 6.12
	amd64_root
	stamp_id >"$STAMP-vm-$t"
}

main() {
	local p
	case ${1:-} in
	--list-packages)
		for p in "${VM_HOST_PKGS[@]}"; do echo "vm $p"; done
		for p in "${HOST_PKGS[@]}"; do echo "check $p"; done
		exit 0
		;;
	--host-only) install_host "${HOST_PKGS[@]}"; host_arm64_arch; exit 0 ;;
	--vm)
		[ $# -eq 2 ] || die "usage: $0 --vm TARGET"
		debian_apt "$SUITE"
		vm "$2"
		exit 0
		;;
	--no-host) HOST_INSTALL= ;;
	'') install_host "${HOST_PKGS[@]}"; host_arm64_arch ;;
	*) die "usage: $0 [--host-only|--no-host|--vm TARGET|--list-packages]" ;;
	esac
	debian_apt "$SUITE"
	if cache_warm; then
		target_compilers 6.1-arm64 6.12-arm64 6.1-amd64 6.12-amd64
		log "cache warm ($STAMP < 1 day old; XLATE_REFRESH=1 to refresh)"
		exit 0
	fi
	rm -f "$STAMP"
	# A warm cache needs no network: refresh the lists only when they
	# are stale or when a look-up or download needs it (fetch, resolve).
	debian_apt_fresh || apt_update
	arm64_target 6.1-arm64
	arm64_target 6.12-arm64
	kernel_target 6.1-amd64 amd64 "" linux-headers-amd64
	kernel_target 6.12-amd64 amd64 "" linux-headers-6.12-amd64
	XLATE_CACHE=$CACHE "$HERE/fetch-sid.sh" || die "fetch-sid.sh failed"
	userland
	XLATE_CACHE=$CACHE bash "$HERE/fetch-runtimes.sh" ||
		die "fetch-runtimes.sh failed"
	kernel_source 6.12
	amd64_root
	stamp_id >"$STAMP"
}

main "$@"
