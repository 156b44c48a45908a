#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Issue 7, bad input: malformed x86-64 executables, malformed runtimes,
# hostile runtime paths, bad switch and cpuinfo writes, huge values.
# Each case checks the errno (and that nothing changed); the log checks
# at the end make sure rejections are logged, ratelimited and escaped.
# Documentation/bad-input.rst lists every case with its test name.
. "$(dirname "$0")/lib.sh"

t=bad-input
HELLO=$X86/hello
PROBE=$ARM/probe-runtime
d=/tmp/xlate-bad
mkdir -p "$d/x86" "$d/arm" "$d/noexec"
chmod 0755 "$d"
mount -t tmpfs -o mode=0755,noexec xlate-bad-noexec "$d/noexec"

# bigw FILE SIZE PATTERN: big-write's answer ("ok N" or the errno).
bigw() {
	"$ARM/big-write" "$@" 2>&1
}

# --- malformed x86-64 executables ----------------------------------------
# elf NAME EXPECTED: exec $d/x86/NAME from a native caller; EXPECTED is
# the outcome and whether xlate handed it to the runtime ("t+1") or
# passed it over ("t+0").
elf() {
	local n0 r

	n0=$(stat_get translated)
	r=$("$ARM/execve-variants" "$d/x86/$1" absolute 2>/dev/null |
		sed 's/^absolute //')
	check_eq "$t/elf-$1" "$2" "$r t+$(($(stat_get translated) - n0))"
}

if "$ARM/bad-elf" "$HELLO" "$d/x86" >"$d/x86.list"; then
	pass "$t/elf-generate"
else
	fail "$t/elf-generate" "bad-elf $HELLO failed"
fi
# The line in force (qemu's, from runtime= at load) decides, as
# binfmt_misc's check_file() (27-binfmt-diff.sh compares the two on a
# corpus).  These it does not match: no x86-64 ELF magic, EI_CLASS or
# e_machine, or EI_DATA, e_type or EI_OSABI outside its mask.  xlate
# passes them over, the kernel's other handlers refuse them too, so the
# exec fails with ENOEXEC and nothing runs.
for n in empty magic-only class32 big-endian et-none et-rel et-core \
	machine-i386 machine-none osabi-freebsd garbage; do
	elf "$n" "errno=ENOEXEC t+0"
done
# These it matches: handed over, as binfmt_misc would; the runtime finds
# the rest broken.  qemu 7.2 exits 255 with its reason on stderr
# ("Invalid ELF image for this architecture" and the like), 1 for a
# file shorter than an ELF header, and crashes on a cut-off program
# header table: that is qemu's answer, the kernel's part ends at the
# hand-off.
elf short-63 "exit=1 t+1"
for n in header-only bad-version phentsize-32 phnum-zero phnum-huge \
	phoff-past-eof; do
	elf "$n" "exit=255 t+1"
done
elf truncated-phdr "signal=11 t+1"
# Not executable, on a noexec mount: the kernel refuses before any
# binfmt handler is asked.
cp "$HELLO" "$d/x86/mode-0644"
chmod 0644 "$d/x86/mode-0644"
elf mode-0644 "errno=EACCES t+0"
cp "$HELLO" "$d/noexec/hello"
chmod 0755 "$d/noexec/hello"
n0=$(stat_get translated)
r=$("$ARM/execve-variants" "$d/noexec/hello" absolute | sed 's/^absolute //')
check_eq "$t/elf-noexec-mount" "errno=EACCES t+0" \
	"$r t+$(($(stat_get translated) - n0))"
# Open for writing by someone: the kernel refuses the exec itself.
cp "$HELLO" "$d/x86/open-for-write"
chmod 0755 "$d/x86/open-for-write"
(
	exec 5>>"$d/x86/open-for-write"
	sleep 10
) &
writer=$!
if wait_until 5 test -e "/proc/$writer/fd/5"; then
	elf open-for-write "errno=ETXTBSY t+0"
else
	fail "$t/elf-open-for-write" "the writer never opened the file"
fi
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
check_eq "$t/elf-after-all-hello-runs" "exit=7" "$(exec_result "$HELLO")"

