#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# The in-VM part of `make bench` (/xlate/suite/10-bench.sh, busybox sh).
# Measures, in interleaved rounds (odd rounds xlate-unloaded state
# first, even rounds xlate-loaded state first), the costs that
# Documentation/benchmarks.rst describes, and prints a table between
# BENCH-TABLE-BEGIN/END and the machine-readable "bench:" line.  Each
# ratio is the median over the rounds of that round's with/without
# quotient, so drift between rounds cancels.  Prints
# "PASS: bench/<target>/run" when everything was measured, otherwise
# one FAIL line with the reason and exits 1.
# Knobs (from /xlate/extra/bench.conf): ROUNDS XROUNDS N_EXEC N_XEXEC N_UNAME
# N_CPUINFO N_HOLD HOLD_REPEAT MEASURE_DISARM.

X=/xlate/extra
B=$X/arm64/bench
TINY_ARM=$X/arm64/tiny
TINY_X86=$X/x86_64/tiny
QEMU=/usr/bin/qemu-x86_64-static
BM=/proc/sys/fs/binfmt_misc
KPROBES=/sys/kernel/debug/kprobes/list
FTRACE_FUNCS=/sys/kernel/debug/tracing/enabled_functions
STATS=/sys/kernel/xlate/stats
D=/tmp/bench
T="${XLATE_PREFIX:-bench}/${XLATE_TARGET:-unknown}"

ROUNDS=7 XROUNDS=5 N_EXEC=100 N_XEXEC=5 N_UNAME=50000 N_CPUINFO=1000
N_HOLD=200 HOLD_REPEAT=5 MEASURE_DISARM=1 CLOCK=wall
# shellcheck disable=SC1091
[ -r $X/bench.conf ] && . $X/bench.conf

BG=
die() {
	[ -n "$BG" ] && kill "$BG" 2>/dev/null
	echo "FAIL: $T/run: $*"
	exit 1
}

rm -rf $D
mkdir -p $D
for f in "$B" "$TINY_ARM" "$TINY_X86" "$QEMU" /x86/busybox; do
	[ -x "$f" ] || die "missing $f"
done

# measure NAME ARGS...: run "bench ARGS", append its ns to $D/NAME.
measure() {
	local name=$1 out ns

	shift
	out=$("$B" "$@" 2>&1) || die "$name: bench $*: $out"
	ns=$(echo "$out" | sed -n 's/^ns=\([0-9.]*\).*/\1/p')
	[ -n "$ns" ] || die "$name: no ns= in: $out"
	echo "$ns" >>"$D/$name"
	LAST=$out
}

# expect NAME KEY VALUE: the last measurement said KEY=VALUE.
expect() {
	case " $LAST " in
	*" $2=$3 "*) ;;
	*) die "$1: expected $2=$3, got: $LAST" ;;
	esac
}

loaded() { [ -d /sys/module/xlate ]; }

xlate_load() {
	local out

	out=$(modprobe xlate runtime=$QEMU 2>&1) || die "modprobe xlate: $out"
}

xlate_unload() {
	local i=0

	while loaded; do
		rmmod xlate 2>/dev/null && return 0
		i=$((i + 1))
		[ $i -lt 50 ] || die "rmmod xlate: $(rmmod xlate 2>&1)"
		sleep 0.2
	done
}

# armed: the uname hook is registered, as an ftrace callback (ftrace's
# enabled_functions) or a kprobe (kprobe list); "unknown" without debugfs.
armed() {
	if [ ! -r $KPROBES ]; then
		echo unknown
	elif grep -q newuname $KPROBES ||
		grep -qs newuname $FTRACE_FUNCS; then
		echo yes
	else
		echo no
	fi
}

stat_get() { cat "$STATS/$1" 2>/dev/null || echo 0; }

# --- setup: debugfs for the kprobe list, binfmt_misc for R2 -----------
mount | grep -q ' /sys/kernel/debug ' ||
	mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
