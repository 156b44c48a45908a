#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Load life cycle (runs after 95-load-options), issue 13:
# - defect 2: a load that fails after its parameters were parsed leaves
#   nothing behind: the runtime it named can be written again;
# - defect 8: autodetect cannot hang modprobe on a path that blocks (a
#   FUSE mount on /mnt/rosetta that never answers): the blocked
#   candidate is skipped after 2 s and the next one present (box64 in
#   the VM) selected; the stuck lookup keeps the module in use until it
#   ends;
# - defect 3: the x86 view stays armed between a translated exec's
#   hand-off and its completion, however long that takes (here
#   de_thread() waits 28 s for a sibling stuck in a FUSE request).
# FUSE: progs/fuse-stall.c, a daemon that does not answer.  Every wait
# is bounded.  Ends with the module loaded as 95 leaves it.
. "$(dirname "$0")/lib.sh"

t=lifecycle
d=/tmp/xlate-lifecycle
HELLO=$X86/hello
KO=/lib/modules/$(uname -r)/extra/xlate.ko
KPROBES=/sys/kernel/debug/kprobes/list
# The uname hook is an ftrace callback (ftrace's enabled_functions), or
# a kprobe (kprobe list) without a function tracer (design.rst, "Which
# hook mechanism").
FTRACE_FUNCS=/sys/kernel/debug/tracing/enabled_functions
ROSETTA=/mnt/rosetta
SKIP_LINE="xlate: runtime lookup of \"$ROSETTA/rosetta\" still blocked after 2000 ms: skipped"
daemons=
mounts=
made_dirs=
debugfs_mounted=
mask1=
masks=

rm -rf "$d"
mkdir -p "$d"

loaded() {
	grep -q '^xlate ' /proc/modules
}

# running PID: PID exists and has not exited (a zombie has).
running() {
	local s

	s=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)
	[ -n "$s" ] && [ "$s" != Z ] && [ "$s" != X ]
}

# wait_gone SECONDS PID: wait until PID has exited; 1 on timeout.
wait_gone() {
	local end=$(($(date +%s) + $1))

	while running "$2"; do
		[ "$(date +%s)" -ge "$end" ] && return 1
		sleep 0.1
	done
	return 0
}

# unload NAME: rmmod xlate; a FAIL line if that does not work.
unload() {
	local out

	loaded || return 0
	out=$(rmmod xlate 2>&1) || fail "$1" "rmmod xlate: $out"
}

# load_default NAME: load xlate as the init and 95 do, unless loaded.
load_default() {
	local out

	loaded && return 0
	out=$(timeout -s KILL 60 modprobe xlate runtime="$QEMU_RUNTIME" 2>&1) ||
		fail "$1" "modprobe xlate runtime=$QEMU_RUNTIME: $out"
}

# write_open FILE: open FILE for writing (O_APPEND, nothing written);
# prints "ok" or the shell's message.
write_open() {
	local out

	if out=$(sh -c ': >>"$1"' sh "$1" 2>&1); then
		echo ok
	else
		echo "${out:-failed}"
	fi
}

# start_fuse DIR MODE ARGS...: mount fuse-stall on DIR; sets $fpid.
# 0 once it said "ready" (FUSE_INIT answered).
start_fuse() {
	local dir=$1 log

	log=$d/fuse$(echo "$dir" | tr / -).out
	"$ARM/fuse-stall" "$@" >"$log" 2>&1 &
	fpid=$!
	daemons="$daemons $fpid"
	mounts="$dir $mounts"
	wait_until 20 grep -qx ready "$log"
}

# stop_fuse PID DIR: kill the daemon (that aborts the connection: every
# request still waiting ends) and unmount.
stop_fuse() {
	kill -9 "$1" 2>/dev/null
	wait_gone 10 "$1"
	wait "$1" 2>/dev/null
	umount "$2" 2>/dev/null || umount -l "$2" 2>/dev/null
}

