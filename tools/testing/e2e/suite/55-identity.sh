#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Issue 17, identity: other processes see the x86 program, not the
# runtime, in /proc/PID/cmdline (ps, pgrep -f, pidof, audit, stat), per
# runtime (cmdline=auto follows the known-runtime table), while the
# program's own view through the runtime (/proc/self/exe, cmdline) is
# unchanged.  Observed from native processes.  /proc/PID/exe names the
# runtime here (exe=auto, off for qemu); 56-identity-exe turns exe on.
. "$(dirname "$0")/lib.sh"

t=identity
D=/tmp/xlate-id
PROBE=$X86/identity-probe
EXEC=$ARM/exec-argv
RT=$(cat "$PARAMS/runtime")
t0=$(date +%s)

rm -rf "$D"
mkdir -p "$D" /x86/bin
chmod 0755 "$D"
ln -sf /x86/busybox /x86/bin/sleep
ln -sf /x86/busybox /x86/bin/sh

# bar_of PID: /proc/PID/cmdline with NULs as '|' (the probe's notation).
bar_of() {
	tr '\0' '|' <"/proc/$1/cmdline"
}

# started PID: the task has exec'd the runtime.
started() {
	exe_is "$1" "$RT"
}

# run_bg CMD...: start CMD in the background, wait until it runs the
# runtime; sets $pid.
run_bg() {
	"$@" >/dev/null 2>&1 &
	pid=$!
	wait_until 10 started "$pid" ||
		echo "55-identity: pid $pid never ran $RT: $(readlink /proc/$pid/exe)" >&2
}

# stat_args PID: arg_end - arg_start from /proc/PID/stat (fields 48-49;
# comm may hold spaces, so count from after its ')').
stat_args() {
	sed 's/.*) //' "/proc/$1/stat" | awk '{ print $47 - $46 }'
}

# --- the switch -------------------------------------------------------------

check_eq "$t/param-default-auto-on-for-qemu" "auto (on)" \
	"$(cat "$PARAMS/cmdline")"
check_eq "$t/param-auto" ok "$(xl_param cmdline auto)"
p0=$(stat_get cmdline_program)

# --- 1. the bar: /x86/bin/sleep 3 --------------------------------------------

run_bg /x86/bin/sleep 3
check_eq "$t/sleep-cmdline" "/x86/bin/sleep 3 " "$(cmdline_of $pid)"
check_eq "$t/sleep-stat-arg-range" 17 "$(stat_args $pid)"
stop $pid
# The same with time to look (a loaded host can take seconds).
run_bg /x86/bin/sleep 30
check_eq "$t/sleep30-cmdline" "/x86/bin/sleep 30 " "$(cmdline_of $pid)"
check_line "$t/sleep-pidof" "$pid" "$(pidof sleep | tr ' ' '\n')"
check_line "$t/sleep-pgrep-f" "$pid" "$(pgrep_f '^/x86/bin/sleep')"
check_eq "$t/sleep-ps-args" "/x86/bin/sleep 30" \
	"$(ps -o pid,args | awk -v p=$pid '$1 == p { $1 = ""; print substr($0, 2) }')"
check_eq "$t/sleep-exe-still-runtime" "$RT" "$(readlink /proc/$pid/exe)"
check_eq "$t/sleep-comm" sleep "$(cat /proc/$pid/comm)"
# xlatectl ps: "RUNTIME PROGRAM" of the row
check_eq "$t/xlatectl-ps-runtime-program" "$RT /x86/bin/sleep" \
	"$(/usr/sbin/xlatectl ps | awk -v p=$pid '$1 == p { print $6, $7 }')"
stop $pid
check_gt "$t/counted" "$(stat_get cmdline_program)" "$p0"

# preserve_argv0: the caller's argv[0] (qemu's modes are P, O).
check_eq "$t/p-mode" 1 "$(param_bool preserve_argv0)"
run_bg env IDPROBE_SLEEP=30 "$EXEC" "$PROBE" my-argv0 a 'b c'
check_eq "$t/p-argv0-as-passed" "my-argv0|a|b c|" "$(bar_of $pid)"
stop $pid

# Without preserve_argv0 only the path survives.
check_eq "$t/set-p-0" ok "$(xl_param preserve_argv0 0)"
run_bg env IDPROBE_SLEEP=30 "$EXEC" "$PROBE" my-argv0 a 'b c'
check_eq "$t/nop-path-for-argv0" "$PROBE|a|b c|" "$(bar_of $pid)"
stop $pid
run_bg /x86/bin/sleep 30
check_eq "$t/nop-sleep-cmdline" "/x86/bin/sleep 30 " "$(cmdline_of $pid)"
stop $pid
check_eq "$t/set-p-1" ok "$(xl_param preserve_argv0 1)"

# --- off: the runtime's argv, as before ---------------------------------------

