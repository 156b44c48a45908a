#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Unload safety (runs last): rmmod while translated programs run, or
# while a marked task holds an x86-view /proc/cpuinfo open, either fails
# because the module is in use or succeeds; the held file still reads or
# fails cleanly, the running programs finish, the kernel stays clean (the
# init's dmesg check) and the module loads again for whatever runs after.
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
	echo "info: $1: rmmod exited $rc: $out"
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

# held_done NAME PID: the holder PID read its descriptor after the
# rmmod (held.out has cpuinfo) or failed cleanly (a message, no signal).
held_done() {
	local rc

	wait "$2"
	rc=$?
	if [ "$rc" -eq 0 ] && grep -q '^processor' "$d/held.out"; then
		pass "$1"
	elif [ "$rc" -ne 0 ] && [ "$rc" -lt 128 ] && [ -s "$d/held.err" ]; then
		pass "$1"	# failed cleanly, with a message
	else
		fail "$1" "exit $rc, out: $(head -c 200 "$d/held.out"), err: \
$(head -c 200 "$d/held.err")"
	fi
}

# 1. Translated programs running across the rmmod: one holds
# /proc/cpuinfo (opened with the x86 view) and reads it afterwards.  The
# x86 busybox shell names its applets in full: running one by its bare
# name re-execs busybox, which needs preserve_argv0.
/x86/busybox sh -c 'exec 3</proc/cpuinfo; echo opened
	/x86/busybox sleep 5; /x86/busybox cat <&3' \
	>"$d/held.out" 2>"$d/held.err" &
holder=$!
/x86/busybox sleep 8 &
sleeper=$!
if wait_until 60 grep -q opened "$d/held.out"; then
	pass "$t/translated-holder-started"
else
	fail "$t/translated-holder-started" "no output after 60 s"
fi
try_rmmod "$t/rmmod-while-translated"
held_done "$t/translated-held-cpuinfo-reads" "$holder"
wait "$sleeper"
check_eq "$t/translated-sleep-finished" 0 "$?"
if [ "$state" != unloaded ]; then
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
load_again "$t/modprobe-again"
check_eq "$t/reloaded-translates" "exit=7" "$(exec_result "$HELLO")"

# 2. No translated task at all: a native task marked by hand holds an
# x86-view /proc/cpuinfo open across the rmmod.
: >"$d/held.out"
: >"$d/held.err"
"$ARM/set-marker" /bin/sh -c 'exec 3</proc/cpuinfo; echo opened
	sleep 3; cat <&3' >"$d/held.out" 2>"$d/held.err" &
holder=$!
if wait_until 30 grep -q opened "$d/held.out"; then
	pass "$t/marked-holder-started"
else
	fail "$t/marked-holder-started" "no output after 30 s"
fi
try_rmmod "$t/rmmod-while-cpuinfo-open"
held_done "$t/marked-held-cpuinfo-reads" "$holder"
load_again "$t/modprobe-after-held"
check_eq "$t/reloaded-x86-view" x86_64 \
	"$("$ARM/set-marker" "$ARM/uname-m")"

# 3. exe=1: a program whose exe is its own file runs across the rmmod
# while a loop execs more; the swapped exe_file is the kernel's from
# then on, and nothing is left behind: the file system they ran from
# unmounts afterwards.
mkdir -p "$d/mnt"
mount -t tmpfs xlate-rmmod "$d/mnt"
cp /x86/busybox "$d/mnt/busybox"
check_eq "$t/exe-on" ok "$(xl_param exe 1)"
"$d/mnt/busybox" sleep 6 &
sleeper=$!
wait_until 10 exe_is $sleeper "$d/mnt/busybox"
check_eq "$t/exe-swapped-before" "$d/mnt/busybox" "$(readlink /proc/$sleeper/exe)"
(
	i=0
	while [ $i -lt 200 ]; do
		"$d/mnt/busybox" true 2>/dev/null
		i=$((i + 1))
	done
) &
looper=$!
try_rmmod "$t/rmmod-exe-swapped"
if kill -0 $sleeper 2>/dev/null; then
	check_eq "$t/exe-swapped-after" "$d/mnt/busybox" "$(readlink /proc/$sleeper/exe)"
	check_eq "$t/exe-swapped-after-etxtbsy" ETXTBSY \
		"$(writable "$d/mnt/busybox")"
fi
wait $looper
wait $sleeper
check_eq "$t/exe-swapped-finished" 0 "$?"
check_eq "$t/exe-umount" ok "$(umount "$d/mnt" 2>&1 && echo ok)"
load_again "$t/modprobe-after-exe"

# 4. Load, use, unload, load: nothing is left behind by a cycle.
try_rmmod "$t/rmmod-cycle"
check_eq "$t/rmmod-cycle-unloaded" unloaded "$state"
load_again "$t/modprobe-final"
check_eq "$t/final-translates" "exit=7" "$(exec_result "$HELLO")"

rm -rf "$d"
