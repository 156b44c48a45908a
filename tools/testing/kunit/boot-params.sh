#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Part of the kunit tier, run by run.sh with the build directory locked:
# a built-in xlate takes its parameters from the kernel command line
# (issue 13, defect 1: the setters allocated memory, and parse_args()
# runs them in start_kernel(), before the slab allocator exists).
# Boots the kernel run.sh just built again (kunit.py exec, no rebuild)
# with xlate.* parameters and checks the console log, one line each:
#
#   PASS: kunit/6.12-arm64/boot-cmdline/<check>
#
# Output: build/kunit/boot-cmdline/{kunit.out,test.log}.  Environment:
# XLATE_CACHE; XLATE_KUNIT_BOOT_TIMEOUT, seconds for the QEMU run
# (default 300).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)
cache=${XLATE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xlate}
prefix=kunit/6.12-arm64/boot-cmdline
srctree=$cache/src/linux-source-6.12
build_dir=$cache/kunit-build-6.12
timeout=${XLATE_KUNIT_BOOT_TIMEOUT:-300}
out=$repo/build/kunit/boot-cmdline
runtime=/no/such/runtime
# earlycon: a crash in start_kernel() comes before the console.
# panic=-1 first, so a panic while parsing the rest ends QEMU
# (-no-reboot) instead of waiting for the timeout.
kargs=(earlycon panic=-1 xlate.enabled=0 xlate.preserve_argv0=1
       xlate.open_binary=1 "xlate.runtime=$runtime")
# One short suite: this is about booting, the suites ran in run.sh.
suite=xlate_marker

failed=0
pass() { echo "PASS: $prefix/$1"; }
fail() {
	echo "FAIL: $prefix/$1: $2"
	failed=1
}

mkdir -p "$out"
rm -f "$out/kunit.out" "$out/test.log" "$out/parser.log" \
	"$build_dir/test.log"
args=()
for a in "${kargs[@]}"; do
	args+=(--kernel_args "$a")
done
start=$SECONDS
rc=0
timeout -k 10 $((timeout + 60)) \
	python3 "$srctree/tools/testing/kunit/kunit.py" exec \
	--arch=arm64 --cross_compile=aarch64-linux-gnu- \
	--build_dir="$build_dir" --kunitconfig="$here/xlate.kunitconfig" \
	--timeout="$timeout" "${args[@]}" "$suite" \
	>"$out/kunit.out" 2>&1 || rc=$?
echo "kunit.py exec: exit $rc after $((SECONDS - start)) s" \
	"(log: build/kunit/boot-cmdline/kunit.out)" >&2
[[ -f $build_dir/test.log ]] && cp "$build_dir/test.log" "$out/test.log"
touch "$out/test.log"

# The console without \r and printk timestamps.
log=$(tr -d '\r' <"$out/test.log" | sed 's/^\[ *[0-9.]*\] //')
# first_line ERE: the first matching console line, or nothing.
first_line() {
	grep -m1 -E "$1" <<<"$log" | cut -c1-300 || true
}

crash=$(first_line 'Unable to handle kernel|Kernel panic|Oops|BUG:|Internal error|WARNING:')
if [[ ! -s $out/test.log ]]; then
	fail boot "no console output (kunit.py exit $rc; see $out/kunit.out)"
elif [[ -n $crash ]]; then
	fail boot "$crash"
elif ! grep -q '^reboot: Restarting system' <<<"$log"; then
	fail boot "the kernel did not finish (kunit.py exit $rc): $(tail -n 3 <<<"$log" | tr '\n' ' ' | cut -c1-300)"
else
	pass boot
fi

# parse_args() reports a setter's error as "`VAL' invalid for parameter".
bad=$(first_line "(invalid for parameter|Unknown kernel command line parameters).*xlate\\.")
if [[ -n $bad ]]; then
	fail params-accepted "$bad"
elif ! grep -q '^Kernel command line: .*xlate\.runtime=' <<<"$log"; then
	fail params-accepted "the console has no kernel command line with xlate.runtime="
else
	pass params-accepted
fi

prc=0
klines=$(python3 "$here/ktap_lines.py" \
	--kunit-dir "$srctree/tools/testing/kunit" --prefix "$prefix" \
	--parser-log "$out/parser.log" --expect-suite "$suite" \
	"$out/test.log") || prc=$?
if ((prc == 0 && rc == 0)); then
	pass kunit
else
	fail kunit "kunit.py exit $rc; $(grep -m3 '^FAIL' <<<"$klines" | tr '\n' ' ')"
fi

# xlate: config: runtime="PATH" enabled=E preserve_argv0=P open_binary=O credentials=C
# (then the same for runtime32, whose switches the x86-64 ones leave alone)
config32=$(grep -E '^xlate: config: runtime32=' <<<"$log" || true)
config=$(grep -E '^xlate: config: runtime=' <<<"$log" || true)
n=$(grep -c . <<<"$config" || true)
if ((n == 1)); then
	pass config-line
else
	fail config-line "$n 'xlate: config:' lines, want 1"
fi
config=$(head -n 1 <<<"$config")
# check_field NAME WANT: the config line says NAME=WANT.
check_field() {
	if [[ " $config " == *" $1=$2 "* ]]; then
		pass "$1"
	else
		fail "$1" "want $1=$2 in the config line: \"$config\""
	fi
}
check_field enabled 0
check_field preserve_argv0 1
check_field open_binary 1
check_field credentials 0
if [[ " $config32 " == *" enabled=1 preserve_argv0=0 open_binary=0 credentials=0 "* ]]; then
	pass runtime32-switches-apart
else
	fail runtime32-switches-apart "want runtime32's own defaults: \"$config32\""
fi

retry="xlate: runtime \"$runtime\" not available yet \\([^)]*\\): retrying when init starts"
if grep -qE "^$retry\$" <<<"$log"; then
	pass runtime-retry
else
	fail runtime-retry "no line \"xlate: runtime \\\"$runtime\\\" not available yet (...): retrying when init starts\": $(first_line '^xlate: ')"
fi
exit "$failed"
