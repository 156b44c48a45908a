#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Issue 3, hand-off: x86-64 programs (static, dynamic, busybox, a #!
# script with an x86 interpreter) run translated by the default runtime
# with argv, environment, stdin/stdout and exit status intact.
. "$(dirname "$0")/lib.sh"

t=handoff
translated0=$(stat_get translated)
passed0=$(stat_get passed_over)

# hello_suite KIND PROG: argv, env, stdin, exit status and signals.
hello_suite() {
	local k=$1 p=$2 out rc expected

	out=$("$p" "a b" "" c 2>&1)
	rc=$?
	check_eq "$t/$k-runs" 0 "$rc"
	expected="argc=4
argv[0]=$p
argv[1]=a b
argv[2]=
argv[3]=c
XLATE_TEST_ENV unset"
	check_eq "$t/$k-argv" "$expected" "$out"

	out=$(XLATE_TEST_ENV='x y=z' "$p" 2>&1)
	check_line "$t/$k-env" "XLATE_TEST_ENV=x y=z" "$out"

	out=$(printf 'in-1\nin 2\n' | "$p" cat 2>&1)
	check_eq "$t/$k-stdin-stdout" "in-1
in 2" "$(printf '%s\n' "$out" | tail -n 2)"

	for rc in 0 3 255; do
		"$p" "$rc" >/dev/null 2>&1
		check_eq "$t/$k-exit-$rc" "$rc" "$?"
	done
	"$p" sig 15 >/dev/null 2>&1
	check_eq "$t/$k-signal-term" 143 "$?"
	"$p" sig 9 >/dev/null 2>&1
	check_eq "$t/$k-signal-kill" 137 "$?"
}

hello_suite static "$X86/hello"
hello_suite dynamic "$X86/hello-dyn"

# 64 KiB through a pipe, byte for byte (hello prints 4 lines first).
want=$(seq 1 12000 | md5sum)
got=$(seq 1 12000 | "$X86/hello" cat | tail -n +5 | md5sum)
check_eq "$t/static-stdin-64k" "$want" "$got"

# Many arguments: the hand-off adds the runtime in front of all of them.
# shellcheck disable=SC2046
out=$("$X86/hello" $(seq 1 3000) | head -n 1)
check_eq "$t/static-3000-args" "argc=3001" "$out"

# A relative path reaches the runtime as given and still works.
out=$(cd "$X86" && ./hello rel 2>&1 | sed -n 's/^argv\[0\]=//p')
check_eq "$t/static-relative-path" "./hello" "$out"

# x86-64 busybox: applets and its shell.
check_eq "$t/busybox-echo" "hello-x86" "$(/x86/busybox echo hello-x86 2>&1)"
# shellcheck disable=SC2016 # expanded by the x86 shell
check_eq "$t/busybox-sh" "42" "$(/x86/busybox sh -c 'echo $((6 * 7))' 2>&1)"
/x86/busybox sh -c 'exit 7'
check_eq "$t/busybox-sh-exit" 7 "$?"

# A #! script whose interpreter is x86-64.
d=/tmp/xlate-handoff
mkdir -p "$d"
# shellcheck disable=SC2016 # the script's own $0 and $*
printf '#!/x86/busybox sh\necho "script:$0:$*"\nexit 5\n' >"$d/script"
chmod 0755 "$d/script"
out=$("$d/script" one "two three" 2>&1)
rc=$?
check_eq "$t/x86-script-output" "script:$d/script:one two three" "$out"
check_eq "$t/x86-script-exit" 5 "$rc"
rm -rf "$d"

# Counters.
check_gt "$t/stats-translated" "$(stat_get translated)" "$translated0"
/bin/true
check_gt "$t/stats-passed-over" "$(stat_get passed_over)" "$passed0"
