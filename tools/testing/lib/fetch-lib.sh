# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Shared by the fetch scripts and distro/image/rootfs.sh (sourced; the
# functions call the caller's die).

# unpack ROOT DEB...: dpkg-deb -x each DEB into ROOT once (a stamp per
# .deb under ROOT/.stamps).
unpack() {
	local root=$1 deb stamp
	shift
	mkdir -p "$root/.stamps"
	for deb in "$@"; do
		stamp=$root/.stamps/$(basename "$deb")
		[ -e "$stamp" ] && continue
		dpkg-deb -x "$deb" "$root" || die "dpkg-deb -x $deb"
		touch "$stamp"
	done
}

# apt_sources SUITE ARCH: the host apt's archive entries for ARCH,
# restricted to SUITE and its -updates and -security suites, one
# "deb URI SUITE COMPONENT..." line each (for mmdebstrap).
apt_sources() {
	# shellcheck disable=SC2016 # apt's own $(FIELD) placeholders
	apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(COMPONENT)' \
		'Created-By: Packages' "Architecture: $2" |
		awk -v s="$1" '$2 == s || $2 ~ "^" s "-(updates|security)$" {
			k = $1 " " $2
			if (!(k in c)) order[n++] = k
			c[k] = c[k] " " $3
		}
		END { for (i = 0; i < n; i++) print "deb " order[i] c[order[i]] }'
}

# The Debian archive the fetch scripts read, whatever the host runs:
# XLATE_DEBIAN_MIRROR and XLATE_SECURITY_MIRROR override the mirrors.
DEBIAN_KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
DEBIAN_MIRROR=${XLATE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${XLATE_SECURITY_MIRROR:-http://deb.debian.org/debian-security}

# debian_sources SUITE: the three suites a Debian installer configures
# (SUITE, SUITE-updates, SUITE-security), main, one "deb URI SUITE main"
# line each (mmdebstrap's and sources.list's format).
debian_sources() {
	printf 'deb %s %s main\n' "$DEBIAN_MIRROR" "$1" \
		"$DEBIAN_MIRROR" "$1-updates" "$SECURITY_MIRROR" "$1-security"
}

# debian_sources_signed SUITE: the same lines, signed-by Debian's
# keyring (mmdebstrap 1.5 on Debian 13, which has no gpg in minbase,
# cannot work that out itself).
debian_sources_signed() {
	debian_sources "$1" | sed "s|^deb |deb [signed-by=$DEBIAN_KEYRING] |"
}

# debian_apt SUITE: an apt state of SUITE's own under $CACHE/apt/SUITE
# (sources, lists, an empty dpkg status, no pinning), so that what is
# fetched depends neither on the host's release nor on its sources,
# which are never read or changed.  The archive is SUITE's three suites
# (debian_sources), signed by debian-archive-keyring; the architectures
# are the host's, amd64, arm64 and i386.  Sets DEBIAN_APT_DIR and
# DEBIAN_APT_OPTS, the options every apt-get and apt-cache call of that
# state gets.  Needs CACHE.
debian_apt() {
	local suite=$1 dir=$CACHE/apt/$1 a native
	[ -r "$DEBIAN_KEYRING" ] ||
		die "no $DEBIAN_KEYRING (install debian-archive-keyring)"
	mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" \
		"$dir/empty.d"
	[ -e "$dir/status" ] || : >"$dir/status"
	debian_sources_signed "$suite" >"$dir/sources.list.new"
	if cmp -s "$dir/sources.list.new" "$dir/sources.list"; then
		rm "$dir/sources.list.new"
	else
		mv "$dir/sources.list.new" "$dir/sources.list"
		rm -f "$dir/updated"
	fi
	native=$(dpkg --print-architecture)
	DEBIAN_APT_DIR=$dir
	DEBIAN_APT_OPTS=(
		-o "Dir::Etc::SourceList=$dir/sources.list"
		-o "Dir::Etc::SourceParts=$dir/empty.d"
		-o "Dir::Etc::Preferences=$dir/empty.d/none"
		-o "Dir::Etc::PreferencesParts=$dir/empty.d"
		-o "Dir::State::Lists=$dir/lists"
		-o "Dir::State::status=$dir/status"
		-o "Dir::Cache=$dir/cache"
		-o "APT::Architecture=$native"
		-o "APT::Architectures::=$native"
		-o Acquire::Languages=none
		-o APT::Sandbox::User=root
	)
	for a in amd64 arm64 i386; do
		[ "$a" = "$native" ] ||
			DEBIAN_APT_OPTS+=(-o "APT::Architectures::=$a")
	done
}

# debian_apt_fresh: the state's lists were updated less than a day ago
# (and XLATE_REFRESH is not set).
debian_apt_fresh() {
	[ -z "${XLATE_REFRESH:-}" ] &&
		[ -n "$(find "$DEBIAN_APT_DIR/updated" -mmin -1440 2>/dev/null)" ]
}

# debian_apt_update: apt-get update of the state (debian_apt).
# A mirror in mid-sync fails one index (seen: bookworm-security's i386
# Packages) and apt keeps the old one: go on with a warning; a package
# that is then missing fails its own download.
debian_apt_update() {
	local err
	if ! err=$(apt-get "${DEBIAN_APT_OPTS[@]}" update -qq 2>&1 >/dev/null); then
		grep -q '^E: Some index files failed to download' <<<"$err" ||
			die "apt-get update ($DEBIAN_APT_DIR) failed: $(tail -n 3 <<<"$err")"
		printf 'warning: apt-get update (%s): %s\n' "$DEBIAN_APT_DIR" \
			"$(grep -m1 '^E: Failed' <<<"$err")" >&2
	fi
	touch "$DEBIAN_APT_DIR/updated"
}