check_eq "$t/set-off" ok "$(xl_param cmdline 0)"
check_eq "$t/param-off" N "$(cat "$PARAMS/cmdline")"
run_bg /x86/bin/sleep 30
check_eq "$t/off-cmdline-is-runtime" "$RT /x86/bin/sleep /x86/bin/sleep 30 " \
	"$(cmdline_of $pid)"
check_no_line "$t/off-pgrep-f-misses" "$pid" "$(pgrep_f '^/x86/bin/sleep')"
check_eq "$t/off-xlatectl-ps-program" "$RT /x86/bin/sleep" \
	"$(/usr/sbin/xlatectl ps | awk -v p=$pid '$1 == p { print $6, $7 }')"
stop $pid
check_eq "$t/set-on" ok "$(xl_param cmdline 1)"
check_eq "$t/param-on" Y "$(cat "$PARAMS/cmdline")"
check_eq "$t/set-bad" EINVAL "$(xl_param cmdline maybe)"
check_eq "$t/bad-kept" Y "$(cat "$PARAMS/cmdline")"
check_eq "$t/set-auto" ok "$(xl_param cmdline auto)"

# --- 3. the program's own view is the same on and off -------------------------

# view CMDLINE-SETTING: the probe's report of itself, run as `PROBE x y`.
view() {
	xl_param cmdline "$1" >/dev/null
	"$PROBE" x 'y z' 2>&1
}
v_on=$(view 1)
v_off=$(view 0)
xl_param preserve_argv0 0 >/dev/null
check_eq "$t/own-view-same-nop" "$(view 0)" "$(view 1)"
xl_param preserve_argv0 1 >/dev/null
xl_param cmdline auto >/dev/null
check_eq "$t/own-view-same" "$v_off" "$v_on"
check_contains "$t/own-view-cmdline" "cmdline=$PROBE|x|y z|" "$v_on"
check_contains "$t/own-view-exe-opens" "exe_open=ok e_machine=62" "$v_on"
echo "INFO: $t: own view with $RT: $(printf '%s' "$v_on" | tr '\n' ' ')"
# Re-exec of /proc/self/exe by the program itself gives the same view.
check_eq "$t/own-reexec-self-exe" "$v_on" \
	"$(IDPROBE_REEXEC=1 "$PROBE" x 'y z' 2>&1)"

echo "info: $t: basics done after $(($(date +%s) - t0)) s"

# --- edge cases ---------------------------------------------------------------

# like_native NAME FLAG ARG0 ARG...: with preserve_argv0 the translated
# probe's cmdline, seen from here, is what the native probe's is for
# the same exec (exec-argv FLAG PROG ARG0 ARG..., FLAG -n, -f or --).
like_native() {
	local name=$1 flag=$2 prog want got=

	shift 2
	for prog in "$ARM/identity-probe" "$PROBE"; do
		if [ "$flag" = -- ]; then
			IDPROBE_SLEEP=30 "$EXEC" "$prog" "$@" >/dev/null 2>&1 &
		else
			IDPROBE_SLEEP=30 "$EXEC" "$flag" "$prog" "$@" >/dev/null 2>&1 &
		fi
		pid=$!
		want=$RT
		[ "$prog" = "$PROBE" ] || want=$prog
		wait_until 10 exe_is $pid "$want"
		got="$got$(bar_of $pid)
"
		stop $pid
	done
	check_eq "$t/like-native-$name" "$(printf '%s' "$got" | head -n 1)" \
		"$(printf '%s' "$got" | tail -n 1)"
}
like_native plain -- my-argv0 a 'b c'
like_native null-argv -n
like_native long-argv -- long-argv0 "$(head -c 5000 /dev/zero | tr '\0' L)" end
like_native fexecve-cloexec -f fd-argv0 q

# An empty argv: the kernel gives the program { "" }; native shows "\0".
run_bg env IDPROBE_SLEEP=30 "$EXEC" -n "$PROBE"
check_eq "$t/null-argv-p-one-nul" 1 "$(wc -c <"/proc/$pid/cmdline")"
stop $pid
xl_param preserve_argv0 0 >/dev/null
run_bg env IDPROBE_SLEEP=30 "$EXEC" -n "$PROBE"
check_eq "$t/null-argv-nop-path" "$PROBE|" "$(bar_of $pid)"
stop $pid
xl_param preserve_argv0 1 >/dev/null

# An argv longer than a page.
long=$(head -c 5000 /dev/zero | tr '\0' L)
run_bg env IDPROBE_SLEEP=30 "$EXEC" "$PROBE" long-argv0 "$long" end
got=$(bar_of $pid)
check_eq "$t/long-argv-length" $((11 + 5001 + 4)) "$(printf '%s' "$got" | wc -c)"
check_eq "$t/long-argv-whole" "long-argv0|$long|end|" "$got"
stop $pid