loaded || xlate_load
# binfmt_misc gets the flags that match xlate's parameters: F (xlate
# opens the runtime when it is configured), plus P, O, C as set.
flags=F
for p in preserve_argv0:P open_binary:O credentials:C; do
	case $(cat /sys/module/xlate/parameters/${p%:*}) in
	1 | Y | y) flags=$flags${p#*:} ;;
	esac
done
modprobe binfmt_misc 2>/dev/null
[ -e $BM/register ] || mount -t binfmt_misc binfmt_misc $BM ||
	die "cannot mount binfmt_misc"
[ -e $BM/x86_64 ] && echo -1 >$BM/x86_64
# Debian qemu-user-static's magic and mask for x86-64 ELF executables.
printf '%s' ":x86_64:M::\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x3e\\x00:\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:$QEMU:$flags" \
	>$BM/register || die "binfmt_misc register failed"
grep -q '^enabled' $BM/x86_64 || die "binfmt_misc entry not enabled"
echo "bench-info: rounds=$ROUNDS/$XROUNDS exec=$N_EXEC xexec=$N_XEXEC uname=$N_UNAME" \
	"cpuinfo=$N_CPUINFO, binfmt_misc flags $flags, cpus $(nproc)"

# --- the states ----------------------------------------------------------
# W: xlate freshly loaded (so its hooks are disarmed), binfmt_misc's
# entry disabled.  O: xlate unloaded, binfmt_misc's entry enabled.
state_with() {
	xlate_unload
	echo 0 >$BM/x86_64
	xlate_load
}

state_without() {
	xlate_unload
	echo 1 >$BM/x86_64
}

# native_set SUFFIX [reverse]: native exec, uname and cpuinfo.
native_set() {
	if [ "${2:-}" = reverse ]; then
		measure "cpuinfo_$1" cpuinfo "$N_CPUINFO" native
		measure "uname_$1" uname "$N_UNAME"
		expect "uname_$1" machine aarch64
		measure "exec_native_$1" exec "$N_EXEC" "$TINY_ARM"
	else
		measure "exec_native_$1" exec "$N_EXEC" "$TINY_ARM"
		measure "uname_$1" uname "$N_UNAME"
		expect "uname_$1" machine aarch64
		measure "cpuinfo_$1" cpuinfo "$N_CPUINFO" native
	fi
}

# start_translated: a translated task stays alive (hooks armed) in $BG.
start_translated() {
	local per

	/x86/busybox sleep 100000 &
	BG=$!
	sleep 0.5
	per=$(cat /proc/$BG/personality 2>/dev/null)
	case $per in
	*[4-7]???????) ;;
	*) die "translated task $BG has personality '$per', no marker" ;;
	esac
}

stop_translated() {
	kill "$BG"
	wait "$BG" 2>/dev/null
	BG=
}

# Native round R: the without (O) and with (W, disarmed) measurements
# in mirrored order (O W in odd rounds, W O in even ones), then, with a
# translated task alive, uname and cpuinfo of native and marked tasks.
native_round() {
	if [ $(($1 % 2)) -eq 1 ]; then
		state_without
		native_set wo
		state_with
		armed >>$D/state_disarmed
		native_set w reverse
	else
		state_with
		armed >>$D/state_disarmed
		native_set w
		state_without
		native_set wo reverse
		state_with
	fi
	start_translated
	armed >>$D/state_armed
	measure uname_armed uname "$N_UNAME"
	expect uname_armed machine aarch64
	if [ $(($1 % 2)) -eq 1 ]; then
		measure cpuinfo_marked cpuinfo "$N_CPUINFO" marked
		expect cpuinfo_marked view x86
		CPUINFO_X86=$LAST
		measure cpuinfo_armed cpuinfo "$N_CPUINFO" native
	else
		measure cpuinfo_armed cpuinfo "$N_CPUINFO" native
		measure cpuinfo_marked cpuinfo "$N_CPUINFO" marked
		expect cpuinfo_marked view x86
		CPUINFO_X86=$LAST
	fi
	stop_translated
}

# switch_measure KEY SWITCH VALUE COUNTER: the tiny x86-64 program
# through xlate with SWITCH (cmdline or exe) set to VALUE instead of
# its default (auto: cmdline on, exe off for qemu, as xexec_xlate runs),
# then back to auto.  COUNTER must grow by one per exec with the
# switch on and not move with it off.
switch_measure() {
	local p=/sys/module/xlate/parameters/$2 c0 n ok auto

	auto="auto ($([ "$2" = cmdline ] && echo on || echo off))"
	[ "$(cat "$p")" = "$auto" ] || die "$2 is not $auto for $QEMU"
	echo "$3" >"$p" || die "$2=$3 failed"
	c0=$(stat_get "$4")
	measure "$1" exec "$N_XEXEC" "$TINY_X86"
	n=$(stat_get "$4")
	if [ "$3" = 1 ]; then ok=$((n >= c0 + N_XEXEC)); else ok=$((n == c0)); fi
	[ "$ok" = 1 ] || die "$2=$3: $4 went from $c0 to $n over $N_XEXEC execs"
	echo auto >"$p" || die "$2=auto failed"
}

cmdline_off_measure() {
	switch_measure xexec_cmdline_off cmdline 0 cmdline_program
}

exe_on_measure() {
	switch_measure xexec_exe_on exe 1 exe_program
}

