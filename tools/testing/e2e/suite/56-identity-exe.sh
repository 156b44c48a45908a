#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Issue 17, exe: with exe=1, /proc/PID/exe of a translated program names
# its x86 binary to every other process, mm->exe_file's write denial
# moves from the runtime to that binary (ETXTBSY while it runs, none
# left after), and the program's own view through the runtime is what
# it was.  exe=auto is off for every known runtime (runtimes.rst).
# Also the cmdline bar (cmdline=auto is on for qemu), so `make check`
# covers both on every kernel.  Observed from native processes.
. "$(dirname "$0")/lib.sh"

t=identity-exe
D=/tmp/xlate-exe
PROBE=$X86/identity-probe
EXEC=$ARM/exec-argv
RT=$(cat "$PARAMS/runtime")
t0=$(date +%s)

rm -rf "$D"
mkdir -p "$D" /x86/bin
chmod 0755 "$D"
# A link, not a symlink: /proc/PID/exe names the file as opened.
ln -f /x86/busybox /x86/bin/sleep
ln -sf /x86/busybox /x86/bin/sh

# run_bg EXE CMD...: start CMD in the background and wait until its
# /proc/PID/exe is EXE (the exec and the swap are done); sets $pid.
run_bg() {
	local want=$1

	shift
	"$@" >/dev/null 2>&1 &
	pid=$!
	wait_until 10 exe_is "$pid" "$want" ||
		echo "$t: pid $pid: exe $(readlink /proc/$pid/exe), not $want" >&2
}

# --- the switch ----------------------------------------------------------------

check_eq "$t/param-default-auto-off" "auto (off)" "$(cat "$PARAMS/exe")"
check_eq "$t/cmdline-auto-on" "auto (on)" "$(cat "$PARAMS/cmdline")"
check_eq "$t/unprivileged-set-refused" EACCES \
	"$("$ARM/run-as" -u 1000 -g 1000 "$ARM/sysfs-write" "$PARAMS/exe" 1)"
check_eq "$t/unprivileged-set-kept" "auto (off)" "$(cat "$PARAMS/exe")"
check_eq "$t/set-bad" EINVAL "$(xl_param exe perhaps)"
check_eq "$t/bad-kept" "auto (off)" "$(cat "$PARAMS/exe")"

run_bg "$RT" /x86/bin/sleep 300
check_eq "$t/off-exe-is-runtime" "$RT" "$(readlink /proc/$pid/exe)"
check_eq "$t/off-binary-writable" writable "$(writable /x86/bin/sleep)"
stop $pid

check_eq "$t/set-on" ok "$(xl_param exe 1)"
check_eq "$t/param-on" Y "$(cat "$PARAMS/exe")"
e0=$(stat_get exe_program)
k0=$(stat_get exe_kept)

# --- the bars: /x86/bin/sleep, seen from here ------------------------------------

run_bg /x86/bin/sleep /x86/bin/sleep 300
check_eq "$t/sleep-exe" /x86/bin/sleep "$(readlink /proc/$pid/exe)"
check_eq "$t/sleep-cmdline" "/x86/bin/sleep 300 " "$(cmdline_of $pid)"
check_line "$t/sleep-pidof" "$pid" "$(pidof sleep | tr ' ' '\n')"
check_line "$t/sleep-pgrep-f" "$pid" "$(pgrep_f '^/x86/bin/sleep')"
check_eq "$t/sleep-comm" sleep "$(cat /proc/$pid/comm)"
check_eq "$t/sleep-exe-opens-x86" "$(head -c 20 /x86/bin/sleep | od -An -tx1)" \
	"$(head -c 20 /proc/$pid/exe | od -An -tx1)"
check_eq "$t/xlatectl-ps-runtime-program" "$RT /x86/bin/sleep" \
	"$(/usr/sbin/xlatectl ps | awk -v p=$pid '$1 == p { print $6, $7 }')"
# Write-deny: exe_file's denial is on the program now.
check_eq "$t/running-binary-etxtbsy" ETXTBSY "$(writable /x86/bin/sleep)"
check_eq "$t/running-runtime-still-denied" ETXTBSY "$(writable "$RT")"
stop $pid
check_eq "$t/exited-binary-writable" writable "$(writable /x86/bin/sleep)"
check_eq "$t/counted" $((e0 + 1)) "$(stat_get exe_program)"

# i386 programs too (runtime32; exe is one switch for both ABIs).
run_bg /i386/busybox /i386/busybox sleep 300
check_eq "$t/i386-exe" /i386/busybox "$(readlink /proc/$pid/exe)"
check_eq "$t/i386-etxtbsy" ETXTBSY "$(writable /i386/busybox)"
stop $pid

# --- the program's own view is the same on and off ---------------------------------

