#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Issue 14, runtimes as their packages declare them:
#  1. autodetect with only Debian's x86_64-binfmt-P link present gives
#     qemu its package's modes (P, O), so `prog -l /tmp` keeps its argv;
#     with preserve_argv0=0 forced, qemu (in P mode because of the link's
#     name) eats the first argument: that is why;
#  2. the kernel's null-argv selftest built for x86-64 passes as many
#     cases translated as natively under qemu's load-time modes;
#  3. /sys/kernel/xlate/config: Debian's qemu line sets runtime and
#     modes and reads back as written, config_source "config"; a
#     runtime set otherwise reads back as its package's line; a
#     parameter that changes a flag makes the line read back with the
#     flags in force; bad lines are refused and change nothing; the
#     probe runtime sees exactly the flags of each line;
#  4. a stress of execs while the configuration flips between two
#     runtimes with different modes: every exec sees one whole
#     configuration.  The same flipping through the separate module
#     parameters is measured for contrast (reported, not judged).
# Ends with the module loaded and configured as the init left it.
. "$(dirname "$0")/lib.sh"

t=runtime-modes
HELLO=$X86/hello
PROBE=$ARM/probe-runtime
CFG=/sys/kernel/xlate/config
D=/tmp/xlate-rm
LINK_DIR=/usr/libexec/qemu-binfmt
LINK=$LINK_DIR/x86_64-binfmt-P
# Debian's magic and mask for x86-64 (qemu-user-static's binfmt.d file).
MAGIC='\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00'
MASK='\xff\xff\xff\xff\xff\xfe\xfe\xfc\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
QEMU_LINE=":qemu-x86_64:M::$MAGIC:$MASK:$QEMU_RUNTIME:OPF"

rm -rf "$D"
mkdir -p "$D"
chmod 0755 "$D"

# line NAME INTERPRETER FLAGS: a registration line with Debian's magic.
line() {
	printf ':%s:M::%s:%s:%s:%s' "$1" "$MAGIC" "$MASK" "$2" "$3"
}

# field N TEXT: the Nth ':'-separated field (2 = name, 7 = interpreter,
# 8 = flags).
field() {
	printf '%s' "$2" | cut -d: -f"$1"
}

# body TEXT: a config line without its name, which says only who set
# it (the suites before this one may have left "parameters").
body() {
	printf '%s' "$1" | cut -d: -f3-
}

# argv_of OUTPUT: the argc/argv lines of hello or probe output.
argv_of() {
	printf '%s\n' "$1" | grep -E '^(argc=|argv\[)'
}

cfg0=$(cat "$CFG" 2>&1)
check_eq "$t/initial-config-qemu-modes" "$QEMU_RUNTIME POF" \
	"$(field 7 "$cfg0") $(field 8 "$cfg0")"

# --- 1. autodetect with only the -binfmt-P link ---------------------------

# While /usr/bin is hidden, half of busybox's applets (tr, cut, head,
# tail...) are gone with it, and lib.sh's fail() needs them: collect
# values only, check after /usr/bin is back.
cp "$QEMU_RUNTIME" "$D/qemu-x86_64-static"
cp /x86/busybox "$D/ls"		# an x86-64 program that is its argv[0]
made_libexec=
[ -d /usr/libexec ] || made_libexec=1
rmmod xlate
r_rmmod=$?
mount -t tmpfs -o mode=0755 xlate-hide /usr/bin
r_mount=$?
mkdir -p "$LINK_DIR"
ln -s "$D/qemu-x86_64-static" "$LINK"
found0=$(dmesg_count "found runtime \"$LINK\"")
modprobe xlate
r_load=$?
p_rt=$(cat "$PARAMS/runtime")
p_modes="$(param_bool preserve_argv0) $(param_bool open_binary) $(param_bool credentials)"
p_cfg=$(cat "$CFG")
p_src=$(cat "${CFG}_source")
p_found=$(dmesg_count "found runtime \"$LINK\"")
p_hello=$("$HELLO" -l /tmp 2>&1)
p_ls=$("$D/ls" -ld /tmp 2>&1)
rmmod xlate
modprobe xlate preserve_argv0=0
r_load0=$?
n_rt=$(cat "$PARAMS/runtime")
n_modes="$(param_bool preserve_argv0) $(param_bool open_binary) $(param_bool credentials)"
n_hello=$("$HELLO" -l /tmp 2>&1)
n_ls=$("$D/ls" -ld /tmp 2>&1)
rmmod xlate
umount /usr/bin
r_umount=$?
rm -f "$LINK"
rmdir "$LINK_DIR"
[ -n "$made_libexec" ] && rmdir /usr/libexec
modprobe xlate runtime="$QEMU_RUNTIME"
r_reload=$?