# --- malformed runtimes --------------------------------------------------
# The same damage done to an arm64 program, offered as the runtime.
# rt NAME WRITE-RESULT [EXEC-RESULT]: the write's errno; when it is
# accepted, what an x86-64 exec then gives, and back to qemu.
rt() {
	check_eq "$t/runtime-elf-$1" "$2" "$(xl_param runtime "$d/arm/$1")"
	if [ "$2" = ok ]; then
		check_eq "$t/runtime-elf-$1-exec" "$3" "$(exec_result "$HELLO")"
		xl_param runtime "$QEMU_RUNTIME" >/dev/null
	fi
	check_eq "$t/runtime-elf-$1-kept" "$QEMU_RUNTIME" \
		"$(cat "$PARAMS/runtime")"
}

if "$ARM/bad-elf" "$PROBE" "$d/arm" >"$d/arm.list"; then
	pass "$t/runtime-elf-generate"
else
	fail "$t/runtime-elf-generate" "bad-elf $PROBE failed"
fi
for n in empty magic-only short-63 class32 big-endian bad-version \
	et-none et-rel et-core machine-i386 machine-none phentsize-32 \
	phnum-zero garbage; do
	rt "$n" ENOEXEC
done
# Only the ELF header is checked when the runtime is set: damage past
# it is found by the kernel's ELF loader at each exec.
rt header-only ok "errno=ENOEXEC"
rt truncated-phdr ok "errno=ENOEXEC"
rt phnum-huge ok "errno=ENOEXEC"
rt phoff-past-eof ok "errno=ENOEXEC"
rt osabi-freebsd ok "exit=0"

# --- hostile runtime paths (30-config.sh has the others) -----------------
# hostile NAME ERRNO VALUE: sysfs-write VALUE is rejected with ERRNO.
hostile() {
	check_eq "$t/runtime-$1" "$2" "$(timeout 20 "$ARM/sysfs-write" \
		"$PARAMS/runtime" "$3")"
	check_eq "$t/runtime-$1-kept" "$QEMU_RUNTIME" "$(cat "$PARAMS/runtime")"
}

hostile newline EINVAL "$(printf '/usr/bin/qemu\nx')"
hostile escape EINVAL "$(printf '/tmp/\033[2Jx')"
hostile del-char EINVAL "$(printf '/tmp/a\177b')"
hostile trailing-slash ENOTDIR "$QEMU_RUNTIME/"
hostile root-dir EACCES /
mkfifo "$d/fifo"
hostile fifo EACCES "$d/fifo"
hostile char-device EACCES /dev/null
cp "$PROBE" "$d/user-owned"
chown 1000:1000 "$d/user-owned"
ln -s "$d/user-owned" "$d/link-to-user-owned"
hostile symlink-to-user-owned EPERM "$d/link-to-user-owned"
cp "$PROBE" "$d/setuid"
chmod 4755 "$d/setuid"
hostile setuid EPERM "$d/setuid"
cp "$PROBE" "$d/setgid"
chmod 2755 "$d/setgid"
hostile setgid EPERM "$d/setgid"
long=$(awk 'BEGIN { s = ""; while (length(s) < 4094) s = s "/x"; print s "y" }')
hostile 4095-bytes ENOENT "$long"
check_eq "$t/runtime-1mib" ENAMETOOLONG \
	"$(bigw "$PARAMS/runtime" 1048576 /x)"
check_eq "$t/runtime-1mib-kept" "$QEMU_RUNTIME" "$(cat "$PARAMS/runtime")"

# A NUL ends a module parameter's value (kernel/params.c passes no
# length): the part before it is what is set, and reads back.
cp "$PROBE" "$d/good"
chmod 0755 "$d/good"
check_eq "$t/runtime-embedded-nul" "ok 25" \
	"$(bigw "$PARAMS/runtime" 25 "$d/good\\x00/evil")"
check_eq "$t/runtime-embedded-nul-reads-back" "$d/good" \
	"$(cat "$PARAMS/runtime")"
xl_param runtime "$QEMU_RUNTIME" >/dev/null

