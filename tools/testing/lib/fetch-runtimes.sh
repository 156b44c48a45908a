#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fetch the real x86-64 runtimes of Debian 13 (trixie) for the e2e VM:
# qemu-user 10 (static) and box64 (dynamic, with the arm64 glibc and the
# other packages its Depends line names).  The newest version in the
# archive is taken, never a hard-coded one.
#
# apt runs with its own sources list, package lists and cache under
# $XLATE_CACHE/apt/trixie (the host's sources are never read or
# changed); packages are only downloaded and unpacked with dpkg-deb,
# nothing is installed.
#
# Usage: fetch-runtimes.sh          (fetch-deps.sh calls it)
# Output: $XLATE_CACHE/runtimes.env, naming
#   RUNTIMES_ARM64   unpacked arm64 tree: usr/bin/qemu-x86_64,
#                    usr/bin/box64, lib/aarch64-linux-gnu (trixie glibc)
#   RUNTIMES_AMD64   unpacked amd64 libraries box64 depends on
#   QEMU10_VERSION, BOX64_VERSION, GLIBC_VERSION
set -euo pipefail

CACHE=${XLATE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xlate}
SUITE=trixie
APTDIR=$CACHE/apt/$SUITE
DEBS=$CACHE/debs
OUT=$CACHE/runtimes/$SUITE

log() { printf 'fetch-runtimes: %s\n' "$*" >&2; }
die() { printf 'fetch-runtimes: error: %s\n' "$*" >&2; exit 1; }

mkdir -p "$APTDIR/etc/sources.list.d" "$APTDIR/lists/partial" \
	"$APTDIR/cache/archives/partial" "$DEBS" "$OUT"
cat >"$APTDIR/etc/sources.list" <<EOF
deb [check-valid-until=no signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $SUITE main
deb [check-valid-until=no signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian-security $SUITE-security main
EOF
[ -e "$APTDIR/status" ] || : >"$APTDIR/status"

# Every apt command gets these options: own sources, lists, status and
# cache; arm64 as the native architecture, amd64 as the foreign one.
APT_OPTS=(
	-o "Dir::Etc::SourceList=$APTDIR/etc/sources.list"
	-o "Dir::Etc::SourceParts=$APTDIR/etc/sources.list.d"
	-o "Dir::State::Lists=$APTDIR/lists"
	-o "Dir::State::status=$APTDIR/status"
	-o "Dir::Cache=$APTDIR/cache"
	-o APT::Architecture=arm64
	-o APT::Architectures::=arm64
	-o APT::Architectures::=amd64
	-o Acquire::Languages=none
	-o Acquire::Check-Valid-Until=false
	-o APT::Sandbox::User=root
)

# lists_fresh ARCH: that architecture's list is less than a day old.
lists_fresh() {
	[ -n "$(find "$APTDIR/lists" -maxdepth 1 \
		-name "*_main_binary-$1_Packages*" -mmin -1440 2>/dev/null |
		head -n1)" ]
}

# Refresh the lists when they are missing or older than a day.
lists_update() {
	if [ -n "${XLATE_REFRESH:-}" ] || ! lists_fresh arm64 ||
		! lists_fresh amd64; then
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

main() {
	local qdeb bdeb dep spec op ver deb have
	lists_update
	mkdir -p "$OUT"
	# qemu-user: only the x86-64 runtime and its Debian-only -binfmt-P
	# name; the package holds every target (500 MB unpacked).
	qdeb=$(get qemu-user:arm64)
	unpack "$OUT/arm64" "$qdeb" ./usr/bin/qemu-x86_64 \
		./usr/libexec/qemu-binfmt/x86_64-binfmt-P \
		./usr/share/qemu/binfmt.d/qemu-x86_64.conf
	bdeb=$(get box64:arm64)
	unpack "$OUT/arm64" "$bdeb"
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
		unpack "$OUT/${spec#*:}" "$deb"
	done < <(depends "$bdeb")
	# glibc's own dependency (libgcc-s1) keeps its libraries together.
	for dep in $(depends "$(get libc6:arm64)" | cut -d' ' -f1); do
		unpack "$OUT/arm64" "$(get "$dep")"
	done
	[ -x "$OUT/arm64/usr/bin/qemu-x86_64" ] || die "no qemu-x86_64 in $qdeb"
	[ -x "$OUT/arm64/usr/bin/box64" ] || die "no box64 in $bdeb"
	[ -e "$OUT/arm64/lib/ld-linux-aarch64.so.1" ] ||
		[ -e "$OUT/arm64/usr/lib/ld-linux-aarch64.so.1" ] ||
		die "no arm64 loader from $SUITE's libc6"
	{
		echo "RUNTIMES_ARM64=$OUT/arm64"
		echo "RUNTIMES_AMD64=$OUT/amd64"
		echo "QEMU10_VERSION=$(dpkg-deb -f "$qdeb" Version)"
		echo "BOX64_VERSION=$(dpkg-deb -f "$bdeb" Version)"
		echo "GLIBC_VERSION=$(dpkg-deb -f "$(get libc6:arm64)" Version)"
	} >"$CACHE/runtimes.env.new"
	mv "$CACHE/runtimes.env.new" "$CACHE/runtimes.env"
	log "$SUITE runtimes: $(tr '\n' ' ' <"$CACHE/runtimes.env")"
}

main "$@"