check_eq "$t/binfmt-p-setup" "0 0 0 0 0" "$r_rmmod $r_mount $r_load $r_load0 $r_umount"
check_eq "$t/binfmt-p-autodetect-runtime" "$LINK" "$p_rt"
check_gt "$t/binfmt-p-autodetect-logged" "$p_found" "$found0"
check_eq "$t/binfmt-p-package-modes" "1 1 0" "$p_modes"
# Found at load: qemu's own line, with the path found and its modes.
check_eq "$t/binfmt-p-config-line" "autodetect :qemu-x86_64:M::$MAGIC:$MASK:$LINK:POF" \
	"$p_src $p_cfg"
check_eq "$t/binfmt-p-argv-intact" "argc=3
argv[0]=$HELLO
argv[1]=-l
argv[2]=/tmp" "$(argv_of "$p_hello")"
case $p_ls in
d*" /tmp") pass "$t/binfmt-p-ls-l-works" ;;
*) fail "$t/binfmt-p-ls-l-works" "'$D/ls -ld /tmp' printed: $p_ls" ;;
esac
# The bug this fixes: without P, xlate hands qemu "LINK PATH -l /tmp";
# qemu, in P mode because of its name, takes "-l" for argv[0].
check_eq "$t/binfmt-p-forced-no-p-modes" "$LINK 0 1 0" "$n_rt $n_modes"
check_eq "$t/binfmt-p-without-p-eats-first-arg" "argc=2
argv[0]=-l
argv[1]=/tmp" "$(argv_of "$n_hello")"
case $n_ls in
d*" /tmp") fail "$t/binfmt-p-without-p-ls-breaks" "ls worked: $n_ls" ;;
*) pass "$t/binfmt-p-without-p-ls-breaks" ;;
esac
check_eq "$t/binfmt-p-reloaded-as-init" "0 load $(body "$cfg0")" \
	"$r_reload $(cat "${CFG}_source") $(body "$(cat "$CFG")")"
check_eq "$t/load-config-is-qemu-line" ":qemu-x86_64:M::$MAGIC:$MASK:$QEMU_RUNTIME:POF" \
	"$(cat "$CFG")"

# What the control file reads back it takes back, unchanged; xl_set
# also remembers it, restored last (lib.sh restores newest first).
check_eq "$t/config-round-trip" "ok $cfg0" "$(xl_set "$CFG" "$cfg0") $(cat "$CFG")"

# --- 2. the kernel's null-argv selftest -------------------------------------

# Bounded: a runtime that loses argv[0] makes every child re-run the
# test runner, without end.
nat=$(timeout 60 "$ARM/null-argv" 2>&1)
nat_rc=$?
x86=$(timeout 60 "$X86/null-argv" 2>&1)
x86_rc=$?
nat_ok=$(printf '%s\n' "$nat" | grep -c '^ok ')
nat_plan=$(printf '%s\n' "$nat" | sed -n 's/^1\.\.//p')
x86_ok=$(printf '%s\n' "$x86" | grep -c '^ok ')
x86_notok=$(printf '%s\n' "$x86" | grep -c '^not ok ')
check_eq "$t/null-argv-native-all-pass" "0 ${nat_plan:-none}" "$nat_rc $nat_ok"
if [ "$nat_ok" -gt 0 ] && [ "$x86_ok" -eq "$nat_ok" ] && [ "$x86_notok" -eq 0 ]; then
	pass "$t/null-argv-x86-passes-as-native"
else
	fail "$t/null-argv-x86-passes-as-native" \
		"native ok=$nat_ok, x86-64 ok=$x86_ok not-ok=$x86_notok rc=$x86_rc: $(printf '%s\n' "$x86" | tail -n 4)"
