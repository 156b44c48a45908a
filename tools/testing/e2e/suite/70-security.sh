#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Issue 7, security: only CAP_SYS_ADMIN in the initial user namespace
# changes the configuration; credentials=1 never gives the runtime more
# than the binary would get natively (nosuid, no_new_privs, set-id
# bits, file capabilities); no kernel pointer or other tasks' data shows through sysfs,
# the log or the x86 view.  Documentation/bad-input.rst, "Security
# properties", names these tests.
. "$(dirname "$0")/lib.sh"

t=security
PROBE=$ARM/probe-runtime
HELLO=$X86/hello
d=/tmp/xlate-sec
mkdir -p "$d"
chmod 0755 "$d"

# Every file a configuration change goes through, with a valid value
# for it (its current one), so a refusal can only come from the
# permission check, never from validation.  cpuinfo/source is read-only.
config_files() {
	local f

	for f in "$PARAMS"/* "$CPUINFO_DIR"/*; do
		[ "${f##*/}" = source ] && continue
		printf '%s\n' "$f"
	done
}
value_for() {
	case $1 in
	*/reset) echo 1 ;;
	*/profile) echo "stepping=$(cat "$CPUINFO_DIR/stepping")" ;;
	*) cat "$1" ;;
	esac
}
config_state() {
	local f

	for f in $(config_files); do
		case ${f##*/} in reset | profile) continue ;; esac
		printf '%s=%s\n' "$f" "$(cat "$f")"
	done
}

# --- who may change the configuration ------------------------------------
# Unprivileged user namespaces: Debian's kernels have a switch for them.
if [ -r /proc/sys/kernel/unprivileged_userns_clone ]; then
	check_eq "$t/userns-unprivileged-allowed" 1 \
		"$(cat /proc/sys/kernel/unprivileged_userns_clone)"
fi
out=$("$ARM/run-as" -U "$PROBE" 2>&1)
check_eq "$t/userns-root-works" "0 0" "$(kv uid "$out") $(kv euid "$out")"
out=$("$ARM/run-as" -u 1000 -g 1000 -U "$PROBE" 2>&1)
check_eq "$t/userns-user-works" "0 0" "$(kv uid "$out") $(kv euid "$out")"

before=$(config_state)
eperm_log0=$(dmesg_count 'needs CAP_SYS_ADMIN')
for f in $(config_files); do
	v=$(value_for "$f")
	case $f in
	"$PARAMS"/*) n=param-${f##*/} ;;
	*) n=cpuinfo-${f##*/} ;;
	esac
	# root in a new user namespace: all capabilities there, none in
	# the initial one; the file is root's, so the open succeeds.
	check_eq "$t/userns-root-$n" EPERM \
		"$("$ARM/run-as" -U "$ARM/sysfs-write" "$f" "$v" 2>&1)"
	# uid 1000 mapped to root in its own user namespace.
	check_eq "$t/userns-user-$n" EACCES \
		"$("$ARM/run-as" -u 1000 -g 1000 -U "$ARM/sysfs-write" "$f" "$v" 2>&1)"
	check_eq "$t/uid-1000-$n" EACCES \
		"$("$ARM/run-as" -u 1000 -g 1000 "$ARM/sysfs-write" "$f" "$v" 2>&1)"
	check_eq "$t/no-cap-sys-admin-$n" EPERM \
		"$("$ARM/run-as" -S "$ARM/sysfs-write" "$f" "$v" 2>&1)"
	# A descriptor root opened, written by uid 1000: the capability is
	# checked at the write, against the writer.
	check_eq "$t/fd-passed-to-uid-1000-$n" EPERM \
		"$("$ARM/run-as" -u 1000 -g 1000 "$ARM/big-write" fd:5 \
			"${#v}" "$v" 2>&1 5>"$f")"
done
# A container: user, mount and network namespace with its own sysfs.
mkdir -p "$d/sys"
r=$("$ARM/run-as" -U /bin/busybox unshare -m -n sh -c \
	"mount -t sysfs sysfs $d/sys && $ARM/sysfs-write $d/sys/module/xlate/parameters/enabled 0" 2>&1)
check_eq "$t/userns-root-own-sysfs" EPERM "$r"
r=$("$ARM/run-as" -u 1000 -g 1000 -U /bin/busybox unshare -m -n sh -c \
	"mount -t sysfs sysfs $d/sys && $ARM/sysfs-write $d/sys/kernel/xlate/cpuinfo/stepping 1" 2>&1)
check_eq "$t/userns-user-own-sysfs" EACCES "$r"
check_eq "$t/config-unchanged" "$before" "$(config_state)"
check_gt "$t/eperm-logged" "$(dmesg_count 'needs CAP_SYS_ADMIN')" "$eperm_log0"
# The same write as real root works (the checks above can fail).
check_eq "$t/root-may-write" ok "$(xl_param enabled 1)"

# --- credentials=1 -------------------------------------------------------
# Each case runs a native arm64 copy of probe-runtime and an x86-64
# copy of hello (translated by probe-runtime) with the same owner, mode
# and mount; the runtime must end up with exactly the native ids and
# capabilities.
mkdir -p "$d/suid" "$d/nosuid"
mount -t tmpfs -o mode=0755 xlate-sec-suid "$d/suid"
mount -t tmpfs -o mode=0755,nosuid xlate-sec-nosuid "$d/nosuid"
# mk MOUNT NAME OWNER MODE
mk() {
	cp "$PROBE" "$d/$1/$2.arm"
	cp "$HELLO" "$d/$1/$2.x86"
	chown "$3" "$d/$1/$2.arm" "$d/$1/$2.x86"
	chmod "$4" "$d/$1/$2.arm" "$d/$1/$2.x86"
}
for m in suid nosuid; do
	mk "$m" plain 0:0 0755
	mk "$m" setuid 0:0 4755
	mk "$m" setgid 0:0 2755
	mk "$m" setuid-2000 2000:2000 4755
	mk "$m" setuid-xonly 0:0 4711
done
# creds OUTPUT: "uid euid gid egid capeff" of probe output.
creds() {
	printf '%s %s %s %s %s' "$(kv uid "$1")" "$(kv euid "$1")" \
		"$(kv gid "$1")" "$(kv egid "$1")" "$(kv capeff "$1")"
}
# fcreds OUTPUT: creds of probe output, or the output if it is none.
fcreds() {
	case $1 in
	uid=* | *"
uid="*) creds "$1" ;;
	*) printf 'not-run: %s' "$1" ;;
	esac
}
# run_both PATH RUN-AS-OPTIONS...: $native and $x86 are the fcreds of
# PATH.arm run natively and PATH.x86 run translated, both by run-as
# with the options.
run_both() {
	local path=$1

	shift
	native=$(fcreds "$("$ARM/run-as" "$@" "$path.arm" 2>&1)")
	x86=$(fcreds "$("$ARM/run-as" "$@" "$path.x86" 2>&1)")
}
# same NAME EXPECTED-IDS PATH RUN-AS-OPTIONS...: both get the same
# credentials; the ids ("uid euid gid egid") are EXPECTED-IDS.
same() {
	local name=$1 ids=$2 path=$3

	shift 3
	run_both "$path" "$@"
	check_eq "$t/cred-$name-native" "$ids" "${native% *}"
	check_eq "$t/cred-$name-same-as-native" "$native" "$x86"
}
NOCAPS=0000000000000000
check_eq "$t/cred-set-runtime" ok "$(xl_param runtime "$PROBE")"
check_eq "$t/cred-set-credentials" ok "$(xl_param credentials 1)"
U="-u 1000 -g 1000"
# shellcheck disable=SC2086 # $U is a list of words
{
	same plain "1000 1000 1000 1000" "$d/suid/plain" $U
	check_eq "$t/cred-plain-no-caps" "$NOCAPS" \
		"$(kv capeff "$("$ARM/run-as" $U "$d/suid/plain.x86")")"
	same setuid "1000 0 1000 1000" "$d/suid/setuid" $U
	same setgid "1000 1000 1000 0" "$d/suid/setgid" $U
	same setuid-2000 "1000 2000 1000 1000" "$d/suid/setuid-2000" $U
	same setuid-xonly "1000 0 1000 1000" "$d/suid/setuid-xonly" $U
	same nosuid-setuid "1000 1000 1000 1000" "$d/nosuid/setuid" $U
	same nosuid-setgid "1000 1000 1000 1000" "$d/nosuid/setgid" $U
	same nnp-setuid "1000 1000 1000 1000" "$d/suid/setuid" $U -N
	same nnp-setgid "1000 1000 1000 1000" "$d/suid/setgid" $U -N
	same nnp-setuid-2000 "1000 1000 1000 1000" "$d/suid/setuid-2000" $U -N
	same userns-setuid "0 0 0 0" "$d/suid/setuid" $U -U
}
check_eq "$t/cred-nnp-setuid-no-caps" "$NOCAPS" \
	"$(kv capeff "$("$ARM/run-as" -u 1000 -g 1000 -N "$d/suid/setuid.x86")")"
# Root without CAP_SYS_ADMIN in its bounding set keeps that limit.
same root-no-sysadmin "0 0 0 0" "$d/suid/plain" -S
same root-no-sysadmin-setuid "0 0 0 0" "$d/suid/setuid" -S

# --- credentials=1 and file capabilities ----------------------------------
# set-fcap writes a v2 security.capability xattr (setcap's format; the
# VM has no libcap).  A chown clears it, so it comes after mk.  Both
# tmpfs mounts must keep security.* xattrs (CONFIG_TMPFS_XATTR): a
# failed setxattr FAILs cred-fcap-set-* with the errno, and every case
# below then fails on its expected CapEff.
FCAPS=cap_net_raw,cap_net_bind_service
NETCAPS=0000000000002400 # bits 13 and 10
SYSADMIN=0000000000200000 # bit 21
RTCAPS=0000000000000020 # cap_kill, bit 5: the runtime file's own
# Everything a root of a new user namespace holds there.
ALLCAPS=$(printf '%016x' $(((1 << ($(cat /proc/sys/kernel/cap_last_cap) + 1)) - 1)))
# fcap MOUNT NAME SPEC GET: mk MOUNT NAME 0:0 0755, SPEC on both copies;
# set-fcap -g must then read GET back from both.
fcap() {
	local a=$d/$1/$2.arm x=$d/$1/$2.x86

	mk "$1" "$2" 0:0 0755
	check_eq "$t/cred-fcap-set-$1-$2" "ok|ok" \
		"$("$ARM/set-fcap" "$a" "$3" 2>&1)|$("$ARM/set-fcap" "$x" "$3" 2>&1)"
	check_eq "$t/cred-fcap-get-$1-$2" "$4|$4" \
		"$("$ARM/set-fcap" -g "$a" 2>&1)|$("$ARM/set-fcap" -g "$x" 2>&1)"
}
# fsame NAME EXPECTED PATH RUN-AS-OPTIONS...: like same, but EXPECTED is
# the whole "uid euid gid egid capeff" of the native program.
fsame() {
	local name=$1 want=$2 path=$3

	shift 3
	run_both "$path" "$@"
	check_eq "$t/cred-fcap-$name-native" "$want" "$native"
	check_eq "$t/cred-fcap-$name-same-as-native" "$native" "$x86"
}
for m in suid nosuid; do
	fcap "$m" ep "$FCAPS+ep" "v2 e=1 p=$NETCAPS i=$NOCAPS"
done
fcap suid p "$FCAPS+p" "v2 e=0 p=$NETCAPS i=$NOCAPS"
fcap suid sysadmin "cap_sys_admin+ep" "v2 e=1 p=$SYSADMIN i=$NOCAPS"
# shellcheck disable=SC2086 # $U is a list of words
{
	# Not set-id, +ep: uid 1000 gets exactly the file's capabilities.
	fsame ep "1000 1000 1000 1000 $NETCAPS" "$d/suid/ep" $U
	fsame sysadmin "1000 1000 1000 1000 $SYSADMIN" "$d/suid/sysadmin" $U
	# nosuid ignores file capabilities as it ignores set-id bits.
	fsame nosuid-ep "1000 1000 1000 1000 $NOCAPS" "$d/nosuid/ep" $U
	fsame nnp-ep "1000 1000 1000 1000 $NOCAPS" "$d/suid/ep" $U -N
	# Permitted only: nothing effective, but permitted as natively.
	fsame permitted-only "1000 1000 1000 1000 $NOCAPS" "$d/suid/p" $U
	check_eq "$t/cred-fcap-permitted-only-capprm-native" "$NETCAPS" \
		"$(kv capprm "$("$ARM/run-as" $U "$d/suid/p.arm" 2>&1)")"
	check_eq "$t/cred-fcap-permitted-only-capprm-same-as-native" "$NETCAPS" \
		"$(kv capprm "$("$ARM/run-as" $U "$d/suid/p.x86" 2>&1)")"
	# Root of its own user namespace has all of them there anyway.
	fsame userns-ep "0 0 0 0 $ALLCAPS" "$d/suid/ep" $U -U
	# A file capability the bounding set lacks fails the exec.
	check_eq "$t/cred-fcap-bset-sysadmin-native" \
		"run-as: $d/suid/sysadmin.arm: EPERM" \
		"$("$ARM/run-as" $U -S "$d/suid/sysadmin.arm" 2>&1)"
	check_eq "$t/cred-fcap-bset-sysadmin-same-as-native" \
		"run-as: $d/suid/sysadmin.x86: EPERM" \
		"$("$ARM/run-as" $U -S "$d/suid/sysadmin.x86" 2>&1)"
}
check_eq "$t/cred-unset-credentials" ok "$(xl_param credentials 0)"
# Without credentials the runtime's own (non-set-id) file decides:
# never more than native.
out=$("$ARM/run-as" -u 1000 -g 1000 "$d/suid/setuid.x86" 2>&1)
check_eq "$t/cred-off-setuid-not-honoured" "1000 1000 1000 1000 $NOCAPS" \
	"$(creds "$out")"
check_eq "$t/cred-fcap-off-not-honoured" "1000 1000 1000 1000 $NOCAPS" \
	"$(fcreds "$("$ARM/run-as" -u 1000 -g 1000 "$d/suid/ep.x86" 2>&1)")"

# A runtime with file capabilities of its own (cap_kill+ep) would give
# them to every program it runs with credentials=0 (the runtime's file
# decides then, as for binfmt_misc without C), which none of those
# programs would get natively: xlate refuses it as it refuses set-id
# runtimes.  Natively the file does carry the capability, so the
# refusal is about it.
cp "$PROBE" "$d/suid/rt-fcap"
chmod 0755 "$d/suid/rt-fcap"
check_eq "$t/cred-fcap-set-runtime-file" ok \
	"$("$ARM/set-fcap" "$d/suid/rt-fcap" cap_kill+ep 2>&1)"
check_eq "$t/cred-fcap-runtime-file-native" "1000 1000 1000 1000 $RTCAPS" \
	"$(fcreds "$("$ARM/run-as" -u 1000 -g 1000 "$d/suid/rt-fcap" 2>&1)")"
xl_param runtime "$PROBE" >/dev/null
n0=$(dmesg_count "runtime $d/suid/rt-fcap rejected: has file capabilities")
check_eq "$t/cred-fcap-runtime-refused" EPERM \
	"$(xl_param runtime "$d/suid/rt-fcap")"
check_eq "$t/cred-fcap-runtime-refused-kept" "$PROBE" \
	"$(cat "$PARAMS/runtime")"
check_gt "$t/cred-fcap-runtime-refused-logged" \
	"$(dmesg_count "runtime $d/suid/rt-fcap rejected: has file capabilities")" \
	"$n0"
# The refusal does not depend on the mode, which can change later.
check_eq "$t/cred-fcap-runtime-refused-credentials-1" EPERM \
	"$(xl_param credentials 1 >/dev/null; xl_param runtime "$d/suid/rt-fcap")"
xl_param credentials 0 >/dev/null
# Without them the same file is accepted.
check_eq "$t/cred-fcap-runtime-caps-removed" ok \
	"$("$ARM/set-fcap" -r "$d/suid/rt-fcap" 2>&1)"
check_eq "$t/cred-fcap-runtime-without-caps-accepted" ok \
	"$(xl_param runtime "$d/suid/rt-fcap")"
xl_param runtime "$PROBE" >/dev/null
# Removed, the capabilities are gone: they came from the xattr.
check_eq "$t/cred-fcap-remove" "ok|ok" \
	"$("$ARM/set-fcap" -r "$d/suid/ep.arm" 2>&1)|$("$ARM/set-fcap" -r "$d/suid/ep.x86" 2>&1)"
check_eq "$t/cred-fcap-removed-get" "none" \
	"$("$ARM/set-fcap" -g "$d/suid/ep.x86" 2>&1)"
check_eq "$t/cred-fcap-removed-set-credentials" ok "$(xl_param credentials 1)"
fsame removed "1000 1000 1000 1000 $NOCAPS" "$d/suid/ep" -u 1000 -g 1000
xl_param credentials 0 >/dev/null
xl_param runtime "$QEMU_RUNTIME" >/dev/null
umount "$d/suid" "$d/nosuid"

# --- leaks ---------------------------------------------------------------
# A kernel pointer as %p/%px/%lx would print it.
PTR='ffff[0-9a-f]{12}|0x[0-9a-f]{9,}'
# The module's own sysfs files.  /sys/module/xlate/sections and notes
# are the kernel's (0400 section addresses, the build-id note).
own_files() {
	find /sys/kernel/xlate /sys/module/xlate -type f \
		! -path '*/sections/*' ! -path '*/notes/*' | sort
}
bad_mode=
for f in $(own_files); do
	m=$(stat -c '%a %u' "$f")
	case "$f:$m" in
	*/reset:"200 0" | */profile:"200 0" | */uevent:"200 0" | *:"444 0" | *:"644 0") ;;
	*) bad_mode="$bad_mode $f:$m" ;;
	esac