cleanup() {
	local p m

	for p in $daemons; do
		kill -9 "$p" 2>/dev/null
	done
	for p in $daemons; do
		wait_gone 10 "$p"
	done
	for m in $mounts; do
		grep -q " $m fuse" /proc/mounts &&
			{ umount "$m" 2>/dev/null || umount -l "$m"; }
	done
	for m in $made_dirs; do
		rmdir "$m" 2>/dev/null
	done
	[ -n "$mask1" ] && taskset -p "$mask1" 1 >/dev/null
	[ -n "$mask1" ] && taskset -p "$masks" $$ >/dev/null
	[ -n "$debugfs_mounted" ] && umount /sys/kernel/debug 2>/dev/null
	rm -rf "$d"
	load_default "$t/cleanup-load"
	xl_restore
}
trap cleanup EXIT

# mkdir_p DIR: mkdir -p, remembering what was created (innermost first).
mkdir_p() {
	[ -d "$1" ] && return 0
	mkdir_p "$(dirname "$1")"
	mkdir "$1" && made_dirs="$1 $made_dirs"
}

info() {
	echo "info: $t: $*"
}

# FUSE: a module on 6.1, built in on 6.12.
modprobe fuse 2>/dev/null
if [ -c /dev/fuse ]; then
	pass "$t/fuse-available"
	fuse=1
else
	fail "$t/fuse-available" "no /dev/fuse after modprobe fuse"
	fuse=
fi

# --- Defect 2: a failed load releases the runtime it opened ----------
# One copy of the runtime per case: a leaked write denial lasts until
# reboot and would spill into the next case.
for c in a b c; do
	cp "$QEMU_RUNTIME" "$d/rt-$c" && chmod 0755 "$d/rt-$c"
done
check_eq "$t/runtime-copy-writable" ok "$(write_open "$d/rt-a")"
unload "$t/failed-load-rmmod"

# Parameters are parsed in command-line order: runtime= first, then the
# bad boolean makes load_module() fail.
rt=$d/rt-a
out=$(timeout -s KILL 60 modprobe xlate runtime="$rt" enabled=bogus 2>&1)
rc=$?
if [ "$rc" -ne 0 ] && ! loaded; then
	pass "$t/bad-bool-load-fails"
else
	fail "$t/bad-bool-load-fails" "modprobe exited $rc: $out"
fi
check_contains "$t/bad-bool-load-einval" "Invalid argument" "$out"
check_eq "$t/failed-load-releases-runtime" ok "$(write_open "$rt")"

# The other order: parse_args() goes on after a bad value (it returns
# the last error), so runtime= is applied all the same.
rt=$d/rt-b
out=$(timeout -s KILL 60 insmod "$KO" enabled=bogus runtime="$rt" 2>&1)
rc=$?
if [ "$rc" -ne 0 ] && ! loaded; then
	pass "$t/bad-bool-first-load-fails"
else
	fail "$t/bad-bool-first-load-fails" "insmod exited $rc: $out"
fi
check_eq "$t/failed-load-bad-first-releases-runtime" ok \
	"$(write_open "$rt")"

# A load that succeeds holds the runtime (writes denied) until unload.
rt=$d/rt-c
out=$(timeout -s KILL 60 modprobe xlate runtime="$rt" 2>&1)
rc=$?
check_eq "$t/runtime-load" "0 $rt" "$rc $(cat "$PARAMS/runtime" 2>&1)"
check_eq "$t/runtime-load-translates" "exit=7" "$(exec_result "$HELLO")"
check_contains "$t/loaded-runtime-denies-write" "Text file busy" \
	"$(write_open "$rt")"
unload "$t/runtime-unload"
check_eq "$t/unload-releases-runtime" ok "$(write_open "$rt")"
rm -f "$d"/rt-?
load_default "$t/failed-load-reload"

# --- Defect 8: autodetect skips a candidate that blocks --------------
# A FUSE mount on /mnt/rosetta whose daemon never reads a request:
# looking up /mnt/rosetta/rosetta (2nd in the list, /media/rosetta does
# not exist) waits until killed or the daemon dies.
if [ -n "$fuse" ] && mkdir_p "$ROSETTA" && start_fuse "$ROSETTA" never; then
	pass "$t/blocking-fuse-mounted"
	rosetta=$fpid
