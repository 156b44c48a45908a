#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# check-debug: a load of xlate that fails at any step of its init leaves
# nothing behind that runs module code, although a task marked for the
# x86 view by hand reads /proc/cpuinfo and calls uname(2) all the while
# (a hook armed before the last step that can fail would hand that task
# a file or a task_work of a module the failed load then frees).
#
# failslab fails one slab allocation of the module's init per load:
# only allocations with do_one_initcall() on the stack count
# (require-start/require-end), and /proc/thread-self/fail-nth picks
# the first, the second, ... (progs/fault-load.c), until a load in
# which no allocation was failed.  KASAN reports a use of freed module
# memory; this suite scans the kernel log of its own run, and 99-scan
# the whole log and kmemleak's findings.  Ends with xlate loaded as the
# init loads it.
. "$(dirname "$0")/lib.sh"

t=fault-init
FS=/sys/kernel/debug/failslab
KO=/lib/modules/$(uname -r)/extra/xlate.ko
KUNIT_GLOB=/sys/module/kunit/parameters/filter_glob
PARAMS_LOAD="runtime=$QEMU_RUNTIME"
d=/tmp/xlate-fault
mkdir -p "$d"

mount | grep -q ' /sys/kernel/debug ' ||
	mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null

cleanup() {
	[ -d "$FS" ] && echo 0 >"$FS/require-start" 2>/dev/null
	[ -d "$FS" ] && echo 0xffffffffffffffff >"$FS/require-end" 2>/dev/null
	[ -w "$KUNIT_GLOB" ] && echo '*.*' >"$KUNIT_GLOB"
	grep -q '^xlate ' /proc/modules || modprobe xlate $PARAMS_LOAD
	rm -rf "$d"
	xl_restore
}
trap cleanup EXIT

if [ ! -d "$FS" ] || [ ! -w /proc/thread-self/fail-nth ]; then
	fail "$t/failslab" "no $FS or fail-nth: the kernel lacks CONFIG_FAILSLAB, CONFIG_FAULT_INJECTION_DEBUG_FS (tools/testing/debug/debug.config)"
	exit 0
fi
if [ ! -w "$FS/require-start" ]; then
	fail "$t/failslab" "no $FS/require-start: the kernel lacks CONFIG_FAULT_INJECTION_STACKTRACE_FILTER"
	exit 0
fi
pass "$t/failslab"

# The init's allocations: do_one_initcall() and the symbol after it.
range=$(grep -A1 ' do_one_initcall$' /proc/kallsyms | cut -d' ' -f1 |
	tr '\n' ' ')
start=${range%% *}
end=${range#* }
end=${end%% *}
if [ -z "$start" ] || [ -z "$end" ] || [ "$start" = 0000000000000000 ]; then
	fail "$t/initcall-range" "do_one_initcall not in /proc/kallsyms: '$range'"
	exit 0
fi
pass "$t/initcall-range"
echo "0x$start" >"$FS/require-start"
echo "0x$end" >"$FS/require-end"
echo 32 >"$FS/stacktrace-depth"
echo N >"$FS/ignore-gfp-wait"
echo 0 >"$FS/verbose"
echo 0 >"$FS/probability"
# The KUnit suites built into this xlate.ko ran at the first load
# (00-kunit); they would run, and fill the log, at each load here.
[ -w "$KUNIT_GLOB" ] && echo 'none-such.none-such' >"$KUNIT_GLOB"

if grep -q '^xlate ' /proc/modules; then
	out=$(rmmod xlate 2>&1)
	check_eq "$t/rmmod" "" "$out"
fi

echo "xlate-fault-init: start" >/dev/kmsg
# shellcheck disable=SC2086 # PARAMS_LOAD: one word per parameter
timeout -s KILL 1800 "$ARM/fault-load" "$KO" "$PARAMS_LOAD" >"$d/out" 2>&1
rc=$?
dmesg | sed -n '/xlate-fault-init: start/,$p' >"$d/dmesg"
summary=$(grep '^faults=' "$d/out")
info "fault-load: $summary (exit $rc); $(grep -c 'load survived' "$d/out") survived: $(grep 'load survived' "$d/out" | cut -d: -f1 | tr '\n' ' ')"
check_eq "$t/fault-load-exit" 0 "$rc"
check_eq "$t/no-leftover" "" "$(grep '^leftover' "$d/out")"
n=$(kv faults "$(echo "$summary" | tr ' ' '\n')")
# Init allocates for sysfs, the configuration, the tracepoint, the
# probes and the search: far more than 10.
check_gt "$t/faults-injected" "${n:-0}" 10
check_gt "$t/loads-failed" "$(kv failed "$(echo "$summary" | tr ' ' '\n')")" 0

first=$(grep -E -m1 'BUG:|KASAN|Oops|Unable to handle|WARNING:|general protection|refcount_t:|list_(add|del) corruption|possible circular|inconsistent lock' "$d/dmesg")
check_eq "$t/kernel-clean" "" "$first"
[ -n "$first" ] && grep -E -A20 -m1 'BUG:|KASAN|Oops|Unable to handle|WARNING:' "$d/dmesg" | head -n 40

# A failed load released the runtime it opened: no write denial left.
check_eq "$t/runtime-released" writable "$(writable "$QEMU_RUNTIME")"