done
check_eq "$t/leak-sysfs-modes" "" "$bad_mode"
check_eq "$t/leak-sysfs-no-pointer-root" "" \
	"$(for f in $(own_files); do cat "$f" 2>/dev/null; done |
		grep -E "$PTR" | head -n 3)"
# What uid 1000 can read anywhere under them, sections included.
check_eq "$t/leak-sysfs-no-pointer-uid-1000" "" \
	"$("$ARM/run-as" -u 1000 -g 1000 /bin/sh -c \
		'find /sys/kernel/xlate /sys/module/xlate -type f -exec cat {} \; 2>/dev/null' |
		grep -aE "$PTR" | head -n 3)"
check_eq "$t/leak-sections-root-only" "" \
	"$("$ARM/run-as" -u 1000 -g 1000 /bin/cat /sys/module/xlate/sections/.text 2>/dev/null)"
# No per-task data: the same bytes for root, uid 1000 and a marked
# task; the counters are bare numbers.
snap() {
	# shellcheck disable=SC2016 # expanded by the inner shell
	"$@" /bin/sh -c 'for f in $(find /sys/kernel/xlate /sys/module/xlate/parameters -type f ! -path "*/stats/*" | sort); do echo "$f=$(cat "$f" 2>&1)"; done'
}
root_view=$(snap env)
check_eq "$t/leak-sysfs-same-for-uid-1000" "$root_view" \
	"$(snap "$ARM/run-as" -u 1000 -g 1000)"
