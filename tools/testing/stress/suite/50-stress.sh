#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# `make stress`, in the VM (4 vCPUs): translated execs of a tiny static
# x86-64 program from STRESS_PAR parallel shells while, at the same
# time, the runtime parameter flips between two copies of the runtime,
# the hand-off modes (preserve_argv0, open_binary, credentials) flip,
# the cpuinfo profile is rewritten, a marked task reads /proc/cpuinfo
# and calls uname(2) without pause, and xlate is unloaded and loaded
# again whenever rmmod lets it.  See Documentation/testing-debug.rst.
#
# Phase Q (churn, real runtime): everything above with two copies of
# qemu-x86_64-static, STRESS_QEMU_EXECS execs; then the replaced qemu
# copies must be writable and deletable with their space freed.
# Phase A (churn, stub runtime): the same with two copies of
# stub-runtime (progs/stub-runtime.c: it checks what it was handed and
# that uname(2) says x86_64, and exits), which makes the bulk of the
# execs affordable under TCG.  Phase B (counting): stub runtime, no
# reloads, between two snapshots of the counters, so the counters must
# add up exactly.  Then the leak checks for the stub copies; the scan
# suite that runs next looks for kmemleak and dmesg reports.
. "$(dirname "$0")/lib.sh"

t=stress
E=/xlate/extra
# shellcheck source=/dev/null
. "$E/stress.conf"
: "${STRESS_EXECS:=10000}" "${STRESS_PAR:=4}" "${STRESS_B_EXECS:=1000}"
: "${STRESS_QEMU_EXECS:=200}" "${STRESS_RELOAD_MS:=500}"
W=/tmp/stress
RT=/stress-rt
STATE=$W/state
TINY=$W/tiny
M0="xlate virtual x86-64 CPU"
MA="stress model A"
MB="stress model B"
rm -rf "$W"
mkdir -p "$W" "$RT"
cp "$E/tiny" "$TINY" && chmod 0755 "$TINY"

now() { date +%s; }
loaded() { grep -q '^xlate ' /proc/modules; }
# The reloader's state, read by execloop: "<generation> loaded|unloading".
set_state() {
	echo "$1 $2" >"$STATE.tmp" && mv "$STATE.tmp" "$STATE"
}
used_kb() { df -k "$RT" | awk 'NR == 2 { print $3 }'; }
# sum KEY FILE...: the sum of KEY=N over the lines of FILE...
sum() {
	local key=$1

	shift
	cat "$@" 2>/dev/null | tr ' ' '\n' | sed -n "s/^$key=//p" |
		awk '{ s += $1 } END { print s + 0 }'
}
# snap FILE: every counter as name=value, one line.
snap() {
	local f

	for f in "$STATS"/*; do
		printf '%s=%s ' "$(basename "$f")" "$(cat "$f")"
	done >"$1"
}
# delta NAME: counter NAME in snapshot 1 minus snapshot 0.
delta() {
	echo $(($(sum "$1" "$W/snap1") - $(sum "$1" "$W/snap0")))
}
# freed NAME KB: wait until the runtime tmpfs uses at most KB KiB.
freed() {
	if wait_until 10 sh -c "[ \$(df -k '$RT' | awk 'NR == 2 { print \$3 }') -le $2 ]"; then
		pass "$t/$1"
	else
		fail "$t/$1" "tmpfs used $(used_kb) KiB, expected at most $2 KiB"
	fi
}

# --- Set-up: the runtime copies on a tmpfs of their own -----------------
mount -t tmpfs -o mode=0755,size=128m xlate-stress-rt "$RT" ||
	fail "$t/setup" "cannot mount a tmpfs on $RT"
u0=$(used_kb)
cp "$E/stub-runtime" "$RT/stub-a" && chmod 0755 "$RT/stub-a"
u_a=$(used_kb)
cp "$E/stub-runtime" "$RT/stub-b" && chmod 0755 "$RT/stub-b"
u_stub=$(used_kb)
for c in qemu-a qemu-b; do
	cp "$QEMU_RUNTIME" "$RT/$c" && chmod 0755 "$RT/$c"
done
echo "info: $t: tmpfs used ${u0} KiB, with the stub copies ${u_stub}, with all $(used_kb)"
check_eq "$t/setup-runtime" ok "$("$ARM/sysfs-write" "$PARAMS/runtime" "$RT/qemu-a")"
set_state 1 loaded

# --- Helpers that run until their stop file exists ---------------------

# flip NAME PAUSE_US FILE VALUE...: write the VALUEs to FILE in turn
# until $W/stop-flip exists; W/NAME.out gets "ok=A off=B bad=C" (see
# progs/flip.c).
flip() {
	local name=$1

	shift
	"$E/flip" "$W/stop-flip" "$STATE" "$@" >"$W/$name.out" \
		2>"$W/$name.err"
}

# reloader RT1 RT2: rmmod, and when that worked, modprobe again with the
# other runtime copy.  EBUSY/EAGAIN (in use) is fine.  Appends
# "tries=.. unloads=.. busy=.. bad=.." to $W/reloader.out.
reloader() {
	local tries=0 unloads=0 busy=0 bad=0 out rt=$1 other=$2 x ms

	while [ ! -e "$W/stop-reload" ]; do
		# 1/5 to 9/5 of STRESS_RELOAD_MS, varied without $RANDOM
		# (not in every sh)
		ms=$((STRESS_RELOAD_MS * (tries * 7 % 9 + 1) / 5))
		sleep "$((ms / 1000)).$(printf %03d $((ms % 1000)))"
		gen=$((gen + 1))
		set_state "$gen" unloading
		tries=$((tries + 1))
		if out=$(rmmod xlate 2>&1); then
			unloads=$((unloads + 1))
			sleep 0.2
			x=$rt rt=$other other=$x
			if ! out=$(modprobe xlate runtime="$RT/$rt" 2>&1); then
				bad=$((bad + 1))
				echo "info: $t: modprobe: $out"
			fi
		else
			case $out in
			*"in use"* | *[Bb]usy* | *"temporarily unavailable"*)
				busy=$((busy + 1)) ;;
			*)
				bad=$((bad + 1))
				echo "info: $t: rmmod: $out" ;;
			esac
		fi
		gen=$((gen + 1))
		set_state "$gen" loaded
	done
	echo "tries=$tries unloads=$unloads busy=$busy bad=$bad" >>"$W/reloader.out"
}

# driver ID GOAL: execloop in chunks until GOAL execs have succeeded.
driver() {
	local id=$1 goal=$2 ok=0 line

	: >"$W/driver-$id.out"
	while [ "$ok" -lt "$goal" ]; do
		line=$("$E/execloop" $((goal - ok < 100 ? goal - ok : 100)) \
			"$TINY" "$STATE" 2>>"$W/driver-$id.err")
		echo "$line" >>"$W/driver-$id.out"
		case $line in
		ok=*) ok=$((ok + $(echo "$line" | sed 's/^ok=\([0-9]*\).*/\1/'))) ;;
		*) echo "info: $t: driver $id: execloop said '$line'"; break ;;
		esac
	done
}

