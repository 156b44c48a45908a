# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# `make check-matrix`: the whole kernel x variant product, sourced by
# check.sh (CHECK_TIERS=matrix) for its run_tier and summary.  `make
# check` runs a cheaper cut of it (CHECK_E2E_TARGETS).
#
# A variant is a function matrix_<variant> KERNEL that runs one tier
# through run_tier with a result prefix of its own, so every line stays
# "PASS: <prefix>/<kernel>/<check>" and unambiguous.  To add one (a
# runtime, say), define matrix_<name> and add <name> to MATRIX_VARIANTS.
#
# Environment:
#   MATRIX_KERNELS="..."   arm64 kernel targets (default: all four)
#   MATRIX_VARIANTS="..."  variants (default: e2e)

MATRIX_KERNELS=${MATRIX_KERNELS:-6.1-arm64 6.12-arm64 sid-arm64 sid-16k-arm64}
MATRIX_VARIANTS=${MATRIX_VARIANTS:-e2e}

# matrix_e2e KERNEL: the full e2e suites, bookworm's qemu-x86_64-static
# as the runtime (results e2e/KERNEL/...).
matrix_e2e() {
	run_tier "e2e-$1" "e2e/$1" "$HERE/e2e/run.sh" "$1"
}

matrix_run() {
	local k v
	for k in $MATRIX_KERNELS; do
		for v in $MATRIX_VARIANTS; do
			if ! declare -F "matrix_$v" >/dev/null; then
				result "FAIL: matrix/$k/$v: no variant matrix_$v in tools/testing/matrix.sh"
				continue
			fi
			"matrix_$v" "$k"
		done
	done
}
