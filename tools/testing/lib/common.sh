# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2034
#
# Shared helpers for the test-bench scripts (sourced, not run).
#
# Provides: XLATE_ROOT, XLATE_CACHE, XLATE_TARGETS, pass, fail,
# load_target, target_make_args, target_run.

XLATE_ROOT=${XLATE_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}
XLATE_CACHE=${XLATE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xlate}
export XLATE_ROOT XLATE_CACHE

# The kernel targets of the build tier, in the order it runs them: Debian
# bookworm's 6.1 and 6.12 and sid's newest kernel (fetch-sid.sh), arm64
# (sid also with 16K pages) and amd64.
XLATE_TARGETS=(6.1-arm64 6.12-arm64 sid-arm64 sid-16k-arm64 6.1-amd64
	6.12-amd64 sid-amd64)

pass() { printf 'PASS: %s\n' "$1"; }

# fail NAME REASON...: one FAIL line; the reason is squashed to one line.
fail() {
	local name=$1
	shift
	printf 'FAIL: %s: %s\n' "$name" "$(printf '%s' "$*" | tr '\n\t' '  ' | cut -c1-300)"
}

# load_target TARGET: set KVER, ARCH, KDIR (and VMLINUZ, MODDIR,
# BUILD_CHROOT) from the cache.  Returns 1 with a message on stderr if
# the target is not cached.
load_target() {
	local env=$XLATE_CACHE/targets/$1/env
	KVER='' ARCH='' KDIR='' VMLINUZ='' MODDIR='' BUILD_CHROOT=''
	if [ ! -r "$env" ]; then
		echo "no $env (run tools/testing/lib/fetch-deps.sh)" >&2
		return 1
	fi
	# shellcheck disable=SC1090
	. "$env"
	[ -d "$KDIR" ] || { echo "KDIR $KDIR missing" >&2; return 1; }
	if [ -n "$BUILD_CHROOT" ] && [ ! -e "$BUILD_CHROOT/.complete" ]; then
		echo "build chroot $BUILD_CHROOT missing (run tools/testing/lib/fetch-deps.sh)" >&2
		return 1
	fi
}

# target_run CMD [ARG...]: run a build command with the loaded target's
# toolchain: inside its BUILD_CHROOT when it has one (sid's kernels want
# sid's compiler and sparse), else on the host.
target_run() {
	if [ -n "${BUILD_CHROOT:-}" ]; then
		"$XLATE_ROOT/tools/testing/lib/in-chroot.sh" "$BUILD_CHROOT" "$@"
	else
		"$@"
	fi
}

# target_make_args: kbuild arguments for the loaded target's ARCH.
target_make_args() {
	case $ARCH in
	arm64) echo "ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-" ;;
	amd64) echo "ARCH=x86" ;;
	*) echo "ARCH=$ARCH" ;;
	esac
}