# drivers PHASE TOTAL: STRESS_PAR drivers in parallel, progress every
# 60 s; sets $secs.
drivers() {
	local phase=$1 total=$2 i=1 pids="" start n

	rm -f "$W"/driver-*
	start=$(now)
	while [ "$i" -le "$STRESS_PAR" ]; do
		n=$((total / STRESS_PAR))
		[ "$i" -eq 1 ] && n=$((n + total % STRESS_PAR))
		driver "$i" "$n" &
		pids="$pids $!"
		i=$((i + 1))
	done
	(
		while sleep 60; do
			echo "info: $t: phase $phase: $(sum ok "$W"/driver-*.out) of $total execs after $(($(now) - start)) s"
		done
	) &
	progress=$!
	# shellcheck disable=SC2086
	wait $pids
	kill "$progress"
	secs=$(($(now) - start))
	cat "$W"/driver-*.out >"$W/phase-$phase.out"
	cat "$W"/driver-*.err >"$W/phase-$phase.err" 2>/dev/null
	echo "info: $t: phase $phase: $total execs by $STRESS_PAR shells in $secs s" \
		"($((secs * 1000 * STRESS_PAR / (total > 0 ? total : 1))) ms per exec and shell)"
}

# start_flips RT1 RT2: the writers of the runtime, the hand-off modes
# and the profile, in the background until $W/stop-flip exists.
start_flips() {
	rm -f "$W/stop-flip"
	flip switcher 2000 "$PARAMS/runtime" "$RT/$1" "$RT/$2" &
	flips=$!
	flip argv0 3000 "$PARAMS/preserve_argv0" 1 0 &
	flips="$flips $!"
	flip open-binary 7000 "$PARAMS/open_binary" 1 0 &
	flips="$flips $!"
	flip credentials 11000 "$PARAMS/credentials" 1 0 &
	flips="$flips $!"
	flip profile 5000 "$CPUINFO_DIR/model_name" "$MA" "$MB" &
	flips="$flips $!"
	flip profile-mhz 20000 "$CPUINFO_DIR/cpu_mhz" 1234.5 2345.678 &
	flips="$flips $!"
	flip profile-reset 50000 "$CPUINFO_DIR/reset" 1 &
	flips="$flips $!"
}

