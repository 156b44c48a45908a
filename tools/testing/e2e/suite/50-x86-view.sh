#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Issue 4, the x86 view: translated tasks (and tasks marked by hand) see
# uname machine x86_64 and an x86-format /proc/cpuinfo by every route;
# native tasks, including ones a translated program starts, see arm64.
#
# qemu-user itself rewrites uname's machine field, so for uname the
# proof is the uname_virtualized counter and the native probes
# (probe-runtime, set-marker); qemu 7.2 passes /proc/cpuinfo through.
. "$(dirname "$0")/lib.sh"

t=x86-view
d=/tmp/xlate-view
mkdir -p "$d"

# x86_second_line TEXT: 0 if the second line of cpuinfo TEXT is x86's.
is_x86_cpuinfo() {
	printf '%s\n' "$1" | sed -n 2p | grep -q '^vendor_id'
}

# uname.
check_eq "$t/native-uname" aarch64 "$("$ARM/uname-m")"
check_eq "$t/native-busybox-uname" aarch64 "$(uname -m)"
u0=$(stat_get uname_virtualized)
"$ARM/uname-m" >/dev/null
check_eq "$t/native-uname-not-counted" "$u0" "$(stat_get uname_virtualized)"
check_eq "$t/translated-uname" x86_64 "$("$X86/uname-m" 2>&1)"
check_gt "$t/translated-uname-counted" "$(stat_get uname_virtualized)" "$u0"

# cpuinfo: native first.
out=$("$ARM/cpuinfo-first")
if is_x86_cpuinfo "$out"; then
	fail "$t/native-cpuinfo" "native program sees x86 cpuinfo: $out"
else
	pass "$t/native-cpuinfo"
fi
check "$t/native-cpuinfo-has-arm-fields" grep -q '^CPU implementer' \
	/proc/cpuinfo

# Translated, by every route.
ln -sf /proc/cpuinfo "$d/cpuinfo-link"
mkdir -p "$d/proc2"
mount -t proc proc2 "$d/proc2"
c0=$(stat_get cpuinfo_virtualized)
out=$("$X86/cpuinfo-routes" "symlink=$d/cpuinfo-link" \
	"proc2=$d/proc2/cpuinfo" 2>&1)
for r in plain openat-procdir self-root fd-reopen symlink proc2; do
	check_line "$t/translated-cpuinfo-$r" "$r=x86" "$out"
done
check_gt "$t/translated-cpuinfo-counted" "$(stat_get cpuinfo_virtualized)" \
	"$c0"
umount "$d/proc2"

# A translated program's forked child keeps the view.
out=$("$X86/fork-child" 2>&1)
check_line "$t/fork-child-uname" "child uname=x86_64" "$out"
v=$(printf '%s\n' "$out" | sed -n 's/^child vendor_id=//p')
if [ -n "$v" ] && [ "$v" != none ] && [ "${v#E}" = "$v" ]; then
	pass "$t/fork-child-cpuinfo"
else
	fail "$t/fork-child-cpuinfo" "child vendor_id '$v': $out"
fi
check_line "$t/fork-child-exit" "parent child_status=0" "$out"

# Native programs started by a translated one see arm64 again.
check_eq "$t/translated-execs-native-uname" aarch64 \
	"$("$X86/exec-native" "$ARM/uname-m" 2>&1)"
out=$("$X86/exec-native" "$ARM/cpuinfo-first" 2>&1)
if is_x86_cpuinfo "$out"; then
	fail "$t/translated-execs-native-cpuinfo" "$out"
else
	pass "$t/translated-execs-native-cpuinfo"
fi
check_eq "$t/translated-execs-native-marker-cleared" 0x00000000 \
	"$("$X86/exec-native" "$ARM/personality" 2>&1)"
out=$(/x86/busybox sh -c "$ARM/uname-m; $ARM/cpuinfo-first; $ARM/personality" 2>&1)
check_eq "$t/x86-shell-runs-native-uname" aarch64 \
	"$(printf '%s\n' "$out" | sed -n 1p)"
