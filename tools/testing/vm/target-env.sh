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

# vm_suite_set NAME DIR: copy the suite files that tools/testing/e2e/sets/
# NAME lists (one file of e2e/suite/ a line) into DIR, a fresh directory
# for XLATE_VM_SUITES.
vm_suite_set() {
	local e2e=$XLATE_ROOT/tools/testing/e2e f
	local list=$e2e/sets/$1

	[ -r "$list" ] || vm_die "no suite list $list"
	rm -rf "$2" && mkdir -p "$2"
	while read -r f; do
		case $f in '' | '#'*) continue ;; esac
		[ -f "$e2e/suite/$f" ] || vm_die "$list names $f, not in e2e/suite/"
		cp "$e2e/suite/$f" "$2/"
	done <"$list"
}
