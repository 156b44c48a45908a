#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Issue 3, hand-off modes: with probe-runtime as the runtime, check the
# argv, auxv and credentials each mode hands over (binfmt_misc's
# default, P, O and C), then the same modes with qemu.
. "$(dirname "$0")/lib.sh"

t=modes
PROBE=$ARM/probe-runtime
HELLO=$X86/hello

# argv_of OUTPUT: the argc/argv lines of probe output.
argv_of() {
	printf '%s\n' "$1" | grep -E '^(argc=|argv\[)'
}

out=$("$PROBE")
check_eq "$t/probe-native-unmarked" "0 0" \
	"$(kv marker_x86 "$out") $(kv marker_translated "$out")"

# The init loaded xlate with runtime=qemu-x86_64-static and no modes:
# qemu's own registration's (P and O, Debian's binfmt.d file).
modes0="$(param_bool preserve_argv0) $(param_bool open_binary) $(param_bool credentials)"
check_eq "$t/qemu-known-modes-at-load" "1 1 0" "$modes0"
# binfmt_misc's default: no flags.
for m in preserve_argv0 open_binary credentials; do
	xl_param "$m" 0 >/dev/null
done

check_eq "$t/set-runtime-probe" ok "$(xl_param runtime "$PROBE")"
check_eq "$t/runtime-reads-back" "$PROBE" "$(cat "$PARAMS/runtime")"

# Default: runtime, full path, argv[1..].
out=$("$HELLO" a "b c" "" 2>&1)
check_eq "$t/default-argv" "argc=5
argv[0]=$PROBE
argv[1]=$HELLO
argv[2]=a
argv[3]=b c
argv[4]=" "$(argv_of "$out")"
check_eq "$t/default-no-preserve-flag" 0 "$(kv preserve_argv0 "$out")"
check_eq "$t/default-no-execfd" none "$(kv execfd "$out")"
check_eq "$t/default-marker" "1 1" \
	"$(kv marker_x86 "$out") $(kv marker_translated "$out")"
check_eq "$t/default-euid" 0 "$(kv euid "$out")"
PROBE_EXIT=9 "$HELLO" >/dev/null 2>&1
check_eq "$t/default-runtime-exit-status" 9 "$?"

# preserve_argv0=1: runtime, full path, original argv[0], argv[1..].
check_eq "$t/set-preserve-argv0" ok "$(xl_param preserve_argv0 1)"
out=$("$ARM/run-as" -0 my-argv0 "$HELLO" a 2>&1)
check_eq "$t/preserve-argv0-argv" "argc=4
argv[0]=$PROBE
argv[1]=$HELLO
argv[2]=my-argv0
argv[3]=a" "$(argv_of "$out")"
check_eq "$t/preserve-argv0-at-flags" 1 "$(kv preserve_argv0 "$out")"
check_eq "$t/preserve-argv0-no-execfd" none "$(kv execfd "$out")"
check_eq "$t/unset-preserve-argv0" ok "$(xl_param preserve_argv0 0)"

# open_binary=1: AT_EXECFD refers to the x86-64 binary.
check_eq "$t/set-open-binary" ok "$(xl_param open_binary 1)"
out=$("$HELLO" a 2>&1)
fd=$(kv execfd "$out")
if [ -n "$fd" ] && [ "$fd" != none ]; then
	pass "$t/open-binary-execfd-present"
else
	fail "$t/open-binary-execfd-present" "execfd=$fd"
fi
check_eq "$t/open-binary-execfd-inode" "$(stat -c %i "$HELLO")" \
	"$(kv execfd_ino "$out")"
check_eq "$t/open-binary-execfd-elf" "7f454c46 62" \
	"$(kv execfd_magic "$out") $(kv execfd_machine "$out")"
check_eq "$t/open-binary-argv" "argc=3
argv[0]=$PROBE
argv[1]=$HELLO
argv[2]=a" "$(argv_of "$out")"
check_eq "$t/unset-open-binary" ok "$(xl_param open_binary 0)"

