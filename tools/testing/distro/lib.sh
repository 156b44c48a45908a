# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Shared helpers of the distro tier (sourced).  Provides everything
# tools/testing/lib/common.sh does, plus:
#   DISTRO_OUT           per-run scratch directory (build/distro)
#   need_cmds TEST CMD.. FAIL line for TEST and return 1 if a CMD is missing
#   stage_source DIR     a copy of the source tree (no build/, .git,
#                        kbuild products) in DIR, so tests never write
#                        into the working tree other tiers build in
#   run_logged LOG CMD.. run CMD with output to LOG; on failure print
#                        the log's tail to stderr

HERE_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/common.sh
. "$HERE_LIB/../lib/common.sh"

DISTRO_OUT=${DISTRO_OUT:-$XLATE_ROOT/build/distro}
mkdir -p "$DISTRO_OUT"

need_cmds() {
	local name=$1 c missing=()
	shift
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || missing+=("$c")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	fail "$name" "missing host commands: ${missing[*]} (tools/testing/lib/fetch-deps.sh installs them)"
	return 1
}

stage_source() {
	local dst=$1
	rm -rf "$dst"
	mkdir -p "$dst"
	tar -C "$XLATE_ROOT" --exclude=./build --exclude=./.git \
		--exclude='*.o' --exclude='*.ko' --exclude='*.mod' \
		--exclude='*.mod.c' --exclude='*/.*.cmd' --exclude='*.a' \
		--exclude='*/.*.d' --exclude=modules.order \
		--exclude=Module.symvers -cf - . | tar -C "$dst" -xf -
}

run_logged() {
	local log=$1
	shift
	if "$@" >"$log" 2>&1; then
		return 0
	fi
	tail -n 20 "$log" >&2
	return 1
}

# log_tail LOG: the last lines of LOG on one line, for a FAIL reason.
log_tail() {
	tail -n 4 "$1" 2>/dev/null | tr '\n' ' '
}