check_contains "$t/x86-shell-runs-native-cpuinfo" BogoMIPS \
	"$(printf '%s\n' "$out" | sed -n 3p)"
check_eq "$t/x86-shell-runs-native-unmarked" 0x00000000 \
	"$(printf '%s\n' "$out" | sed -n 4p)"

# Issue 15, item 3: a translated program that execs the runtime's own
# file (FEX and box64 start x86 children so) keeps the view; the file
# is known by its inode (a hard link counts, a copy does not), and a
# native program that runs the runtime gets no view.
# (/root: the runtime's file system, for the hard link.)
rt=$(cat "$PARAMS/runtime")
ln "$rt" /root/xlate-rt-link
cp "$rt" /root/xlate-rt-copy
for how in rt:"$rt" link:/root/xlate-rt-link copy:/root/xlate-rt-copy; do
	out=$("$X86/marker-probe" -p p. -x "${how#*:}" "$X86/marker-probe" \
		-p c. 2>&1)
	got="$(kv c.marker "$out") $(kv c.cpuinfo "$out")"
	case ${how%%:*} in
	copy) check_eq "$t/runtime-exec-copy-native" "none arm64" "$got" ;;
	*) check_eq "$t/runtime-exec-${how%%:*}-keeps-view" "x86+translated x86" \
		"$got" ;;
	esac
done
out=$("$ARM/marker-probe" -p p. -x "$rt" "$X86/marker-probe" -p c. 2>&1)
check_eq "$t/runtime-exec-by-native-no-view" "none arm64" \
	"$(kv c.marker "$out") $(kv c.cpuinfo "$out")"
rm -f /root/xlate-rt-link /root/xlate-rt-copy

# The marker set by hand: a native program gets the x86 view, and keeps
# it across native execs; XLATE_PER_TRANSLATED cannot be set by hand
# (only the kernel sets it), so set-marker -t leaves a hand-set marker.
check_eq "$t/set-marker-uname" x86_64 "$("$ARM/set-marker" "$ARM/uname-m")"
out=$("$ARM/set-marker" "$ARM/cpuinfo-first")
if is_x86_cpuinfo "$out"; then
	pass "$t/set-marker-cpuinfo"
else
	fail "$t/set-marker-cpuinfo" "$out"
fi
check_eq "$t/set-marker-survives-exec" 0x40000000 \
	"$("$ARM/set-marker" "$ARM/personality")"
check_eq "$t/set-marker-survives-two-execs" x86_64 \
	"$("$ARM/set-marker" /bin/sh -c "$ARM/uname-m; true")"
check_eq "$t/forged-translated-marker-hand-set" 0x40000000 \
	"$("$ARM/set-marker" -t "$ARM/personality")"
check_eq "$t/unmarked-again" aarch64 "$("$ARM/uname-m")"

# AArch32 tasks (issue 24, item 5): the compat syscall table calls the
# generic personality(2), not arm64's own, and xlate probes both, so the
# same rules hold for a 32-bit ARM program (Debian's arm64 kernels have
# CONFIG_COMPAT, and QEMU's -cpu max runs AArch32 at EL0): a forged
# translated bit is dropped, and a marker set by hand without an exec
# gets the x86 view.
A32=$PROGS/armhf/marker-probe
a32_enoexec=
if [ -x "$A32" ]; then
	out=$("$ARM/run-as" "$A32" -s 60000000 2>&1)
	case $out in *ENOEXEC*) a32_enoexec=1 ;; esac
fi
if [ ! -x "$A32" ]; then
	fail "$t/aarch32-program" "no $A32 (gcc-arm-linux-gnueabihf, e2e/progs/Makefile)"