# The runtime file is pinned when it is set: replacing what the path
# names afterwards changes nothing.
cp "$PROBE" "$d/pinned"
chmod 0755 "$d/pinned"
ln -s "$d/pinned" "$d/pin-link"
check_eq "$t/runtime-pin-set" ok "$(xl_param runtime "$d/pin-link")"
cp "$ARM/hello" "$d/other"
chmod 0755 "$d/other"
ln -sfn "$d/other" "$d/pin-link"
check_line "$t/runtime-pinned-symlink-swap" marker_x86=1 "$("$HELLO" 2>&1)"
rm -f "$d/pinned"
cp "$ARM/hello" "$d/pinned"
check_line "$t/runtime-pinned-file-replaced" marker_x86=1 "$("$HELLO" 2>&1)"
xl_param runtime "$QEMU_RUNTIME" >/dev/null

# --- bad switch writes (cmdline and exe also take auto) -------------------
for s in enabled preserve_argv0 open_binary credentials cmdline exe; do
	before=$(cat "$PARAMS/$s")
	for v in 2 -1 0x1 "yes please" "o n" ""; do
		tag=$(printf '%s' "$v" | tr -c 'a-z0-9-' _)
		check_eq "$t/switch-$s-value-${tag:-empty}" EINVAL \
			"$("$ARM/sysfs-write" "$PARAMS/$s" "$v")"
	done
	check_eq "$t/switch-$s-two-newlines" EINVAL \
		"$(bigw "$PARAMS/$s" 3 '1\n\n')"
	check_eq "$t/switch-$s-nul-first" EINVAL \
		"$(bigw "$PARAMS/$s" 2 '\x001')"
	check_eq "$t/switch-$s-1mib" EINVAL "$(bigw "$PARAMS/$s" 1048576 1)"
	check_eq "$t/switch-$s-kept" "$before" "$(cat "$PARAMS/$s")"
done

# --- bad cpuinfo profile writes ------------------------------------------
profile() {
	local f

	for f in "$CPUINFO_DIR"/*; do
		[ "${f##*/}" = reset ] && continue
		printf '%s=%s\n' "${f##*/}" "$(cat "$f")"
	done
}
before=$(profile)

# cw NAME FIELD ERRNO SIZE PATTERN: the write of big-write's bytes fails.
cw() {
	check_eq "$t/cpuinfo-$1" "$3" "$(bigw "$CPUINFO_DIR/$2" "$4" "$5")"
}
cw vendor-13-chars vendor_id E2BIG 13 GenuineIntelX
cw vendor-tab vendor_id EINVAL 13 'Genuine\tIntel'
cw vendor-non-ascii vendor_id EINVAL 2 '\xc3\xa9'
cw vendor-nul vendor_id EINVAL 7 'Gen\x00uin'
cw vendor-two-newlines vendor_id EINVAL 7 'Intel\n\n'
cw vendor-escape vendor_id EINVAL 5 '\x1b[2J'
cw model-name-49-chars model_name E2BIG 49 x
cw model-name-4001-bytes model_name E2BIG 4001 x
cw model-name-1mib model_name E2BIG 1048576 x
cw model-name-newline-inside model_name EINVAL 6 'ab\ncd\n'
for f in cpu_family model stepping microcode cpu_mhz cache_size \
	cpuid_level bogomips clflush_size cache_alignment phys_bits virt_bits; do
	cw "$f-2-pow-64" "$f" EINVAL 20 18446744073709551616
	cw "$f-negative" "$f" EINVAL 2 -1
	cw "$f-empty" "$f" EINVAL 1 '\n'
	cw "$f-1mib" "$f" E2BIG 1048576 9