fi
check_eq "$t/null-argv-x86-exit" 0 "$x86_rc"
echo "runtime-modes: null-argv native: $nat_ok/${nat_plan:-?} ok, x86-64 under qemu ($(field 8 "$cfg0")): $x86_ok ok, $x86_notok not ok, exit $x86_rc"

# Why P matters here, bounded: as uid 1000 with at most 5 tasks (qemu
# runs 2 threads), a child that re-runs the runner cannot fork again.
# With P the x86-64 build passes within that limit; without it each
# child sees its path as argv[0], prints the TAP header again and its
# own forks fail, so every case fails.
nproc_run() {
	(ulimit -u 5 && timeout 60 "$ARM/run-as" -u 1000 -g 1000 "$1" 2>&1)
}
lim_p=$(nproc_run "$X86/null-argv")
xl_param preserve_argv0 0 >/dev/null
lim_nop=$(nproc_run "$X86/null-argv")
lim_nop_rc=$?
check_eq "$t/null-argv-restore-p" ok "$("$ARM/sysfs-write" "$PARAMS/preserve_argv0" 1)"
check_eq "$t/null-argv-limited-with-p" "5 0" \
	"$(printf '%s\n' "$lim_p" | grep -c '^ok ') $(printf '%s\n' "$lim_p" | grep -c '^not ok ')"
hdrs=$(printf '%s\n' "$lim_nop" | grep -c '^TAP version')
if [ "$hdrs" -gt 1 ] && [ "$lim_nop_rc" -ne 0 ] &&
	[ "$(printf '%s\n' "$lim_nop" | grep -c '^ok ')" -eq 0 ]; then
	pass "$t/null-argv-without-p-recurses"
else
	fail "$t/null-argv-without-p-recurses" \
		"rc=$lim_nop_rc, $hdrs TAP headers: $(printf '%s\n' "$lim_nop" | tail -n 4)"
fi
echo "runtime-modes: null-argv x86-64 as uid 1000 with 5 tasks at most: with P $(printf '%s\n' "$lim_p" | grep -c '^ok ') ok; without P $(printf '%s\n' "$lim_nop" | grep -c '^ok ') ok, $(printf '%s\n' "$lim_nop" | grep -c '^not ok ') not ok, $hdrs TAP headers (children re-ran the runner), exit $lim_nop_rc"

# --- 3. the control file -----------------------------------------------------

check_eq "$t/config-mode" "644 root" "$(stat -c '%a %U' "$CFG")"
check_eq "$t/config-write-debian-qemu-line" ok "$("$ARM/sysfs-write" "$CFG" "$QEMU_LINE")"
cfg=$(cat "$CFG")
check_eq "$t/config-reads-back-as-written" "$QEMU_LINE" "$cfg"
check_eq "$t/config-source" config "$(cat "${CFG}_source")"
# No trailing newline: the bytes written, byte for byte.
check_eq "$t/config-no-newline-write" ok \
	"$("$ARM/sysfs-write" -n "$CFG" "$QEMU_LINE" 2>&1)"
check_eq "$t/config-no-newline-reads-back" "$QEMU_LINE" "$(cat "$CFG")"
check_eq "$t/config-parameters-reflect" "$QEMU_RUNTIME 1 1 0" \
	"$(cat "$PARAMS/runtime") $(param_bool preserve_argv0) $(param_bool open_binary) $(param_bool credentials)"
check_eq "$t/config-qemu-hello-runs" "exit=7" "$(exec_result "$HELLO")"
out=$("$ARM/run-as" -0 my-argv0 "$HELLO" a 2>&1)
check_eq "$t/config-qemu-keeps-argv0" "argc=2
argv[0]=my-argv0
argv[1]=a" "$(argv_of "$out")"

