#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install the host tools the test bench needs and fetch the foreign-arch
# Debian packages (arm64 kernels and headers, amd64 headers, busybox,
# qemu-user-static, amd64/arm64 userland for the demo) into a cache;
# fetch-sid.sh adds sid's newest kernels and their build chroot,
# fetch-runtimes.sh trixie's qemu-user 10 and box64.
#
# Foreign-arch packages are only ever downloaded and unpacked with
# dpkg-deb -x; nothing of another architecture is installed on the host.
#
# Usage: fetch-deps.sh [--host-only|--no-host|--vm TARGET]
# --vm TARGET: only what `make vm` needs for one arm64 target (its host
# tools, kernel, the VM userland and runtimes, linux-source for the
# test programs, the amd64 root file system); tools/testing/vm/demo.sh
# runs this.
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

# What `make vm` needs: the module and test programs built cross, the
# initramfs, QEMU, and the amd64 root file system (mmdebstrap, mksquashfs).
VM_HOST_PKGS=(
	make gcc libc6-dev gcc-aarch64-linux-gnu libc6-dev-arm64-cross
	binutils-aarch64-linux-gnu qemu-system-arm bc cpio kmod xz-utils
	rsync file mmdebstrap squashfs-tools zstd
	gcc-i686-linux-gnu libc6-dev-i386-cross
	gcc-arm-linux-gnueabihf libc6-dev-armhf-cross
)
HOST_PKGS=(
	"${VM_HOST_PKGS[@]}" sparse dwarves flex bison libssl-dev libelf-dev
	python3 python3-docutils perl dpkg-dev clang llvm libclang-rt-14-dev dkms
	debhelper dh-dkms lintian fakeroot
)

apt_ready=
apt_update() {
	[ -n "$apt_ready" ] && return 0
	local a
	for a in arm64 i386; do
		dpkg --print-foreign-architectures | grep -qx "$a" && continue
		log "adding $a as a foreign architecture (download only)"
		dpkg --add-architecture "$a"
	done
	log "apt-get update"
	# A mirror in mid-sync fails one index (seen: bookworm-security's
	# i386 Packages) and apt keeps the old one: go on with a warning;
	# a package that is then missing fails its own download.
	local err
	if ! err=$(apt-get update -qq 2>&1 >/dev/null); then
		grep -q '^E: Some index files failed to download' <<<"$err" ||
			die "apt-get update failed: $(tail -n 3 <<<"$err")"
		log "warning: apt-get update: $(grep -m1 '^E: Failed' <<<"$err")"
	fi
	apt_ready=1
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
	dpkg --print-foreign-architectures | grep -qx arm64 || missing+=(arm64-arch)
	if [ ${#missing[@]} -eq 0 ]; then
		return 0
	fi
	apt_update
	local pkgs=()
	for p in "${missing[@]}"; do
		[ "$p" = arm64-arch ] || pkgs+=("$p")
	done
	if [ ${#pkgs[@]} -gt 0 ]; then
		log "installing host packages: ${pkgs[*]}"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends "${pkgs[@]}" >/dev/null ||
			die "apt-get install ${pkgs[*]} failed"
	fi
}

# resolve META: print the package a meta-package depends on (first linux-*).
resolve() {
	local p
	p=$(apt-cache depends "$1" 2>/dev/null |
		awk '/Depends: linux-/ { sub(":.*","",$2); print $2; exit }')
	if [ -z "$p" ] && [ -z "$apt_ready" ]; then
		apt_update
		resolve "$1"
		return
	fi
	printf '%s\n' "$p"
}

# lists_fresh: the package lists know arm64 and are less than a day old.
lists_fresh() {
	dpkg --print-foreign-architectures | grep -qx arm64 &&
		[ -n "$(find /var/lib/apt/lists -maxdepth 1 -name '*_binary-arm64_Packages*' -mmin -1440 2>/dev/null | head -n1)" ]
}

# fetch PKG[:ARCH]: download into $DEBS unless a file for it is there;
# print the .deb path.  A failed download refreshes stale package lists
# once and retries (the archive drops superseded versions).
fetch() {
	local spec=$1 name=${1%%:*} arch ver file
	arch=${spec#*:}; [ "$arch" = "$spec" ] && arch=$(dpkg --print-architecture)
	ver=$(apt-cache policy "$name:$arch" 2>/dev/null | awk '/Candidate:/ {print $2}')
	if [ -z "$ver" ] || [ "$ver" = "(none)" ]; then
		[ -z "$apt_ready" ] || die "no candidate for $name:$arch"
		apt_update
		fetch "$spec"
		return
	fi
	file=$DEBS/${name}_${ver//:/%3a}_${arch}.deb
	if [ ! -s "$file" ]; then
		log "downloading $name:$arch $ver"
		if ! (cd "$DEBS" && apt-get download -qq -o APT::Sandbox::User=root \
			"$name:$arch=$ver" >/dev/null); then
			[ -z "$apt_ready" ] || die "apt-get download $name:$arch=$ver failed"
			apt_update
			fetch "$spec"
			return
		fi
	fi
	[ -s "$file" ] || file=$(ls -1 "$DEBS/${name}_"*"_${arch}.deb" | tail -n1)
	printf '%s\n' "$file"
}

# unpack: lib/fetch-lib.sh
# shellcheck source=SCRIPTDIR/fetch-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/fetch-lib.sh"

# kernel_target NAME ARCH IMAGE_META HEADERS_META
kernel_target() {
	local name=$1 arch=$2 imeta=$3 hmeta=$4 hpkg kver common kbuild hdeb
	local tdir=$CACHE/targets/$name root
	hpkg=$(resolve "$hmeta:$arch")
	[ -n "$hpkg" ] || die "cannot resolve $hmeta:$arch"
	kver=${hpkg#linux-headers-}
	root=$CACHE/roots/$kver
	hdeb=$(fetch "$hpkg:$arch")
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
		log "cache warm for make vm $t (< 1 day old; XLATE_REFRESH=1 to refresh)"
		return 0
	fi
	rm -f "$STAMP-vm-$t"
	lists_fresh || apt_update
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
	case ${1:-} in
	--host-only) install_host "${HOST_PKGS[@]}"; exit 0 ;;
	--vm) [ $# -eq 2 ] || die "usage: $0 --vm TARGET"; vm "$2"; exit 0 ;;
	--no-host) ;;
	'') install_host "${HOST_PKGS[@]}" ;;
	*) die "usage: $0 [--host-only|--no-host|--vm TARGET]" ;;
	esac
	if cache_warm; then
		log "cache warm ($STAMP < 1 day old; XLATE_REFRESH=1 to refresh)"
		exit 0
	fi
	rm -f "$STAMP"
	# A warm cache needs no network: refresh the lists only when they
	# are stale or when a look-up or download needs it (fetch, resolve).
	lists_fresh || apt_update
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
