#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# `make stress`, in the VM (4 vCPUs): translated execs of a tiny static
# x86-64 program from STRESS_PAR parallel shells while, at the same
# time, the runtime parameter flips between two copies of the runtime,
# the cpuinfo profile is rewritten, a marked task reads /proc/cpuinfo
# and calls uname(2) without pause, and xlate is unloaded and loaded
# again whenever rmmod lets it.  See Documentation/testing-debug.rst.
#
# Phase A (churn): everything above.  Phase B (counting): the same
# without the reloads, between two snapshots of the counters, so the
# counters must add up exactly.  Then the leak checks: the replaced
# runtime copy can be written, deleted and its space is freed; after
# rmmod the same holds for the other one and its file system unmounts.
# The scan suite that runs next looks for kmemleak and dmesg reports.
. "$(dirname "$0")/lib.sh"

t=stress
E=/xlate/extra
# shellcheck source=/dev/null
. "$E/stress.conf"
: "${STRESS_EXECS:=10000}" "${STRESS_PAR:=4}" "${STRESS_B_EXECS:=400}"
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

# --- Set-up: two runtime copies on their own tmpfs ---------------------
mount -t tmpfs -o mode=0755,size=128m xlate-stress-rt "$RT" ||
	fail "$t/setup" "cannot mount a tmpfs on $RT"
u0=$(used_kb)
cp "$QEMU_RUNTIME" "$RT/rt-a" && chmod 0755 "$RT/rt-a"
ua=$(used_kb)
cp "$QEMU_RUNTIME" "$RT/rt-b" && chmod 0755 "$RT/rt-b"
uab=$(used_kb)
echo "info: $t: tmpfs used ${u0} KiB, with rt-a ${ua}, with both ${uab}"
check_eq "$t/setup-runtime-a" ok "$("$ARM/sysfs-write" "$PARAMS/runtime" "$RT/rt-a")"
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

