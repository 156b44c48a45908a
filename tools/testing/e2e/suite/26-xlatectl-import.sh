#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Issue 14, xlatectl import against the loaded module: a binfmt.d file
# with Debian's qemu-x86_64 line sets the runtime and its modes in one
# write, --dry-run writes nothing, a malformed file changes nothing, and
# status names the source; an i386 line (qemu-i386's) configures
# runtime32, alone or next to the x86-64 one.  Ends with the
# configurations it found.
. "$(dirname "$0")/lib.sh"

t=import
CTL=/usr/sbin/xlatectl
CFG=/sys/kernel/xlate/config
CFG32=/sys/kernel/xlate/config32
d=/tmp/xlate-import
HELLO=$X86/hello
MAGIC='\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00'
MASK='\xff\xff\xff\xff\xff\xfe\xfe\xfc\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'

# body TEXT: a config line without its name (who set it).
body() {
	printf '%s' "$1" | cut -d: -f3-
}

rm -rf "$d"
mkdir -p "$d"
cfg0=$(cat "$CFG")
# Debian's line, with the interpreter the VM has (the -binfmt-P link is
# not in the initramfs).
printf '# qemu-user-static 7.2, /usr/lib/binfmt.d/qemu-x86_64.conf\n:qemu-x86_64:M::%s:%s:%s:OPF\n' \
	"$MAGIC" "$MASK" "$QEMU_RUNTIME" >"$d/qemu-x86_64.conf"
printf ':bad:E::exe::%s:\n' "$QEMU_RUNTIME" >"$d/bad.conf"

# Start from the same runtime without flags, so the import shows.
plain=":e2e-plain:M::$MAGIC:$MASK:$QEMU_RUNTIME:F"
check_eq "$t/set-plain" ok "$(xl_set "$CFG" "$plain")"

out=$("$CTL" import --dry-run "$d/qemu-x86_64.conf" 2>/dev/null)
check_eq "$t/dry-run-exit" 0 "$?"
check_contains "$t/dry-run-prints-line" ":qemu-x86_64:M:" "$out"
check_eq "$t/dry-run-writes-nothing" "e2e-plain" "$(cut -d: -f2 "$CFG")"

out=$("$CTL" import "$d/qemu-x86_64.conf" 2>&1)
check_eq "$t/import-exit" 0 "$?"
check_contains "$t/import-says" "configured from $d/qemu-x86_64.conf" "$out"
now=$(cat "$CFG")
# config reads back the line imported, as the file has it.
check_eq "$t/import-config" "config $(grep -v '^#' "$d/qemu-x86_64.conf")" \
	"$(cat "${CFG}_source") $now"
check_eq "$t/import-parameters" "$QEMU_RUNTIME 1 1 0" \
	"$(cat "$PARAMS/runtime") $(param_bool preserve_argv0) $(param_bool open_binary) $(param_bool credentials)"
check_contains "$t/status-source" "qemu-x86_64" \
	"$("$CTL" status 2>&1 | grep 'source:')"
check_eq "$t/import-hello-runs" "exit=7" "$(exec_result "$HELLO")"

out=$("$CTL" import "$d/bad.conf" 2>&1)
check_eq "$t/malformed-exit" 1 "$?"
check_contains "$t/malformed-names-file" "$d/bad.conf" "$out"
check_eq "$t/malformed-changes-nothing" "$now" "$(cat "$CFG")"

# --- i386: runtime32 ---------------------------------------------------------
QEMU32=/usr/bin/qemu-i386-static
MAGIC32='\x7f\x45\x4c\x46\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x03\x00'
cfg32=$(cat "$CFG32")
printf ':qemu-i386:M::%s:%s:%s:OCF\n' "$MAGIC32" "$MASK" "$QEMU32" >"$d/qemu-i386.conf"
out=$("$CTL" import "$d/qemu-i386.conf" 2>&1)
check_eq "$t/i386-import-exit" 0 "$?"
check_contains "$t/i386-import-says" "configured runtime32 from $d/qemu-i386.conf: runtime $QEMU32, modes O C" "$out"
check_eq "$t/i386-config32" "qemu-i386 $QEMU32 OCF" \
	"$(cut -d: -f2 "$CFG32") $(cut -d: -f7 "$CFG32") $(cut -d: -f8 "$CFG32")"
check_eq "$t/i386-x86_64-untouched" "$now" "$(cat "$CFG")"
check_eq "$t/i386-busybox-runs" "i386 ok" "$(/i386/busybox echo i386 ok 2>&1)"
# Both ABIs from one file: x86-64's flags back to P, i386's to P O.
{
	printf ':both-64:M::%s:%s:%s:PF\n' "$MAGIC" "$MASK" "$QEMU_RUNTIME"
	printf ':both-32:M::%s:%s:%s:POF\n' "$MAGIC32" "$MASK" "$QEMU32"
} >"$d/both.conf"
out=$("$CTL" import "$d/both.conf" 2>&1)
check_eq "$t/both-import-exit" 0 "$?"
check_eq "$t/both-names" "both-64 both-32" \
	"$(cut -d: -f2 "$CFG") $(cut -d: -f2 "$CFG32")"
check_eq "$t/both-flags" "PF POF" \
	"$(cut -d: -f8 "$CFG") $(cut -d: -f8 "$CFG32")"
check_eq "$t/i386-restore" ok "$("$ARM/sysfs-write" "$CFG" "$cfg32")"
check_eq "$t/i386-restored" "$(body "$cfg32")" "$(body "$(cat "$CFG32")")"

xl_restore
check_eq "$t/restored-config" "$(body "$cfg0")" "$(body "$(cat "$CFG")")"
check_eq "$t/restored-hello-runs" "exit=7" "$(exec_result "$HELLO")"
rm -rf "$d"
