#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kunit tier: build xlate into an arm64 kernel from linux-source-6.12
# with its KUnit suites, boot it in QEMU with kunit.py and print one
# PASS/FAIL line per test case (per parameter for parameterized cases):
#
#   PASS: kunit/6.12-arm64/<suite>.<case>[.<parameter>]
#
# then boots that kernel again with xlate.* parameters on its command
# line (boot-params.sh, kunit/6.12-arm64/boot-cmdline/<check>).
#
# kmod/ is copied to drivers/misc/xlate/ of the cached source tree and
# hooked into drivers/misc/{Kconfig,Makefile}; the kernel build is cached
# in $XLATE_CACHE/kunit-build-6.12 (cold ~7 min on 2 cores, then
# incremental).  Output: build/kunit/{kunit.out,test.log,results.json}.
#
# Environment: XLATE_CACHE (default ~/.cache/xlate); XLATE_KUNIT_KMOD,
# the module tree to test (default: this repository's kmod/);
# XLATE_KUNIT_TIMEOUT, seconds for the QEMU run (default 600).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)
cache=${XLATE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xlate}
prefix=kunit/6.12-arm64
srctree=$cache/src/linux-source-6.12
build_dir=$cache/kunit-build-6.12
kmod=${XLATE_KUNIT_KMOD:-$repo/kmod}
timeout=${XLATE_KUNIT_TIMEOUT:-600}
out=$repo/build/kunit

# fail NAME REASON: one FAIL line, then stop.
fail() {
	echo "FAIL: $prefix/$1: $2"
	exit 1
}

# tail_of FILE: the last lines of FILE on one line, for a FAIL reason.
tail_of() {
	tail -n "${2:-8}" "$1" | tr -s '\n\t' '  ' | cut -c1-600
}

[[ -f $srctree/tools/testing/kunit/kunit.py ]] ||
	fail setup "no kernel source at $srctree (run tools/testing/lib/fetch-deps.sh)"
[[ -f $kmod/Kbuild && -f $kmod/Kconfig ]] ||
	fail setup "no Kbuild/Kconfig in $kmod"
for tool in python3 rsync flock make aarch64-linux-gnu-gcc \
	    qemu-system-aarch64; do
	command -v "$tool" >/dev/null || fail setup "$tool not installed"
done
[[ ! -e $srctree/.config && ! -d $srctree/include/config ]] ||
	fail setup "$srctree has an in-tree build; run make mrproper there"

mkdir -p "$out" "$build_dir"

# One run at a time uses the shared source tree, build directory and
# build/kunit/ (the lock comes before anything is removed).
exec 9>"$build_dir.lock"
flock -w 3600 9 || fail setup "could not lock $build_dir.lock"
rm -f "$out/kunit.out" "$out/test.log" "$out/results.json" \
	"$out/parser.log"

# Install kmod/ as drivers/misc/xlate/: sources only, so no object file
# from an out-of-tree build can shadow the build directory's.  -c: only
# files whose content changed get a new mtime, keeping the build warm.
rsync -rc --delete --delete-excluded --prune-empty-dirs \
	--include='*/' --include='*.c' --include='*.h' --include='Kbuild' \
	--include='Kconfig' --include='Makefile' --exclude='*' \
	"$kmod/" "$srctree/drivers/misc/xlate/" ||
	fail setup "could not copy $kmod into $srctree/drivers/misc/xlate"
add_line() {
	grep -qxF "$1" "$2" || printf '%s\n' "$1" >>"$2"
}
add_line 'source "drivers/misc/xlate/Kconfig"' "$srctree/drivers/misc/Kconfig"
# shellcheck disable=SC2016 # a make variable, not a shell one
add_line 'obj-$(CONFIG_XLATE) += xlate/' "$srctree/drivers/misc/Makefile"

# Every suite defined under tests/ must show up in the results.
expect=()
while read -r suite; do
	expect+=(--expect-suite "$suite")
done < <(python3 "$repo/tools/testing/kunit/suite_names.py" "$kmod"/tests/*_kunit.c)

rm -f "$build_dir/test.log"
start=$SECONDS
rc=0
nice python3 "$srctree/tools/testing/kunit/kunit.py" run \
	--arch=arm64 --cross_compile=aarch64-linux-gnu- \
	--build_dir="$build_dir" --kunitconfig="$here/xlate.kunitconfig" \
	--jobs="$(nproc)" --timeout="$timeout" \
	--json="$out/results.json" >"$out/kunit.out" 2>&1 || rc=$?
echo "kunit.py: exit $rc after $((SECONDS - start)) s" \
	"(log: build/kunit/kunit.out)" >&2

# kunit.py writes the console log only once the kernel has booted.
[[ -s $build_dir/test.log ]] ||
	fail build "kunit.py exit $rc: $(tail_of "$out/kunit.out")"
cp "$build_dir/test.log" "$out/test.log"

prc=0
python3 "$here/ktap_lines.py" --kunit-dir "$srctree/tools/testing/kunit" \
	--prefix "$prefix" --parser-log "$out/parser.log" "${expect[@]}" \
	"$out/test.log" || prc=$?
status=$((prc != 0 || rc != 0))
if ((rc != 0 && prc == 0)); then
	echo "FAIL: $prefix/kunit.py: exit $rc although every test passed: $(tail_of "$out/kunit.out")"
fi

# The same kernel booted with xlate.* on the command line.
"$here/boot-params.sh" || status=1
exit "$status"