# stop_flips PHASE: stop them and check that every writer got through
# and never failed while xlate was loaded.
stop_flips() {
	local f

	touch "$W/stop-flip"
	# shellcheck disable=SC2086 # a list of pids
	wait $flips
	for f in switcher argv0 open-binary credentials profile profile-mhz \
		profile-reset; do
		echo "info: $t: phase $1: $f: $(cat "$W/$f.out") $(head -n 3 "$W/$f.err" | tr '\n' ' ')"
		check_gt "$t/$1-$f-writes" "$(sum ok "$W/$f.out")" 0
		check_eq "$t/$1-$f-errors" 0 "$(sum bad "$W/$f.out")"
	done
}

# churn PHASE EXECS RT1 RT2: phase PHASE, EXECS successful translated
# execs with everything changing under them, reloads included.
churn() {
	local phase=$1 execs=$2 ok off r

	start_flips "$3" "$4"
	"$E/cpuinfo-reader" "$W/stop-reader-$phase" 10000 "$M0" "$MA" "$MB" \
		>"$W/reader-$phase.out" 2>"$W/reader-$phase.err" &
	reader=$!
	rm -f "$W/stop-reload" "$W/reloader.out"
	reloader "$3" "$4" &
	reload=$!

	drivers "$phase" "$execs"
	touch "$W/stop-reload"
	wait "$reload"
	# The reloader counted in a subshell: go on from where it stopped.
	gen=$(cut -d ' ' -f 1 "$STATE")
	touch "$W/stop-reader-$phase"
	wait "$reader"
	loaded || check "$t/$phase-final-modprobe" modprobe xlate runtime="$RT/$3"
	stop_flips "$phase"

	r=$(cat "$W/reloader.out")
	echo "info: $t: phase $phase: reloader: $r"
	check_eq "$t/$phase-reload-errors" 0 "$(sum bad "$W/reloader.out")"
	check_gt "$t/$phase-reload-unloaded" "$(sum unloads "$W/reloader.out")" 0
	unloads=$((unloads + $(sum unloads "$W/reloader.out")))

	ok=$(sum ok "$W/phase-$phase.out")
	off=$(sum enoexec_unloaded "$W/phase-$phase.out")
	refused=$((refused + off))
	echo "info: $t: phase $phase: ok=$ok enoexec_unloaded=$off native_view_unloaded=$(sum native_view_unloaded "$W/phase-$phase.out") $(head -n 5 "$W/phase-$phase.err" | tr '\n' ' ')"
	check_eq "$t/$phase-execs-ok" "$execs" "$ok"
	check_eq "$t/$phase-enoexec-while-loaded" 0 \
		"$(sum enoexec_loaded "$W/phase-$phase.out")"
	check_eq "$t/$phase-native-view-while-loaded" 0 \
		"$(sum native_view_loaded "$W/phase-$phase.out")"
	check_eq "$t/$phase-other-failures" 0 "$(sum other "$W/phase-$phase.out")"
	total_ok=$((total_ok + ok))

	r=$(cat "$W/reader-$phase.out")
	echo "info: $t: phase $phase: reader: $r $(head -n 3 "$W/reader-$phase.err" | tr '\n' ' ')"
	check_gt "$t/$phase-reader-x86" "$(sum x86 "$W/reader-$phase.out")" 0
	check_eq "$t/$phase-reader-errors" 0 "$(sum errors "$W/reader-$phase.out")"
	check_eq "$t/$phase-reader-bad" 0 "$(sum bad "$W/reader-$phase.out")"
}

gen=1 total_ok=0 refused=0 unloads=0
a_execs=$((STRESS_EXECS - STRESS_QEMU_EXECS - STRESS_B_EXECS))
start_all=$(now)

# --- Phase Q: churn through qemu-x86_64 ----------------------------------
churn Q "$STRESS_QEMU_EXECS" qemu-a qemu-b
q_secs=$secs

# Both qemu copies were configured thousands of times and ran hundreds
# of execs; with a stub configured neither may stay pinned.
check_eq "$t/Q-runtime-to-stub" ok "$("$ARM/sysfs-write" "$PARAMS/runtime" "$RT/stub-a")"
check "$t/Q-replaced-runtimes-writable" sh -c ": >>'$RT/qemu-a' && : >>'$RT/qemu-b'"
rm -f "$RT/qemu-a" "$RT/qemu-b"
freed Q-replaced-runtimes-space-freed "$u_stub"

