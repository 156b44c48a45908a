#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The Debian arm64 root filesystem of `make check-distro`, cached.
# Usage: rootfs.sh SUITE KVER OUTVAR-FILE SOURCE-LINE...
#
# SUITE is the release (bookworm, trixie), KVER its kernel, and each
# SOURCE-LINE one "deb URI SUITE COMPONENT..." entry for mmdebstrap
# (image/release.sh makes them from the host's apt configuration).
#
# mmdebstrap --arch=arm64 builds it into a folder on this (x86-64) host;
# every maintainer script of the second stage runs on the host through
# qemu-aarch64 registered with binfmt_misc (binfmt.sh), which is much
# faster than a second stage inside the TCG VM.  The image holds
# Debian's linux-image-KVER with its initramfs, linux-headers-KVER, dkms
# with gcc and make (so the xlate-dkms package can build the module
# there, as on a user's machine), kmod, qemu-user-static (the x86-64
# translator xlate finds by itself), systemd as init (systemd-sysv, with
# udev and dbus as on an ordinary install; procps, whose ps `docker top`
# runs and the checks compare with), the container engines of
# image/engines.sh (podman with crun, conmon, netavark and uidmap;
# docker.io with containerd and runc; apparmor, which Debian installs by
# default and both engines use when the kernel has it) and the unit
# xlate-distro.service with its runner payload-run.sh, which only run
# when the kernel command line asks for them.  Nothing of xlate is in
# it: the packages are installed in the VM.
#
# The result lives in $XLATE_CACHE/distro-rootfs-<hash>, where the hash
# covers the package list, KVER, the suite and its sources, this
# script's FORMAT, the unit and its runner: root/ (the folder), rootfs.img (an ext4 image of root/,
# made with mke2fs -d, no loop mount; QEMU opens it with snapshot=on so
# it is never changed), vmlinuz and initrd.img (copied from root/boot).
# The directory's path is written to OUTVAR-FILE as ROOTFS=...
# A cache directory without its .complete stamp is rebuilt.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../../lib/common.sh
. "$HERE/../../lib/common.sh"

[ $# -ge 4 ] || { echo "usage: $0 SUITE KVER OUTVAR-FILE SOURCE-LINE..." >&2; exit 2; }
SUITE=$1
KVER=$2
OUTVAR=$3
shift 3
mirrors=("$@")

# Bump when the way the tree is made changes (hooks, image layout).
FORMAT=4
PKGS=(mount initramfs-tools busybox kmod xz-utils
	"linux-image-$KVER" "linux-headers-$KVER" dkms gcc make
	qemu-user-static systemd-sysv udev dbus procps
	podman crun conmon netavark uidmap dbus-user-session
	docker.io containerd runc iptables apparmor)
# The rootless network helper podman defaults to: slirp4netns up to
# podman 4 (bookworm), pasta from podman 5 (trixie), whose netavark
# recommends nftables for its firewall rules.  From Debian 13 on
# docker.io is the daemon only; the CLI and buildx (BuildKit's client,
# which `docker build` needs since docker 23) are packages of their own.
case $SUITE in
bookworm) PKGS+=(slirp4netns) ;;
*) PKGS+=(passt nftables docker-cli docker-buildx) ;;
esac
# Debian's initramfs with only what this machine (-M virt, virtio-blk,
# ext4) needs: MODULES=most would pack ~3000 modules under qemu-user.
# (virtio_pci is built in.)
INITRAMFS_MODULES="virtio_blk ext4"

key=$( {
	echo "format=$FORMAT suite=$SUITE kver=$KVER"
	printf '%s\n' "${PKGS[@]}" "$INITRAMFS_MODULES" "${mirrors[@]}"
	cat "$HERE/payload-run.sh" "$HERE/xlate-distro.service"
} | sha256sum | cut -c1-16)
DIR=$XLATE_CACHE/distro-rootfs-$key

publish() {
	echo "ROOTFS=$DIR" >"$OUTVAR"
}

mkdir -p "$XLATE_CACHE"
exec 9>"$DIR.lock"
flock 9
if [ -f "$DIR/.complete" ]; then
	echo "rootfs: cached $DIR" >&2
	publish
	exit 0
fi

# shellcheck source=binfmt.sh
. "$HERE/binfmt.sh"
binfmt_arm64_on || exit 1
trap binfmt_arm64_off EXIT
trap "exit 1" INT TERM

tmp=$DIR.tmp
rm -rf "$tmp" "$DIR"
mkdir -p "$tmp"
incl=$(IFS=,; echo "${PKGS[*]}")
# Before the kernel is installed: MODULES=list, and a hook that puts
# the modules into the initramfs and loads them at its start
# (force_load).  Files of our own only: /etc/initramfs-tools/modules is
# a conffile of initramfs-tools, and dpkg would stop to ask about it.
hook="mkdir -p \"\$1/etc/initramfs-tools/conf.d\" \"\$1/etc/initramfs-tools/hooks\" &&
	echo MODULES=list >\"\$1/etc/initramfs-tools/conf.d/xlate-distro\" &&
	printf '%s\\n' '#!/bin/sh' '[ \"\$1\" = prereqs ] && exit 0' \
		'. /usr/share/initramfs-tools/hook-functions' \
		'for m in $INITRAMFS_MODULES; do force_load \$m; done' \
		>\"\$1/etc/initramfs-tools/hooks/xlate-distro\" &&
	chmod 0755 \"\$1/etc/initramfs-tools/hooks/xlate-distro\""
echo "rootfs: mmdebstrap $SUITE arm64 into $tmp/root (${mirrors[*]})" >&2
nice mmdebstrap --arch=arm64 --variant=apt --include="$incl" \
	--dpkgopt=force-unsafe-io --aptopt='Acquire::Retries "3"' \
	--dpkgopt='path-exclude=/usr/share/man/*' \
	--dpkgopt='path-exclude=/usr/share/locale/*' \
	--dpkgopt='path-exclude=/usr/share/doc/*' \
	--dpkgopt='path-include=/usr/share/doc/*/copyright' \
	--essential-hook="$hook" \
	"$SUITE" "$tmp/root" "${mirrors[@]}" >&2

root=$tmp/root
install -D -m 0755 "$HERE/payload-run.sh" "$root/usr/local/sbin/xlate-distro-run"
install -D -m 0644 "$HERE/xlate-distro.service" "$root/lib/systemd/system/xlate-distro.service"
echo xlate-distro >"$root/etc/hostname"
: >"$root/etc/fstab"
if [ ! -f "$root/boot/initrd.img-$KVER" ]; then
	nice chroot "$root" update-initramfs -c -k "$KVER" >&2
fi
for f in "vmlinuz-$KVER" "initrd.img-$KVER"; do
	[ -f "$root/boot/$f" ] || { echo "rootfs: no /boot/$f in the image" >&2; exit 1; }
done
cp "$root/boot/vmlinuz-$KVER" "$tmp/vmlinuz"
cp "$root/boot/initrd.img-$KVER" "$tmp/initrd.img"

# Room for the module build, the packages and the engines' image
# stores (the amd64 image in podman's, the rootless user's and
# docker's, and podman build's layers): the tree plus 3 GiB.
mb=$(( $(du -sm "$root" | cut -f1) + 3072 ))
mke2fs -q -t ext4 -L xlate-root -d "$root" "$tmp/rootfs.img" "${mb}M" >&2
touch "$tmp/.complete"
mv "$tmp" "$DIR"
echo "rootfs: built $DIR" >&2
publish