done
cw cpu-family-256 cpu_family EINVAL 3 256
cw cpu-family-space cpu_family EINVAL 2 ' 6'
cw cpu-family-hex cpu_family EINVAL 3 0x6
cw model-256 model EINVAL 3 256
cw stepping-16 stepping EINVAL 2 16
cw microcode-33-bits microcode EINVAL 11 0x100000000
cw microcode-bare-0x microcode EINVAL 2 0x
cw microcode-bad-digit microcode EINVAL 3 0xg
cw cpu-mhz-over-max cpu_mhz EINVAL 7 1000001
cw cpu-mhz-4-decimals cpu_mhz EINVAL 9 2000.1234
cw cpu-mhz-exponent cpu_mhz EINVAL 3 1e3
cw cpu-mhz-trailing-dot cpu_mhz EINVAL 5 2000.
cw cache-size-2-pow-31 cache_size EINVAL 10 2147483648
cw cpuid-level-2-pow-32 cpuid_level EINVAL 10 4294967296
cw bogomips-over-max bogomips EINVAL 8 10000001
cw bogomips-3-decimals bogomips EINVAL 5 1.234
cw clflush-size-not-8n clflush_size EINVAL 2 12
cw clflush-size-2048 clflush_size EINVAL 4 2048
cw cache-alignment-4104 cache_alignment EINVAL 4 4104
cw phys-bits-31 phys_bits EINVAL 2 31
cw phys-bits-53 phys_bits EINVAL 2 53
cw virt-bits-58 virt_bits EINVAL 2 58
cw flags-unknown flags EINVAL 8 notaflag
cw flags-repeated flags EINVAL 7 'sse sse'
cw flags-tab flags EINVAL 8 'sse\tsse2'
cw flags-40-char-name flags EINVAL 40 a
cw flags-1mib flags E2BIG 1048576 'sse '
cw bugs-unknown bugs EINVAL 7 notabug
cw bugs-1mib bugs E2BIG 1048576 'swapgs '
cw reset-2 reset EINVAL 1 2
cw reset-empty reset EINVAL 1 '\n'
cw reset-1mib reset EINVAL 1048576 1
# profile: several fields in one write, all or none (cpuinfo.rst)
cw profile-unknown-name profile ENOENT 8 'nosuch=1'
cw profile-repeated profile EINVAL 15 'model=1\nmodel=2'
cw profile-bad-second-line profile EINVAL 19 'model=1\nstepping=16'
cw profile-empty-line profile EINVAL 16 'model=1\n\nmodel=2'
cw profile-no-equals profile EINVAL 5 model
cw profile-nul profile EINVAL 8 'model=1\x00'
cw profile-tab profile EINVAL 12 'model_name=\t'
cw profile-1mib profile EINVAL 1048576 x
cw profile-vendor-13-chars profile E2BIG 23 'vendor_id=GenuineIntelX'
cw profile-other-runtime profile ESTALE 28 'runtime=/nonexistent\nmodel=1'
check_eq "$t/cpuinfo-profile-unchanged" "$before" "$(profile)"

# --- what is logged ------------------------------------------------------
# logged NAME NEEDLE CMD...: the rejected write CMD logs a line holding
# NEEDLE.  Rejections are ratelimited (10 per 5 s per message): when the
# first try was swallowed, wait for the next interval and try again.
logged() {
	local name=$1 needle=$2 n0

	shift 2
	n0=$(dmesg_count "$needle")
	"$@" >/dev/null 2>&1
	if [ "$(dmesg_count "$needle")" -le "$n0" ]; then
		sleep 6
		"$@" >/dev/null 2>&1
	fi
	if [ "$(dmesg_count "$needle")" -gt "$n0" ]; then
		pass "$name"
	else
		fail "$name" "no dmesg line with '$needle': $(dmesg | grep xlate | tail -n 2)"
	fi
}

logged "$t/log-runtime-syntax" 'rejected: not an absolute path' \
	"$ARM/sysfs-write" "$PARAMS/runtime" rel/path
logged "$t/log-runtime-open" "runtime $d/setuid rejected: set-user-ID" \
	"$ARM/sysfs-write" "$PARAMS/runtime" "$d/setuid"
logged "$t/log-runtime-not-elf" 'rejected: not an ELF executable for this machine (-8)' \
	"$ARM/sysfs-write" "$PARAMS/runtime" "$d/arm/et-rel"
logged "$t/log-switch" 'enabled: "2\n" is not a boolean' \
	"$ARM/sysfs-write" "$PARAMS/enabled" 2
logged "$t/log-cpuinfo-invalid" 'cpuinfo: stepping not changed: invalid value' \
	"$ARM/sysfs-write" "$CPUINFO_DIR/stepping" 16
logged "$t/log-cpuinfo-too-long" 'cpuinfo: vendor_id not changed: value too long' \
	"$ARM/sysfs-write" "$CPUINFO_DIR/vendor_id" GenuineIntelX
