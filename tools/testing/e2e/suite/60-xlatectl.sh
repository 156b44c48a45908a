#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Issue 5, xlatectl: every command against the loaded module (status,
# set, cpuinfo show/set/reset/sync, ps, exec), the messages an
# unprivileged caller gets, and "not loaded" after rmmod (done last; the
# module is loaded again with the default runtime before the script
# ends).
. "$(dirname "$0")/lib.sh"

t=xlatectl
CTL=/usr/sbin/xlatectl
d=/tmp/xlate-xlatectl
BINFMT=/proc/sys/fs/binfmt_misc
X86_BUSYBOX=/x86/busybox
mkdir -p "$d"

# run ARGS...: xlatectl's stdout in $out, stderr in $err, status in $rc.
run() {
	out=$("$CTL" "$@" 2>"$d/err")
	rc=$?
	err=$(cat "$d/err")
}

# run_as_user ARGS...: run, as uid/gid 1000.
run_as_user() {
	out=$("$ARM/run-as" -u 1000 -g 1000 "$CTL" "$@" 2>"$d/err")
	rc=$?
	err=$(cat "$d/err")
}

# run_without_sysadmin ARGS...: run, as root without CAP_SYS_ADMIN.
run_without_sysadmin() {
	out=$("$ARM/run-as" -S "$CTL" "$@" 2>"$d/err")
	rc=$?
	err=$(cat "$d/err")
}

# expect NAME RC NEEDLE: the last run exited RC and NEEDLE is in its
# stdout or stderr.
expect() {
	if [ "$rc" != "$2" ]; then
		fail "$1" "exited $rc, expected $2: $out $err"
		return
	fi
	case "$out
$err" in
	*"$3"*) pass "$1" ;;
	*) fail "$1" "no '$3' in: $out $err" ;;
	esac
}

restore() {
	[ -n "$sleeper" ] && kill "$sleeper" 2>/dev/null
	[ -n "$marked" ] && kill "$marked" 2>/dev/null
	[ -f "$BINFMT/xlatectl-x86" ] && echo -1 >"$BINFMT/xlatectl-x86"
	[ -f "$BINFMT/xlatectl-mz" ] && echo -1 >"$BINFMT/xlatectl-mz"
	[ -n "$binfmt_mounted" ] && umount "$BINFMT"
	if grep -q '^xlate ' /proc/modules; then
		"$CTL" set runtime "$QEMU_RUNTIME"
		for s in preserve_argv0 open_binary credentials; do
			"$CTL" set "$s" off
		done
		"$CTL" set enabled on
		"$CTL" cpuinfo reset
	else
		modprobe xlate runtime="$QEMU_RUNTIME"
	fi
}
sleeper=
marked=
binfmt_mounted=
trap 'restore; xl_restore' EXIT

if [ ! -x "$CTL" ]; then
	fail "$t/present" "$CTL is missing"
	exit 1
fi

# --- version and help ----------------------------------------------------
run --version
expect "$t/version" 0 "xlatectl "
for c in status set cpuinfo ps exec; do
	run "$c" --help
	expect "$t/help-$c" 0 "usage: xlatectl $c"
done
run frobnicate
expect "$t/usage-exit-2" 2 "unknown command"

# --- status ----------------------------------------------------------------
version=$(cat /sys/kernel/xlate/version)
run status
expect "$t/status" 0 "xlate: loaded, version $version"
check_contains "$t/status-runtime" "runtime:               $QEMU_RUNTIME" "$out"
check_contains "$t/status-enabled" "enabled                on" "$out"
check_contains "$t/status-cpuinfo" "vendor_id              $(cat "$CPUINFO_DIR/vendor_id")" "$out"
check_contains "$t/status-counter" "translated             " "$out"

run status --json
expect "$t/status-json" 0 '"loaded":true'
json=$out
check_contains "$t/status-json-runtime" "\"runtime\":\"$QEMU_RUNTIME\"" "$json"
check_contains "$t/status-json-enabled" '"enabled":true' "$json"
check_contains "$t/status-json-counter" "\"translated\":$(stat_get translated)" "$json"
check_contains "$t/status-json-cpuinfo" "\"vendor_id\":\"$(cat "$CPUINFO_DIR/vendor_id")\"" "$json"
# no jq in busybox: one object, braces and brackets balanced
opens=$(printf '%s' "$json" | tr -cd '{[' | wc -c)
closes=$(printf '%s' "$json" | tr -cd '}]' | wc -c)
case $json in
"{"*"}")
	check_eq "$t/status-json-balanced" "$opens" "$closes"
	;;
*)
	fail "$t/status-json-balanced" "not one object: $json"
	;;
esac

# binfmt_misc: an x86-64 registration is reported, an MZ one is not.
grep -q binfmt_misc /proc/filesystems || modprobe binfmt_misc 2>/dev/null
if [ ! -f "$BINFMT/register" ] &&
	mount -t binfmt_misc binfmt_misc "$BINFMT" 2>/dev/null; then
	binfmt_mounted=1