elif [ -n "$a32_enoexec" ] && ! grep -q ' compat_arm_syscall$' /proc/kallsyms; then
	# A kernel without CONFIG_COMPAT (check-debug's) has no AArch32
	# syscall table to probe; every Debian arm64 kernel has one.
	for c in runs forged-translated-dropped hand-set-view native-view; do
		skip "$t/aarch32-$c" "this kernel runs no AArch32 program (no CONFIG_COMPAT: no compat_arm_syscall in kallsyms): $out"
	done
else
	check_eq "$t/aarch32-runs" "set_ret=0x00000000" "set_ret=$(kv set_ret "$out")"
	check_eq "$t/aarch32-forged-translated-dropped" \
		"personality=0x40000000 proc=40000000 marker=x86" \
		"personality=$(kv personality "$out") proc=$(kv proc_personality "$out") marker=$(kv marker "$out")"
	# a32_view: marker, uname and cpuinfo of a hand-marked AArch32
	# probe.
	a32_view() {
		local o

		o=$("$ARM/run-as" "$A32" -s 40000000 2>&1)
		echo "marker=$(kv marker "$o") machine=$(kv machine "$o") cpuinfo=$(kv cpuinfo "$o")"
	}
	# The arming work runs asynchronously: up to 10 tries a second
	# apart on a loaded host.
	a32_try=0
	out=$(a32_view)
	while [ $a32_try -lt 10 ] && case $out in *cpuinfo=x86*) false ;; *) true ;; esac; do
		sleep 1
		a32_try=$((a32_try + 1))
		out=$(a32_view)
	done
	check_eq "$t/aarch32-hand-set-view" \
		"marker=x86 machine=x86_64 cpuinfo=x86" "$out"
	out=$("$ARM/run-as" "$A32" 2>&1)
	# No marker: the kernel's answers (machine armv8l only under
	# PER_LINUX32).
	check_eq "$t/aarch32-native-view" "marker=none machine=aarch64 cpuinfo=arm64" \
		"marker=$(kv marker "$out") machine=$(kv machine "$out") cpuinfo=$(kv cpuinfo "$out")"
fi

# A native runtime is marked from its first instruction.
check_eq "$t/set-runtime-probe" ok "$(xl_param runtime "$ARM/probe-runtime")"
out=$("$X86/hello" 2>&1)
check_eq "$t/runtime-marker" "1 1" \
	"$(kv marker_x86 "$out") $(kv marker_translated "$out")"
check_eq "$t/runtime-uname" x86_64 "$(kv uname_machine "$out")"
check_eq "$t/runtime-cpuinfo-first" "$(printf 'processor\t: 0')" \
	"$(kv cpuinfo_first "$out")"
check_contains "$t/runtime-cpuinfo-vendor" vendor_id \
	"$(kv cpuinfo_vendor_id "$out")"
check_eq "$t/restore-runtime" ok "$(xl_param runtime "$QEMU_RUNTIME")"

# Profile: a new model name shows on the next open; lscpu agrees.
model="Xlate E2E Test CPU @ 1.23GHz"
check_eq "$t/set-model-name" ok "$(xl_set "$CPUINFO_DIR/model_name" "$model")"
out=$(/x86/busybox grep -m 1 '^model name' /proc/cpuinfo 2>&1)
check_eq "$t/model-name-visible" "$model" "${out#*: }"
out=$(/x86/lscpu 2>&1)
check_eq "$t/lscpu-architecture" x86_64 \
	"$(printf '%s\n' "$out" | sed -n 's/^Architecture: *//p')"
check_eq "$t/lscpu-model-name" "$model" \
	"$(printf '%s\n' "$out" | sed -n 's/^ *Model name: *//p' | head -n 1)"
out=$(lscpu 2>&1)
check_eq "$t/native-lscpu-architecture" aarch64 \
	"$(printf '%s\n' "$out" | sed -n 's/^Architecture: *//p')"
xl_restore
out=$(/x86/busybox grep -m 1 '^model name' /proc/cpuinfo 2>&1)
if [ "${out#*: }" != "$model" ]; then
	pass "$t/model-name-restored"
else
	fail "$t/model-name-restored" "still '$model'"
fi

rm -rf "$d"
