# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Shared by the fetch scripts and distro/image/rootfs.sh (sourced;
# unpack calls the caller's die).

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