# Translated round R: the tiny x86-64 program through xlate, through the
# runtime directly (xlate loaded), and through binfmt_misc (xlate
# unloaded), in the order direct xlate | binfmt, then binfmt | xlate
# direct, so that each compared pair is adjacent.
translated_round() {
	local t0 t1

	if [ $(($1 % 2)) -eq 1 ]; then
		state_with
		t0=$(stat_get translated)
		measure xexec_direct exec "$N_XEXEC" $QEMU "$TINY_X86"
		measure xexec_xlate exec "$N_XEXEC" "$TINY_X86"
		t1=$(stat_get translated)
		cmdline_off_measure
		exe_on_measure
		state_without
		measure xexec_binfmt exec "$N_XEXEC" "$TINY_X86"
	else
		state_without
		measure xexec_binfmt exec "$N_XEXEC" "$TINY_X86"
		state_with
		exe_on_measure
		cmdline_off_measure
		t0=$(stat_get translated)
		measure xexec_xlate exec "$N_XEXEC" "$TINY_X86"
		measure xexec_direct exec "$N_XEXEC" $QEMU "$TINY_X86"
		t1=$(stat_get translated)
	fi
	[ $((t1 - t0)) -ge "$N_XEXEC" ] ||
		die "xlate translated $((t1 - t0)) of $N_XEXEC execs"
}

start=$(date +%s)
r=1
while [ $r -le "$ROUNDS" ]; do
	native_round $r
	echo "bench-info: native round $r of $ROUNDS done ($(($(date +%s) - start)) s)"
	r=$((r + 1))
done
CPUINFO_NATIVE=$("$B" cpuinfo 10 native 2>&1)
r=1
while [ $r -le "$XROUNDS" ]; do
	translated_round $r
	echo "bench-info: translated round $r of $XROUNDS done ($(($(date +%s) - start)) s)"
	r=$((r + 1))
done

# --- module size and per-task cost (xlate loaded, hooks armed) ---------
xlate_unload
xlate_load
coresize=$(cat /sys/module/xlate/coresize 2>/dev/null || echo '?')
modsize=$(awk '$1 == "xlate" { print $2 }' /proc/modules)
/x86/busybox sleep 100000 &
BG=$!
sleep 0.5
i=0
while [ $i -lt "$HOLD_REPEAT" ]; do
	order="native marked"
	[ $((i % 2)) -eq 1 ] && order="marked native"
	for m in $order; do
		sync
		echo 3 >/proc/sys/vm/drop_caches
		out=$("$B" hold "$N_HOLD" "$m" 2>&1) || die "hold $m: $out"
		for k in slab sunreclaim kstack; do
			echo "$out" | sed -n "s/.*${k}_kb=\(-*[0-9]*\).*/\1/p" \
				>>"$D/hold_${k}_$m"
		done
	done
	i=$((i + 1))
done
kill $BG
wait $BG 2>/dev/null
BG=

# Disarm latency: from the end of the last translated task until the
# uname hook is unregistered.
disarm=n/a
if [ "$MEASURE_DISARM" = 1 ] && [ "$(armed)" != unknown ]; then
	"$TINY_X86" || die "translated tiny failed"
	t0=$(date +%s)
	while [ "$(armed)" = yes ] && [ $(($(date +%s) - t0)) -lt 40 ]; do
		sleep 0.5
	done
	if [ "$(armed)" = no ]; then
		disarm="$(($(date +%s) - t0)) s"
	else
		disarm="still armed after 40 s"
	fi
fi
echo 1 >$BM/x86_64