# reloader: rmmod, and when that worked, modprobe again with the other
# runtime copy.  EBUSY/EAGAIN (in use) is fine.
reloader() {
	local gen=1 tries=0 unloads=0 busy=0 bad=0 out rt=rt-a

	while [ ! -e "$W/stop-reload" ]; do
		# 0.1 to 0.9 s, varied without $RANDOM (not in every sh)
		sleep "0.$((tries * 7 % 9 + 1))"
		gen=$((gen + 1))
		set_state "$gen" unloading
		tries=$((tries + 1))
		if out=$(rmmod xlate 2>&1); then
			unloads=$((unloads + 1))
			sleep 0.2
			if [ "$rt" = rt-a ]; then rt="rt-b"; else rt="rt-a"; fi
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
	echo "tries=$tries unloads=$unloads busy=$busy bad=$bad" >"$W/reloader.out"
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

# --- Phase A: churn --------------------------------------------------
a_execs=$((STRESS_EXECS - STRESS_B_EXECS))
start_all=$(now)
flip switcher 2000 "$PARAMS/runtime" "$RT/rt-a" "$RT/rt-b" &
switcher=$!
flip profile 5000 "$CPUINFO_DIR/model_name" "$MA" "$MB" &
profile=$!
flip profile-mhz 20000 "$CPUINFO_DIR/cpu_mhz" 1234.5 2345.678 &
profile_mhz=$!
flip profile-reset 50000 "$CPUINFO_DIR/reset" 1 &
profile_reset=$!
"$E/cpuinfo-reader" "$W/stop-reader-a" 10000 "$M0" "$MA" "$MB" \
	>"$W/reader-a.out" 2>"$W/reader-a.err" &
reader=$!
reloader &
reload=$!

drivers A "$a_execs"
a_secs=$secs
touch "$W/stop-reload"
wait "$reload"
touch "$W/stop-reader-a"
wait "$reader"

r=$(cat "$W/reloader.out")
echo "info: $t: reloader: $r"
check_eq "$t/reload-errors" 0 "$(sum bad "$W/reloader.out")"
check_gt "$t/reload-unloaded" "$(sum unloads "$W/reloader.out")" 0
loaded || check "$t/reload-final-modprobe" modprobe xlate runtime="$RT/rt-a"

a_ok=$(sum ok "$W/phase-A.out")
a_off=$(sum enoexec_unloaded "$W/phase-A.out")
echo "info: $t: phase A: ok=$a_ok enoexec_unloaded=$a_off $(head -n 5 "$W/phase-A.err" | tr '\n' ' ')"
check_eq "$t/A-execs-ok" "$a_execs" "$a_ok"
check_eq "$t/A-enoexec-while-loaded" 0 "$(sum enoexec_loaded "$W/phase-A.out")"
check_eq "$t/A-other-failures" 0 "$(sum other "$W/phase-A.out")"

r=$(cat "$W/reader-a.out")
echo "info: $t: reader A: $r $(head -n 3 "$W/reader-a.err" | tr '\n' ' ')"
check_gt "$t/A-reader-x86" "$(sum x86 "$W/reader-a.out")" 0
check_eq "$t/A-reader-errors" 0 "$(sum errors "$W/reader-a.out")"
check_eq "$t/A-reader-bad" 0 "$(sum bad "$W/reader-a.out")"

# --- Phase B: counting -------------------------------------------------
# One translated exec first: it arms the x86-view hooks synchronously,
# so the reader's first open is already virtualized.
"$E/execloop" 1 "$TINY" "$STATE" >/dev/null
snap "$W/snap0"
"$E/cpuinfo-reader" "$W/stop-reader-b" 10000 "$M0" "$MA" "$MB" \
	>"$W/reader-b.out" 2>"$W/reader-b.err" &
reader=$!
drivers B "$STRESS_B_EXECS"
touch "$W/stop-reader-b"
wait "$reader"
snap "$W/snap1"
touch "$W/stop-flip"
wait "$switcher" "$profile" "$profile_mhz" "$profile_reset"
total_secs=$(($(now) - start_all))

echo "info: $t: counters before B: $(cat "$W/snap0")"
echo "info: $t: counters after B: $(cat "$W/snap1")"
echo "info: $t: reader B: $(cat "$W/reader-b.out")"
b_ok=$(sum ok "$W/phase-B.out")
check_eq "$t/B-execs-ok" "$STRESS_B_EXECS" "$b_ok"
check_eq "$t/B-exec-failures" 0 $(($(sum enoexec_unloaded "$W/phase-B.out") + \
	$(sum enoexec_loaded "$W/phase-B.out") + $(sum other "$W/phase-B.out")))
check_eq "$t/B-translated-adds-up" "$b_ok" "$(delta translated)"
for c in failed refused_disabled refused_no_runtime refused_inaccessible \
	hook_missed; do
	check_eq "$t/B-$c-unchanged" 0 "$(delta "$c")"
done
check_gt "$t/B-passed-over-covers-runtime" $(($(delta passed_over) + 1)) \
	"$(delta translated)"
rb_x86=$(sum x86 "$W/reader-b.out")
check_gt "$t/B-reader-x86" "$rb_x86" 0
check_eq "$t/B-cpuinfo-adds-up" "$rb_x86" "$(delta cpuinfo_virtualized)"
# The runtime calls uname(2) itself, the same number of times k at each
# start: the growth is the reader's calls plus k per exec.
du=$(($(delta uname_virtualized) - $(sum uname_x86 "$W/reader-b.out")))
if [ "$du" -ge 0 ] && [ "$b_ok" -gt 0 ] && [ $((du % b_ok)) -eq 0 ]; then
	pass "$t/B-uname-adds-up"
	echo "info: $t: the runtime calls uname(2) $((du / b_ok)) times per start"
else
	fail "$t/B-uname-adds-up" "uname_virtualized grew by $(delta uname_virtualized): the reader's $(sum uname_x86 "$W/reader-b.out") calls plus $du, not a multiple of $b_ok execs"
fi
check_eq "$t/B-reader-native" 0 $(($(sum native "$W/reader-b.out") + \
	$(sum uname_native "$W/reader-b.out")))
check_eq "$t/B-reader-errors" 0 $(($(sum errors "$W/reader-b.out") + \
	$(sum bad "$W/reader-b.out")))

for f in switcher profile profile-mhz profile-reset; do
	echo "info: $t: $f: $(cat "$W/$f.out") $(head -n 3 "$W/$f.err" | tr '\n' ' ')"
	check_gt "$t/$f-writes" "$(sum ok "$W/$f.out")" 0
	check_eq "$t/$f-errors" 0 "$(sum bad "$W/$f.out")"
done

echo "info: $t: $((a_ok + b_ok)) translated execs ($a_off more refused while unloaded) in $total_secs s (phase A $a_secs s)"
check_gt "$t/execs-total" $((a_ok + b_ok + 1)) "$STRESS_EXECS"

# --- Leaks: the replaced runtime and, after rmmod, the last one --------
check_eq "$t/final-runtime-a" ok "$("$ARM/sysfs-write" "$PARAMS/runtime" "$RT/rt-a")"
check "$t/old-runtime-writable" sh -c ": >>'$RT/rt-b'"
rm -f "$RT/rt-b"
if wait_until 10 sh -c "[ \$(df -k '$RT' | awk 'NR == 2 { print \$3 }') -le $ua ]"; then
	pass "$t/old-runtime-space-freed"
else
	fail "$t/old-runtime-space-freed" "tmpfs used $(used_kb) KiB after deleting rt-b, $ua KiB before it was copied"
fi
out=""
for i in 1 2 3 4 5; do
	out=$(rmmod xlate 2>&1) && break
	sleep 1
done
check_eq "$t/rmmod-at-end" "" "$out"
check "$t/last-runtime-writable" sh -c ": >>'$RT/rt-a'"
rm -f "$RT/rt-a"
if wait_until 10 sh -c "[ \$(df -k '$RT' | awk 'NR == 2 { print \$3 }') -le $u0 ]"; then
	pass "$t/last-runtime-space-freed"
else
	fail "$t/last-runtime-space-freed" "tmpfs used $(used_kb) KiB after rmmod and deleting rt-a, $u0 KiB at the start"
fi
check "$t/runtime-fs-unmounts" umount "$RT"
check "$t/modprobe-again" modprobe xlate runtime="$QEMU_RUNTIME"
