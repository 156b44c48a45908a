# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Sourced by image.sh: what one Debian release of `make check-distro`
# is made of.
#
#   release_setup REL   set SUITE, KVER, SOURCES (mmdebstrap's source
#                       lines), RUNTIME (the qemu path xlate finds first
#                       in that release) and P (the check-name prefix)
#                       for REL, bookworm or trixie; on failure, a
#                       message on stdout and status 1
#
# Sources: the host apt's arm64 entries of its own release (fetch-deps.sh
# added arm64 as a foreign architecture; no mirror is hard-coded), with
# the suite names changed to REL's: "deb URI bookworm main" becomes
# "deb URI trixie main", bookworm-security trixie-security, and so on.
#
# Kernel: bookworm's is the 6.12-arm64 target's KVER (fetch-deps.sh
# resolves it).  For another release it is what that release's
# linux-image-arm64 depends on, today: apt-get update with those sources
# into a private apt directory, $XLATE_CACHE/apt/distro-REL (lists,
# status and cache of its own; the host's apt is never changed),
# refreshed when older than a day or with XLATE_REFRESH=1.

# apt_sources
# shellcheck source=../../lib/fetch-lib.sh
. "$HERE/../lib/fetch-lib.sh"

# release_sources REL: the host's arm64 entries, renamed to REL's suites.
release_sources() {
	local host
	# shellcheck disable=SC1091
	host=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
	[ -n "$host" ] || return 1
	apt_sources "$host" arm64 |
		awk -v h="$host" -v r="$1" '{
			if ($3 == h) $3 = r
			else if (index($3, h "-") == 1) $3 = r substr($3, length(h) + 1)
			print
		}'
}

# release_kver REL SOURCE-LINE...: the kernel ABI that REL's
# linux-image-arm64 depends on (6.12.N+deb13-arm64).
release_kver() {
	local rel=$1 dir l
	shift
	dir=$XLATE_CACHE/apt/distro-$rel
	mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
	for l in "$@"; do
		echo "$l"
	done | sed 's/^deb /deb [signed-by=\/usr\/share\/keyrings\/debian-archive-keyring.gpg] /' \
		>"$dir/sources.list"
	[ -e "$dir/status" ] || : >"$dir/status"
	local opts=(
		-o "Dir::Etc::SourceList=$dir/sources.list"
		-o "Dir::Etc::SourceParts=/nonexistent"
		-o "Dir::State::Lists=$dir/lists"
		-o "Dir::State::status=$dir/status"
		-o "Dir::Cache=$dir/cache"
		-o APT::Architecture=arm64
		-o APT::Architectures::=arm64
		-o Acquire::Languages=none
		-o APT::Sandbox::User=root
	)
	if [ -n "${XLATE_REFRESH:-}" ] || [ -z "$(find "$dir/lists" -maxdepth 1 \
		-name '*_Packages*' -mmin -1440 2>/dev/null | head -n 1)" ]; then
		apt-get "${opts[@]}" update -qq >"$dir/update.log" 2>&1 || {
			echo "apt-get update of $rel's arm64 lists failed: $(tail -n 2 "$dir/update.log" | tr '\n' ' ')"
			return 1
		}
	fi
	apt-cache "${opts[@]}" depends linux-image-arm64 2>/dev/null |
		sed -n 's/^ *Depends: linux-image-\(.*-arm64\)$/\1/p' | head -n 1
}

release_setup() {
	local rel=$1
	SUITE=$rel
	mapfile -t SOURCES < <(release_sources "$rel")
	if [ ${#SOURCES[@]} -eq 0 ]; then
		echo "apt knows no arm64 index of the host's release (run tools/testing/lib/fetch-deps.sh)"
		return 1
	fi
	case $rel in
	bookworm)
		load_target 6.12-arm64 2>&1 || return 1
		# qemu-user-static 7.2: the static binary under its own name
		RUNTIME=/usr/bin/qemu-x86_64-static
		;;
	trixie)
		KVER=$(release_kver "$rel" "${SOURCES[@]}") || { echo "$KVER"; return 1; }
		[ -n "$KVER" ] || { echo "no linux-image-arm64 in $rel's arm64 lists"; return 1; }
		# qemu-user 10's binaries are static; the transitional
		# qemu-user-static keeps the old name as a link to qemu-x86_64,
		# and xlate's search tries that name first
		RUNTIME=/usr/bin/qemu-x86_64-static
		;;
	*)
		echo "unknown release '$rel' (bookworm, trixie)"
		return 1
		;;
	esac
}
