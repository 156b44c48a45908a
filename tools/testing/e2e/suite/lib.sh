# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# shellcheck disable=SC2034 # variables for the scripts that source this
# Helpers of the in-VM e2e suite (busybox sh).  Every /xlate/suite/NN-*.sh
# sources this file first:  . "$(dirname "$0")/lib.sh"
#
# Result lines (design.rst, "Test bench protocol"):
#   pass NAME                  PASS: ${XLATE_PREFIX:-e2e}/$XLATE_TARGET/NAME
#   fail NAME REASON...        FAIL: ${XLATE_PREFIX:-e2e}/$XLATE_TARGET/NAME: REASON
#   check NAME CMD...          PASS if CMD exits 0, else FAIL with its
#                              exit status and output tail
#   check_eq NAME EXPECTED ACTUAL
# More checks: check_line, check_no_line, check_contains, check_gt.
# A runtime run (e2e/runtime.sh) puts its runtime after the target:
#   PASS: e2e/$XLATE_TARGET/$XLATE_RUNTIME/NAME
# Module state: xl_set FILE VALUE changes a sysfs file and remembers the
# old value; xl_restore (run at exit) puts every remembered value back.

: "${XLATE_TARGET:=unknown}"
PROGS=/xlate/progs
ARM=$PROGS/arm64
X86=$PROGS/x86_64
QEMU_RUNTIME=/usr/bin/qemu-x86_64-static
# The other real runtimes on the initramfs (fetch-runtimes.sh): trixie's
# qemu-user 10 (static) and box64 (dynamic, on trixie's arm64 glibc).
QEMU10_RUNTIME=/opt/qemu10/qemu-x86_64
BOX64_RUNTIME=/usr/bin/box64
PARAMS=/sys/module/xlate/parameters
STATS=/sys/kernel/xlate/stats
CPUINFO_DIR=/sys/kernel/xlate/cpuinfo
XL_SAVED=/tmp/xlate-suite-saved.$$
unset XLATE_TEST_ENV PROBE_EXIT

XL_RESULT=${XLATE_PREFIX:-e2e}/$XLATE_TARGET${XLATE_RUNTIME:+/$XLATE_RUNTIME}

pass() {
	echo "PASS: $XL_RESULT/$1"
}

# result_why KIND NAME WHY...: one line, at most 400 characters of WHY.
result_why() {
	local kind=$1 name=$2

	shift 2
	echo "$kind: $XL_RESULT/$name: $(printf '%s' "$*" |
		tr '\n\t' '| ' | cut -c1-400)"
}

fail() { result_why FAIL "$@"; }

# A check that cannot run here, with why; counted apart from passes.
skip() { result_why SKIP "$@"; }

check() {
	local name=$1 out rc

	shift
	out=$("$@" 2>&1)
	rc=$?
	if [ "$rc" -eq 0 ]; then
		pass "$name"
	else
		fail "$name" "'$*' exited $rc: $(printf '%s\n' "$out" | tail -n 3)"
	fi
}

check_eq() {
	if [ "$2" = "$3" ]; then
		pass "$1"
	else
		fail "$1" "expected '$2', got '$3'"
	fi
}

# check_line NAME LINE TEXT: TEXT has a line that is exactly LINE.
check_line() {
	if printf '%s\n' "$3" | grep -Fxq -- "$2"; then
		pass "$1"
	else
		fail "$1" "no line '$2' in: $3"
	fi
}

# check_no_line NAME LINE TEXT: no line of TEXT is exactly LINE.
check_no_line() {
	if printf '%s\n' "$3" | grep -Fxq -- "$2"; then
		fail "$1" "unexpected line '$2' in: $3"
	else
		pass "$1"
	fi
}

# check_contains NAME NEEDLE TEXT: NEEDLE occurs in TEXT.
check_contains() {
	case $3 in
	*"$2"*) pass "$1" ;;
	*) fail "$1" "no '$2' in: $3" ;;
	esac
}

# check_gt NAME A B: integer A > integer B.
check_gt() {
	if [ "$2" -gt "$3" ] 2>/dev/null; then
		pass "$1"
	else
		fail "$1" "expected $2 > $3"
	fi
}

# The value of KEY in key=value output TEXT (first match).
kv() {
	printf '%s\n' "$2" | sed -n "s/^$1=//p" | head -n 1
}