else
	fail "$t/blocking-fuse-mounted" \
		"$(cat "$d/fuse-mnt-rosetta.out" 2>/dev/null)"
	rosetta=
fi
if [ -n "$rosetta" ]; then
	# The stage: a lookup there blocks (3 s, then SIGKILL ends it).
	timeout -s KILL 3 stat "$ROSETTA/rosetta" >/dev/null 2>&1
	check_eq "$t/blocking-path-blocks" 137 "$?"

	unload "$t/blocked-autodetect-rmmod"
	skipped0=$(dmesg_count "$SKIP_LINE")
	start=$(date +%s)
	modprobe xlate >"$d/modprobe.out" 2>&1 &
	mp=$!
	if wait_gone 15 "$mp"; then
		wait "$mp"
		rc=$?
		secs=$(($(date +%s) - start))
		info "modprobe with a blocked candidate: exit $rc after ${secs}s"
		if [ "$rc" -eq 0 ]; then
			pass "$t/blocked-autodetect-returns"
		else
			fail "$t/blocked-autodetect-returns" \
				"modprobe exited $rc after ${secs}s: $(cat "$d/modprobe.out")"
		fi
	else
		# Today's hang: say where it waits, then kill it (a pending
		# FUSE request ends with EINTR on SIGKILL) and see what the
		# load makes of that.
		where="state $(sed 's/^.*) //' "/proc/$mp/stat" | cut -c1), wchan $(cat "/proc/$mp/wchan" 2>/dev/null)"
		kill -9 "$mp"
		if wait_gone 10 "$mp"; then
			wait "$mp"
			rc=$?
			after="SIGKILL ended it (exit $rc)"
		else
			after="SIGKILL did not end it within 10 s"
		fi
		fail "$t/blocked-autodetect-returns" \
			"modprobe still running after 15 s ($where); $after"
		info "after SIGKILL: module $(grep '^xlate ' /proc/modules || echo 'not loaded'), runtime '$(cat "$PARAMS/runtime" 2>&1)'"
		info "after SIGKILL: dmesg: $(dmesg | grep 'xlate' | tail -n 4 | tr '\n' '|')"
	fi
	check_gt "$t/blocked-autodetect-logged" \
		"$(dmesg_count "$SKIP_LINE")" "$skipped0"
	# The first runtime of the list the VM has: box64 (qemu follows).
	check_eq "$t/blocked-autodetect-selects-box64" "$BOX64_RUNTIME" \
		"$(cat "$PARAMS/runtime" 2>&1)"
	check_eq "$t/blocked-autodetect-translates" "exit=7" \
		"$(exec_result "$X86/hello-dyn")"

	# The helper still waiting on the lookup holds the module: the
	# kernel refuses with EWOULDBLOCK (busybox: "Resource temporarily
	# unavailable", kmod: "in use").
	if ! loaded; then
		fail "$t/stuck-lookup-keeps-module-busy" "xlate is not loaded"
	elif out=$(rmmod xlate 2>&1); then
		fail "$t/stuck-lookup-keeps-module-busy" \
			"rmmod succeeded while the lookup was still blocked"
	else
		case $out in
		*"in use"* | *"temporarily unavailable"*)
			pass "$t/stuck-lookup-keeps-module-busy" ;;
		*)
			fail "$t/stuck-lookup-keeps-module-busy" "rmmod: $out" ;;
		esac
	fi

	# Killing the daemon aborts the connection: the lookup ends, the
	# helper drops its reference and rmmod works.
	loaded_before=$(loaded && echo yes)
	stop_fuse "$rosetta" "$ROSETTA"
	if [ -z "$loaded_before" ]; then
		fail "$t/rmmod-after-lookup-ends" \
			"xlate was already unloaded: nothing held it"
	elif wait_until 10 rmmod xlate; then
		pass "$t/rmmod-after-lookup-ends"
	else
		fail "$t/rmmod-after-lookup-ends" \
			"rmmod fails 10 s after the daemon died: $(rmmod xlate 2>&1)"
	fi
	load_default "$t/blocked-autodetect-reload"
fi
check_eq "$t/blocked-autodetect-restored" "$QEMU_RUNTIME" \
	"$(cat "$PARAMS/runtime" 2>&1)"

