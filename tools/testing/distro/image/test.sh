#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The checks of `make check-distro`, run as root inside the booted
# Debian arm64 image (from the payload disk, /xlate/test.sh, by the stub
# init).  /xlate/env gives XLATE_TARGET, KVER and VERSION; /xlate/debs
# holds the two packages, /xlate/x86 the x86-64 programs.  One line per
# check: PASS:/FAIL: distro/<target>/image-<name>.
#
#   image-kernel          the image booted Debian's KVER kernel
#   image-dpkg-install    dpkg -i of xlatectl and xlate-dkms succeeds (the
#                         postinst has DKMS build the module here, under
#                         TCG) and installs the /etc files
#   image-dkms-installed  dkms status: xlate/VERSION installed for KVER;
#                         the module is in updates/dkms
#   image-modprobe        `modprobe xlate` (no options: the package's
#                         modprobe.d file only has examples) loads the
#                         DKMS module of the right version
#   image-runtime-auto    xlate found the image's qemu-x86_64-static
#   image-x86-hello       a static x86-64 program runs and prints what it
#                         should, and xlate counted the hand-off, with no
#                         binfmt_misc registration for x86-64
#   image-x86-uname       x86-64 `uname -m` says x86_64, native aarch64
#   image-x86-cpuinfo     the x86-64 busybox sees an x86 /proc/cpuinfo
#   image-xlatectl-status `xlatectl status` reports the loaded module, its
#                         version and runtime
#   image-purge           rmmod, dpkg --purge of both packages: module,
#                         DKMS registration and /usr/src tree are gone
#   image-dmesg-clean     no oops, warning or lockdep report
# shellcheck disable=SC1091
. /xlate/env
P=distro/$XLATE_TARGET/image

pass() { echo "PASS: $P-$1"; }
fail() {
	n=$1
	shift
	echo "FAIL: $P-$n: $(echo "$*" | tr '\n\t' '  ' | cut -c1-300)"
}
tailof() { tail -n "${2:-4}" "$1" 2>/dev/null | tr '\n' ' '; }

export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8
cd /tmp || exit 1

# image-kernel
if [ "$(uname -r)" = "$KVER" ] && [ "$(uname -m)" = aarch64 ]; then
	pass kernel
else
	fail kernel "booted $(uname -r) $(uname -m), want $KVER aarch64"
fi

# image-dpkg-install: what a user does.  dpkg's output (the DKMS build
# log included) goes to the console after the result line.
t0=$(date +%s)
dpkg -i /xlate/debs/xlatectl_*.deb /xlate/debs/xlate-dkms_*.deb \
	>/tmp/dpkg.log 2>&1
rc=$?
t1=$(date +%s)
echo "xlate-distro: dpkg -i took $((t1 - t0)) s (exit $rc)"
missing=
for f in /usr/sbin/xlatectl /etc/modprobe.d/xlate.conf \
	/etc/modules-load.d/xlate.conf "/usr/src/xlate-$VERSION/dkms.conf"; do
	[ -e "$f" ] || missing="$missing $f"
done
if [ "$rc" -ne 0 ]; then
	fail dpkg-install "dpkg -i exited $rc: $(tailof /tmp/dpkg.log)"
elif [ -n "$missing" ]; then
	fail dpkg-install "missing after install:$missing"
else
	pass dpkg-install
fi
sed 's/^/dpkg: /' /tmp/dpkg.log
[ -f "/var/lib/dkms/xlate/$VERSION/build/make.log" ] &&
	sed 's/^/dkms-make: /' "/var/lib/dkms/xlate/$VERSION/build/make.log"

# image-dkms-installed
st=$(dkms status -m xlate -v "$VERSION" -k "$KVER" 2>&1)
ko=$(find "/lib/modules/$KVER/updates/dkms" -name 'xlate.ko*' 2>/dev/null | head -n 1)
case $st in
*"$KVER"*": installed"*)
	if [ -n "$ko" ]; then
		pass dkms-installed
	else
		fail dkms-installed "status '$st' but no updates/dkms/xlate.ko*"
	fi
	;;
*) fail dkms-installed "dkms status: '$st'" ;;
esac

# image-modprobe
if out=$(modprobe xlate 2>&1); then
	path=$(modinfo -n xlate 2>&1)
	ver=$(cat /sys/kernel/xlate/version 2>&1)
	case $path in
	"/lib/modules/$KVER/updates/dkms/"*)
		if [ -d /sys/module/xlate ] && [ "$ver" = "$VERSION" ]; then
			pass modprobe
		else
			fail modprobe "loaded $path but /sys/kernel/xlate/version is '$ver', want $VERSION"
		fi
		;;
	*) fail modprobe "modprobe resolved xlate to '$path', not updates/dkms" ;;
	esac