# Bad lines: each refused, nothing changed.
cp "$PROBE" "$D/rt-user"
chown 1000:1000 "$D/rt-user"
cp "$PROBE" "$D/rt-gw"
chmod 0775 "$D/rt-gw"
rejected0=$(dmesg_count "config line rejected")
ARM_MAGIC='\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00'
SHORT_MASK='\xff\xff\xff\xff\xff\xfe\xfe\xfc\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff'
# bad NAME ERRNO LINE [run-as options]
bad() {
	local name=$1 want=$2 text=$3 got

	shift 3
	if [ $# -gt 0 ]; then
		got=$("$ARM/run-as" "$@" "$ARM/sysfs-write" "$CFG" "$text" 2>&1)
	else
		got=$("$ARM/sysfs-write" "$CFG" "$text" 2>&1)
	fi
	check_eq "$t/bad-$name-refused" "$want" "$got"
	check_eq "$t/bad-$name-unchanged" "$cfg" "$(cat "$CFG")"
}
bad arm64-magic EINVAL ":x:M::$ARM_MAGIC:$MASK:$QEMU_RUNTIME:OPF"
bad type-e EINVAL ":x:E::x86_64::$QEMU_RUNTIME:OPF"
bad offset-1 EINVAL ":x:M:1:$MAGIC:$MASK:$QEMU_RUNTIME:OPF"
bad mask-length EINVAL ":x:M::$MAGIC:$SHORT_MASK:$QEMU_RUNTIME:OPF"
bad unknown-flag EINVAL ":x:M::$MAGIC:$MASK:$QEMU_RUNTIME:OPX"
bad empty-line EINVAL ""
bad six-fields EINVAL ":x:M::$MAGIC:$MASK:$QEMU_RUNTIME"
bad no-interpreter EINVAL "$(line x "" OPF)"
bad interpreter-not-root EPERM "$(line x "$D/rt-user" OPF)"
bad interpreter-group-writable EPERM "$(line x "$D/rt-gw" OPF)"
bad interpreter-missing ENOENT "$(line x /nonexistent/qemu OPF)"
bad interpreter-relative EINVAL "$(line x usr/bin/qemu-x86_64-static OPF)"
bad writer-no-cap-sys-admin EPERM "$(line x "$PROBE" "")" -S
bad writer-uid-1000 EACCES "$(line x "$PROBE" "")" -u 1000 -g 1000
check_gt "$t/bad-lines-logged" "$(dmesg_count "config line rejected")" "$rejected0"

# A parameter that changes a flag: the line written no longer says what
# is in force, so config reads back the line's name, magic and mask with
# the flags in force.  enabled is not in a line: the line stays.
xl_param enabled 0 >/dev/null
xl_param enabled 1 >/dev/null
check_eq "$t/config-enabled-keeps-line" "config $QEMU_LINE" \
	"$(cat "${CFG}_source") $(cat "$CFG")"
xl_param preserve_argv0 0 >/dev/null
check_eq "$t/config-flag-parameter" "parameters :qemu-x86_64:M::$MAGIC:$MASK:$QEMU_RUNTIME:OF" \
	"$(cat "${CFG}_source") $(cat "$CFG")"
xl_param preserve_argv0 1 >/dev/null

# The probe runtime through the control file, one line per flag set.
cp "$HELLO" "$D/setuid"
chmod 4755 "$D/setuid"
# probe FLAGS: write the probe's line with FLAGS; print what a plain
# exec, one with argv[0] "my-argv0" and a set-uid one as uid 1000 see.
probe_with() {
	check_eq "$t/probe-$2-write" ok "$("$ARM/sysfs-write" "$CFG" "$(line "probe$1" "$PROBE" "$1")")"
	check_eq "$t/probe-$2-reads-back" "$(line "probe$1" "$PROBE" "$1")" \
		"$(cat "$CFG")"
	out=$("$ARM/run-as" -0 my-argv0 "$HELLO" a 2>&1)
	suid=$("$ARM/run-as" -u 1000 -g 1000 "$D/setuid" 2>&1)
}
execfd_state() {
	case $(kv execfd "$1") in
	none) echo none ;;
	[0-9]*) echo present ;;
	*) echo "bad:$(kv execfd "$1")" ;;
	esac
}

probe_with "" none
check_eq "$t/probe-none-argv" "argc=3
argv[0]=$PROBE
argv[1]=$HELLO
argv[2]=a" "$(argv_of "$out")"
check_eq "$t/probe-none-flags" "0 none 1000" \
	"$(kv preserve_argv0 "$out") $(execfd_state "$out") $(kv euid "$suid")"

