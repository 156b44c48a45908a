#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The Debian packages, built with dpkg-buildpackage in a copy of the
# source tree:
#   xlate-dkms (all) and xlatectl (amd64, the host), dpkg-buildpackage -b;
#   xlatectl (arm64), dpkg-buildpackage -B -aarm64 -Ppkg.xlate.static:
#   a cross build with debian/rules' static profile, because
#   dpkg-shlibdeps would need libc6:arm64 installed on the host for a
#   dynamic binary, and the bench installs no foreign packages.
# Then lintian, and the module source from the xlate-dkms .deb built by
# dkms for 6.12-arm64.
#
# Host packages: dpkg-dev debhelper dh-dkms lintian fakeroot dkms kmod
#   gcc-aarch64-linux-gnu libc6-dev-arm64-cross file
#
# Checks (distro/host/...):
#   deb-build            the three .debs exist; xlate-dkms holds
#                        /usr/src/xlate-VERSION/{dkms.conf,VERSION,Kbuild,
#                        kmod/main.c} and the /etc files, depends on dkms
#                        and registers xlate/VERSION with dkms in postinst;
#                        xlatectl holds the binary and its man page
#   deb-lintian          lintian --pedantic on the amd64 .changes: no tag
#                        of any severity (overrides are listed in debian/)
#   deb-xlatectl-arm64   the cross .deb: static AArch64 xlatectl, lintian clean
#   deb-dkms-source      (6.12-arm64) dkms adds and builds the .deb's
#                        /usr/src tree for 6.12-arm64 (cross)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

OUT=$DISTRO_OUT/debs
SRC=$OUT/src
rm -rf "$OUT"
mkdir -p "$OUT"

need_cmds distro/host/deb-build dpkg-buildpackage dh dh_dkms fakeroot \
	lintian dkms file aarch64-linux-gnu-gcc || exit 0
stage_source "$SRC"
version=$(cat "$SRC/VERSION")

# lintian_clean LOG FILE: lintian with every severity shown; 0 if no tag.
lintian_clean() {
	lintian -I -E --pedantic --fail-on error,warning,info,pedantic \
		"$2" >"$1" 2>&1 || return 1
	! grep -qE '^[EWIPX]: ' "$1"
}

# deb_files DEB: the paths in DEB, one a line, without the leading dot.
deb_files() {
	dpkg-deb -c "$1" | awk '{ print $6 }' | sed 's|^\.||'
}

# deb-build
if ! run_logged "$OUT/build.log" nice env -C "$SRC" \
	dpkg-buildpackage -us -uc -b; then
	fail distro/host/deb-build "dpkg-buildpackage: $(log_tail "$OUT/build.log")"