else
	fail modprobe "$out"
fi

# image-runtime-auto
rt=$(cat /sys/module/xlate/parameters/runtime 2>&1)
if [ "$rt" = /usr/bin/qemu-x86_64-static ]; then
	pass runtime-auto
else
	fail runtime-auto "runtime is '$rt' ($(dmesg | grep -i xlate | tail -n 2))"
fi

# image-x86-hello: no binfmt_misc rule may take the program instead.
mountpoint -q /proc/sys/fs/binfmt_misc ||
	mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null
rules=
for r in /proc/sys/fs/binfmt_misc/*; do
	case ${r##*/} in
	register | status | '*') ;;
	*) rules="$rules ${r##*/}" ;;
	esac
done
n0=$(cat /sys/kernel/xlate/stats/translated 2>/dev/null || echo 0)
out=$(/xlate/x86/hello distro 2>&1)
rc=$?
n1=$(cat /sys/kernel/xlate/stats/translated 2>/dev/null || echo 0)
want="argc=2
argv[0]=/xlate/x86/hello
argv[1]=distro
XLATE_TEST_ENV unset"
if [ "$rc" -ne 0 ] || [ "$out" != "$want" ]; then
	fail x86-hello "exit $rc, output '$out'"
elif [ "$n1" -le "$n0" ]; then
	fail x86-hello "ran, but stats/translated stayed at $n0 (binfmt_misc rules: $rules)"
elif [ -n "$rules" ]; then
	fail x86-hello "binfmt_misc has rules ($rules): the test would not prove xlate's hand-off"
else
	pass x86-hello
fi

# image-x86-uname
x=$(/xlate/x86/uname-m 2>&1)
xb=$(/xlate/x86/busybox uname -m 2>&1)
nat=$(uname -m)
if [ "$x" = x86_64 ] && [ "$xb" = x86_64 ] && [ "$nat" = aarch64 ]; then
	pass x86-uname
else
	fail x86-uname "x86-64 uname(2) '$x', x86-64 busybox uname -m '$xb', native '$nat'"
fi

# image-x86-cpuinfo
xv=$(/xlate/x86/busybox grep -m1 '^vendor_id' /proc/cpuinfo 2>&1)
nv=$(grep -c '^vendor_id' /proc/cpuinfo)
if [ -n "$xv" ] && [ "${xv#vendor_id}" != "$xv" ] && [ "$nv" = 0 ]; then
	pass x86-cpuinfo
else
	fail x86-cpuinfo "x86-64 view '$xv', native vendor_id lines: $nv"
fi

# image-xlatectl-status
out=$(xlatectl status 2>&1)
rc=$?
case $out in
*"xlate: loaded, version $VERSION"*"/usr/bin/qemu-x86_64-static"*)
	if [ "$rc" -eq 0 ]; then
		pass xlatectl-status
	else
		fail xlatectl-status "exit $rc: $out"
	fi
	;;
*) fail xlatectl-status "exit $rc: $out" ;;
esac
echo "$out" | sed 's/^/xlatectl: /'

# image-purge
{
	rmmod xlate &&
		dpkg --purge xlate-dkms xlatectl
} >/tmp/purge.log 2>&1
rc=$?
left=
ls /lib/modules/"$KVER"/updates/dkms/xlate.ko* >/dev/null 2>&1 && left="$left updates/dkms/xlate.ko"
[ -e "/usr/src/xlate-$VERSION" ] && left="$left /usr/src/xlate-$VERSION"
[ -e /var/lib/dkms/xlate ] && left="$left /var/lib/dkms/xlate"
[ -e /usr/sbin/xlatectl ] && left="$left /usr/sbin/xlatectl"
[ -e /etc/modprobe.d/xlate.conf ] && left="$left /etc/modprobe.d/xlate.conf"
modprobe -n xlate >/dev/null 2>&1 && left="$left (modprobe still finds xlate)"
if [ "$rc" -ne 0 ]; then
	fail purge "rmmod/dpkg --purge exited $rc: $(tailof /tmp/purge.log)"
elif [ -n "$left" ]; then
	fail purge "left behind:$left"
else
	pass purge
fi

# image-dmesg-clean (same patterns as the e2e init)
bad=$(dmesg | grep -E 'Oops|BUG:|WARNING:|Call trace|possible circular|possible recursive locking|INFO: task|KASAN|kmemleak|general protection|Unable to handle kernel|Kernel panic|RCU stall|rcu_.*detected stall|list_(add|del) corruption|refcount_t:|UBSAN')
if [ -n "$bad" ]; then
	fail dmesg-clean "$(echo "$bad" | head -n 5 | tr '\n' '|')"
else
	pass dmesg-clean
fi
dmesg | grep -i xlate | sed 's/^/dmesg: /'
