#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Unit tier: build every tools/testing/unit/test_*.c as an ordinary host
# program linked with all of kmod/lib/*.c, under AddressSanitizer and
# UBSan, run each, then run `make -C userhelper test`.
#
# Each test prints its own PASS/FAIL lines (unit/host/...); this script
# adds a FAIL line for a test that does not build or that exits non-zero
# without saying why (a sanitizer report, a crash).
set -euo pipefail

# shellcheck source=../lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

UNIT_DIR=$XLATE_ROOT/tools/testing/unit
OUT=$XLATE_ROOT/build/unit
CC=${CC:-gcc}
CFLAGS=(-std=gnu11 -g -O1 -Wall -Wextra -Werror -fno-omit-frame-pointer
	'-fsanitize=address,undefined' -fno-sanitize-recover=all
	-I"$XLATE_ROOT/kmod/lib")
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

mkdir -p "$OUT"
status=0
shopt -s nullglob
libs=("$XLATE_ROOT"/kmod/lib/*.c)
tests=("$UNIT_DIR"/test_*.c)
# The reference models differential tests compare kmod/lib/ with.
refs=("$XLATE_ROOT"/tools/testing/ref/*.c)

if [ ${#tests[@]} -eq 0 ]; then
	fail unit/host/tests "no tools/testing/unit/test_*.c"
	exit 1
fi

for src in "${tests[@]}"; do
	name=$(basename "$src" .c)
	name=${name#test_}
	bin=$OUT/test_$name
	if ! "$CC" "${CFLAGS[@]}" -I"$XLATE_ROOT/tools/testing/ref" -o "$bin" "$src" "${libs[@]}" "${refs[@]}" \
		>"$OUT/$name.build.log" 2>&1; then
		cat "$OUT/$name.build.log" >&2
		fail "unit/host/$name/build" \
			"$(grep -m1 -E 'error|undefined' "$OUT/$name.build.log" || echo "$CC failed")"
		status=1
		continue
	fi
	rc=0
	"$bin" >"$OUT/$name.out" 2>"$OUT/$name.err" || rc=$?
	cat "$OUT/$name.out"
	if [ "$rc" -ne 0 ]; then
		cat "$OUT/$name.err" >&2
		status=1
		if ! grep -q '^FAIL: ' "$OUT/$name.out"; then
			fail "unit/host/$name/exit" "exited $rc:" \
				"$(grep -m1 -E 'ERROR|runtime error|Assertion' "$OUT/$name.err" || tail -n1 "$OUT/$name.err")"
		elif grep -qE 'AddressSanitizer|runtime error' "$OUT/$name.err"; then
			fail "unit/host/$name/sanitizer" \
				"$(grep -m1 -E 'ERROR|runtime error' "$OUT/$name.err")"
		fi
	elif grep -qE 'AddressSanitizer|runtime error' "$OUT/$name.err"; then
		fail "unit/host/$name/sanitizer" \
			"$(grep -m1 -E 'ERROR|runtime error' "$OUT/$name.err")"
		status=1
	fi
done

# The e2e CPUID checker against its reference: on an x86-64 host, the
# kernel's own /proc/cpuinfo must agree with CPUID by the checker's rules.
if [ "$(uname -m)" = x86_64 ]; then
	ck=$OUT/cpuid-check
	if ! gcc -O2 -Wall -Werror -D_GNU_SOURCE -o "$ck" \
		"$XLATE_ROOT/tools/testing/e2e/progs/cpuid-check.c" \
		>"$OUT/cpuid-check.build.log" 2>&1; then
		fail unit/host/cpuid-check/build "$(head -n 3 "$OUT/cpuid-check.build.log")"
		status=1
	elif out=$("$ck" 2>&1); then
		pass unit/host/cpuid-check/x86-kernel-agrees
	else
		fail unit/host/cpuid-check/x86-kernel-agrees \
			"the host kernel's /proc/cpuinfo and CPUID differ by cpuid-check's rules: $(printf '%s\n' "$out" | grep -E '^(DIFF|cpuid-check):' | tr '\n' '|')"
		status=1
	fi
else
	fail unit/host/cpuid-check/x86-kernel-agrees "the host is $(uname -m): the reference needs an x86-64 kernel"
	status=1
fi

# The xlatectl helper's own tests print their PASS/FAIL lines.
if [ -f "$XLATE_ROOT/userhelper/Makefile" ]; then
	rc=0
	make -s -C "$XLATE_ROOT/userhelper" test >"$OUT/userhelper.out" 2>&1 || rc=$?
	cat "$OUT/userhelper.out"
	if [ "$rc" -ne 0 ]; then
		status=1
		grep -q '^FAIL: ' "$OUT/userhelper.out" ||
			fail unit/host/userhelper/make-test "exited $rc: $(tail -n1 "$OUT/userhelper.out")"
	fi
else
	fail unit/host/userhelper/make-test "userhelper/Makefile missing"
	status=1
fi
exit "$status"
