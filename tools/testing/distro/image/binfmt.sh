# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Sourced by rootfs.sh: let this x86-64 host run arm64 programs (the
# maintainer scripts of the image's second stage) through Debian's
# qemu-user-static, registered with binfmt_misc for as long as the
# image is being built.
#
#   binfmt_arm64_on   mount binfmt_misc if needed; register
#                     "xlate-distro-aarch64" with the rule Debian ships in
#                     /usr/lib/binfmt.d/qemu-aarch64.conf (flags OPF; F: the
#                     interpreter is opened now, so chroots need no copy
#                     of it) unless arm64 programs already run
#   binfmt_arm64_off  undo exactly what binfmt_arm64_on did

BINFMT_DIR=/proc/sys/fs/binfmt_misc
BINFMT_NAME=xlate-distro-aarch64
BINFMT_RULE=/usr/lib/binfmt.d/qemu-aarch64.conf
binfmt_mounted=0
binfmt_registered=0

binfmt_arm64_on() {
	if command -v arch-test >/dev/null && arch-test arm64 >/dev/null 2>&1; then
		return 0
	fi
	if [ ! -e "$BINFMT_DIR/register" ]; then
		mount -t binfmt_misc binfmt_misc "$BINFMT_DIR" || {
			echo "binfmt: cannot mount binfmt_misc on $BINFMT_DIR" >&2
			return 1
		}
		binfmt_mounted=1
	fi
	[ -r "$BINFMT_RULE" ] || {
		echo "binfmt: no $BINFMT_RULE (apt-get install qemu-user-static)" >&2
		return 1
	}
	[ -e "$BINFMT_DIR/$BINFMT_NAME" ] && echo -1 >"$BINFMT_DIR/$BINFMT_NAME"
	sed "s/^:qemu-aarch64:/:$BINFMT_NAME:/" "$BINFMT_RULE" \
		>"$BINFMT_DIR/register" || {
		echo "binfmt: registering $BINFMT_NAME failed" >&2
		return 1
	}
	binfmt_registered=1
	if command -v arch-test >/dev/null && ! arch-test arm64 >/dev/null 2>&1; then
		echo "binfmt: arm64 programs still do not run after registering $BINFMT_NAME" >&2
		return 1
	fi
}

binfmt_arm64_off() {
	if [ "$binfmt_registered" = 1 ] && [ -e "$BINFMT_DIR/$BINFMT_NAME" ]; then
		echo -1 >"$BINFMT_DIR/$BINFMT_NAME" || true
	fi
	binfmt_registered=0
	if [ "$binfmt_mounted" = 1 ]; then
		umount "$BINFMT_DIR" 2>/dev/null || true
	fi
	binfmt_mounted=0
}
