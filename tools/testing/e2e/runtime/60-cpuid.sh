#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Issue 25: one x86 CPU.  Under one real runtime ($XLATE_RUNTIME: qemu7,
# qemu10, qemu11, box64 or box64sid; e2e/runtime.sh sets it), the x86-64
# program cpuid-check executes CPUID and compares it field by field with
# the /proc/cpuinfo it reads (vendor, family, model, stepping, model
# name, cpuid level, address sizes, every flag the kernel names for a
# CPUID bit; e2e/progs/cpuid-check.c), after each way the configuration
# is normally made:
#   boot         the init loaded xlate with the runtime (modprobe.d
#                options, as modules-load does); before anything syncs,
#                the conservative default is in effect; then what the
#                packaged xlate-cpuinfo-sync.service runs (its
#                ExecCondition and ExecStart, read from the unit file)
#   import-auto  xlatectl import --auto, with the runtime's package's own
#                binfmt.d files (/xlate/binfmt.d/<runtime>/) installed
#                where the package puts them
#   set-runtime  xlatectl set runtime
# and checks that no configuration change leaves the profile of the
# runtime before it: the runtime changed behind xlatectl's back (a write
# to the parameter) brings the default back at once, and a profile
# written for another runtime is refused.  Then the whole x86 view of the
# same runtime: x86 lscpu and glibc's hwcaps level (ld.so --help; box64
# runs no x86 ld.so, asserted as its limit) against CPUID; and a
# per-process CPU (QEMU_CPU=Nehalem, BOX64_AVX=0): what the process sees,
# and that a sync with the same setting follows it.
. "$(dirname "$0")/lib.sh"

rt=${XLATE_RUNTIME:-qemu7}
t=cpuid
CTL=/usr/sbin/xlatectl
# static where it can be (no loader to run under TCG); box64 loses a
# static glibc program's output to a pipe and its exit status
CHECK=$X86/cpuid-check
case $rt in box64*) CHECK=$X86/cpuid-check-dyn ;; esac
UNIT=/xlate/xlate-cpuinfo-sync.service
BF=/xlate/binfmt.d/$rt
QEMU11_RUNTIME=/opt/qemu11/qemu-x86_64
export BOX64_NOBANNER=1 BOX64_LOG=0
# import --auto may set runtime32 too (sid's box64 registers box32)
r32=$(cat "$PARAMS/runtime32")

# RT: the runtime of this run; OTHER: a second one, for the changes;
# CPU_ENV: the runtime's own per-process CPU setting.
case $rt in
qemu7) RT=$QEMU_RUNTIME OTHER=$QEMU10_RUNTIME CPU_ENV=QEMU_CPU=Nehalem ;;
qemu10) RT=$QEMU10_RUNTIME OTHER=$QEMU_RUNTIME CPU_ENV=QEMU_CPU=Nehalem ;;
qemu11) RT=$QEMU11_RUNTIME OTHER=$QEMU_RUNTIME CPU_ENV=QEMU_CPU=Nehalem ;;
box64 | box64sid) RT=$BOX64_RUNTIME OTHER=$QEMU_RUNTIME CPU_ENV=BOX64_AVX=0 ;;
*)
	fail setup "unknown XLATE_RUNTIME '$rt'"
	exit 1
	;;
esac

source_is() {
	cat "$CPUINFO_DIR/source" 2>&1
}

# agree NAME [ENV...]: cpuid-check (with ENV) finds no difference.
# box64 0.4 is the exception, asserted as the limit it is: it builds
# its CPUID brand string from the model name of the /proc/cpuinfo it
# reads itself, in the translated task (src/os/sysinfo.c readCpuinfo():
# "Box64 v0.4.3 on " + that name), which is xlate's view; so the brand
# can never equal the model name, and only the model name may differ.
agree() {
	local name=$1 out rc other

	shift
	out=$(env "$@" "$CHECK" 2>&1)
	rc=$?
	printf '%s\n' "$out" | sed "s#^#info: $t/$name: #"
	other=$(printf '%s\n' "$out" | grep '^DIFF:' | grep -v '^DIFF: model name ')
	if [ "$rc" = 0 ] && printf '%s\n' "$out" | grep -qx 'cpuid-check: 0 differences'; then
		pass "$t/$name"
	elif [ "$rt" = box64sid ] && [ "$rc" = 1 ] && [ -z "$other" ] &&
		printf '%s\n' "$out" | grep -q "^DIFF: model name (processor block 0): CPUID 'Box64 v"; then
		echo "info: $t/$name: only the model name differs: box64 0.4's brand string is made of the model name it reads"
		pass "$t/$name"
	else
		fail "$t/$name" "exit $rc: $(printf '%s\n' "$out" | grep -E '^(DIFF|cpuid-check)' | head -n 6)"
	fi
}