logged "$t/log-cpuinfo-reset" 'cpuinfo: reset not done: write 1' \
	"$ARM/sysfs-write" "$CPUINFO_DIR/reset" 2
logged "$t/log-cpuinfo-profile-line" 'cpuinfo: profile not changed: line 2: invalid value' \
	"$ARM/big-write" "$CPUINFO_DIR/profile" 19 'model=1\nstepping=16'
logged "$t/log-cpuinfo-profile-stale" 'cpuinfo: profile not changed: written for runtime "/nonexistent"' \
	"$ARM/big-write" "$CPUINFO_DIR/profile" 28 'runtime=/nonexistent\nmodel=1'

# flood NAME NEEDLE [RUN-AS-OPTION] FILE VALUE: 100 rejected writes of
# VALUE to FILE (one process) log fewer than 100 lines.
flood() {
	local name=$1 needle=$2 n0 n

	shift 2
	n0=$(dmesg_count "$needle")
	if [ "$1" = -S ]; then
		"$ARM/run-as" -S "$ARM/big-write" -r 100 "$2" "${#3}" "$3" >/dev/null
	else
		"$ARM/big-write" -r 100 "$1" "${#2}" "$2" >/dev/null
	fi
	n=$(($(dmesg_count "$needle") - n0))
	if [ "$n" -gt 0 ] && [ "$n" -lt 100 ]; then
		pass "$name"
	else
		fail "$name" "$n lines for 100 rejected writes"
	fi
}
# A fresh ratelimit interval, so that each flood logs some lines.
sleep 6
flood "$t/log-ratelimited-runtime" 'rejected: not an absolute path' \
	"$PARAMS/runtime" rel/path
flood "$t/log-ratelimited-switch" 'is not a boolean' "$PARAMS/enabled" 2
flood "$t/log-ratelimited-cpuinfo" 'cpuinfo: stepping not changed' \
	"$CPUINFO_DIR/stepping" 16
flood "$t/log-ratelimited-eperm" 'needs CAP_SYS_ADMIN' -S "$PARAMS/enabled" 1

# Control characters in logged values are escaped: no raw ESC reaches
# the log and a newline cannot start a forged line.
esc=$(printf '\033')
forged() {
	dmesg | grep -cE "^(\[[^]]*\] )?FORGED-$1"
}
sleep 6
check_eq "$t/log-escaped-runtime-value" EINVAL "$("$ARM/sysfs-write" \
	"$PARAMS/runtime" "$(printf '/tmp/\033[2Jx\nFORGED-RT')")"
check_contains "$t/log-escaped-runtime-value-logged" '\e[2Jx\nFORGED-RT' \
	"$(dmesg | grep -F 'FORGED-RT')"
check_eq "$t/log-no-forged-runtime-line" 0 "$(forged RT)"
check_eq "$t/log-escaped-switch-value" EINVAL "$("$ARM/sysfs-write" \
	"$PARAMS/enabled" "$(printf '\033[2J\nFORGED-SW')")"
check_eq "$t/log-no-forged-switch-line" 0 "$(forged SW)"
# The path of a refused x86-64 exec (no runtime set) is the caller's.
hostile_name=$(printf '%s/x86/evil\033[2J\nFORGED-EXEC' "$d")
cp "$HELLO" "$hostile_name"
chmod 0755 "$hostile_name"
check_eq "$t/log-escaped-exec-path-no-runtime" ok "$(xl_param runtime "")"
check_eq "$t/log-escaped-exec-path-refused" "errno=ENOEXEC" \
	"$(exec_result "$hostile_name")"
xl_param runtime "$QEMU_RUNTIME" >/dev/null
check_contains "$t/log-escaped-exec-path-logged" '\nFORGED-EXEC' \
	"$(dmesg | grep -F 'FORGED-EXEC')"
check_eq "$t/log-no-forged-exec-line" 0 "$(forged EXEC)"
check_eq "$t/log-no-raw-escape" 0 "$(dmesg | grep -cF "$esc")"

umount "$d/noexec"
rm -rf "$d"
xl_restore
check_eq "$t/restored-runtime" "$QEMU_RUNTIME" "$(cat "$PARAMS/runtime")"
check_eq "$t/restored-hello-runs" "exit=7" "$(exec_result "$HELLO")"