probe_with P p
check_eq "$t/probe-p-argv" "argc=4
argv[0]=$PROBE
argv[1]=$HELLO
argv[2]=my-argv0
argv[3]=a" "$(argv_of "$out")"
check_eq "$t/probe-p-flags" "1 none 1000" \
	"$(kv preserve_argv0 "$out") $(execfd_state "$out") $(kv euid "$suid")"

probe_with O o
check_eq "$t/probe-o-argv" "argc=3
argv[0]=$PROBE
argv[1]=$HELLO
argv[2]=a" "$(argv_of "$out")"
check_eq "$t/probe-o-flags" "0 present 1000" \
	"$(kv preserve_argv0 "$out") $(execfd_state "$out") $(kv euid "$suid")"
check_eq "$t/probe-o-execfd-is-binary" "$(stat -c %i "$HELLO") 62" \
	"$(kv execfd_ino "$out") $(kv execfd_machine "$out")"

probe_with C c
check_eq "$t/probe-c-argv" "argc=3
argv[0]=$PROBE
argv[1]=$HELLO
argv[2]=a" "$(argv_of "$out")"
check_eq "$t/probe-c-flags" "0 present 0" \
	"$(kv preserve_argv0 "$out") $(execfd_state "$out") $(kv euid "$suid")"
check_eq "$t/probe-c-setuid-uid" 1000 "$(kv uid "$suid")"

# --- 4. flipping between two runtimes under concurrent execs --------------

RTA=$D/rtA
RTB=$D/rtB
cp "$PROBE" "$RTA"
cp "$PROBE" "$RTB"
LA=$(line A "$RTA" "")
LB=$(line B "$RTB" POC)
INO=$(stat -c %i "$HELLO")
# The two whole configurations, as probe output starts.
WANT_A="argc=3
argv[0]=$RTA
argv[1]=$HELLO
argv[2]=x
at_flags=0x0
preserve_argv0=0
execfd=none
"
WANT_B1="argc=4
argv[0]=$RTB
argv[1]=$HELLO
argv[2]=$HELLO
argv[3]=x
at_flags=0x1
preserve_argv0=1
execfd="
WANT_B2="
execfd_ino=$INO
execfd_magic=7f454c46
execfd_machine=62
"
STOP=$D/stop

# exec_loop OUT: run hello until $STOP exists; write "EXECS A B MIXES" to
# OUT and the first mixed outputs to OUT.mix.
exec_loop() {
	local n=0 a=0 b=0 mix=0 o

	while [ ! -e "$STOP" ]; do
		o=$("$HELLO" x 2>&1)
		n=$((n + 1))
		printf . >>"$1.n"
		case $o in
		"$WANT_A"*) a=$((a + 1)) ;;
		"$WANT_B1"[0-9]*"$WANT_B2"*) b=$((b + 1)) ;;
		*)
			mix=$((mix + 1))
			[ "$mix" -le 3 ] && printf '%s\n' "$o" | head -n 8 |
				tr '\n' ' ' >>"$1.mix"
			;;
		esac
	done
	echo "$n $a $b $mix" >"$1"
}

# stress NAME SECONDS MIN-EXECS FLIP-FUNCTION: 3 exec loops while
# FLIP-FUNCTION is called in a loop, for SECONDS and then on until
# MIN-EXECS execs and as many flips were made (slow kernels: KASAN), at
# most 6 times as long; sets s_execs s_a s_b s_mix s_flips s_werr.
stress() {
	local name=$1 secs=$2 min=$3 flip=$4 i end cap now enough=0

	rm -f "$STOP" "$D/$name".*
	for i in 1 2 3; do
		exec_loop "$D/$name.$i" &
	done
	s_flips=0
	s_werr=0
	end=$(($(date +%s) + secs))
	cap=$(($(date +%s) + 6 * secs))
	now=0
	while [ "$now" -lt "$cap" ] && [ "$enough" = 0 ]; do
		if [ "$now" -ge "$end" ] && [ "$s_flips" -ge "$min" ] &&
			[ "$(cat "$D/$name".*.n 2>/dev/null | wc -c)" -ge "$min" ]; then
			enough=1
		fi
		# date between the writes too: each configuration is in force
		# about half of the time.
		"$flip" A || s_werr=$((s_werr + 1))
		now=$(date +%s)
		"$flip" B || s_werr=$((s_werr + 1))
		now=$(date +%s)
		s_flips=$((s_flips + 2))
	done
	touch "$STOP"
	wait
	s_execs=0 s_a=0 s_b=0 s_mix=0
	for i in 1 2 3; do
		if ! read -r n a b m <"$D/$name.$i"; then
			n=0 a=0 b=0 m=999999
		fi
		s_execs=$((s_execs + n))
		s_a=$((s_a + a))
		s_b=$((s_b + b))
		s_mix=$((s_mix + m))
	done
	s_sample=$(cat "$D/$name".*.mix 2>/dev/null | head -c 600)
}

