#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fetch the real x86-64 runtimes of Debian for the e2e VM:
#   trixie (Debian 13)  qemu-user 10 (static) and box64 0.3.4 (dynamic,
#                       with the arm64 glibc and the other packages its
#                       Depends line names)
#   sid                 qemu-user 11 (static) and box64 0.4.3 (dynamic;
#                       its Depends line asks for libc6 >= 2.39, which
#                       trixie's glibc above satisfies, so it runs on it)
# and keep every runtime package's binfmt_misc registration files
# (qemu-user's /usr/share/qemu/binfmt.d/qemu-{x86_64,i386}.conf, box64's
# /usr/lib/binfmt.d/*.conf, bookworm qemu-user-static's from the
# userland) under $XLATE_CACHE/runtimes/binfmt.d/<runtime>/, where
# mkinitramfs.sh takes them into every VM as /xlate/binfmt.d/<runtime>/
# (runtime: qemu7, qemu10, qemu11, box64, box64sid).  The newest version
# in each suite is taken, never a hard-coded one.
#
# apt runs with its own sources list, package lists and cache per suite
# under $XLATE_CACHE/apt/trixie and $XLATE_CACHE/apt/sid-runtimes (the
# host's sources are never read or changed); packages are only
# downloaded and unpacked with dpkg-deb, nothing is installed.
#
# Usage: fetch-runtimes.sh          (fetch-deps.sh calls it)
# Output: $XLATE_CACHE/runtimes.env, naming
#   RUNTIMES_ARM64   unpacked trixie arm64 tree: usr/bin/qemu-x86_64,
#                    usr/bin/box64, lib/aarch64-linux-gnu (trixie glibc)
#   RUNTIMES_AMD64   unpacked amd64 libraries box64 depends on
#   RUNTIMES_SID_ARM64  unpacked sid arm64 tree: usr/bin/qemu-x86_64,
#                    usr/bin/qemu-i386, usr/bin/box64
#   RUNTIMES_BINFMT  the binfmt.d files, one directory per runtime
#   QEMU10_VERSION, BOX64_VERSION, GLIBC_VERSION (trixie),
#   QEMU11_VERSION, BOX64SID_VERSION (sid)
set -euo pipefail

CACHE=${XLATE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xlate}
DEBS=$CACHE/debs
BINFMT=$CACHE/runtimes/binfmt.d

log() { printf 'fetch-runtimes: %s\n' "$*" >&2; }
die() { printf 'fetch-runtimes: error: %s\n' "$*" >&2; exit 1; }

# use_suite SUITE APTDIR SECURITY ARCHES...: every apt command from now
# on reads SUITE's lists in APTDIR (with SUITE-security when SECURITY is
# 1); arm64 is the native architecture, the others foreign.
use_suite() {
	local a
	SUITE=$1 APTDIR=$2
	ARCHES=("${@:4}")
	mkdir -p "$APTDIR/etc/sources.list.d" "$APTDIR/lists/partial" \
		"$APTDIR/cache/archives/partial" "$DEBS"
	{
		echo "deb [check-valid-until=no signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $SUITE main"
		[ "$3" = 1 ] &&
			echo "deb [check-valid-until=no signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian-security $SUITE-security main"
	} >"$APTDIR/etc/sources.list"
	[ -e "$APTDIR/status" ] || : >"$APTDIR/status"
	APT_OPTS=(
		-o "Dir::Etc::SourceList=$APTDIR/etc/sources.list"
		-o "Dir::Etc::SourceParts=$APTDIR/etc/sources.list.d"
		-o "Dir::State::Lists=$APTDIR/lists"
		-o "Dir::State::status=$APTDIR/status"
		-o "Dir::Cache=$APTDIR/cache"
		-o APT::Architecture=arm64
		-o Acquire::Languages=none
		-o Acquire::Check-Valid-Until=false
		-o APT::Sandbox::User=root
	)
	for a in "${ARCHES[@]}"; do
		APT_OPTS+=(-o "APT::Architectures::=$a")
	done
}

# lists_fresh ARCH: that architecture's list is less than a day old.
lists_fresh() {
	[ -n "$(find "$APTDIR/lists" -maxdepth 1 \
		-name "*_main_binary-$1_Packages*" -mmin -1440 2>/dev/null |
		head -n1)" ]
}

# Refresh the lists when they are missing or older than a day.
lists_update() {
	local a stale=${XLATE_REFRESH:-}
	for a in "${ARCHES[@]}"; do
		lists_fresh "$a" || stale=1
	done
	if [ -n "$stale" ]; then
		log "apt-get update ($SUITE lists in $APTDIR)"
		apt-get "${APT_OPTS[@]}" update -qq >/dev/null ||
			die "apt-get update of $SUITE failed"
	fi
}