# cpuid_value KEY [ENV...]: KEY of cpuid-check --print (CPUID's side).
cpuid_value() {
	local key=$1

	shift
	env "$@" "$CHECK" --print 2>/dev/null | sed -n "s/^$key=//p"
}

# x86_cpuinfo KEY: vendor, family, model or model_name of the first
# block of /proc/cpuinfo as the x86-64 cpuid-check reads it (not a
# static x86 busybox: under box64 its output to a pipe is lost).
x86_cpuinfo() {
	"$CHECK" --print 2>/dev/null | sed -n "s/^cpuinfo_$1=//p"
}

# unit_line KEY: KEY= of the packaged unit, the command systemd runs.
unit_line() {
	sed -n "s/^$1=//p" "$UNIT"
}

# --- boot: modprobe with the runtime, then the packaged unit ------------
check_eq "$t/boot-runtime" "$RT" "$(cat "$PARAMS/runtime")"
check_eq "$t/boot-no-sync-default" default "$(source_is)"
check_eq "$t/boot-no-sync-default-shown" "GenuineIntel xlate virtual x86-64 CPU" \
	"$(x86_cpuinfo vendor) $(x86_cpuinfo model_name)"
# what a program sees without a sync: the default, not the runtime's CPU
out=$("$CHECK" 2>&1)
n=$(printf '%s\n' "$out" | sed -n 's/^cpuid-check: \([0-9]*\) differences$/\1/p')
printf '%s\n' "$out" | grep -E '^(DIFF|cpuid-check)' | sed "s#^#info: $t/boot-no-sync: #"
check_gt "$t/boot-no-sync-differs" "${n:-0}" 0
cond=$(unit_line ExecCondition)
start=$(unit_line ExecStart)
check_eq "$t/unit-commands" "/bin/grep -q . /sys/module/xlate/parameters/runtime|/usr/sbin/xlatectl cpuinfo sync" \
	"$cond|$start"
# shellcheck disable=SC2086 # the unit's command line, split as systemd does
if $cond && out=$($start 2>&1); then
	pass "$t/boot-unit-runs"
else
	fail "$t/boot-unit-runs" "'$cond' then '$start': $out"
fi
check_eq "$t/boot-source" "runtime $RT" "$(source_is)"
agree boot