# --- Defect 3: the view stays armed across a long exec ---------------
# The exec's hand-off arms the hooks; de_thread() then waits for a
# sibling thread stuck in a FUSE request the daemon has read and answers
# only 28 s later.  The idle check runs every 10 s.  Afterwards the
# translated program must see the x86 /proc/cpuinfo (qemu rewrites
# uname's machine field itself, so cpuinfo is the witness).
if ! grep -q ' /sys/kernel/debug ' /proc/mounts; then
	mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null &&
		debugfs_mounted=1
fi
armed() {
	grep -qs newuname "$KPROBES" || grep -qs newuname "$FTRACE_FUNCS"
}
disarmed() {
	! armed
}
gap_ok=
if [ ! -r "$KPROBES" ]; then
	fail "$t/view-disarmed-before-gap" "no $KPROBES"
elif wait_until 25 disarmed; then
	# Nothing marked: otherwise the test would prove nothing.
	pass "$t/view-disarmed-before-gap"
	gap_ok=1
else
	fail "$t/view-disarmed-before-gap" \
		"uname hook still registered after 25 s: a marked task keeps the view armed"
fi
mnt=$d/slow
mkdir -p "$mnt"
if [ -z "$fuse" ] || ! start_fuse "$mnt" slow 28 "$d/note"; then
	fail "$t/slow-fuse-mounted" "$(cat "$d"/fuse-*-slow.out 2>/dev/null)"
	gap_ok=
else
	pass "$t/slow-fuse-mounted"
	slow=$fpid
fi
if [ -n "$gap_ok" ]; then
	"$ARM/exec-stuck-sibling" "$mnt/name" "$d/note" "$X86/cpuinfo-routes" \
		>"$d/gap.out" 2>&1 &
	gp=$!
	if wait_until 25 test -s "$d/note"; then
		start=$(date +%s)
		sleep 22
		# The exec has handed off and still waits in de_thread().
		comm=$(cat "/proc/$gp/comm" 2>/dev/null)
		info "during the gap: personality $(cat "/proc/$gp/personality" 2>&1)"
		if running "$gp" && [ "$comm" = exec-stuck-sibl ] &&
			[ ! -s "$d/gap.out" ]; then
			pass "$t/exec-held-in-gap"
		else
			fail "$t/exec-held-in-gap" \
				"comm '$comm', output: $(cat "$d/gap.out")"
		fi
		if armed; then
			pass "$t/view-armed-during-exec-gap"
		else
			fail "$t/view-armed-during-exec-gap" \
				"no uname kretprobe 22 s after the hand-off, exec not complete"
		fi
		if wait_gone 30 "$gp"; then
			wait "$gp"
			rc=$?
			secs=$(($(date +%s) - start))
			info "exec held ${secs}s after the daemon read the request; exit $rc"
			check_gt "$t/exec-gap-long" "$secs" 24
			out=$(cat "$d/gap.out")
			check_line "$t/view-after-exec-gap" plain=x86 "$out"
		else
			kill -9 "$gp"
			fail "$t/view-after-exec-gap" \
				"exec not done 52 s after the hand-off"
		fi
	else
		kill -9 "$gp"
		fail "$t/exec-held-in-gap" \
			"the daemon read no request: $(cat "$d/gap.out")"
	fi
else
	fail "$t/view-after-exec-gap" "the stage could not be set"
fi
[ -n "${slow:-}" ] && stop_fuse "$slow" "$mnt"

# --- What an administrator names wins over the boot retry -------------
# modprobe names runtime32; init's own search for runtime is held 2 s
# per path by lookups that block (FUSE daemons that never answer on
# /media/rosetta and /mnt/rosetta, the first two paths of the list).
# Meanwhile an administrator sets runtime, which ends that search, and
# PID 1 execs, which asks for the search to be run again.  That retry
# must not choose a runtime32 of its own: the one named at load is
# what init's search configures.
ADMIN32=$d/admin-i386
MEDIA=/media/rosetta
named_ok=
if cp /usr/bin/qemu-i386-static "$ADMIN32" && chmod 0755 "$ADMIN32" &&
	[ -n "$fuse" ] && mkdir_p "$MEDIA" && mkdir_p "$ROSETTA" &&
	start_fuse "$MEDIA" never && media=$fpid &&
	start_fuse "$ROSETTA" never; then
	rosetta=$fpid
	named_ok=1
