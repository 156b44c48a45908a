# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2034
#
# Shared helpers for the test-bench scripts (sourced, not run).
#
# Provides: XLATE_ROOT, XLATE_CACHE, pass, fail, load_target,
# target_make_args, target_names.

XLATE_ROOT=${XLATE_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}
XLATE_CACHE=${XLATE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xlate}
export XLATE_ROOT XLATE_CACHE

# The kernel targets, in the order every tier runs them.
XLATE_TARGETS=(6.1-arm64 6.12-arm64 6.1-amd64 6.12-amd64)

pass() { printf 'PASS: %s\n' "$1"; }

# fail NAME REASON...: one FAIL line; the reason is squashed to one line.
fail() {
	local name=$1
	shift
	printf 'FAIL: %s: %s\n' "$name" "$(printf '%s' "$*" | tr '\n\t' '  ' | cut -c1-300)"
}

# load_target TARGET: set KVER, ARCH, KDIR (and VMLINUZ, MODDIR) from the
# cache.  Returns 1 with a message on stderr if the target is not cached.
load_target() {
	local env=$XLATE_CACHE/targets/$1/env
	KVER='' ARCH='' KDIR='' VMLINUZ='' MODDIR=''
	if [ ! -r "$env" ]; then
		echo "no $env (run tools/testing/lib/fetch-deps.sh)" >&2
		return 1
	fi
	# shellcheck disable=SC1090
	. "$env"
	[ -d "$KDIR" ] || { echo "KDIR $KDIR missing" >&2; return 1; }
}

# target_make_args: kbuild arguments for the loaded target's ARCH.
target_make_args() {
	case $ARCH in
	arm64) echo "ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-" ;;
	amd64) echo "ARCH=x86" ;;
	*) echo "ARCH=$ARCH" ;;
	esac
}