check_eq "$t/leak-sysfs-same-for-marked-task" "$root_view" \
	"$(snap "$ARM/set-marker")"
check_eq "$t/leak-stats-are-numbers" "" \
	"$(cat "$STATS"/* | grep -vxE '[0-9]+')"
check_eq "$t/leak-dmesg-no-pointer" "" \
	"$(dmesg | grep -i xlate | grep -E "$PTR" | head -n 3)"
# The x86 view holds nothing per task either.
cpu_root=$(/x86/busybox cat /proc/cpuinfo 2>&1)
check_contains "$t/leak-x86-cpuinfo-is-x86" vendor_id "$cpu_root"
check_eq "$t/leak-x86-cpuinfo-no-pointer" "" \
	"$(printf '%s\n' "$cpu_root" | grep -E "$PTR")"
check_eq "$t/leak-x86-cpuinfo-same-for-uid-1000" "$cpu_root" \
	"$("$ARM/run-as" -u 1000 -g 1000 /x86/busybox cat /proc/cpuinfo 2>&1)"
un=$(/x86/busybox uname -a 2>&1)
check_eq "$t/leak-x86-uname-no-pointer" "" \
	"$(printf '%s\n' "$un" | grep -E "$PTR")"
check_eq "$t/leak-x86-uname-same-as-native-but-machine" \
	"$(uname -a | sed 's/aarch64/x86_64/g')" "$un"