# A boolean module parameter as 0/1 (the kernel prints bools as N/Y).
param_bool() {
	case $(cat "$PARAMS/$1" 2>/dev/null) in
	1 | Y | y) echo 1 ;;
	0 | N | n) echo 0 ;;
	*) echo "unreadable:$(cat "$PARAMS/$1" 2>&1)" ;;
	esac
}

# A counter of /sys/kernel/xlate/stats, or "missing".
stat_get() {
	cat "$STATS/$1" 2>/dev/null || echo missing
}

# The number of dmesg lines that contain FIXED-STRING.
# info TEXT: a line for the log that is no check ("info: SUITE: TEXT").
info() {
	echo "info: $t: $*"
}

dmesg_count() {
	dmesg | grep -cF -- "$1"
}

# xl_set FILE VALUE: write VALUE (one write, with newline) to FILE,
# remembering FILE's old value the first time; prints "ok" or the errno.
# cmdline and exe read "auto (on)" or "auto (off)"; "auto" is what sets
# that back.
xl_set() {
	local old

	if ! grep -q "^$1	" "$XL_SAVED" 2>/dev/null; then
		old=$(cat "$1" 2>/dev/null)
		case $old in "auto ("*")") old=auto ;; esac
		printf '%s\t%s\n' "$1" "$old" >>"$XL_SAVED"
	fi
	"$ARM/sysfs-write" "$1" "$2"
}

# xl_param NAME VALUE: xl_set on a module parameter.
xl_param() {
	xl_set "$PARAMS/$1" "$2"
}

# Put back every value xl_set changed, newest first.
xl_restore() {
	local file value r

	[ -f "$XL_SAVED" ] || return 0
	tac "$XL_SAVED" | while IFS='	' read -r file value; do
		r=$("$ARM/sysfs-write" "$file" "$value")
		[ "$r" = ok ] ||
			fail "restore${file#/sys}" "writing '$value' back: $r"
	done
	rm -f "$XL_SAVED"
}
trap xl_restore EXIT

# exec_result PATH: how an exec of PATH (as `PATH 7`) ends, from a native
# caller: "exit=N", "signal=N" or "errno=EXXX".
exec_result() {
	"$ARM/execve-variants" "$1" absolute | sed 's/^absolute //'
}

# wait_until SECONDS CMD...: run CMD every 0.1 s until it succeeds.
wait_until() {
	local n=$(($1 * 10))

	shift
	while [ "$n" -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

# reexec_init: make PID 1 exec itself, as `systemctl daemon-reexec` does
# (the VM's /init does so on SIGHUP), and wait until it has; 1 if it
# did not within 30 s.
reexec_init() {
	local n

	n=$(cat /run/xlate-init.reexecs 2>/dev/null)
	kill -HUP 1 && wait_until 30 reexecs_above "${n:-0}"
}

# reexecs_above N: PID 1 has exec'd itself more than N times.
reexecs_above() {
	[ "$(cat /run/xlate-init.reexecs 2>/dev/null || echo 0)" -gt "$1" ]
}

# --- identity (55-identity, 56-identity-exe) ----------------------------------

# cmdline_of PID: /proc/PID/cmdline with NULs as spaces.
cmdline_of() {
	tr '\0' ' ' <"/proc/$1/cmdline"
}

# exe_is PID PATH: /proc/PID/exe is PATH.
exe_is() {
	[ "$(readlink "/proc/$1/exe")" = "$2" ]
}

# stop PID: end a background task and reap it.
stop() {
	kill "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}

# writable FILE: "writable" if FILE opens for writing, else "ETXTBSY"
# (the only refusal root gets on the files the suites try).
writable() {
	if (: >>"$1") 2>/dev/null; then echo writable; else echo ETXTBSY; fi
}

# pgrep_f REGEX: the pids whose cmdline (NULs as spaces) matches, a
# pgrep -f of /proc/*/cmdline (busybox has no pgrep).
pgrep_f() {
	local f p

	for f in /proc/[0-9]*/cmdline; do
		p=${f#/proc/}
		p=${p%/cmdline}
		tr '\0' ' ' <"$f" 2>/dev/null | grep -qE -- "$1" && echo "$p"
	done
}
