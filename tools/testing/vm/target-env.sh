# SPDX-License-Identifier: GPL-2.0
# Sourced by the VM scripts: loads the cached description of one arm64
# target (KVER, KDIR, VMLINUZ, MODDIR, BUILD_CHROOT) and the userland
# location.  vm_target_run runs a build command with the target's
# toolchain (in its BUILD_CHROOT when it has one: sid's kernels).
# Usage: . target-env.sh TARGET

XLATE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
XLATE_CACHE=${XLATE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xlate}
XLATE_BUILD=${XLATE_BUILD:-$XLATE_ROOT/build}
export XLATE_CACHE

vm_die() {
	echo "vm: $*" >&2
	exit 1
}

vm_load_target() {
	local target=$1 env=$XLATE_CACHE/targets/$1/env

	case $target in
	*-arm64) ;;
	*) vm_die "target '$target' is not an arm64 target (6.1-arm64, 6.12-arm64, sid-arm64, sid-16k-arm64)" ;;
	esac
	[ -r "$env" ] || vm_die "no $env: run tools/testing/lib/fetch-deps.sh"
	BUILD_CHROOT=
	# shellcheck disable=SC1090
	. "$env"
	[ -r "$XLATE_CACHE/userland.env" ] ||
		vm_die "no $XLATE_CACHE/userland.env: run tools/testing/lib/fetch-deps.sh"
	# shellcheck disable=SC1091
	. "$XLATE_CACHE/userland.env"
	[ -r "$XLATE_CACHE/runtimes.env" ] ||
		vm_die "no $XLATE_CACHE/runtimes.env: run tools/testing/lib/fetch-deps.sh"
	# shellcheck disable=SC1091
	. "$XLATE_CACHE/runtimes.env"
	: "${KVER:?}" "${KDIR:?}" "${VMLINUZ:?}" "${MODDIR:?}" "${USERLAND:?}"
	: "${RUNTIMES_ARM64:?}"
	[ -z "$BUILD_CHROOT" ] || [ -e "$BUILD_CHROOT/.complete" ] ||
		vm_die "no build chroot $BUILD_CHROOT: run tools/testing/lib/fetch-deps.sh"
	XLATE_TARGET=$target
	export KVER KDIR VMLINUZ MODDIR USERLAND RUNTIMES_ARM64 XLATE_TARGET \
		BUILD_CHROOT
}

# vm_target_run CMD [ARG...]: CMD with the loaded target's toolchain.
vm_target_run() {
	if [ -n "${BUILD_CHROOT:-}" ]; then
		"$XLATE_ROOT/tools/testing/lib/in-chroot.sh" "$BUILD_CHROOT" "$@"
	else
		"$@"
	fi
}
