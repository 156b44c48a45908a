#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build and run xlate's libFuzzer targets for a bounded time each.
#
#   tools/testing/fuzz/run.sh [target...]
#
# Each target links every kmod/lib/*.c, starts from a copy of its seed
# corpus (seeds/<target>/) and runs FUZZ_TIME seconds (default 20).
# Prints "PASS: fuzz/host/<target>" or "FAIL: fuzz/host/<target>: why";
# a crash, a sanitizer report, a build failure or a missing clang or
# libFuzzer is a FAIL.  Output goes to build/fuzz/ (FUZZ_OUT).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../../.." && pwd)
out=${FUZZ_OUT:-$top/build/fuzz}
time_each=${FUZZ_TIME:-20}
cc=${FUZZ_CC:-}
all=(elf_x86 parse_bool runtime_path profile_set profile_load render binfmt_line)
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${all[@]}")

fail_all() {
	local t
	for t in "${targets[@]}"; do
		echo "FAIL: fuzz/host/$t: $1"
	done
	exit 1
}

if [[ -z $cc ]]; then
	for c in clang-14 clang; do
		if command -v "$c" >/dev/null; then
			cc=$c
			break
		fi
	done
fi
[[ -n $cc ]] || fail_all "clang not found (apt-get install clang-14)"

mkdir -p "$out"
probe=$out/.probe
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)\n{ return 0; }\n' \
	> "$probe.c"
if ! "$cc" -fsanitize=fuzzer "$probe.c" -o "$probe" >"$probe.log" 2>&1; then
	fail_all "$cc cannot link libFuzzer (apt-get install libclang-rt-14-dev)"
fi

flags=(-g -O1 '-fsanitize=fuzzer,address,undefined'
       -fno-sanitize-recover=all -Wall -Wextra -Werror
       -Wno-unused-parameter -I"$top/kmod/lib" -I"$top/tools/testing/ref")
# kmod/lib/ and the reference models differential targets compare it with
libs=("$top"/kmod/lib/*.c "$top"/tools/testing/ref/*.c)
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

status=0
for t in "${targets[@]}"; do
	src=$here/fuzz_$t.c
	bin=$out/fuzz_$t
	log=$out/$t.log
	corpus=$out/$t.corpus
	if [[ ! -f $src ]]; then
		echo "FAIL: fuzz/host/$t: no $src"
		status=1
		continue
	fi
	if ! "$cc" "${flags[@]}" "$src" "${libs[@]}" -o "$bin" >"$log" 2>&1; then
		echo "FAIL: fuzz/host/$t: build failed: $(tail -n 1 "$log")"
		status=1
		continue
	fi
	rm -rf "$corpus"
	mkdir -p "$corpus"
	if [[ -d $here/seeds/$t ]]; then
		cp "$here/seeds/$t"/* "$corpus"/ 2>/dev/null || true
	fi
	if "$bin" -max_total_time="$time_each" -timeout=10 -rss_limit_mb=1024 \
		-print_final_stats=1 -artifact_prefix="$out/$t-" \
		"$corpus" >>"$log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" |
		       tail -n 1)
		if [[ -z $runs || $runs -eq 0 ]]; then
			echo "FAIL: fuzz/host/$t: no inputs executed (see $log)"
			status=1
		else
			echo "PASS: fuzz/host/$t"
		fi
	else
		why=$(grep -m1 -E 'ERROR: |runtime error|deadly signal' "$log" ||
		      true)
		echo "FAIL: fuzz/host/$t: ${why:-fuzzer exited non-zero} (see $log)"
		status=1
	fi
done
exit $status
