#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fetch Debian sid's newest kernels into the cache, and the sid chroot
# whose compiler builds modules for them.  Called by fetch-deps.sh.
#
# Targets (each $XLATE_CACHE/targets/<name>/env, the format of
# fetch-deps.sh plus BUILD_CHROOT):
#   sid-arm64      the kernel linux-image-arm64 points at in sid
#   sid-16k-arm64  the same version, 16K pages (linux-image-arm64-16k)
#   sid-amd64      headers only, for the x86-64 W=1/sparse build
# The version is never hard-coded: it is what sid's meta-packages
# depend on when this runs.  sid's kernels are built with a newer gcc
# (gcc-16 for 7.2) than bookworm has, so their modules are built inside
# a sid chroot (mmdebstrap --variant=apt) that has that compiler and
# sparse; tools/testing/lib/in-chroot.sh runs a command in it.
#
# sid's apt state is kept apart from the host's: its own sources list
# and lists under $XLATE_CACHE/apt/sid, passed per command; the host's
# sources are never touched.  The archive's Release file can be past
# its Valid-Until date, which is allowed explicitly.
#
# Usage: fetch-sid.sh   (XLATE_REFRESH=1 re-reads the lists)
set -euo pipefail

CACHE=${XLATE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xlate}
DEBS=$CACHE/debs
SID=$CACHE/apt/sid
MIRROR=${XLATE_SID_MIRROR:-http://deb.debian.org/debian}
mkdir -p "$DEBS" "$CACHE/targets" "$CACHE/roots" "$SID/lists/partial" \
	"$SID/cache/archives/partial"

log() { printf 'fetch-sid: %s\n' "$*" >&2; }
die() { printf 'fetch-sid: error: %s\n' "$*" >&2; exit 1; }

echo "deb [check-valid-until=no] $MIRROR sid main" >"$SID/sources.list"
APT_OPTS=(-o "Dir::Etc::SourceList=$SID/sources.list"
	-o Dir::Etc::SourceParts=/dev/null
	-o "Dir::State::Lists=$SID/lists" -o "Dir::Cache=$SID/cache"
	-o Acquire::Check-Valid-Until=false
	-o APT::Architectures::=amd64 -o APT::Architectures::=arm64
	-o APT::Sandbox::User=root)

# sid_update [force]: refresh sid's package lists when older than a day.
updated=
sid_update() {
	if [ -z "${1:-}" ] && [ -z "${XLATE_REFRESH:-}" ] &&
	   [ -n "$(find "$SID/lists" -maxdepth 1 -name '*sid_main_binary-arm64_Packages*' -mmin -1440 2>/dev/null | head -n1)" ]; then
		return 0
	fi
	log "apt-get update (sid lists in $SID)"
	apt-get "${APT_OPTS[@]}" update -qq >/dev/null ||
		die "apt-get update of sid failed"
	updated=1
}

# depends_on PKG:ARCH PATTERN: the first dependency of PKG matching the
# extended regex PATTERN.
depends_on() {
	apt-cache "${APT_OPTS[@]}" depends "$1" 2>/dev/null |
		awk -v re="$2" '/Depends: / { sub(":.*", "", $2); if ($2 ~ re) { print $2; exit } }'
}

# download PKG:ARCH: into $DEBS unless there; print the .deb path.  A
# failed download refreshes the lists once and retries (sid drops
# superseded versions).
download() {
	local name=${1%%:*} arch=${1#*:} ver file
	ver=$(apt-cache "${APT_OPTS[@]}" policy "$1" 2>/dev/null |
		awk '/Candidate:/ {print $2}')
	if [ -z "$ver" ] || [ "$ver" = "(none)" ]; then
		die "no candidate for $1 in sid"
	fi
	file=$DEBS/${name}_${ver//:/%3a}_${arch}.deb
	if [ ! -s "$file" ]; then
		log "downloading $1 $ver (sid)"
		if ! (cd "$DEBS" && apt-get "${APT_OPTS[@]}" download -qq \
			"$name:$arch=$ver" >/dev/null); then
			[ -z "$updated" ] || die "apt-get download $1 failed"
			sid_update force
			download "$1"
			return
		fi
	fi
	[ -s "$file" ] || die "download of $1 left no $file"
	printf '%s\n' "$file"
}

# unpack: lib/fetch-lib.sh
# shellcheck source=SCRIPTDIR/fetch-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/fetch-lib.sh"

# dep_of DEB PATTERN: the first dependency of a downloaded DEB matching
# the sed regex PATTERN (a package name).
dep_of() {
	dpkg-deb -f "$1" Depends | tr ',' '\n' |
		sed -n "s/^ *\($2\)\( .*\)*$/\1/p" | head -n1
}

# The chroot: sid with the compilers the headers ask for (their
# Depends: gcc-N-for-host), make and sparse.  Cached per package list.
GCC_PKGS=
chroot_pkgs() {
	# shellcheck disable=SC2086 # a list on purpose
	printf '%s\n' make libc6-dev libelf-dev sparse dwarves $GCC_PKGS | sort -u
}

make_chroot() {
	local key dir
	key=$(chroot_pkgs | sha256sum | cut -c1-16)
	dir=$CACHE/sid-chroot-$key
	if [ ! -e "$dir/.complete" ]; then
		log "building sid chroot $dir ($(chroot_pkgs | tr '\n' ' '))"
		rm -rf "$dir.tmp"
		mmdebstrap --quiet --variant=apt \
			--aptopt='Acquire::Check-Valid-Until "false"' \
			--include="$(chroot_pkgs | paste -sd,)" \
			sid "$dir.tmp" \
			"deb [check-valid-until=no signed-by=$DEBIAN_KEYRING] $MIRROR sid main" \
			>&2 || die "mmdebstrap of the sid chroot failed"
		chroot_pkgs >"$dir.tmp/.packages"
		touch "$dir.tmp/.complete"
		rm -rf "$dir"
		mv "$dir.tmp" "$dir"
	fi
	BUILD_CHROOT=$dir
}

# add_checker_valid COMMON: since 6.15 the kernel's Makefile runs
# scripts/checker-valid.sh to see whether CHECK (sparse) understands
# __typeof_unqual__, and silently drops C=1/C=2 when it does not.
# Debian's linux-kbuild-7.2 does not ship that script, so sparse would
# never run on an out-of-tree module.  Supply one with the same
# contract: print 1 when "CHECK FLAGS..." parses the test file cleanly.
add_checker_valid() {
	local mk=$1/Makefile f=$1/scripts/checker-valid.sh
	grep -q 'scripts/checker-valid\.sh' "$mk" || return 0
	[ -e "$f" ] && return 0
	log "$f missing (Debian packaging): adding xlate's stand-in"
	cat >"$f" <<'EOF'
#!/bin/sh
# Stand-in added by xlate's tools/testing/lib/fetch-sid.sh: Debian's
# linux-kbuild package lacks this script.  Prints 1 when the checker
# ("$@") parses __typeof_unqual__ without an error, else 0.
command -v "$1" >/dev/null 2>&1 || { echo 0; exit 0; }
t=$(mktemp --suffix=.c) || { echo 0; exit 0; }
printf 'int f(const int *p)\n{\n\t__typeof_unqual__(*p) v = *p;\n\treturn v;\n}\n' >"$t"
if "$@" "$t" 2>&1 | grep -q error; then echo 0; else echo 1; fi
rm -f "$t"
EOF
	chmod 0755 "$f"
}

# sid_target NAME ARCH FLAVOUR IMAGE: write targets/NAME/env for the
# kernel sid's linux-headers-FLAVOUR points at; IMAGE=1 adds the kernel
# image and modules (arm64).
sid_target() {
	local name=$1 arch=$2 flavour=$3 image=$4 hpkg kver root hdeb common
	local kbuild gcc kdir tdir=$CACHE/targets/$1
	hpkg=$(depends_on "linux-headers-$flavour:$arch" '^linux-headers-[0-9]')
	[ -n "$hpkg" ] || die "sid: cannot resolve linux-headers-$flavour:$arch"
	kver=${hpkg#linux-headers-}
	root=$CACHE/roots/$kver
	hdeb=$(download "$hpkg:$arch")
	common=$(dep_of "$hdeb" 'linux-headers-[^ ]*-common')
	kbuild=$(dep_of "$hdeb" 'linux-kbuild-[^ ]*')
	gcc=$(dep_of "$hdeb" 'gcc-[0-9]*-for-host')
	if [ -z "$common" ] || [ -z "$kbuild" ] || [ -z "$gcc" ]; then
		die "cannot read the dependencies of $hpkg"
	fi
	gcc=${gcc%-for-host}
	case $arch in
	arm64) GCC_PKGS+=" $gcc-aarch64-linux-gnu" ;;
	amd64) GCC_PKGS+=" $gcc" ;;
	esac
	# The kbuild tools run on the host's architecture.
	unpack "$root" "$hdeb" "$(download "$common:all")" \
		"$(download "$kbuild:$(dpkg --print-architecture)")"
	kdir=$root/usr/src/linux-headers-$kver
	# Debian's per-flavour Makefile names the common tree and its own
	# output directory by absolute path; point them at the cached copy
	# (once: the build tier keys its cache on the Makefile's mtime).
	if grep -q '^include /usr/src/' "$kdir/Makefile"; then
		sed -i -e "s|^include /usr/src/|include $root/usr/src/|" \
			-e "s|^KBUILD_OUTPUT=/usr/src/|KBUILD_OUTPUT=$root/usr/src/|" \
			"$kdir/Makefile"
	fi
	grep -q "^include $root/usr/src/" "$kdir/Makefile" ||
		die "unexpected headers Makefile in $kdir"
	add_checker_valid "$root/usr/src/$common"
	mkdir -p "$tdir"
	{
		echo "KVER=$kver"
		echo "ARCH=$arch"
		echo "KDIR=$kdir"
	} >"$tdir/env.new"
	if [ "$image" = 1 ]; then
		local ipkg pkgs=() p
		ipkg=$(depends_on "linux-image-$flavour:$arch" '^linux-image-[0-9]')
		[ "$ipkg" = "linux-image-$kver" ] ||
			die "sid: linux-image-$flavour points at '$ipkg', headers at $kver"
		# linux-image-KVER is a meta package since 7.x: the image is
		# in linux-binary-, the modules in linux-modules-, the module
		# index files in linux-base-; 6.x had them all in linux-image-.
		for p in binary modules base; do
			pkgs+=("$(download "linux-$p-$kver:$arch")")
		done
		unpack "$root" "${pkgs[@]}"
		local mdir=$root/usr/lib/modules/$kver
		[ -s "$mdir/vmlinuz" ] || die "no vmlinuz in linux-binary-$kver"
		[ -s "$mdir/modules.order" ] || die "no modules.order in linux-base-$kver"
		{
			echo "VMLINUZ=$mdir/vmlinuz"
			echo "MODDIR=$mdir"
		} >>"$tdir/env.new"
	fi
	echo "BUILD_CHROOT=@CHROOT@" >>"$tdir/env.new"
	log "target $name: $kver"
}

# up_to_date: every target was written after sid's lists were last
# updated and after this script changed, and its chroot is complete:
# nothing to resolve (apt-cache on sid's lists is slow on a busy host).
up_to_date() {
	local t env chroot
	[ -z "${XLATE_REFRESH:-}" ] || return 1
	for t in sid-arm64 sid-16k-arm64 sid-amd64; do
		env=$CACHE/targets/$t/env
		[ -s "$env" ] && [ "${BASH_SOURCE[0]}" -ot "$env" ] || return 1
		[ -z "$(find "$SID/lists" -maxdepth 1 -name '*_Packages*' -newer "$env" | head -n1)" ] || return 1
		chroot=$(sed -n 's/^BUILD_CHROOT=//p' "$env")
		[ -n "$chroot" ] && [ -e "$chroot/.complete" ] || return 1
	done
}

main() {
	local t
	sid_update
	if up_to_date; then
		log "sid targets up to date with sid's lists ($SID)"
		return 0
	fi
	sid_target sid-arm64 arm64 arm64 1
	sid_target sid-16k-arm64 arm64 arm64-16k 1
	sid_target sid-amd64 amd64 amd64 0
	make_chroot
	for t in sid-arm64 sid-16k-arm64 sid-amd64; do
		sed -i "s|@CHROOT@|$BUILD_CHROOT|" "$CACHE/targets/$t/env.new"
		mv "$CACHE/targets/$t/env.new" "$CACHE/targets/$t/env"
	done
}

main "$@"
