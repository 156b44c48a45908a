#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make check`: the whole test bench.  Installs/refreshes the host
# packages and the download cache (lib/fetch-deps.sh), then runs the
# tiers in order:
#
#   build   tools/testing/build/run.sh       module for 4 targets, W=1,
#                                            sparse, checkpatch, kernel-doc
#   unit    tools/testing/unit/run.sh        host unit tests (ASan/UBSan)
#   fuzz    tools/testing/fuzz/run.sh        libFuzzer, bounded runs
#   kunit   tools/testing/kunit/run.sh       KUnit suites in QEMU
#   e2e     tools/testing/e2e/run.sh TARGET  module in QEMU, per arm64 target
#                                            (full suites or a named set)
#   distro  tools/testing/distro/run.sh      DKMS builds for 4 kernels (the
#                                            arm64 ones booted in QEMU),
#                                            make install/uninstall, .debs
#   matrix  tools/testing/matrix.sh          not by default: every kernel x
#                                            variant (make check-matrix)
#
# Slower targets outside this run: make check-matrix (the full e2e
# suites on every kernel, tools/testing/matrix.sh), make check-distro
# (the .debs in a Debian arm64 image), make check-debug, make stress,
# make bench.
#
# Every tier prints PASS:/FAIL: lines on stdout, and SKIP: lines with
# the reason for a check that cannot run here; they are collected, and
# a tier that fails without a FAIL line, prints no result at all, or is
# missing gets a FAIL line of its own.  Logs: build/check/<tier>.log.
# The skips are listed (never counted as passed); the last line printed
# is "N passed, N failed"; the exit status is 1 if anything failed.
#
# Environment:
#   CHECK_TIERS="build unit"   run only these tiers (default: all)
#   CHECK_E2E_TARGETS="..."    e2e targets, TARGET or TARGET:SET (a suite
#                              list in e2e/sets/); default: the full
#                              suites on 6.12-arm64, the core set on
#                              6.1-arm64, sid-arm64 and sid-16k-arm64
#   CHECK_RUNTIME_RUNS="..."   runtime runs of the e2e tier, TARGET:RUNTIME
#                              (e2e/runtime.sh); default: qemu10 and box64
#                              on 6.12-arm64 (qemu 7.2 runs in every
#                              e2e run above)
#   CHECK_FETCH=0              skip fetch-deps.sh (offline, cache warm)
#   CHECK_TIER_TIMEOUT=secs    per tier run (default 3600)
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=$ROOT/build/check
TIERS=${CHECK_TIERS:-build unit fuzz kunit e2e distro}
E2E_TARGETS=${CHECK_E2E_TARGETS:-6.1-arm64:core 6.12-arm64 sid-arm64:core sid-16k-arm64:core}
RUNTIME_RUNS=${CHECK_RUNTIME_RUNS-6.12-arm64:qemu10 6.12-arm64:box64}
TIMEOUT=${CHECK_TIER_TIMEOUT:-3600}

mkdir -p "$OUT"
: >"$OUT/results"
: >"$OUT/timings"
rm -f "$OUT"/*.log "$OUT"/*.out

# Synthesized result lines go to stdout and to the results file.
result() { printf '%s\n' "$1" | tee -a "$OUT/results"; }

# run_tier LOGNAME TESTNAME SCRIPT [ARGS...]: run one tier; TESTNAME is
# the "<tier>/<target>" prefix for the lines this script adds.
run_tier() {
	local logname=$1 name=$2 script=$3 rc=0 start secs
	shift 3
	local log=$OUT/$logname.log res=$OUT/$logname.out
	: >"$log"
	: >"$res"
	start=$(date +%s)
	if [ ! -f "$script" ]; then
		result "FAIL: $name/tier: ${script#"$ROOT"/} missing"
		echo "$logname 0s (missing)" >>"$OUT/timings"
		return
	fi
	echo "check: tier $logname: ${script#"$ROOT"/} $*" >&2
	timeout -k 30 "$TIMEOUT" bash "$script" "$@" \
		2> >(tee -a "$log" >&2) | tee -a "$log" "$res"
	rc=${PIPESTATUS[0]}
	secs=$(($(date +%s) - start))
	echo "$logname ${secs}s (exit $rc)" >>"$OUT/timings"
	grep -E '^(PASS|FAIL|SKIP): ' "$res" >>"$OUT/results"
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		result "FAIL: $name/tier: timed out after ${TIMEOUT}s"
	elif [ "$rc" -ne 0 ] && ! grep -q '^FAIL: ' "$res"; then
		result "FAIL: $name/tier: exited $rc"
	elif ! grep -qE '^(PASS|FAIL): ' "$res"; then
		result "FAIL: $name/tier: exited $rc and printed no results"
	fi
}

check_start=$(date +%s)
if [ "${CHECK_FETCH:-1}" != 0 ]; then
	start=$(date +%s)
	echo "check: fetch-deps.sh (log: build/check/fetch-deps.log)" >&2
	rc=0
	"$HERE/lib/fetch-deps.sh" >"$OUT/fetch-deps.log" 2>&1 || rc=$?
	echo "fetch-deps $(($(date +%s) - start))s (exit $rc)" >>"$OUT/timings"
	if [ "$rc" -ne 0 ]; then
		tail -n 5 "$OUT/fetch-deps.log" >&2
		result "FAIL: check/host/fetch-deps: exited $rc: $(tail -n1 "$OUT/fetch-deps.log")"
	fi
fi

for tier in $TIERS; do
	case $tier in
	build) run_tier build build/host "$HERE/build/run.sh" ;;
	unit) run_tier unit unit/host "$HERE/unit/run.sh" ;;
	fuzz) run_tier fuzz fuzz/host "$HERE/fuzz/run.sh" ;;
	kunit) run_tier kunit kunit/6.12-arm64 "$HERE/kunit/run.sh" ;;
	distro) run_tier distro distro/host "$HERE/distro/run.sh" ;;
	e2e)
		for t in $E2E_TARGETS; do
			case $t in
			*:*) run_tier "e2e-${t%%:*}" "e2e/${t%%:*}" \
				"$HERE/e2e/run.sh" --set "${t#*:}" "${t%%:*}" ;;
			*) run_tier "e2e-$t" "e2e/$t" "$HERE/e2e/run.sh" "$t" ;;
			esac
		done
		for t in $RUNTIME_RUNS; do
			run_tier "e2e-${t%%:*}-${t#*:}" "e2e/${t%%:*}/${t#*:}" \
				"$HERE/e2e/runtime.sh" "${t%%:*}" "${t#*:}"
		done
		;;
	matrix)
		# shellcheck source=matrix.sh
		. "$HERE/matrix.sh"
		matrix_run
		;;
	*) result "FAIL: check/host/tiers: unknown tier '$tier' in CHECK_TIERS" ;;
	esac
done

passed=$(grep -c '^PASS: ' "$OUT/results")
failed=$(grep -c '^FAIL: ' "$OUT/results")
skipped=$(grep -c '^SKIP: ' "$OUT/results")
echo
if [ "$skipped" -gt 0 ]; then
	echo "Skipped ($skipped, not counted as passed):"
	grep '^SKIP: ' "$OUT/results" | sed 's/^/  /'
fi
if [ "$failed" -gt 0 ]; then
	echo "Failures:"
	grep '^FAIL: ' "$OUT/results" | sed 's/^/  /'
fi
echo "Time per tier (total $(($(date +%s) - check_start))s):"
sed 's/^/  /' "$OUT/timings"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