# candidate NAME:ARCH: the archive's newest version, or nothing.
candidate() {
	apt-cache "${APT_OPTS[@]}" policy "$1" 2>/dev/null |
		awk '/Candidate:/ && $2 != "(none)" {print $2}'
}

# get NAME:ARCH: download into $DEBS unless there; print the .deb path.
get() {
	local name=${1%%:*} arch=${1#*:} ver file
	ver=$(candidate "$1")
	[ -n "$ver" ] || die "$SUITE has no $1"
	file=$DEBS/${name}_${ver//:/%3a}_${arch}.deb
	if [ ! -s "$file" ]; then
		log "downloading $1 $ver ($SUITE)"
		(cd "$DEBS" && apt-get "${APT_OPTS[@]}" download -qq \
			"$name:$arch=$ver" >/dev/null) ||
			die "apt-get download $name:$arch=$ver failed"
	fi
	[ -s "$file" ] || die "no $file after the download"
	printf '%s\n' "$file"
}

# unpack ROOT DEB [PATH...]: dpkg-deb -x once (or only PATHs, globs of
# the data archive), with a stamp per .deb.
unpack() {
	local root=$1 deb=$2 stamp
	shift 2
	stamp=$root/.stamps/$(basename "$deb")
	[ -e "$stamp" ] && return 0
	mkdir -p "$root/.stamps"
	if [ $# -eq 0 ]; then
		dpkg-deb -x "$deb" "$root" || die "dpkg-deb -x $deb"
	else
		dpkg-deb --fsys-tarfile "$deb" |
			tar -x -C "$root" --wildcards "$@" ||
			die "dpkg-deb --fsys-tarfile $deb | tar -x $*"
	fi
	touch "$stamp"
}

# depends DEB: the first alternative of each Depends entry, as
# NAME:ARCH (arm64 unless the entry names an architecture), followed by
# its version constraint if any ("libc6:arm64 >= 2.39").
depends() {
	dpkg-deb -f "$1" Depends | tr ',' '\n' | sed 's/|.*//' |
		sed -nE 's/^ *([a-z0-9.+-]+)(:([a-z0-9]+))? *(\(([<>=]+) *([^)]*)\))? *$/\1|\3|\5|\6/p' |
		while IFS='|' read -r name arch op ver; do
			case $arch in
			'' | any) arch=arm64 ;;
			esac
			printf '%s:%s %s %s\n' "$name" "$arch" "$op" "$ver"
		done
}

# keep_binfmt RUNTIME FILE...: the registration files of RUNTIME's
# package, as its package ships them.
keep_binfmt() {
	local rt=$1 f
	shift
	mkdir -p "$BINFMT/$rt"
	for f in "$@"; do
		[ -s "$f" ] || die "no binfmt.d file $f for $rt"
		cmp -s "$f" "$BINFMT/$rt/${f##*/}" || cp "$f" "$BINFMT/$rt/"
	done
}

# trixie: qemu-user 10, box64 0.3.4 and the glibc the VM runs them on.
trixie() {
	local out=$CACHE/runtimes/trixie qdeb bdeb spec op ver deb have dep
	use_suite trixie "$CACHE/apt/trixie" 1 arm64 amd64
	lists_update
	# qemu-user: only the x86-64 runtime and its Debian-only -binfmt-P
	# name; the package holds every target (500 MB unpacked).
	qdeb=$(get qemu-user:arm64)
	unpack "$out/arm64" "$qdeb" ./usr/bin/qemu-x86_64 \
		./usr/libexec/qemu-binfmt/x86_64-binfmt-P \
		./usr/share/qemu/binfmt.d/qemu-x86_64.conf
	# its registration files, x86-64 and i386
	unpack "$out/binfmt-src" "$qdeb" './usr/share/qemu/binfmt.d/qemu-x86_64.conf' \
		'./usr/share/qemu/binfmt.d/qemu-i386.conf'
	keep_binfmt qemu10 "$out/binfmt-src/usr/share/qemu/binfmt.d/qemu-x86_64.conf" \
		"$out/binfmt-src/usr/share/qemu/binfmt.d/qemu-i386.conf"
	bdeb=$(get box64:arm64)
	unpack "$out/arm64" "$bdeb"
	keep_binfmt box64 "$out"/arm64/usr/lib/binfmt.d/*.conf
	# box64's dependencies: arm64 ones (glibc) into the arm64 tree,
	# amd64 ones (the x86 libgcc_s and libstdc++ it runs programs with)
	# into the amd64 tree.
	while read -r spec op ver; do
		deb=$(get "$spec")
		if [ -n "$op" ]; then
			have=$(dpkg-deb -f "$deb" Version)
			dpkg --compare-versions "$have" "$op" "$ver" ||
				die "box64 needs $spec $op $ver, $SUITE has $have"
		fi
		unpack "$out/${spec#*:}" "$deb"
	done < <(depends "$bdeb")
	# glibc's own dependency (libgcc-s1) keeps its libraries together.
	GLIBC_DEB=$(get libc6:arm64)
	for dep in $(depends "$GLIBC_DEB" | cut -d' ' -f1); do
		unpack "$out/arm64" "$(get "$dep")"
	done
	[ -x "$out/arm64/usr/bin/qemu-x86_64" ] || die "no qemu-x86_64 in $qdeb"
	[ -x "$out/arm64/usr/bin/box64" ] || die "no box64 in $bdeb"
	[ -e "$out/arm64/lib/ld-linux-aarch64.so.1" ] ||
		[ -e "$out/arm64/usr/lib/ld-linux-aarch64.so.1" ] ||
		die "no arm64 loader from $SUITE's libc6"
	QEMU10_DEB=$qdeb BOX64_DEB=$bdeb
}

# sid: qemu-user 11 and box64 0.4.3, run on trixie's glibc in the VM.
sid() {
	local out=$CACHE/runtimes/sid qdeb bdeb spec op ver have
	use_suite sid "$CACHE/apt/sid-runtimes" 0 arm64
	lists_update
	qdeb=$(get qemu-user:arm64)
	# sid's qemu registers /usr/bin/qemu-x86_64 itself: no -binfmt-P
	unpack "$out/arm64" "$qdeb" ./usr/bin/qemu-x86_64 ./usr/bin/qemu-i386 \
		./usr/share/qemu/binfmt.d/qemu-x86_64.conf \
		./usr/share/qemu/binfmt.d/qemu-i386.conf
	keep_binfmt qemu11 "$out/arm64/usr/share/qemu/binfmt.d/qemu-x86_64.conf" \
		"$out/arm64/usr/share/qemu/binfmt.d/qemu-i386.conf"
	bdeb=$(get box64:arm64)
	unpack "$out/arm64" "$bdeb"
	keep_binfmt box64sid "$out"/arm64/usr/lib/binfmt.d/*.conf
	# Its arm64 Depends (glibc) against the glibc the VM has: trixie's.
	while read -r spec op ver; do
		[ "${spec#*:}" = arm64 ] && [ -n "$op" ] || continue
		[ "${spec%%:*}" = libc6 ] ||
			die "sid's box64 depends on $spec $op $ver, which the VM does not have"
		have=$(dpkg-deb -f "$GLIBC_DEB" Version)
		dpkg --compare-versions "$have" "$op" "$ver" ||
			die "sid's box64 needs $spec $op $ver, the VM has trixie's $have"
	done < <(depends "$bdeb")
	[ -x "$out/arm64/usr/bin/qemu-x86_64" ] || die "no qemu-x86_64 in $qdeb"
	[ -x "$out/arm64/usr/bin/box64" ] || die "no box64 in $bdeb"
	QEMU11_DEB=$qdeb BOX64SID_DEB=$bdeb
}

# bookworm's qemu-user-static 7.2 (the userland of fetch-deps.sh).
bookworm() {
	local land
	[ -s "$CACHE/userland.env" ] || die "no $CACHE/userland.env: fetch-deps.sh fetches the userland first"
	land=$(. "$CACHE/userland.env" && echo "$USERLAND")
	keep_binfmt qemu7 "$land/arm64/usr/lib/binfmt.d/qemu-x86_64.conf" \
		"$land/arm64/usr/lib/binfmt.d/qemu-i386.conf"
}

main() {
	trixie
	sid
	bookworm
	{
		echo "RUNTIMES_ARM64=$CACHE/runtimes/trixie/arm64"
		echo "RUNTIMES_AMD64=$CACHE/runtimes/trixie/amd64"
		echo "RUNTIMES_SID_ARM64=$CACHE/runtimes/sid/arm64"
		echo "RUNTIMES_BINFMT=$BINFMT"
		echo "QEMU10_VERSION=$(dpkg-deb -f "$QEMU10_DEB" Version)"
		echo "BOX64_VERSION=$(dpkg-deb -f "$BOX64_DEB" Version)"
		echo "GLIBC_VERSION=$(dpkg-deb -f "$GLIBC_DEB" Version)"
		echo "QEMU11_VERSION=$(dpkg-deb -f "$QEMU11_DEB" Version)"
		echo "BOX64SID_VERSION=$(dpkg-deb -f "$BOX64SID_DEB" Version)"
	} >"$CACHE/runtimes.env.new"
	mv "$CACHE/runtimes.env.new" "$CACHE/runtimes.env"
	log "runtimes: $(tr '\n' ' ' <"$CACHE/runtimes.env")"
}

main "$@"