# --- xlatectl import --auto, from the package's own files --------------
# The package's interpreter path (the -binfmt-P link, or /usr/bin/...)
# names the runtime of this run.
interp=$(grep -h '^:' "$BF"/*.conf 2>/dev/null | grep '\\x3e\\x00:' |
	head -n 1 | cut -d: -f7)
if [ -z "$interp" ]; then
	fail "$t/import-auto" "no x86-64 registration in $BF ($(ls "$BF" 2>&1))"
else
	[ "$interp" = "$RT" ] || {
		mkdir -p "$(dirname "$interp")"
		ln -sf "$RT" "$interp"
	}
	mkdir -p /usr/lib/binfmt.d
	cp "$BF"/*.conf /usr/lib/binfmt.d/
	out=$("$CTL" import --auto 2>&1)
	rc=$?
	printf '%s\n' "$out" | sed "s#^#info: $t/import-auto: #"
	check_eq "$t/import-auto-exit" 0 "$rc"
	check_contains "$t/import-auto-synced" "cpuinfo set from $interp's CPUID:" "$out"
	check_eq "$t/import-auto-source" "runtime $interp" "$(source_is)"
	agree import-auto
fi

# --- xlatectl set runtime -------------------------------------------------
out=$("$CTL" set runtime "$RT" 2>&1)
check_eq "$t/set-runtime-exit" 0 "$?"
check_contains "$t/set-runtime-synced" "cpuinfo set from $RT's CPUID:" "$out"
check_eq "$t/set-runtime-source" "runtime $RT" "$(source_is)"
agree set-runtime
synced_vendor=$(x86_cpuinfo vendor)

# --- no change leaves the previous runtime's profile ------------------
# The runtime changed without xlatectl: the default at once.
check_eq "$t/change-behind-write" ok "$(xl_param runtime "$OTHER")"
check_eq "$t/change-behind-default" default "$(source_is)"
check_eq "$t/change-behind-default-shown" "GenuineIntel 26" \
	"$(x86_cpuinfo vendor) $(x86_cpuinfo model)"
# The same path again is a new file: the default too.
check_eq "$t/change-back-write" ok "$(xl_param runtime "$RT")"
check_eq "$t/change-back-still-default" default "$(source_is)"
# A profile measured under another runtime is refused, nothing changes.
"$CTL" set runtime "$RT" >/dev/null 2>&1
before=$(cat "$CPUINFO_DIR/vendor_id" "$CPUINFO_DIR/model" "$CPUINFO_DIR/source")
r=$("$ARM/sysfs-write" "$CPUINFO_DIR/profile" "$(printf 'runtime=%s\nvendor_id=Stale' "$OTHER")")
check_eq "$t/stale-profile-refused" ESTALE "$r"
check_eq "$t/stale-profile-changes-nothing" "$before" \
	"$(cat "$CPUINFO_DIR/vendor_id" "$CPUINFO_DIR/model" "$CPUINFO_DIR/source")"
# A field set by hand belongs to the runtime of its moment as well.
"$ARM/sysfs-write" "$CPUINFO_DIR/model_name" "set by hand" >/dev/null
check_eq "$t/hand-set-shown" "set by hand" "$(x86_cpuinfo model_name)"
xl_param runtime "$OTHER" >/dev/null
check_eq "$t/hand-set-gone-with-runtime" "xlate virtual x86-64 CPU" \
	"$(x86_cpuinfo model_name)"
# The other runtime, synced, agrees as well.
out=$("$CTL" cpuinfo sync 2>&1)
check_eq "$t/other-sync-exit" 0 "$?"
agree other-runtime
"$CTL" set runtime "$RT" >/dev/null 2>&1
check_eq "$t/resync-vendor" "$synced_vendor" "$(x86_cpuinfo vendor)"

# --- the whole x86 view: lscpu and glibc's hwcaps -----------------------
vals=$("$CHECK" --print 2>&1)
printf '%s\n' "$vals" | sed "s#^#info: $t/cpuid: #"
ls_out=$(/x86/lscpu 2>&1)
field() {
	printf '%s\n' "$ls_out" | sed -n "s/^ *$1: *//p" | head -n 1
}
words() {
	printf '%s\n' "$1" | tr ' ' '\n' | grep . | sort | tr '\n' ' '
}
printf '%s\n' "$ls_out" | sed "s#^#info: $t/lscpu: #"
check_eq "$t/lscpu-vendor" "$(kv vendor "$vals")" "$(field 'Vendor ID')"
# (box64 0.4: lscpu shows the model name of /proc/cpuinfo, see agree)
[ "$rt" = box64sid ] ||
	check_eq "$t/lscpu-model-name" "$(kv model_name "$vals")" "$(field 'Model name')"
check_eq "$t/lscpu-family-model" "$(kv family "$vals") $(kv model "$vals")" \
	"$(field 'CPU family') $(field Model)"
check_eq "$t/lscpu-op-modes" "32-bit, 64-bit" "$(field 'CPU op-mode(s)')"
check_eq "$t/lscpu-address-sizes" \
	"$(kv phys_bits "$vals") bits physical, $(kv virt_bits "$vals") bits virtual" \
	"$(field 'Address sizes')"