# One write of a whole line (printf is a shell builtin: one write(2)).
flip_line() {
	if [ "$1" = A ]; then
		printf '%s\n' "$LA" >"$CFG"
	else
		printf '%s\n' "$LB" >"$CFG"
	fi
}

# The same two configurations, one module parameter at a time.
flip_params() {
	local v=0 rt=$RTA

	[ "$1" = B ] && v=1 rt=$RTB
	printf '%s\n' "$rt" >"$PARAMS/runtime" &&
		printf '%s\n' "$v" >"$PARAMS/preserve_argv0" &&
		printf '%s\n' "$v" >"$PARAMS/open_binary" &&
		printf '%s\n' "$v" >"$PARAMS/credentials"
}

check_eq "$t/stress-line-a" ok "$("$ARM/sysfs-write" "$CFG" "$LA")"
o=$("$HELLO" x 2>&1)
case $o in
"$WANT_A"*) pass "$t/stress-shape-a" ;;
*) fail "$t/stress-shape-a" "$o" ;;
esac
check_eq "$t/stress-line-b" ok "$("$ARM/sysfs-write" "$CFG" "$LB")"
o=$("$HELLO" x 2>&1)
case $o in
"$WANT_B1"[0-9]*"$WANT_B2"*) pass "$t/stress-shape-b" ;;
*) fail "$t/stress-shape-b" "$o" ;;
esac

t0=$(date +%s)
stress atomic 20 100 flip_line
t1=$(date +%s)
echo "runtime-modes: config-file flipping, $((t1 - t0)) s: $s_flips writes ($s_werr failed), $s_execs execs: $s_a whole A, $s_b whole B, $s_mix mixed"
check_eq "$t/stress-atomic-writes-ok" 0 "$s_werr"
check_gt "$t/stress-atomic-flips" "$s_flips" 99
check_gt "$t/stress-atomic-execs" "$s_execs" 99
if [ "$s_a" -gt 0 ] && [ "$s_b" -gt 0 ]; then
	pass "$t/stress-atomic-saw-both"
else
	fail "$t/stress-atomic-saw-both" "A=$s_a B=$s_b"
fi
check_eq "$t/stress-atomic-no-mix" "0" "$s_mix${s_sample:+: $s_sample}"

# Contrast: the separate parameters pass through mixed configurations.
# Measured and reported, not judged.
t0=$(date +%s)
stress params 10 0 flip_params
t1=$(date +%s)
echo "runtime-modes: parameter flipping (contrast), $((t1 - t0)) s: $s_flips flips ($s_werr failed), $s_execs execs: $s_a whole A, $s_b whole B, $s_mix mixed${s_sample:+; e.g. $s_sample}"
check_gt "$t/stress-params-contrast-ran" "$s_execs" 0

# --- back to the configuration the suite found ------------------------------

xl_restore
check_eq "$t/restored-config" "$(body "$cfg0")" "$(body "$(cat "$CFG")")"
check_eq "$t/restored-parameters" "$QEMU_RUNTIME 1 1 0" \
	"$(cat "$PARAMS/runtime") $(param_bool preserve_argv0) $(param_bool open_binary) $(param_bool credentials)"
check_eq "$t/restored-hello-runs" "exit=7" "$(exec_result "$HELLO")"
rm -rf "$D"
