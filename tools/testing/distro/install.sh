#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make install / make uninstall with DESTDIR, against the cached
# 6.12-amd64 headers (the host's own architecture, so xlatectl and the
# module build natively), in a copy of the source tree.
#
# Host packages: make gcc kmod xz-utils
#
# Checks (distro/host/...):
#   install-files             the module (vermagic of KDIR), xlatectl (runs,
#                             prints VERSION), its man page, both example
#                             /etc files, xlate-cpuinfo-sync.service (naming
#                             the installed xlatectl) and the manifest are
#                             in DESTDIR
#   install-no-depmod         nothing from depmod lands in DESTDIR
#   install-uninstall-empty   make uninstall leaves DESTDIR empty
#   uninstall-keeps-modified-conf  an edited /etc/modprobe.d/xlate.conf
#                             survives uninstall; everything else goes
#   install-keeps-existing-conf    install never overwrites an existing
#                             /etc file
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

OUT=$DISTRO_OUT/install
SRC=$OUT/src
DEST=$OUT/dest
rm -rf "$OUT"
mkdir -p "$OUT"

need_cmds distro/host/install-files make gcc modinfo xz || exit 0
if ! load_target 6.12-amd64 2>"$OUT/env.log"; then
	fail distro/host/install-files "$(cat "$OUT/env.log")"
	exit 0
fi
stage_source "$SRC"
version=$(cat "$SRC/VERSION")
mk=(nice make -C "$SRC" -f mk/install.mk KDIR="$KDIR")

if ! run_logged "$OUT/install.log" "${mk[@]}" install DESTDIR="$DEST"; then
	fail distro/host/install-files "make install: $(log_tail "$OUT/install.log")"
	exit 0
fi

# install-files
missing=()
ko=$(find "$DEST/lib/modules/$KVER/extra" -name 'xlate.ko*' -print -quit 2>/dev/null)
for f in usr/sbin/xlatectl usr/share/man/man8/xlatectl.8 \
	etc/modprobe.d/xlate.conf etc/modules-load.d/xlate.conf \
	usr/lib/systemd/system/xlate-cpuinfo-sync.service \
	usr/share/xlate/install-manifest; do
	[ -f "$DEST/$f" ] || missing+=("$f")
done
[ -n "$ko" ] || missing+=("lib/modules/$KVER/extra/.../xlate.ko*")
vm=${ko:+$(modinfo -F vermagic "$ko" 2>&1)}
ctl=$("$DEST/usr/sbin/xlatectl" --version 2>&1) || true
if [ ${#missing[@]} -gt 0 ]; then
	fail distro/host/install-files "missing: ${missing[*]}"
elif [ "${vm%% *}" != "$KVER" ]; then
	fail distro/host/install-files "module vermagic '$vm', want $KVER"
elif [[ $ctl != *"$version"* ]]; then
	fail distro/host/install-files "xlatectl --version: '$ctl'"
elif ! grep -qx 'ExecStart=/usr/sbin/xlatectl cpuinfo sync' \
	"$DEST/usr/lib/systemd/system/xlate-cpuinfo-sync.service"; then
	fail distro/host/install-files "xlate-cpuinfo-sync.service does not run /usr/sbin/xlatectl cpuinfo sync"
elif ! grep -qx xlate "$DEST/etc/modules-load.d/xlate.conf" ||
	! grep -q '^#options xlate runtime=' "$DEST/etc/modprobe.d/xlate.conf"; then
	fail distro/host/install-files "example /etc files lack 'xlate' / '#options xlate runtime='"
else
	pass distro/host/install-files
fi

# install-no-depmod: DESTDIR set, so no modules.dep & co.
dep=$(find "$DEST/lib/modules/$KVER" -maxdepth 1 -name 'modules.*' | tr '\n' ' ')
if [ -z "$dep" ]; then
	pass distro/host/install-no-depmod
else
	fail distro/host/install-no-depmod "found $dep"
fi

# install-uninstall-empty
if ! run_logged "$OUT/uninstall.log" "${mk[@]}" uninstall DESTDIR="$DEST"; then
	fail distro/host/install-uninstall-empty "make uninstall: $(log_tail "$OUT/uninstall.log")"
else
	left=$(cd "$DEST" && find . -mindepth 1 | head -n 5 | tr '\n' ' ')
	if [ -z "$left" ]; then
		pass distro/host/install-uninstall-empty
	else
		fail distro/host/install-uninstall-empty "left in DESTDIR: $left"
	fi
fi

# uninstall-keeps-modified-conf: install again (objects are built),
# edit one /etc file, uninstall.
if run_logged "$OUT/install2.log" "${mk[@]}" install DESTDIR="$DEST" &&
	echo "options xlate runtime=/usr/bin/box64" >>"$DEST/etc/modprobe.d/xlate.conf" &&
	run_logged "$OUT/uninstall2.log" "${mk[@]}" uninstall DESTDIR="$DEST"; then
	left=$(cd "$DEST" && find . -type f | tr '\n' ' ')
	if [ "$left" = "./etc/modprobe.d/xlate.conf " ]; then
		pass distro/host/uninstall-keeps-modified-conf
	else
		fail distro/host/uninstall-keeps-modified-conf "files left: '$left'"
	fi
else
	fail distro/host/uninstall-keeps-modified-conf "$(log_tail "$OUT/install2.log") $(log_tail "$OUT/uninstall2.log")"
fi

# install-keeps-existing-conf: the edited file from above is still there.
if run_logged "$OUT/install3.log" "${mk[@]}" install DESTDIR="$DEST" &&
	grep -q '^options xlate runtime=/usr/bin/box64' "$DEST/etc/modprobe.d/xlate.conf"; then
	pass distro/host/install-keeps-existing-conf
else
	fail distro/host/install-keeps-existing-conf "edited /etc/modprobe.d/xlate.conf was replaced: $(log_tail "$OUT/install3.log")"
fi
