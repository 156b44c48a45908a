#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Issue 17 under one real runtime ($XLATE_RUNTIME: qemu7, qemu10 or
# box64): what the cmdline and exe switches do with it, seen from a
# native process, and what the program sees of itself through the
# runtime.
# The per-runtime default (cmdline=auto) is asserted as measured
# (Documentation/runtimes.rst, "cmdline"); where it is off, what "on"
# would do is asserted too, so a change in the runtime shows up.
. "$(dirname "$0")/lib.sh"

t=identity
rt=${XLATE_RUNTIME:-qemu7}
case $rt in
qemu7) RT=$QEMU_RUNTIME FLAGS=OPF AUTO="auto (on)" ;;
# /opt/qemu10 is not a packaged path, so auto is off there; Debian's
# /usr/bin/qemu-x86_64 is in the table (on).
qemu10) RT=$QEMU10_RUNTIME FLAGS=OPF AUTO="auto (off)" ;;
box64) RT=$BOX64_RUNTIME FLAGS='' AUTO="auto (off)" ;;
*)
	fail "$t/setup" "unknown XLATE_RUNTIME '$rt'"
	exit 1
	;;
esac
CFG=/sys/kernel/xlate/config
MAGIC='\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00'
MASK='\xff\xff\xff\xff\xff\xff\xff\x00\x00\x00\x00\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
PROBE=$X86/identity-probe
mkdir -p /x86/bin
ln -sf /x86/busybox /x86/bin/sleep
export BOX64_NOBANNER=1 BOX64_LOG=0

# The "on" answers where the switch is right, and box64's measured
# ones where it is not: box64 moves its argv strings down over its own
# path, and xlate's start plus box64's shift cut into a string.
on_sleep() {
	case $rt in
	box64) echo "30 " ;;
	*) echo "/x86/bin/sleep 30 " ;;
	esac
}

started() {
	[ "$(readlink "/proc/$1/exe")" = "$RT" ]
}

# sleep_cmdline: /proc/PID/cmdline of `/x86/bin/sleep 30`, trailing
# spaces (box64's padding NULs) squeezed to one.
sleep_cmdline() {
	local pid out

	/x86/bin/sleep 30 >/dev/null 2>&1 &
	pid=$!
	wait_until 10 started $pid
	# box64 rewrites its argv block once it runs: let it.
	sleep 2
	out=$(cmdline_of $pid | sed 's/  *$/ /')
	kill $pid 2>/dev/null
	wait $pid 2>/dev/null
	printf '%s' "$out"
}

check_eq "$t/configure" ok "$(xl_set "$CFG" "$(printf ':xlate-%s:M::%s:%s:%s:%s' \
	"$rt" "$MAGIC" "$MASK" "$RT" "$FLAGS")")"
check_eq "$t/cmdline-auto-per-runtime" "$AUTO" "$(cat "$PARAMS/cmdline")"

p0=$(stat_get cmdline_program)
off=$(sleep_cmdline)
case $AUTO in
*on*) check_eq "$t/auto-sleep-cmdline" "/x86/bin/sleep 30 " "$off" ;;
*) check_eq "$t/auto-off-not-counted" "$p0" "$(stat_get cmdline_program)" ;;
esac

check_eq "$t/set-on" ok "$(xl_param cmdline 1)"
on=$(sleep_cmdline)
check_eq "$t/on-sleep-cmdline" "$(on_sleep)" "$on"
check_gt "$t/on-counted" "$(stat_get cmdline_program)" "$p0"
check_eq "$t/set-off" ok "$(xl_param cmdline 0)"
off=$(sleep_cmdline)
case $rt in
box64) want="/x86/bin/sleep 30 " ;;	# box64 shows its program itself
*) want="$RT /x86/bin/sleep /x86/bin/sleep 30 " ;;
esac
check_eq "$t/off-sleep-cmdline" "$want" "$off"

# The program's own view through the runtime, off and on.
v_off=$("$PROBE" x 'y z' 2>&1)
xl_param cmdline 1 >/dev/null
v_on=$("$PROBE" x 'y z' 2>&1)
case $rt in
box64)
	# box64 passes /proc/self/cmdline through: the switch changes it.
	check_contains "$t/box64-own-cmdline-cut-when-on" "cmdline=6_64/identity-probe|" "$v_on"
	;;
*) check_eq "$t/own-view-same" "$v_off" "$v_on" ;;
esac
echo "info: $rt: own view off: $(printf '%s' "$v_off" | tr '\n' ' ')"
echo "info: $rt: own view on: $(printf '%s' "$v_on" | tr '\n' ' ')"
check_eq "$t/restore-auto" ok "$(xl_param cmdline auto)"
check_eq "$t/cmdline-kept-zero" 0 "$(stat_get cmdline_kept)"

# --- exe: off by default for every runtime; what on does -----------------------

check_eq "$t/exe-auto-off" "auto (off)" "$(cat "$PARAMS/exe")"

comm_is() {
	[ "$(cat "/proc/$1/comm" 2>/dev/null)" = "$2" ]
}

# probe_exe: /proc/PID/exe of the sleeping probe, seen from here.
probe_exe() {
	local pid out

	IDPROBE_SLEEP=30 "$PROBE" >/dev/null 2>&1 &
	pid=$!
	wait_until 10 comm_is $pid identity-probe
	sleep 1
	out=$(readlink /proc/$pid/exe)
	kill $pid 2>/dev/null
	wait $pid 2>/dev/null
	printf '%s' "$out"
}
check_eq "$t/exe-off-runtime" "$RT" "$(probe_exe)"
v_off=$("$PROBE" x 'y z' 2>&1)
check_eq "$t/exe-set-on" ok "$(xl_param exe 1)"
check_eq "$t/exe-on-program" "$PROBE" "$(probe_exe)"
v_on=$("$PROBE" x 'y z' 2>&1)
echo "info: $rt: exe=1 own view: $(printf '%s' "$v_on" | tr '\n' ' ')"
case $rt in
box64)
	# box64 lets its guest open the kernel's /proc/self/exe: with exe on
	# that is the program, so the guest's view changes.  (box64 0.3.6's
	# -k, which finds its instances by /proc/PID/exe, is newer than
	# trixie's 0.3.4: read from its source, not measured.)
	check_contains "$t/box64-exe-on-own-view-changes" "exe_open=ok e_machine=62" "$v_on"
	check_contains "$t/box64-exe-off-own-view" "exe_open=ok e_machine=183" "$v_off"
	;;
*) check_eq "$t/exe-own-view-same" "$v_off" "$v_on" ;;
esac
check_eq "$t/exe-restore-auto" ok "$(xl_param exe auto)"
check_eq "$t/exe-kept-zero" 0 "$(stat_get exe_kept)"
