#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Load-time configuration (runs after 90-rmmod): with no runtime= the
# module finds the runtime in its documented list and logs its choice;
# with none present it loads, translates nothing, and an x86-64 exec
# fails with ENOEXEC and a log line naming the fix; a runtime= that
# fails validation does not keep it from loading.  Ends with the module
# loaded as the init loads it.
. "$(dirname "$0")/lib.sh"

t=load
HELLO=$X86/hello

# reload ARGS...: unload (nothing may hold it now) and load with ARGS.
reload() {
	rmmod xlate || fail "$t/rmmod" "rmmod xlate failed"
	modprobe xlate "$@"
}

reload
check_eq "$t/autodetect-runtime" "$QEMU_RUNTIME" "$(cat "$PARAMS/runtime")"
check_gt "$t/autodetect-logged" \
	"$(dmesg_count "found runtime \"$QEMU_RUNTIME\"")" 0
check_eq "$t/autodetect-translates" "exit=7" "$(exec_result "$HELLO")"

# Hide the only runtime of the list that the VM has.
before=$(dmesg_count "no runtime found")
fixes=$(dmesg_count "x86-64 executable refused: no runtime set")
rmmod xlate || fail "$t/rmmod" "rmmod xlate failed"
mount -t tmpfs none /usr/bin
modprobe xlate
rc=$?
umount /usr/bin
check_eq "$t/none-found-loads" 0 "$rc"
check_eq "$t/none-found-runtime-empty" "" "$(cat "$PARAMS/runtime")"
check_gt "$t/none-found-logged" "$(dmesg_count "no runtime found")" "$before"
check_eq "$t/none-found-enoexec" "errno=ENOEXEC" "$(exec_result "$HELLO")"
check_gt "$t/none-found-names-fix" \
	"$(dmesg_count "x86-64 executable refused: no runtime set")" "$fixes"

reload runtime=/nonexistent/runtime
check_eq "$t/bad-runtime-loads" 0 "$?"
check_eq "$t/bad-runtime-empty" "" "$(cat "$PARAMS/runtime")"
check_gt "$t/bad-runtime-logged" \
	"$(dmesg_count "runtime /nonexistent/runtime rejected: no such file")" 0

reload runtime="$QEMU_RUNTIME"
check_eq "$t/restored-runtime" "$QEMU_RUNTIME" "$(cat "$PARAMS/runtime")"
check_eq "$t/restored-translates" "exit=7" "$(exec_result "$HELLO")"