else
	fail "$t/named-stage" "FUSE on $MEDIA and $ROSETTA: $(cat "$d"/fuse-*.out 2>/dev/null)"
fi
if [ -n "$named_ok" ]; then
	unload "$t/named-rmmod"
	found32=$(dmesg_count 'found runtime32')
	modprobe xlate runtime32="$ADMIN32" >"$d/named.out" 2>&1 &
	mp=$!
	# The config file appears once parameter writes take effect.
	if wait_until 20 test -e /sys/kernel/xlate/config; then
		out=$("$ARM/sysfs-write" "$PARAMS/runtime" "$QEMU_RUNTIME")
		during=$(running "$mp" && echo "still searching")
		reexec_init
		rc=$?
		check_eq "$t/named-admin-sets-runtime" ok "$out"
		check_eq "$t/named-pid1-reexecs" 0 "$rc"
		# Else the retry came too late to race (a slow host).
		check_eq "$t/named-during-search" "still searching" \
			"${during:-modprobe done: $(cat "$d/named.out")}"
	else
		fail "$t/named-admin-sets-runtime" "no /sys/kernel/xlate/config within 20 s"
	fi
	if wait_gone 30 "$mp"; then
		wait "$mp"
		check_eq "$t/named-modprobe" 0 "$?"
	else
		fail "$t/named-modprobe" "modprobe still running after 30 s"
	fi
	# Searches run one at a time: the retry has run by now.
	sleep 1
	check_eq "$t/named-runtime32-wins" "$ADMIN32" \
		"$(cat "$PARAMS/runtime32" 2>&1)"
	check_eq "$t/named-runtime-wins" "$QEMU_RUNTIME" \
		"$(cat "$PARAMS/runtime" 2>&1)"
	check_eq "$t/named-no-autodetected-runtime32" "$found32" \
		"$(dmesg_count 'found runtime32')"
	stop_fuse "$media" "$MEDIA"
	stop_fuse "$rosetta" "$ROSETTA"
	# The blocked lookups held the module until the daemons died.
	wait_until 10 rmmod xlate ||
		fail "$t/named-unload" "rmmod: $(rmmod xlate 2>&1)"
	load_default "$t/named-reload"
fi

# --- Unload while the boot retry searches ------------------------------
# xlate loaded with no runtime anywhere searches again each time PID 1
# execs, in a work item bound to the CPU that queued it (PID 1 is pinned
# to CPU 0 for that; the test runs on CPU 1).  The search's first
# lookup, /media/rosetta/rosetta, goes to a FUSE daemon that notes it
# and answers ENOENT once a gate file exists.  Seeing the note, a
# spinner (progs/cpu-hog.c) moves the lookup's thread to CPU 1, takes
# CPU 0 for 8 s with nothing else running there, and opens the gate:
# once the lookup has its answer nothing holds the module, while the
# search cannot run.  rmmod, tried in a loop, lands then, and unload
# has begun: the next lookup, /mnt/rosetta/rosetta (a daemon that notes
# each request and answers it 60 s later), must not start, and no
# xlate-open thread may outlive the module.  Were one left blocked
# there, it would run freed module text once that daemon goes (a kernel
# oops, which dmesg-clean reports).  When the search gets past its
# first lookup first (its own 2 s limit on the lookup ran out before the
# spinner took CPU 0: a stalled host), the try is undone and made again,
# three times at most.

