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
#   MATRIX_VARIANTS="..."  variants (default: e2e qemu7 qemu10 qemu11 box64
#                          box64sid container diff_qemu7 diff_qemu10
#                          diff_box64)

MATRIX_KERNELS=${MATRIX_KERNELS:-6.1-arm64 6.12-arm64 sid-arm64 sid-16k-arm64}
MATRIX_VARIANTS=${MATRIX_VARIANTS:-e2e qemu7 qemu10 qemu11 box64 box64sid container diff_qemu7 diff_qemu10 diff_box64}

# matrix_e2e KERNEL: the full e2e suites, bookworm's qemu-x86_64-static
# as the runtime (results e2e/KERNEL/...).
# The container suite is the container variant's (no duplicate names).
matrix_e2e() {
	XLATE_CONTAINER_RUNTIMES='' run_tier "e2e-$1" "e2e/$1" "$HERE/e2e/run.sh" "$1"
}

# matrix_container KERNEL: the container suite (e2e/container/) under
# qemu 7.2 and qemu 10, every check as root and rootless (results
# e2e/KERNEL/container/RUNTIME/MODE/...).
matrix_container() {
	run_tier "e2e-$1-container" "e2e/$1/container" "$HERE/e2e/container.sh" "$1"
}

# matrix_qemu7, matrix_qemu10, matrix_qemu11, matrix_box64,
# matrix_box64sid KERNEL: the runtime suite (e2e/runtime/) under
# bookworm's qemu 7.2, trixie's qemu 10 or box64 0.3.4, or sid's qemu 11
# or box64 0.4.3 (the CPUID suite only; results e2e/KERNEL/RUNTIME/...).
matrix_runtime() {
	run_tier "e2e-$1-$2" "e2e/$1/$2" "$HERE/e2e/runtime.sh" "$1" "$2"
}
matrix_qemu7() { matrix_runtime "$1" qemu7; }
# matrix_diff_qemu7, matrix_diff_qemu10, matrix_diff_box64 KERNEL: the
# differential test of registration lines (e2e/suite/27-binfmt-diff.sh)
# with the real runtime running its own lines, qemu 7.2's, qemu 10's or
# box64's and box32's (results e2e/KERNEL/RUNTIME/binfmt-diff/...; the
# plain runs compare every line with the probe runtime standing in).
# Each of a runtime's lines runs it on ~40-65 files in each arm, 2-4 s a
# start under TCG on a loaded host (qemu), and box64 about 20 s a start
# (its x86-64 line took 2,918 s at load 3-5): more than the default
# 600 s a suite.
matrix_diff() {
	# check.sh's run_tier reads TIMEOUT: the tier outlasts its VM.
	local TIMEOUT=${CHECK_TIER_TIMEOUT:-8100}

	XLATE_SUITE_TIMEOUT=${XLATE_SUITE_TIMEOUT:-7200} \
		XLATE_VM_TIMEOUT=${XLATE_VM_TIMEOUT:-7800} \
		run_tier "e2e-$1-$2-diff" "e2e/$1/$2" "$HERE/e2e/runtime.sh" \
		--set binfmt-diff "$1" "$2"
}
matrix_diff_qemu7() { matrix_diff "$1" qemu7; }
matrix_diff_qemu10() { matrix_diff "$1" qemu10; }
matrix_diff_box64() { matrix_diff "$1" box64; }
matrix_qemu10() { matrix_runtime "$1" qemu10; }
matrix_qemu11() { matrix_runtime "$1" qemu11; }
matrix_box64() { matrix_runtime "$1" box64; }
matrix_box64sid() { matrix_runtime "$1" box64sid; }

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