fi
if [ -f "$BINFMT/register" ]; then
	printf '%s' ':xlatectl-x86:M::\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00:\xff\xff\xff\xff\xff\xfe\xfe\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/usr/bin/qemu-x86_64-static:P' >"$BINFMT/register"
	printf '%s' ':xlatectl-mz:M::MZ::/bin/false:' >"$BINFMT/register"
	run status
	check_contains "$t/status-binfmt-x86" "xlatectl-x86: interpreter /usr/bin/qemu-x86_64-static, flags P" "$out"
	check_contains "$t/status-binfmt-note" "xlate is asked first (unless binfmt_misc was loaded after it: see dmesg); this registration is then used only while xlate is disabled or has no runtime" "$out"
	case $out in
	*xlatectl-mz*) fail "$t/status-binfmt-not-mz" "$out" ;;
	*) pass "$t/status-binfmt-not-mz" ;;
	esac
	run status --json
	check_contains "$t/status-json-binfmt" '"name":"xlatectl-x86","interpreter":"/usr/bin/qemu-x86_64-static","flags":"P"' "$out"
	echo 0 >"$BINFMT/xlatectl-x86"
	run status
	case $out in
	*xlatectl-x86*) fail "$t/status-binfmt-disabled-entry" "$out" ;;
	*) pass "$t/status-binfmt-disabled-entry" ;;
	esac
	echo -1 >"$BINFMT/xlatectl-x86"
	echo -1 >"$BINFMT/xlatectl-mz"
else
	fail "$t/status-binfmt-x86" "cannot mount binfmt_misc on $BINFMT"
fi

# --- set -------------------------------------------------------------------
run set runtime /nonexistent/qemu
expect "$t/set-runtime-enoent" 1 "no such file (ENOENT)"
run set runtime relative/qemu
expect "$t/set-runtime-einval" 1 "must be absolute"
run set runtime "$X86/hello"
expect "$t/set-runtime-enoexec" 1 "not an ELF executable for this machine"
cp "$QEMU_RUNTIME" "$d/qemu-writable"
chmod 0777 "$d/qemu-writable"
run set runtime "$d/qemu-writable"
expect "$t/set-runtime-eperm-writable" 1 "is writable by group or others / is set-id / has file capabilities (dmesg says which) (EPERM)"
check_eq "$t/set-runtime-refusal-keeps-old" "$QEMU_RUNTIME" "$(cat "$PARAMS/runtime")"
cp "$QEMU_RUNTIME" "$d/qemu-copy"
chmod 0755 "$d/qemu-copy"
run set runtime "$d/qemu-copy"
expect "$t/set-runtime-good" 0 ""
check_eq "$t/set-runtime-written" "$d/qemu-copy" "$(cat "$PARAMS/runtime")"
"$X86/hello" >/dev/null 2>&1
check_eq "$t/set-runtime-translates" 0 "$?"
run set runtime "$QEMU_RUNTIME"
expect "$t/set-runtime-back" 0 ""

for s in preserve_argv0 open_binary credentials enabled; do
	run set "$s" on
	expect "$t/set-$s-on" 0 ""
	check_eq "$t/set-$s-on-read" 1 "$(param_bool "$s")"
	run set "$s" off
	expect "$t/set-$s-off" 0 ""
	check_eq "$t/set-$s-off-read" 0 "$(param_bool "$s")"
done
run status
check_contains "$t/status-shows-disabled" "enabled                off" "$out"
run set enabled on
expect "$t/set-enabled-back" 0 ""

# --- cpuinfo show / set / reset ------------------------------------------
run cpuinfo show
expect "$t/cpuinfo-show" 0 "vendor_id=$(cat "$CPUINFO_DIR/vendor_id")"
check_line "$t/cpuinfo-show-flags" "flags=$(cat "$CPUINFO_DIR/flags")" "$out"
run cpuinfo set model_name 'xlatectl test CPU'
expect "$t/cpuinfo-set" 0 ""
check_eq "$t/cpuinfo-set-read" "xlatectl test CPU" "$(cat "$CPUINFO_DIR/model_name")"
run cpuinfo set flags 'fpu no_such_flag'
expect "$t/cpuinfo-set-bad-flag" 1 "invalid value"
run cpuinfo set no_such_field 1
expect "$t/cpuinfo-set-unknown-field" 1 "unknown field"
run cpuinfo reset
expect "$t/cpuinfo-reset" 0 ""
check_eq "$t/cpuinfo-reset-read" "xlate virtual x86-64 CPU" "$(cat "$CPUINFO_DIR/model_name")"

# --- cpuinfo sync ----------------------------------------------------------
run cpuinfo sync --dry-run
expect "$t/sync-dry-run" 0 "flags="
dry=$out
dry_flags=$(kv flags "$dry")
check_eq "$t/sync-dry-run-changes-nothing" "xlate virtual x86-64 CPU" "$(cat "$CPUINFO_DIR/model_name")"
for f in lm sse2 cx8; do
	case " $dry_flags " in
	*" $f "*) pass "$t/sync-flags-have-$f" ;;
	*) fail "$t/sync-flags-have-$f" "runtime's CPUID flags: $dry_flags" ;;
	esac
