#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make check-debug`: xlate's KUnit suites and the end-to-end suites on
# a debug kernel (KASAN, lockdep, atomic-sleep checks, kmemleak, list
# debugging; tools/testing/debug/debug.config), with zero reports
# allowed.  One boot of target 6.12-debug-arm64 runs, in order:
#
#   suite-kunit/00-kunit.sh   KTAP of the KUnit suites that ran when the
#                             init loaded xlate.ko (built with them)
#   e2e/suite/*               the e2e suites, unchanged
#   suite-fault/97-fault-init.sh  a load failing at each allocation of
#                             init, with a marked task reading cpuinfo
#   suite-scan/99-scan.sh     rmmod, kmemleak scan, kernel-log scan
#
# Result lines: PASS:/FAIL: debug/6.12-debug-arm64/<name>, the KUnit
# cases as debug/6.12-debug-arm64/kunit/<suite>.<case>.
# Output: build/debug/ (console.log, build.log, kernel.log).
# Environment: XLATE_CACHE; XLATE_DEBUG_TIMEOUT, seconds for the whole
# boot (default 5400).  See Documentation/testing-debug.rst.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)
vm=$repo/tools/testing/vm
cache=${XLATE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xlate}
target=6.12-debug-arm64
prefix=debug
export XLATE_BUILD=$repo/build/debug
out=$XLATE_BUILD/$target
mkdir -p "$out"

fail() {
	echo "FAIL: $prefix/$target/$1: $2"
	exit 1
}

start=$SECONDS
if ! "$here/build-kernel.sh" 2>"$out/kernel.log"; then
	cat "$out/kernel.log" >&2
	fail kernel-build "$(tail -n 1 "$out/kernel.log" | cut -c1-300)"
fi
kernel_secs=$((SECONDS - start))
pass_line() { echo "PASS: $prefix/$target/$1"; }
pass_line kernel-build

# xlate.ko with its KUnit suites linked in (kmod/Kbuild's
# CONFIG_XLATE_KUNIT_TEST, given on the make command line).
if ! ko=$(CONFIG_XLATE_KUNIT_TEST=y "$vm/build-module.sh" "$target" \
	2>"$out/module.log"); then
	tail -n 30 "$out/module.log" >&2
	fail build-module "kmod/ does not build against the debug kernel (see $out/module.log)"
fi
# Not grep -q: with pipefail, objdump killed by SIGPIPE would fail it.
aarch64-linux-gnu-objdump -h "$ko" | grep kunit_test_suites >/dev/null ||
	fail build-module "$ko has no .kunit_test_suites section"
pass_line build-module

rc=0
XLATE_VM_SUITES="$here/suite-kunit $repo/tools/testing/e2e/suite $here/suite-fault $here/suite-scan" \
XLATE_VM_TIMEOUT=${XLATE_DEBUG_TIMEOUT:-5400} \
XLATE_SUITE_TIMEOUT=${XLATE_SUITE_TIMEOUT:-2400} \
	"$vm/vm-run.sh" "$target" "$prefix" "$ko" "$out" || rc=$?

# The KUnit cases, from the KTAP that 00-kunit.sh put on the console;
# every suite defined under kmod/tests/ must be in it.
expect=()
while read -r suite; do
	expect+=(--expect-suite "$suite")
done < <(python3 "$repo/tools/testing/kunit/suite_names.py" "$repo"/kmod/tests/*_kunit.c)
tr -d '\r' <"$out/console.log" | sed -n 's/^.*XLATE-KTAP: //p' >"$out/ktap.log"
if [ -s "$out/ktap.log" ]; then
	python3 "$repo/tools/testing/kunit/ktap_lines.py" \
		--kunit-dir "$cache/src/linux-source-6.12/tools/testing/kunit" \
		--prefix "$prefix/$target/kunit" \
		--parser-log "$out/ktap-parser.log" "${expect[@]}" \
		"$out/ktap.log" || rc=1
else
	echo "FAIL: $prefix/$target/kunit: no KTAP output on the console (see $out/console.log)"
	rc=1
fi
echo "debug/$target: kernel build ${kernel_secs}s, total $((SECONDS - start))s" >&2
exit $rc