view() {
	xl_param exe "$1" >/dev/null
	"$PROBE" x 'y z' 2>&1
}
v_on=$(view 1)
v_off=$(view 0)
check_eq "$t/own-view-same" "$v_off" "$v_on"
check_contains "$t/own-view-exe" "exe=$PROBE" "$v_on"
check_contains "$t/own-view-exe-opens" "exe_open=ok e_machine=62" "$v_on"
check_eq "$t/own-reexec-same" "$(xl_param exe 0 >/dev/null
	IDPROBE_REEXEC=1 "$PROBE" x 'y z' 2>&1)" \
	"$(xl_param exe 1 >/dev/null
	IDPROBE_REEXEC=1 "$PROBE" x 'y z' 2>&1)"
xl_param preserve_argv0 0 >/dev/null
check_eq "$t/own-view-same-nop" "$(view 0)" "$(view 1)"
xl_param preserve_argv0 1 >/dev/null
xl_param exe 1 >/dev/null

echo "info: $t: bars done after $(($(date +%s) - t0)) s"

# --- edge cases, exe on ------------------------------------------------------------

run_bg "$PROBE" env IDPROBE_SLEEP=30 "$EXEC" -n "$PROBE"
check_eq "$t/null-argv-exe" "$PROBE" "$(readlink /proc/$pid/exe)"
check_eq "$t/null-argv-cmdline-one-nul" 1 "$(wc -c <"/proc/$pid/cmdline")"
stop $pid

long=$(head -c 5000 /dev/zero | tr '\0' L)
run_bg "$PROBE" env IDPROBE_SLEEP=30 "$EXEC" "$PROBE" long-argv0 "$long" end
check_eq "$t/long-argv-exe" "$PROBE" "$(readlink /proc/$pid/exe)"
check_eq "$t/long-argv-cmdline" "long-argv0|$long|end|" \
	"$(tr '\0' '|' <"/proc/$pid/cmdline")"
stop $pid

# fexecve of an O_CLOEXEC descriptor: the path is gone, the file is not.
run_bg "$PROBE" env IDPROBE_SLEEP=30 "$EXEC" -f "$PROBE" fd-argv0 q
check_eq "$t/fexecve-cloexec-exe" "$PROBE" "$(readlink /proc/$pid/exe)"
stop $pid

# An x86-64 #! interpreter: exe is the interpreter, as natively.
printf '#!/x86/bin/sh\nsleep 30\n' >"$D/script"
chmod 0755 "$D/script"
run_bg /x86/busybox "$D/script"
check_eq "$t/script-exe-interpreter" /x86/busybox "$(readlink /proc/$pid/exe)"
stop $pid

# credentials mode, set-user-ID root program run by uid 1000.
cp "$PROBE" "$D/probe-setuid"
chown 0:0 "$D/probe-setuid"
chmod 4755 "$D/probe-setuid"
check_eq "$t/set-credentials" ok "$(xl_param credentials 1)"
run_bg "$D/probe-setuid" env IDPROBE_SLEEP=30 "$ARM/run-as" -u 1000 -g 1000 \
	-0 suid-argv0 "$D/probe-setuid" r
check_eq "$t/setuid-exe" "$D/probe-setuid" "$(readlink /proc/$pid/exe)"
check_eq "$t/setuid-euid0" 0 "$(awk '/^Uid:/ { print $3 }' /proc/$pid/status)"
check_eq "$t/setuid-etxtbsy" ETXTBSY "$(writable "$D/probe-setuid")"
stop $pid
xl_param credentials 0 >/dev/null

# Without open_binary (no execfd), xlate keeps the file itself.
check_eq "$t/set-no-open-binary" ok "$(xl_param open_binary 0)"
cp "$PROBE" "$D/probe-w"
chmod 0755 "$D/probe-w"
run_bg "$D/probe-w" env IDPROBE_SLEEP=30 "$D/probe-w"
check_eq "$t/no-execfd-exe" "$D/probe-w" "$(readlink /proc/$pid/exe)"
check_eq "$t/no-execfd-etxtbsy" ETXTBSY "$(writable "$D/probe-w")"
stop $pid
check_eq "$t/no-execfd-exited-writable" writable "$(writable "$D/probe-w")"

# No reference is left behind, after a run or after an exec that fails
# once the runtime is being loaded (2 MB of address space): the file
# system the program is on unmounts.
mkdir -p "$D/mnt"
for how in run failed; do
	mount -t tmpfs xlate-exe "$D/mnt"
	cp "$PROBE" "$D/mnt/p"
	if [ $how = run ]; then
		run_bg "$D/mnt/p" env IDPROBE_SLEEP=30 "$D/mnt/p"
		check_eq "$t/tmpfs-exe" "$D/mnt/p" "$(readlink /proc/$pid/exe)"
		stop $pid
	else
		n0=$(stat_get exe_program)
		(ulimit -v 2048 && exec "$D/mnt/p") >/dev/null 2>&1
		check_eq "$t/failed-exec-not-swapped" "$n0" "$(stat_get exe_program)"
	fi
	check_eq "$t/tmpfs-umount-after-$how" ok \
		"$(umount "$D/mnt" 2>&1 && echo ok)"