check_eq "$t/lscpu-flags" "$(words "$(kv flags "$vals")")" "$(words "$(field Flags)")"
# glibc: the highest x86-64-vN its ld.so lists as supported.
hw=$(/lib64/ld-linux-x86-64.so.2 --help 2>&1)
rc=$?
printf '%s\n' "$hw" | grep -E 'x86-64-v|ld.so' | sed "s#^#info: $t/glibc-hwcaps: #"
case $rt in
box64*)
	# box64 is the loader itself (it runs libc natively): glibc's x86
	# ld.so does not run as a program under it, so no glibc level
	# exists to compare; asserted as the limit it is.
	check_eq "$t/glibc-ldso-box64-limit" "127 rtld_setup_main_map" \
		"$rc $(printf '%s\n' "$hw" | grep -o rtld_setup_main_map | head -n 1)"
	;;
*)
	glibc=$(printf '%s\n' "$hw" | sed -n 's/^ *x86-64-v\([0-9]\) (supported.*/\1/p' | sort -n | tail -n 1)
	check_eq "$t/glibc-level-is-cpuid-level" "$(kv psabi "$vals")" "${glibc:-1}"
	check_eq "$t/cpuinfo-level-is-glibc-level" "${glibc:-1}" "$(kv cpuinfo_psabi "$vals")"
	;;
esac
check_eq "$t/cpuinfo-level-is-cpuid-level" "$(kv psabi "$vals")" "$(kv cpuinfo_psabi "$vals")"

# --- a per-process CPU ($CPU_ENV) ---------------------------------------
# What that process sees: its own CPUID, the system-wide cpuinfo.
out=$(env "$CPU_ENV" "$CHECK" 2>&1)
printf '%s\n' "$out" | sed "s#^#info: $t/per-process: #"
n=$(printf '%s\n' "$out" | sed -n 's/^cpuid-check: \([0-9]*\) differences$/\1/p')
echo "info: $t/per-process: $CPU_ENV: $n differences against the system-wide profile"
case $rt in
qemu*)
	check_eq "$t/per-process-cpuid-is-nehalem" "GenuineIntel 6 26" \
		"$(cpuid_value vendor "$CPU_ENV") $(cpuid_value family "$CPU_ENV") $(cpuid_value model "$CPU_ENV")"
	;;
box64*)
	case " $(cpuid_value flags "$CPU_ENV") " in
	*" avx "* | *" avx2 "*) fail "$t/per-process-no-avx" "$CPU_ENV: CPUID still has AVX" ;;
	*) pass "$t/per-process-no-avx" ;;
	esac
	;;
esac
check_gt "$t/per-process-differs-from-system" "${n:-0}" 0
# The admin's way: the same setting for the sync as for the programs.
out=$(env "$CPU_ENV" "$CTL" cpuinfo sync 2>&1)
check_eq "$t/per-process-sync-exit" 0 "$?"
agree per-process-synced "$CPU_ENV"
"$CTL" cpuinfo sync >/dev/null 2>&1

# --- box64 0.4: its host CPU given, the brand agrees as well ---------------
# box64 takes the host CPU from BOX64_SYSINFO_* instead of /proc/cpuinfo
# when BOX64_SYSINFO_CACHED is set (what it passes its own children); set
# for the programs and for the sync alike, nothing differs any more.
if [ "$rt" = box64sid ]; then
	SI="BOX64_SYSINFO_CACHED=1 BOX64_SYSINFO_CPUNAME=arm64 BOX64_SYSINFO_NCPU=$(nproc)"
	# shellcheck disable=SC2086 # one word per variable
	out=$(env $SI "$CTL" cpuinfo sync 2>&1)
	check_eq "$t/box64-sysinfo-sync-exit" 0 "$?"
	# shellcheck disable=SC2086
	out=$(env $SI "$CHECK" 2>&1)
	printf '%s\n' "$out" | grep -E '^(cpuid:|DIFF|cpuid-check)' | sed "s#^#info: $t/box64-sysinfo: #"
	check_eq "$t/box64-sysinfo-agrees" "cpuid-check: 0 differences" \
		"$(printf '%s\n' "$out" | grep '^cpuid-check:')"
	"$CTL" cpuinfo sync >/dev/null 2>&1
fi

# --- clean up ------------------------------------------------------------
rm -f /usr/lib/binfmt.d/*.conf
"$CTL" set runtime "$RT" >/dev/null 2>&1
"$CTL" set runtime32 "$r32" >/dev/null 2>&1
