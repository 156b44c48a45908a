#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Last suite of check-debug and stress: unload xlate (whatever it
# allocated and lost is unreferenced from then on), ask kmemleak for a
# scan, and look through the kernel log for the reports of the debug
# kernel's checkers.  One FAIL line per kind of report, with the
# report's first line; PASS when there is none.  Reloads xlate at the
# end as the init had it.
. "$(dirname "$0")/lib.sh"

t=scan
KMEMLEAK=/sys/kernel/debug/kmemleak

if grep -q '^xlate ' /proc/modules; then
	out=$(rmmod xlate 2>&1)
	check_eq "$t/rmmod" "" "$out"
fi

mount | grep -q ' /sys/kernel/debug ' ||
	mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
if [ -w "$KMEMLEAK" ]; then
	# kmemleak reports objects older than 5 s that no scan found a
	# reference to; scan twice so that pointers in flight during the
	# first scan (per-CPU lists, RCU callbacks) are seen.
	sleep 6
	echo scan >"$KMEMLEAK"
	sleep 1
	echo scan >"$KMEMLEAK"
	leaks=$(cat "$KMEMLEAK")
	if [ -z "$leaks" ]; then
		pass "$t/kmemleak-clean"
	else
		n=$(printf '%s\n' "$leaks" | grep -c '^unreferenced object')
		fail "$t/kmemleak-clean" "$n unreferenced objects, first: \
$(printf '%s\n' "$leaks" | grep -m1 -A12 '^unreferenced object' |
			grep -E '^unreferenced|\[<|comm ' | head -n 6 | tr -s ' ')"
		printf '%s\n' "$leaks" | head -n 60
	fi
else
	echo "info: $XLATE_PREFIX/$XLATE_TARGET/$t/kmemleak-clean skipped: this kernel has no $KMEMLEAK"
fi

# scan_for NAME PATTERN: FAIL with the first matching kernel log line.
dmesg >/tmp/scan-dmesg.txt
scan_for() {
	local first

	first=$(grep -E -m1 -- "$2" /tmp/scan-dmesg.txt)
	if [ -z "$first" ]; then
		pass "$t/$1"
	else
		fail "$t/$1" "$(grep -cE -- "$2" /tmp/scan-dmesg.txt) reports, first: $first"
	fi
}
scan_for kasan 'BUG: KASAN'
scan_for warning 'WARNING:'
scan_for lockdep 'possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU usage|lock held when returning|bad unlock balance'
scan_for atomic-sleep 'sleeping function called from invalid context|scheduling while atomic'
scan_for list-corruption 'list_(add|del) corruption'
scan_for kmemleak-report 'unreferenced object|suspected memory leak'
scan_for bug 'BUG:|Oops|Unable to handle kernel|Kernel panic'

if ! grep -q '^xlate ' /proc/modules; then
	check "$t/modprobe-again" modprobe xlate runtime="$QEMU_RUNTIME"
fi