# retry_try: one try; 0 when rmmod landed while the search was on.
retry_try() {
	local nofound rc

	rm -f "$d/media.note" "$d/rosetta.note" "$d/gate" "$d/racer.out"
	unload "$t/retry-rmmod"
	nofound=$(dmesg_count "no runtime found")
	mount -t tmpfs none /usr/bin
	modprobe xlate >"$d/retry.out" 2>&1
	rc=$?
	umount /usr/bin
	if [ "$rc" -ne 0 ] ||
		[ "$(dmesg_count "no runtime found")" -le "$nofound" ] ||
		! start_fuse "$MEDIA" gate "$d/gate" "$d/media.note"; then
		fail "$t/unload-during-retry-stage" \
			"modprobe $rc: $(cat "$d/retry.out" "$d"/fuse-*.out 2>/dev/null)"
		return 2
	fi
	media=$fpid
	if ! start_fuse "$ROSETTA" slow 60 "$d/rosetta.note"; then
		fail "$t/unload-during-retry-stage" "$(cat "$d"/fuse-*.out)"
		return 2
	fi
	rosetta=$fpid
	"$ARM/cpu-hog" -a "$d/media.note" -m xlate-open -g "$d/gate" 0 8 \
		>"$d/hog.out" 2>&1 &
	hog=$!
	wait_until 10 grep -qx waiting "$d/hog.out"
	taskset -p 1 1 >/dev/null
	reexec_init || fail "$t/unload-during-retry-reexec" "PID 1 did not exec"
	if wait_until 60 grep -qx triggered "$d/hog.out"; then
		# Until rmmod works or the search starts its second lookup.
		sh -c 'i=0; while [ $i -lt 1000 ] && [ ! -s "$1" ]; do
			rmmod xlate 2>/dev/null && { echo removed; exit; }
			i=$((i + 1)); done; echo "still loaded"' sh \
			"$d/rosetta.note" >"$d/racer.out" 2>&1
	else
		fail "$t/unload-during-retry-stage" \
			"no lookup of $MEDIA/rosetta: $(cat "$d/hog.out")"
		kill -9 "$hog"
	fi
	wait "$hog"
	taskset -p "$mask1" 1 >/dev/null
	info "unload during the retry: $(cat "$d/racer.out" 2>&1); spinner: $(tr '\n' ' ' <"$d/hog.out"); lookups: $MEDIA $(wc -l <"$d/media.note" 2>/dev/null), $ROSETTA $(wc -l <"$d/rosetta.note" 2>/dev/null)"
	[ "$(cat "$d/racer.out" 2>/dev/null)" = removed ] && return 0
	# The search got past its first lookup: undo and try again.
	stop_fuse "$media" "$MEDIA"
	stop_fuse "$rosetta" "$ROSETTA"
	wait_until 20 rmmod xlate
	return 1
}

if ! grep -q ' /sys/kernel/debug ' /proc/mounts; then
	mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null &&
		debugfs_mounted=1
fi
cpus=$(nproc)
if [ "$cpus" -lt 2 ]; then
	info "$XL_RESULT/$t/unload-during-retry skipped: needs 2 CPUs, the VM has $cpus"
elif [ -z "$fuse" ]; then
	fail "$t/unload-during-retry-stage" "no FUSE"
else
	mask1=$(taskset -p 1 | sed 's/.*: //')
	masks=$(taskset -p $$ | sed 's/.*: //')
	taskset -p 2 $$ >/dev/null
	tries=0
	rc=1
	while [ "$rc" -eq 1 ] && [ "$tries" -lt 3 ]; do
		tries=$((tries + 1))
		retry_try
		rc=$?
	done
	taskset -p "$masks" $$ >/dev/null
	mask1=
	if [ "$rc" -eq 0 ]; then
		pass "$t/unload-during-retry"
		check_eq "$t/unload-stops-lookups" "" \
			"$(cat "$d/rosetta.note" 2>/dev/null)"
		left=$(grep -lx xlate-open /proc/[0-9]*/comm 2>/dev/null)
		check_eq "$t/unload-leaves-no-thread" "" "$left"
		stop_fuse "$media" "$MEDIA"
		stop_fuse "$rosetta" "$ROSETTA"
	elif [ "$rc" -eq 1 ]; then
		fail "$t/unload-during-retry" \
			"in $tries tries the search always got past its first lookup before rmmod"
	fi
	load_default "$t/unload-during-retry-reload"
fi

# As 95 leaves it.
load_default "$t/final-load"
check_eq "$t/final-runtime" "$QEMU_RUNTIME" "$(cat "$PARAMS/runtime" 2>&1)"