# fexecve of an O_CLOEXEC descriptor (open_binary is on for qemu).
run_bg env IDPROBE_SLEEP=30 "$EXEC" -f "$PROBE" fd-argv0 q
check_eq "$t/fexecve-cloexec-p" "fd-argv0|q|" "$(bar_of $pid)"
stop $pid
xl_param preserve_argv0 0 >/dev/null
run_bg env IDPROBE_SLEEP=30 "$EXEC" -f "$PROBE" fd-argv0 q
got=$(bar_of $pid)
case $got in
/dev/fd/[0-9]*"|q|") pass "$t/fexecve-cloexec-nop-fd-path" ;;
*) fail "$t/fexecve-cloexec-nop-fd-path" "got '$got'" ;;
esac
stop $pid
xl_param preserve_argv0 1 >/dev/null

# An x86-64 #! interpreter: what a native script shows.
printf '#!/x86/bin/sh\nsleep 30\n' >"$D/script"
chmod 0755 "$D/script"
run_bg "$D/script" s1
check_eq "$t/script-x86-interpreter" "/x86/bin/sh $D/script s1 " \
	"$(cmdline_of $pid)"
stop $pid

# credentials mode with a set-user-ID root x86-64 program, run by uid 1000.
cp "$PROBE" "$D/probe-setuid"
chown 0:0 "$D/probe-setuid"
chmod 4755 "$D/probe-setuid"
check_eq "$t/set-credentials" ok "$(xl_param credentials 1)"
IDPROBE_SLEEP=30 "$ARM/run-as" -u 1000 -g 1000 -0 suid-argv0 \
	"$D/probe-setuid" r >/dev/null 2>&1 &
pid=$!
wait_until 10 started $pid
check_eq "$t/setuid-credentials-cmdline" "suid-argv0|r|" "$(bar_of $pid)"
check_eq "$t/setuid-credentials-euid0" 0 \
	"$(awk '/^Uid:/ { print $3 }' /proc/$pid/status)"
stop $pid
xl_param credentials 0 >/dev/null

# Write-deny with exe off, measured: the kernel releases the x86-64
# binary's deny-write at the hand-off, as for binfmt_misc, and the
# configured runtime stays denied (open_exec).  56-identity-exe: exe on.
cp "$PROBE" "$D/probe-w"
chmod 0755 "$D/probe-w"
run_bg env IDPROBE_SLEEP=30 "$D/probe-w"
w=$(writable "$D/probe-w")
r=$(writable "$RT")
echo "info: $t: while a translated program runs: its x86-64 binary $w, the runtime $r"
check_eq "$t/runtime-write-denied" ETXTBSY "$r"
stop $pid

# --- a runtime not in the table: auto is off ------------------------------------

cp "$QEMU_RUNTIME" "$D/qemu-copy"
check_eq "$t/unknown-runtime-set" ok "$(xl_param runtime "$D/qemu-copy")"
check_eq "$t/unknown-runtime-auto-off" "auto (off)" "$(cat "$PARAMS/cmdline")"
RT=$D/qemu-copy
run_bg /x86/bin/sleep 30
check_eq "$t/unknown-runtime-cmdline-runtime" \
	"$RT /x86/bin/sleep /x86/bin/sleep 30 " "$(cmdline_of $pid)"
stop $pid
xl_param cmdline 1 >/dev/null
run_bg /x86/bin/sleep 30
check_eq "$t/unknown-runtime-forced-on" "/x86/bin/sleep 30 " "$(cmdline_of $pid)"
stop $pid
xl_param cmdline auto >/dev/null
check_eq "$t/runtime-back" ok "$(xl_param runtime "$QEMU_RUNTIME")"
RT=$QEMU_RUNTIME

echo "info: $t: edge cases done after $(($(date +%s) - t0)) s"

# --- 1,000 forks of a translated program, no warning ---------------------------

# The x86-64 probe forks 1,000 children (each copies the mm, its
# moved arg_start and its exe_file), then 10 translated execs run one
# after another.
w0=$(dmesg | grep -cE 'WARNING|BUG|xlate:.*(cmdline|arg)')
out=$(IDPROBE_FORKS=1000 "$PROBE" 2>&1)
check_eq "$t/1000-forks-ran" forked=1000 "$out"
echo "info: $t: 1000 forks done after $(($(date +%s) - t0)) s"
i=0
while [ $i -lt 10 ]; do
	/x86/bin/sh -c ':' || break
	i=$((i + 1))
done
check_eq "$t/10-execs-ran" 10 "$i"
check_eq "$t/forks-no-warning" "$w0" \
	"$(dmesg | grep -cE 'WARNING|BUG|xlate:.*(cmdline|arg)')"
check_eq "$t/cmdline-kept-zero" 0 "$(stat_get cmdline_kept)"
rm -rf "$D"
echo "info: $t: $(($(date +%s) - t0)) s"
