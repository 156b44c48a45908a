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

# The VM has box64 and qemu-x86_64-static: box64 comes first in the
# list (a static glibc program loses its exit status under box64,
# Documentation/runtimes.rst, so the dynamic one is run).
reload
check_eq "$t/autodetect-runtime" "$BOX64_RUNTIME" "$(cat "$PARAMS/runtime")"
check_gt "$t/autodetect-logged" \
	"$(dmesg_count "found runtime \"$BOX64_RUNTIME\"")" 0
check_eq "$t/autodetect-translates" "exit=7" "$(exec_result "$X86/hello-dyn")"

# The list's order: copies of qemu-x86_64-static under the names of the
# runtimes ahead of it, on a tmpfs over /usr/bin; each load takes the
# first name present.  FEX is FEX's newer name for FEXInterpreter.
cp "$QEMU_RUNTIME" /tmp/xlate-rt-copy
for names in "FEX FEXInterpreter box64 qemu-x86_64-static" \
	"FEXInterpreter box64 qemu-x86_64-static" "box64 qemu-x86_64-static"; do
	first=${names%% *}
	rmmod xlate || fail "$t/rmmod" "rmmod xlate failed"
	mount -t tmpfs -o mode=0755 none /usr/bin
	for n in $names; do
		cp /tmp/xlate-rt-copy "/usr/bin/$n"
	done
	modprobe xlate
	got=$(cat "$PARAMS/runtime")
	res=$(exec_result "$HELLO")
	# The configured runtime pins its file system until unload.
	rmmod xlate || fail "$t/rmmod" "rmmod xlate failed"
	umount /usr/bin
	modprobe xlate runtime="$QEMU_RUNTIME"
	check_eq "$t/autodetect-order-$first" "/usr/bin/$first" "$got"
	check_eq "$t/autodetect-order-$first-translates" "exit=7" "$res"
done
rm -f /tmp/xlate-rt-copy

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
	"$(dmesg_count "runtime \"/nonexistent/runtime\" not available yet (-2)")" 0

reload runtime="$QEMU_RUNTIME"
check_eq "$t/restored-runtime" "$QEMU_RUNTIME" "$(cat "$PARAMS/runtime")"
check_eq "$t/restored-translates" "exit=7" "$(exec_result "$HELLO")"
