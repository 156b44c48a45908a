#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Unload safety (runs last): rmmod while translated programs run and one
# holds /proc/cpuinfo open either fails because the module is in use or
# succeeds; the held file still reads or fails cleanly, the running
# programs finish, the kernel stays clean (the init's dmesg check) and
# the module loads again for whatever runs after.
. "$(dirname "$0")/lib.sh"

t=rmmod
d=/tmp/xlate-rmmod
HELLO=$X86/hello
mkdir -p "$d"

loaded() {
	grep -q '^xlate ' /proc/modules
}

# try_rmmod NAME: rmmod succeeds, or refuses because the module is in
# use; sets $state to unloaded, busy or error.
try_rmmod() {
	local out rc

	out=$(rmmod xlate 2>&1)
	rc=$?
	if [ "$rc" -eq 0 ]; then
		state=unloaded
		pass "$1"
		return
	fi
	case $out in
	*"in use"* | *busy* | *Busy* | *"temporarily unavailable"*)
		state=busy
		pass "$1"
		;;
	*)
		state=error
		fail "$1" "rmmod exited $rc: $out"
		;;
	esac
}

load_again() {
	if loaded; then
		pass "$1"
	else
		check "$1" modprobe xlate runtime="$QEMU_RUNTIME"
	fi
}

# Translated programs running across the rmmod: one holds /proc/cpuinfo
# (opened with the x86 view) and reads it after the rmmod.
/x86/busybox sh -c 'exec 3</proc/cpuinfo; echo opened; sleep 5; cat <&3' \
	>"$d/held.out" 2>"$d/held.err" &
holder=$!
/x86/busybox sleep 8 &
sleeper=$!
if wait_until 60 grep -q opened "$d/held.out"; then
	pass "$t/holder-started"
else
	fail "$t/holder-started" "no output from the holder after 60 s"
fi

try_rmmod "$t/rmmod-while-running"
first_state=$state

wait "$holder"
rc=$?
if [ "$rc" -eq 0 ] && grep -q '^processor' "$d/held.out"; then
	pass "$t/held-cpuinfo-reads"
elif [ "$rc" -ne 0 ] && [ "$rc" -lt 128 ] && [ -s "$d/held.err" ]; then
	pass "$t/held-cpuinfo-reads"	# failed cleanly, with a message
else
	fail "$t/held-cpuinfo-reads" "exit $rc, out: $(head -c 200 \
"$d/held.out"), err: $(head -c 200 "$d/held.err")"
fi
wait "$sleeper"
check_eq "$t/translated-sleep-finished" 0 "$?"

# Whatever happened first, an idle module must unload.
if [ "$first_state" != unloaded ]; then
	try_rmmod "$t/rmmod-when-idle"
	check_eq "$t/rmmod-when-idle-unloaded" unloaded "$state"
fi
if ! loaded; then
	pass "$t/unloaded"
	check_eq "$t/unloaded-x86-enoexec" "errno=ENOEXEC" \
		"$(exec_result "$HELLO")"
	check_eq "$t/unloaded-native-uname" aarch64 "$("$ARM/uname-m")"
	check_eq "$t/unloaded-set-marker-native-view" aarch64 \
		"$("$ARM/set-marker" "$ARM/uname-m")"
fi

# Load, use, unload, load: nothing is left behind by a cycle.
load_again "$t/modprobe-again"
check_eq "$t/reloaded-translates" "exit=7" "$(exec_result "$HELLO")"
check_eq "$t/reloaded-x86-view" x86_64 \
	"$("$ARM/set-marker" "$ARM/uname-m")"
try_rmmod "$t/rmmod-cycle"
check_eq "$t/rmmod-cycle-unloaded" unloaded "$state"
load_again "$t/modprobe-final"
check_eq "$t/final-translates" "exit=7" "$(exec_result "$HELLO")"

rm -rf "$d"