# credentials: a set-id x86-64 binary run by uid 1000.
d=/tmp/xlate-modes
mkdir -p "$d/suid" "$d/nosuid"
chmod 0755 "$d"
mount -t tmpfs -o mode=0755 xlate-suid "$d/suid"
mount -t tmpfs -o mode=0755,nosuid xlate-nosuid "$d/nosuid"
for m in suid nosuid; do
	cp "$HELLO" "$d/$m/setuid"
	cp "$HELLO" "$d/$m/setgid"
	chown 0:0 "$d/$m/setuid" "$d/$m/setgid"
	chmod 4755 "$d/$m/setuid"
	chmod 2755 "$d/$m/setgid"
done
as_user() {
	"$ARM/run-as" -u 1000 -g 1000 "$@" 2>&1
}

out=$(as_user "$d/suid/setuid")
check_eq "$t/no-credentials-setuid-ignored" "1000 1000" \
	"$(kv uid "$out") $(kv euid "$out")"

check_eq "$t/set-credentials" ok "$(xl_param credentials 1)"
out=$(as_user "$d/suid/setuid")
check_eq "$t/credentials-setuid-euid" "1000 0" \
	"$(kv uid "$out") $(kv euid "$out")"
capeff=$(kv capeff "$out")
if [ -n "$capeff" ] && [ "$capeff" != 0000000000000000 ] &&
	[ "$capeff" != unknown ]; then
	pass "$t/credentials-setuid-root-caps"
else
	fail "$t/credentials-setuid-root-caps" "CapEff '$capeff'"
fi
fd=$(kv execfd "$out")
if [ -n "$fd" ] && [ "$fd" != none ]; then
	pass "$t/credentials-implies-execfd"
else
	fail "$t/credentials-implies-execfd" "execfd=$fd"
fi
out=$(as_user "$d/suid/setgid")
check_eq "$t/credentials-setgid-egid" "1000 0" \
	"$(kv gid "$out") $(kv egid "$out")"
out=$(as_user "$d/nosuid/setuid")
check_eq "$t/credentials-nosuid-mount" "1000 1000" \
	"$(kv uid "$out") $(kv euid "$out")"
out=$(as_user "$HELLO")
check_eq "$t/credentials-plain-binary" "1000 1000" \
	"$(kv uid "$out") $(kv euid "$out")"
check_eq "$t/unset-credentials" ok "$(xl_param credentials 0)"
out=$(as_user "$d/suid/setuid")
check_eq "$t/credentials-off-again" "1000 1000" \
	"$(kv uid "$out") $(kv euid "$out")"

# The same modes with qemu: it must honour P and O as it does under
# binfmt_misc.
check_eq "$t/set-runtime-qemu" ok "$(xl_param runtime "$QEMU_RUNTIME")"
xl_param preserve_argv0 1 >/dev/null
out=$("$ARM/run-as" -0 my-argv0 "$HELLO" a 2>&1)
check_eq "$t/qemu-preserve-argv0" "argc=2
argv[0]=my-argv0
argv[1]=a" "$(argv_of "$out")"
# x86 busybox's shell runs its applets by exec'ing itself with the applet
# name as argv[0]: that needs P (without it busybox sees its own path).
check_eq "$t/qemu-preserve-argv0-busybox-applet" "slept" \
	"$(/x86/busybox sh -c 'sleep 0 && echo slept' 2>&1)"
xl_param preserve_argv0 0 >/dev/null
xl_param open_binary 1 >/dev/null
out=$("$HELLO" a 2>&1)
check_eq "$t/qemu-open-binary" "argc=2
argv[0]=$HELLO
argv[1]=a" "$(argv_of "$out")"
xl_param credentials 1 >/dev/null
out=$(as_user "$d/suid/setuid" 4)
check_eq "$t/qemu-credentials-setuid-runs" "argc=2
argv[0]=$d/suid/setuid
argv[1]=4" "$(argv_of "$out")"

umount "$d/suid" "$d/nosuid"
rm -rf "$d"

# Back to the state the suite started in; hello works again.
xl_restore
check_eq "$t/restored-runtime" "$QEMU_RUNTIME" "$(cat "$PARAMS/runtime")"
check_eq "$t/restored-modes" "$modes0" "$(param_bool preserve_argv0) \
$(param_bool open_binary) $(param_bool credentials)"
check_eq "$t/restored-hello-runs" "exit=7" "$(exec_result "$HELLO")"
