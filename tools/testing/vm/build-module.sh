#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build kmod/xlate.ko for an arm64 target in build/vm/<target>/src and
# print the path of the module.
# Usage: build-module.sh TARGET
set -euo pipefail

. "$(dirname "$0")/target-env.sh"
[ $# -eq 1 ] || vm_die "usage: $0 TARGET"
vm_load_target "$1"

src=$XLATE_BUILD/vm/$XLATE_TARGET/src
mkdir -p "$src"
# The top-level Kbuild descends into kmod/; without it, build kmod/ alone.
rsync -a --delete --exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' \
	"$XLATE_ROOT/kmod" "$src/"
# kmod/Kbuild reads the version from ../VERSION.
cp "$XLATE_ROOT/VERSION" "$src/VERSION"
if [ -f "$XLATE_ROOT/Kbuild" ]; then
	cp "$XLATE_ROOT/Kbuild" "$src/Kbuild"
	mdir=$src
else
	rm -f "$src/Kbuild"
	mdir=$src/kmod
fi

vm_target_run nice make -C "$KDIR" M="$mdir" ARCH=arm64 \
	CROSS_COMPILE=aarch64-linux-gnu- modules >&2

ko=$(find "$src" -name xlate.ko -print -quit)
[ -n "$ko" ] || vm_die "no xlate.ko produced under $src"
echo "$ko"