done
xl_param open_binary 1 >/dev/null

# The runtime's own denial is gone with the hand-off; after the program
# exits and the runtime is configured away, the runtime can be replaced.
cp "$RT" "$D/qemu-copy"
check_eq "$t/copy-runtime-set" ok "$(xl_param runtime "$D/qemu-copy")"
check_eq "$t/copy-runtime-exe-forced" Y "$(cat "$PARAMS/exe")"
run_bg "$D/probe-w" env IDPROBE_SLEEP=30 "$D/probe-w"
check_eq "$t/copy-runtime-exe" "$D/probe-w" "$(readlink /proc/$pid/exe)"
stop $pid
check_eq "$t/runtime-back" ok "$(xl_param runtime "$RT")"
check_eq "$t/copy-runtime-writable" writable "$(writable "$D/qemu-copy")"
check_eq "$t/copy-runtime-replaced" ok \
	"$(cp "$RT" "$D/qemu-copy" 2>&1 && echo ok)"
check_eq "$t/binary-replaced" ok "$(cp "$PROBE" "$D/probe-w" 2>&1 && echo ok)"

# What write denial holds while programs run (issue 24, item 6).  With
# exe on, the runtime is to the kernel what an ELF interpreter is to a
# native program: mapped, not exe_file, so not denied by the task.  The
# reference: a native dynamic program runs with its ld.so writable.
ldso=$(readlink -f /lib/ld-linux-aarch64.so.1)
run_bg "$ARM/identity-probe-dyn" env IDPROBE_SLEEP=30 "$ARM/identity-probe-dyn"
check_eq "$t/native-dyn-binary-etxtbsy" ETXTBSY \
	"$(writable "$ARM/identity-probe-dyn")"
check_eq "$t/native-dyn-ldso-writable" writable "$(writable "$ldso")"
stop $pid
# exe on: the configured runtime is denied by the configuration that
# holds it open; configured away, it is writable while its program
# still runs, as ld.so is, and the program stays denied.
cp "$RT" "$D/qemu-run"
check_eq "$t/running-runtime-set" ok "$(xl_param runtime "$D/qemu-run")"
run_bg "$D/probe-w" env IDPROBE_SLEEP=30 "$D/probe-w"
check_eq "$t/running-exe-is-program" "$D/probe-w" "$(readlink /proc/$pid/exe)"
check_eq "$t/running-configured-runtime-etxtbsy" ETXTBSY \
	"$(writable "$D/qemu-run")"
check_eq "$t/running-runtime-back" ok "$(xl_param runtime "$RT")"
# The old configuration is freed after an RCU grace period.
wait_until 10 sh -c ": >>$D/qemu-run"
check_eq "$t/running-unconfigured-runtime-writable" writable \
	"$(writable "$D/qemu-run")"
check_eq "$t/running-unconfigured-binary-etxtbsy" ETXTBSY \
	"$(writable "$D/probe-w")"
stop $pid
# exe off: the runtime is exe_file, denied while it runs, configured or
# not, as under binfmt_misc; the program is not.
check_eq "$t/running-exe-off" ok "$(xl_param exe 0)"
check_eq "$t/running-exe-off-runtime-set" ok "$(xl_param runtime "$D/qemu-run")"
run_bg "$D/qemu-run" env IDPROBE_SLEEP=30 "$D/probe-w"
check_eq "$t/running-exe-off-runtime-back" ok "$(xl_param runtime "$RT")"
sleep 1
check_eq "$t/running-exe-off-unconfigured-runtime-etxtbsy" ETXTBSY \
	"$(writable "$D/qemu-run")"
check_eq "$t/running-exe-off-binary-writable" writable \
	"$(writable "$D/probe-w")"
stop $pid
check_eq "$t/running-exe-on-again" ok "$(xl_param exe 1)"

echo "info: $t: edge cases done after $(($(date +%s) - t0)) s"

# --- 1,000 forks, exe on: dup_mm_exe_file() takes a denial each time --------------

w0=$(dmesg | grep -cE 'WARNING|BUG|deny_write_access')
cp "$PROBE" "$D/probe-f"
n0=$(stat_get exe_program)
out=$(IDPROBE_FORKS=1000 "$D/probe-f" 2>&1)
check_eq "$t/1000-forks-ran" forked=1000 "$out"
check_eq "$t/1000-forks-parent-swapped" $((n0 + 1)) "$(stat_get exe_program)"
check_eq "$t/forks-no-warning" "$w0" \
	"$(dmesg | grep -cE 'WARNING|BUG|deny_write_access')"
check_eq "$t/forks-binary-writable-after" writable "$(writable "$D/probe-f")"
check_eq "$t/exe-kept-none" "$k0" "$(stat_get exe_kept)"
check_eq "$t/set-auto" ok "$(xl_param exe auto)"
check_eq "$t/param-auto" "auto (off)" "$(cat "$PARAMS/exe")"
rm -rf "$D"
echo "info: $t: $(($(date +%s) - t0)) s"