# Other tasks' markers: /proc/PID/personality is the owner's (or
# CAP_SYS_PTRACE's), so uid 1000 cannot see a root task's.
/x86/busybox sleep 60 &
sleeper=$!
wait_until 20 grep -qx 60000000 "/proc/$sleeper/personality"
check_eq "$t/leak-personality-root-sees" 60000000 \
	"$(cat "/proc/$sleeper/personality")"
check_eq "$t/leak-personality-hidden-from-uid-1000" "" \
	"$("$ARM/run-as" -u 1000 -g 1000 /bin/cat "/proc/$sleeper/personality" 2>/dev/null)"
if [ -x /usr/sbin/xlatectl ]; then
	check "$t/leak-xlatectl-ps-root-sees" sh -c \
		"/usr/sbin/xlatectl ps | grep -q '^ *$sleeper '"
	out=$("$ARM/run-as" -u 1000 -g 1000 /usr/sbin/xlatectl ps --all 2>/dev/null)
	check_eq "$t/leak-xlatectl-ps-uid-1000" "$sleeper ? ? ?" \
		"$(printf '%s\n' "$out" | awk -v p="$sleeper" '$1 == p { print $1, $2, $3, $4 }')"
else
	fail "$t/leak-xlatectl-ps" "/usr/sbin/xlatectl is missing"
fi
kill "$sleeper" 2>/dev/null
wait "$sleeper" 2>/dev/null
# The log itself: Debian restricts dmesg to CAP_SYSLOG.
check_eq "$t/leak-dmesg-restricted" 1 "$(cat /proc/sys/kernel/dmesg_restrict)"
if "$ARM/run-as" -u 1000 -g 1000 /bin/dmesg >/dev/null 2>&1; then
	fail "$t/leak-dmesg-unreadable-by-uid-1000" "uid 1000 read the log"
else
	pass "$t/leak-dmesg-unreadable-by-uid-1000"
fi

rm -rf "$d"
xl_restore
check_eq "$t/restored-runtime" "$QEMU_RUNTIME" "$(cat "$PARAMS/runtime")"
check_eq "$t/restored-hello-runs" "exit=7" "$(exec_result "$HELLO")"
