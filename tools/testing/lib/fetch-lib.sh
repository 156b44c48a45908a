# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Shared by the fetch scripts (sourced; they define die).

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