else
	harch=$(dpkg --print-architecture)
	dk=$OUT/xlate-dkms_${version}_all.deb
	ctl=$OUT/xlatectl_${version}_${harch}.deb
	bad=()
	for f in "$dk" "$ctl"; do
		[ -f "$f" ] || bad+=("no $(basename "$f")")
	done
	if [ ${#bad[@]} -eq 0 ]; then
		files=$(deb_files "$dk")
		for f in "/usr/src/xlate-$version/dkms.conf" \
			"/usr/src/xlate-$version/VERSION" \
			"/usr/src/xlate-$version/Kbuild" \
			"/usr/src/xlate-$version/kmod/main.c" \
			/etc/modprobe.d/xlate.conf /etc/modules-load.d/xlate.conf; do
			grep -qxF "$f" <<<"$files" || bad+=("xlate-dkms lacks $f")
		done
		dpkg-deb -f "$dk" Depends | grep -qw dkms ||
			bad+=("xlate-dkms does not depend on dkms")
		rm -rf "$OUT/dk-ctrl"
		dpkg-deb -e "$dk" "$OUT/dk-ctrl"
		if ! grep -qx 'DKMS_NAME=xlate' "$OUT/dk-ctrl/postinst" ||
			! grep -qx "DKMS_VERSION=$version" "$OUT/dk-ctrl/postinst"; then
			bad+=("postinst does not register xlate/$version")
		fi
		files=$(deb_files "$ctl")
		for f in /usr/sbin/xlatectl /usr/share/man/man8/xlatectl.8.gz; do
			grep -qxF "$f" <<<"$files" || bad+=("xlatectl lacks $f")
		done
	fi
	if [ ${#bad[@]} -eq 0 ]; then
		pass distro/host/deb-build
	else
		fail distro/host/deb-build "${bad[*]}"
	fi

	# deb-lintian
	if lintian_clean "$OUT/lintian.log" "$OUT/xlate_${version}_${harch}.changes"; then
		pass distro/host/deb-lintian
	else
		fail distro/host/deb-lintian "$(grep -E '^[EWIPX]: ' "$OUT/lintian.log" | head -n5 | tr '\n' ' ')$(log_tail "$OUT/lintian.log")"
	fi
fi

# deb-xlatectl-arm64
if ! run_logged "$OUT/build-arm64.log" nice env -C "$SRC" \
	dpkg-buildpackage -us -uc -B -aarm64 -Ppkg.xlate.static; then
	fail distro/host/deb-xlatectl-arm64 "dpkg-buildpackage -aarm64: $(log_tail "$OUT/build-arm64.log")"
else
	deb=$OUT/xlatectl_${version}_arm64.deb
	rm -rf "$OUT/ctl-arm64"
	mkdir -p "$OUT/ctl-arm64"
	dpkg-deb -x "$deb" "$OUT/ctl-arm64"
	what=$(file -b "$OUT/ctl-arm64/usr/sbin/xlatectl" 2>&1)
	if [[ $what != *"ARM aarch64"*"statically linked"* ]]; then
		fail distro/host/deb-xlatectl-arm64 "usr/sbin/xlatectl: $what"
	elif ! lintian_clean "$OUT/lintian-arm64.log" "$OUT/xlate_${version}_arm64.changes"; then
		fail distro/host/deb-xlatectl-arm64 "lintian: $(grep -E '^[EWIPX]: ' "$OUT/lintian-arm64.log" | head -n5 | tr '\n' ' ')"
	else
		pass distro/host/deb-xlatectl-arm64
	fi
fi

# deb-dkms-source: what the package ships is what dkms builds.
dk=$OUT/xlate-dkms_${version}_all.deb
if [ ! -f "$dk" ]; then
	fail distro/6.12-arm64/deb-dkms-source "no xlate-dkms .deb"
elif ! load_target 6.12-arm64 2>"$OUT/env.log"; then
	fail distro/6.12-arm64/deb-dkms-source "$(cat "$OUT/env.log")"
else
	W=$OUT/dkms-world
	mkdir -p "$W/pkg" "$W/dkms" "$W/src" "$W/root/lib/modules/$KVER"
	dpkg-deb -x "$dk" "$W/pkg"
	DK=(dkms --dkmstree "$W/dkms" --sourcetree "$W/src"
		--installtree "$W/root/lib/modules")
	if run_logged "$OUT/dkms-add.log" "${DK[@]}" add "$W/pkg/usr/src/xlate-$version" &&
		run_logged "$OUT/dkms-build.log" env ARCH=arm64 \
			CROSS_COMPILE=aarch64-linux-gnu- nice "${DK[@]}" build \
			-m xlate -v "$version" -k "$KVER" -a aarch64 \
			--kernelsourcedir "$KDIR" &&
		file -b "$W/dkms/xlate/$version/$KVER/aarch64/module/xlate.ko" |
		grep -q 'ARM aarch64'; then
		pass distro/6.12-arm64/deb-dkms-source
	else
		fail distro/6.12-arm64/deb-dkms-source "$(log_tail "$OUT/dkms-add.log") $(log_tail "$OUT/dkms-build.log")"
	fi
fi