# --- results -------------------------------------------------------------
median() {
	sort -n "$1" | awk '{ v[NR] = $1 }
		END { if (NR % 2) print v[(NR + 1) / 2]
		      else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ratio NUM DEN: per-round quotients to $D/r_NUM_DEN; prints its file.
ratio() {
	awk 'NR == FNR { a[FNR] = $1; next } { printf "%.6f\n", a[FNR] / $1 }' \
		"$D/$1" "$D/$2" >"$D/r_$1_$2"
	echo "$D/r_$1_$2"
}

fmt3() { awk -v v="$1" 'BEGIN { printf "%.3f", v }'; }

# row LABEL NUM DEN UNIT DIV GOAL: one table row; sets RES to the ratio.
row() {
	local f med lo hi n d verdict=""

	f=$(ratio "$2" "$3")
	med=$(fmt3 "$(median "$f")")
	lo=$(fmt3 "$(sort -n "$f" | head -n 1)")
	hi=$(fmt3 "$(sort -n "$f" | tail -n 1)")
	n=$(awk -v v="$(median "$D/$2")" -v d="$5" 'BEGIN { printf "%.2f", v / d }')
	d=$(awk -v v="$(median "$D/$3")" -v d="$5" 'BEGIN { printf "%.2f", v / d }')
	if [ "$6" != - ]; then
		if awk -v r="$med" -v g="$6" 'BEGIN { exit !(r <= g) }'; then
			verdict="<= $6 goal met"
		else
			verdict="<= $6 goal MISSED"
		fi
	fi
	printf '%-34s %10s %10s %-3s %6s %-13s %s\n' "$1" "$n" "$d" "$4" \
		"$med" "[$lo-$hi]" "$verdict"
	RES=$med
}

# The hook mechanism xlate chose for this kernel, from its load line.
HOOKS=$(dmesg | sed -n 's/.*x86-view hooks: \([a-z+]*\).*/\1/p' | tail -n 1)
echo BENCH-TABLE-BEGIN
echo "xlate $(cat /sys/kernel/xlate/version 2>/dev/null) on $(uname -r), $(nproc) vCPUs," \
	"$ROUNDS native and $XROUNDS translated rounds, clock $CLOCK," \
	"hooks: ${HOOKS:-unknown}"
printf '%-34s %10s %10s %-3s %6s %-13s %s\n' measure with without '' \
	ratio '[min-max]' goal
row "R1 native exec (fork+exec+wait)" exec_native_w exec_native_wo us 1000 1.01
R1=$RES
row "R2 translated exec: xlate/binfmt" xexec_xlate xexec_binfmt us 1000 1.00
R2=$RES
row "R3 translated exec: xlate/direct" xexec_xlate xexec_direct us 1000 1.03
R3=$RES
row "R4 native uname, no marked task" uname_w uname_wo ns 1 1.05
R4=$RES
# R4A has a goal where the kernel offers ftrace hooks (design.rst).
R4A_GOAL=-
case $HOOKS in ftrace*) R4A_GOAL=1.10 ;; esac
row "R4 native uname, translated alive" uname_armed uname_wo ns 1 "$R4A_GOAL"
R4A=$RES
row "R5 cpuinfo read: marked/native" cpuinfo_marked cpuinfo_armed us 1000 1.00
R5=$RES
row "R6 translated exec: cmdline on/off" xexec_xlate xexec_cmdline_off us 1000 1.01
R6=$RES
row "R7 translated exec: exe on/off" xexec_exe_on xexec_xlate us 1000 1.01
R7=$RES
row "   cpuinfo native: loaded/unloaded" cpuinfo_w cpuinfo_wo us 1000 -
row "   cpuinfo native: armed/unloaded" cpuinfo_armed cpuinfo_wo us 1000 -
row "   cpuinfo marked/native unloaded" cpuinfo_marked cpuinfo_wo us 1000 -
echo "hooks during 'no marked task' rounds: $(sort $D/state_disarmed | uniq -c | tr -s ' \n' ' ')armed" \
	"/ with a translated task: $(sort $D/state_armed | uniq -c | tr -s ' \n' ' ')armed"
echo "module: coresize $coresize bytes, /proc/modules size $modsize bytes"
sn=$(median $D/hold_slab_native) sm=$(median $D/hold_slab_marked)
un=$(median $D/hold_sunreclaim_native) um=$(median $D/hold_sunreclaim_marked)
kn=$(median $D/hold_kstack_native) km=$(median $D/hold_kstack_marked)
echo "per-task memory, $N_HOLD blocked children (median of $HOLD_REPEAT):" \
	"native Slab +$sn kB (unreclaimable +$un) KernelStack +$kn kB;" \
	"marked Slab +$sm kB (unreclaimable +$um) KernelStack +$km kB;" \
	"marked-native: Slab $(awk -v a="$sm" -v b="$sn" -v n="$N_HOLD" \
		'BEGIN { printf "%.0f", (a - b) * 1024 / n }') bytes/task," \
	"unreclaimable $(awk -v a="$um" -v b="$un" -v n="$N_HOLD" \
		'BEGIN { printf "%.0f", (a - b) * 1024 / n }') bytes/task"
echo "per-task Slab growth, each repeat (kB): native $(tr '\n' ' ' <$D/hold_slab_native)marked $(tr '\n' ' ' <$D/hold_slab_marked)"
echo "disarm after the last translated task: $disarm"
echo "cpuinfo: native $(echo "$CPUINFO_NATIVE" | sed -n 's/.*\(bytes=[0-9]*\).*/\1/p')," \
	"x86 view $(echo "$CPUINFO_X86" | sed -n 's/.*\(bytes=[0-9]*\).*/\1/p')"
echo BENCH-TABLE-END
echo "bench: native_exec=$R1 translated_vs_binfmt_misc=$R2" \
	"translated_vs_direct=$R3 native_uname=$R4 cpuinfo_read=$R5" \
	"native_uname_armed=$R4A cmdline_on_vs_off=$R6 exe_on_vs_off=$R7"
echo "PASS: $T/run"