done
run cpuinfo sync --raw
expect "$t/sync-raw" 0 "00000000:0 eax="
run cpuinfo sync
expect "$t/sync" 0 "flags="
check_eq "$t/sync-output-is-dry-run" "$dry" "$out"
check_eq "$t/sync-flags-read-back" "$dry_flags" "$(cat "$CPUINFO_DIR/flags")"
bad=
for f in vendor_id model_name cpu_family model stepping cpuid_level \
	clflush_size cache_alignment phys_bits virt_bits; do
	v=$(kv "$f" "$dry")
	[ -z "$v" ] && continue
	[ "$v" = "$(cat "$CPUINFO_DIR/$f")" ] || bad="$bad $f='$v'/'$(cat "$CPUINFO_DIR/$f")'"
done
check_eq "$t/sync-fields-read-back" "" "$bad"
# what a translated program now reads in /proc/cpuinfo
seen=$("$X86_BUSYBOX" grep -m 1 '^flags' /proc/cpuinfo | sed 's/^flags[[:space:]]*: //')
check_eq "$t/sync-translated-cpuinfo-flags" "$dry_flags" "$seen"
seen=$("$X86_BUSYBOX" grep -m 1 '^vendor_id' /proc/cpuinfo | sed 's/^vendor_id[[:space:]]*: //')
check_eq "$t/sync-translated-cpuinfo-vendor" "$(kv vendor_id "$dry")" "$seen"
run cpuinfo reset
expect "$t/sync-then-reset" 0 ""

# --- ps --------------------------------------------------------------------
"$X86_BUSYBOX" sleep 60 &
sleeper=$!
"$CTL" exec -- sleep 60 &
marked=$!
listed() {
	"$CTL" ps | grep -q "^ *$1 "
}
wait_until 10 listed "$marked"
wait_until 10 listed "$sleeper"
# ps_row PID: "X86 TRANSLATED COMM" of PID's row
ps_row() {
	printf '%s\n' "$out" | awk -v p="$1" '$1 == p { print $3, $4, $5 }'
}
run ps
expect "$t/ps" 0 "PID PERSONALITY"
check_eq "$t/ps-translated-sleep" "yes yes busybox" "$(ps_row "$sleeper")"
check_eq "$t/ps-exec-marked" "yes no sleep" "$(ps_row "$marked")"
case $out in
*"$(printf '%7d ' $$)"*) fail "$t/ps-not-unmarked" "lists this shell: $out" ;;
*) pass "$t/ps-not-unmarked" ;;
esac
run_as_user ps
expect "$t/ps-unprivileged" 0 "not inspected"
kill "$sleeper" "$marked" 2>/dev/null
wait "$sleeper" "$marked" 2>/dev/null
sleeper=
marked=

# --- exec ------------------------------------------------------------------
run exec -- "$ARM/uname-m"
expect "$t/exec-uname" 0 "x86_64"
check_eq "$t/exec-uname-exact" x86_64 "$out"
check_eq "$t/native-uname-unchanged" aarch64 "$("$ARM/uname-m")"
run exec sh -c 'exit 7'
check_eq "$t/exec-exit-status" 7 "$rc"

# --- unprivileged callers --------------------------------------------------
run_as_user status
expect "$t/user-status" 0 "xlate: loaded"
run_as_user set runtime "$QEMU_RUNTIME"
expect "$t/user-set-runtime" 1 "permission denied: run as root"
run_as_user set enabled off
expect "$t/user-set-enabled" 1 "permission denied: run as root"
run_as_user cpuinfo set model_name x
expect "$t/user-cpuinfo-set" 1 "permission denied: run as root"
run_as_user cpuinfo reset
expect "$t/user-cpuinfo-reset" 1 "permission denied: run as root"
run_as_user cpuinfo sync
expect "$t/user-cpuinfo-sync" 1 "permission denied: run as root"
run_without_sysadmin set runtime "$QEMU_RUNTIME"
expect "$t/nocap-set-runtime" 1 "needs CAP_SYS_ADMIN in the initial user namespace"
run_without_sysadmin set enabled off
expect "$t/nocap-set-enabled" 1 "needs CAP_SYS_ADMIN"
check_eq "$t/refusals-changed-nothing" "1 $QEMU_RUNTIME" \
	"$(param_bool enabled) $(cat "$PARAMS/runtime")"

# --- not loaded (last) -------------------------------------------------------
if rmmod xlate 2>"$d/err"; then
	run status
	expect "$t/unloaded-status" 3 "xlate: not loaded"
	run status --json
	expect "$t/unloaded-status-json" 3 '"loaded":false'
	run set enabled on
	expect "$t/unloaded-set" 3 "not loaded"
	if out=$(modprobe xlate runtime="$QEMU_RUNTIME" 2>&1); then
		run status
		expect "$t/reloaded-status" 0 "xlate: loaded"
	else
		fail "$t/reloaded-status" "modprobe: $out"
	fi
else
	fail "$t/unloaded-status" "rmmod xlate: $(cat "$d/err")"
fi