# --- Phase A: churn through the stub runtime -----------------------------
churn A "$a_execs" stub-a stub-b
a_secs=$secs

# --- Phase B: counting -------------------------------------------------
# One translated exec first, which arms the x86-view hooks.  The reader
# marks itself and execs itself, as `xlatectl exec` does, and that exec
# arms them again if an idle check has disarmed them since: its first
# open is virtualized.  (A marker set with personality(2) alone arms
# them from a work item, so the first reads may be native: 9 of 320
# were, when the reader did not exec, on the ftrace debug kernel.)
"$E/execloop" 1 "$TINY" "$STATE" >/dev/null
start_flips stub-a stub-b
snap "$W/snap0"
"$E/cpuinfo-reader" "$W/stop-reader-B" 10000 "$M0" "$MA" "$MB" \
	>"$W/reader-B.out" 2>"$W/reader-B.err" &
reader=$!
drivers B "$STRESS_B_EXECS"
b_secs=$secs
touch "$W/stop-reader-B"
wait "$reader"
snap "$W/snap1"
stop_flips B
total_secs=$(($(now) - start_all))

echo "info: $t: counters before B: $(cat "$W/snap0")"
echo "info: $t: counters after B: $(cat "$W/snap1")"
echo "info: $t: reader B: $(cat "$W/reader-B.out")"
b_ok=$(sum ok "$W/phase-B.out")
total_ok=$((total_ok + b_ok))
check_eq "$t/B-execs-ok" "$STRESS_B_EXECS" "$b_ok"
check_eq "$t/B-exec-failures" 0 $(($(sum enoexec_unloaded "$W/phase-B.out") + \
	$(sum enoexec_loaded "$W/phase-B.out") + $(sum other "$W/phase-B.out")))
check_eq "$t/B-native-view" 0 $(($(sum native_view_unloaded "$W/phase-B.out") + \
	$(sum native_view_loaded "$W/phase-B.out")))
check_eq "$t/B-translated-adds-up" "$b_ok" "$(delta translated)"
for c in failed refused_disabled refused_no_runtime refused_inaccessible \
	hook_missed; do
	check_eq "$t/B-$c-unchanged" 0 "$(delta "$c")"
done
check_gt "$t/B-passed-over-covers-runtime" $(($(delta passed_over) + 1)) \
	"$(delta translated)"
rb_x86=$(sum x86 "$W/reader-B.out")
check_gt "$t/B-reader-x86" "$rb_x86" 0
check_eq "$t/B-cpuinfo-adds-up" "$rb_x86" "$(delta cpuinfo_virtualized)"
# The stub runtime calls uname(2) once per exec (its status says what
# it saw): the growth is the reader's calls plus one per exec.
check_eq "$t/B-uname-adds-up" $(($(sum uname_x86 "$W/reader-B.out") + b_ok)) \
	"$(delta uname_virtualized)"
check_eq "$t/B-reader-native" 0 $(($(sum native "$W/reader-B.out") + \
	$(sum uname_native "$W/reader-B.out")))
check_eq "$t/B-reader-errors" 0 $(($(sum errors "$W/reader-B.out") + \
	$(sum bad "$W/reader-B.out")))

echo "info: $t: $total_ok translated execs ($STRESS_QEMU_EXECS through qemu-x86_64 in $q_secs s, $a_execs + $STRESS_B_EXECS through the stub runtime in $a_secs + $b_secs s), $refused more refused while unloaded, $unloads unloads, $total_secs s in all"
check_gt "$t/execs-total" $((total_ok + 1)) "$STRESS_EXECS"

# --- Leaks: the replaced stub copy and, after rmmod, the last one -------
check_eq "$t/final-runtime-a" ok "$("$ARM/sysfs-write" "$PARAMS/runtime" "$RT/stub-a")"
check "$t/old-runtime-writable" sh -c ": >>'$RT/stub-b'"
rm -f "$RT/stub-b"
freed old-runtime-space-freed "$u_a"
out=""
for i in 1 2 3 4 5; do
	out=$(rmmod xlate 2>&1) && break
	sleep 1
done
check_eq "$t/rmmod-at-end" "" "$out"
check "$t/last-runtime-writable" sh -c ": >>'$RT/stub-a'"
rm -f "$RT/stub-a"
freed last-runtime-space-freed "$u0"
check "$t/runtime-fs-unmounts" umount "$RT"
check "$t/modprobe-again" modprobe xlate runtime="$QEMU_RUNTIME"
