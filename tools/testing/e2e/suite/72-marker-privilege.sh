#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Issue 13: the personality marker and privilege.
#  - defect 5: a marker set by hand is cleared by a secure exec
#    (AT_SECURE: set-uid, set-gid, file capabilities), and only by one;
#    a secure translated exec (credentials=1) must not hand it on to the
#    privileged program's native children either;
#  - defect 6: a translated exec keeps a hand-set marker hand-set, so a
#    native program run by the translated one keeps it; a translated
#    exec that fails gives the caller no view and no visible bits;
#  - decided: personality(2) neither shows nor drops the marker of a task
#    marked by a translated exec; a hand-set one stays the user's;
#  - defect 7: with credentials=0 the runtime's own file decides the
#    credentials, so set-id bits or file capabilities added to it after
#    it was configured fail every x86-64 exec with EPERM;
#  - decided: the counters stay readable, not writable, by every user;
#  - issue 24, item 4: personality(2) cannot set XLATE_PER_TRANSLATED,
#    and a secure exec of the runtime's own file clears the marker.
# marker-probe (both architectures) prints what a program sees, one
# key=value per line; /proc/self/personality is the kernel's word,
# which personality(2) may filter.
. "$(dirname "$0")/lib.sh"

t=security
AP=$ARM/marker-probe
XP=$X86/marker-probe
U="-u 1000 -g 1000"
NOCAPS=0000000000000000
NETRAW=0000000000002000 # cap_net_raw, bit 13
d=/tmp/xlate-72
mkdir -p "$d"
mount -t tmpfs -o mode=0755 xlate-72 "$d"
mkdir -p "$d/nosuid"
mount -t tmpfs -o mode=0755,nosuid xlate-72-nosuid "$d/nosuid"

# probed OUTPUT [PREFIX]: OUTPUT if marker-probe ran (its PREFIX.machine
# line is there), else "not-run: OUTPUT".
probed() {
	if printf '%s\n' "$1" | grep -q "^${2:-}machine="; then
		printf '%s' "$1"
	else
		printf 'not-run: %s' "$1"
	fi
}
# view OUTPUT [PREFIX]: what marker-probe saw, on one line.
view() {
	local o

	o=$(probed "$1" "${2:-}") || true
	case $o in
	not-run:*) printf '%s' "$o" ;;
	*) printf 'at_secure=%s machine=%s marker=%s cpuinfo=%s' \
		"$(kv "${2:-}at_secure" "$o")" "$(kv "${2:-}machine" "$o")" \
		"$(kv "${2:-}marker" "$o")" "$(kv "${2:-}cpuinfo" "$o")" ;;
	esac
}
# ids OUTPUT [PREFIX]: "euid=E egid=G capeff=C" of marker-probe output.
ids() {
	local o

	o=$(probed "$1" "${2:-}") || true
	case $o in
	not-run:*) printf '%s' "$o" ;;
	*) printf 'uid=%s euid=%s gid=%s egid=%s capeff=%s' \
		"$(kv "${2:-}uid" "$o")" "$(kv "${2:-}euid" "$o")" \
		"$(kv "${2:-}gid" "$o")" "$(kv "${2:-}egid" "$o")" \
		"$(kv "${2:-}capeff" "$o")" ;;
	esac
}
KEPT="at_secure=0 machine=x86_64 marker=x86 cpuinfo=x86"
NATIVE="machine=aarch64 marker=none cpuinfo=arm64"

# --- defect 5: a secure exec clears a hand-set marker ----------------------
# mkp [DIR/]NAME OWNER MODE: a copy of the native marker-probe.
mkp() {
	cp "$AP" "$d/$1"
	chown "$2" "$d/$1"
	chmod "$3" "$d/$1"
}
mkp plain 0:0 0755
mkp setuid 0:0 4755
mkp setgid 0:0 2755
mkp fcap 0:0 0755
mkp setuid-self 1000:1000 4755
mkp nosuid/setuid 0:0 4755
check_eq "$t/marker-fcap-set" ok "$("$ARM/set-fcap" "$d/fcap" cap_net_raw+ep 2>&1)"
# hand NAME RUN-AS-OPTIONS...: marker-probe NAME run by run-as with the
# options, through set-marker (XLATE_PER_X86 set by hand).
hand() {
	local p=$d/$1

	shift
	# shellcheck disable=SC2086 # options are words
	"$ARM/run-as" "$@" "$ARM/set-marker" "$p" 2>&1
}
# Not secure: the hand-set marker is kept (xlatectl exec relies on it).
# shellcheck disable=SC2086 # $U is a list of words
{
	out=$(hand plain $U)
	check_eq "$t/marker-handset-native-kept" "$KEPT" "$(view "$out")"
	check_eq "$t/marker-handset-native-visible" 0x40000000 \
		"$(kv personality "$out")"
	# Secure: set-uid root, set-gid root, file capabilities, each run by
	# uid 1000.  The ids say the exec really raised privileges.
	out=$(hand setuid $U)
	check_eq "$t/marker-setuid-is-secure" \
		"uid=1000 euid=0 gid=1000 egid=1000 at_secure=1" \
		"$(ids "$out" | sed 's/ capeff=.*//') at_secure=$(kv at_secure "$out")"
	check_eq "$t/marker-setuid-cleared" "at_secure=1 $NATIVE" \
		"$(view "$out")"
	out=$(hand setgid $U)
	check_eq "$t/marker-setgid-is-secure" \
		"uid=1000 euid=1000 gid=1000 egid=0 capeff=$NOCAPS" "$(ids "$out")"
	check_eq "$t/marker-setgid-cleared" "at_secure=1 $NATIVE" \
		"$(view "$out")"
	out=$(hand fcap $U)
	check_eq "$t/marker-fcap-is-secure" \
		"uid=1000 euid=1000 gid=1000 egid=1000 capeff=$NETRAW" \
		"$(ids "$out")"
	check_eq "$t/marker-fcap-cleared" "at_secure=1 $NATIVE" \
		"$(view "$out")"
	# Set-id bits that raise nothing do not make an exec secure: the
	# file is the caller's own, or on a nosuid mount.
	out=$(hand setuid-self $U)
	check_eq "$t/marker-setuid-own-file-kept" "$KEPT" "$(view "$out")"
	out=$(hand nosuid/setuid $U)
	check_eq "$t/marker-nosuid-setuid-kept" "$KEPT" "$(view "$out")"
}
# Root running a set-uid-root program gains nothing either.
check_eq "$t/marker-setuid-by-root-kept" "$KEPT" "$(view "$(hand setuid)")"

# --- defect 6 and the personality(2) decision ------------------------------
# A hand-set marker through a translated exec: still hand-set (X86
# alone), visible, and a native program the translated one runs keeps it.
out=$("$ARM/set-marker" "$XP" -p x. -x "$AP" -p n. 2>&1)
check_eq "$t/marker-handset-translated-not-promoted" x86 \
	"$(kv x.marker "$out")"
check_eq "$t/marker-handset-translated-visible" 0x40000000 \
	"$(kv x.personality "$out")"
check_eq "$t/marker-handset-translated-x86-view" x86 "$(kv x.cpuinfo "$out")"
check_eq "$t/marker-handset-translated-then-native-kept" "$KEPT" \
	"$(view "$out" n.)"
# ... and the user may still clear it with personality(2), translated
# or not.
out=$("$ARM/set-marker" "$XP" -s 0 2>&1)
check_eq "$t/marker-handset-translated-clearable" \
	"set_ret=0x40000000 marker=none cpuinfo=arm64" \
	"set_ret=$(kv set_ret "$out") marker=$(kv marker "$out") cpuinfo=$(kv cpuinfo "$out")"
out=$("$ARM/set-marker" "$AP" -s 0 2>&1)
check_eq "$t/marker-handset-native-clearable" \
	"set_ret=0x40000000 $NATIVE" \
	"set_ret=$(kv set_ret "$out") $(view "$out" | sed 's/^at_secure=[^ ]* //')"

# A task marked by a translated exec: personality(2) does not show the
# bits, and a value written without them does not drop the x86 view.
out=$("$XP" 2>&1)
check_eq "$t/personality-translated-marker-hidden" \
	"personality=0x00000000 marker=x86+translated" \
	"personality=$(kv personality "$out") marker=$(kv marker "$out")"
n0=$(stat_get uname_virtualized)
out=$("$XP" -s 0x0040000 -n 50 2>&1)
n1=$(stat_get uname_virtualized)
check_eq "$t/personality-translated-set-ret-hidden" 0x00000000 \
	"$(kv set_ret "$out")"
check_eq "$t/personality-translated-addr-no-randomize-shown" 0x00040000 \
	"$(kv personality "$out")"
check_eq "$t/personality-translated-addr-no-randomize-kept" \
	"proc=60040000 marker=x86+translated cpuinfo=x86" \
	"proc=$(kv proc_personality "$out") marker=$(kv marker "$out") cpuinfo=$(kv cpuinfo "$out")"
# qemu answers uname's machine itself; the counter shows the kernel
# still rewrote the 51 uname(2) calls made after personality(2).
check_gt "$t/personality-translated-addr-no-randomize-uname-x86" \
	"$((n1 - n0))" 50
# Its native child still drops the translated marker, and keeps the
# flag the program set.
out=$("$XP" -s 0x0040000 -x "$AP" -p n. 2>&1)
check_eq "$t/personality-translated-then-native-dropped" \
	"personality=0x00040000 $NATIVE" \
	"personality=$(kv n.personality "$out") $(view "$out" n. | sed 's/^at_secure=[^ ]* //')"

# A secure translated exec (credentials=1, set-uid root x86-64 program)
# must not carry a hand-set marker into the privileged program's native
# children: after setresuid(0,0,0) they are root, and their exec is not
# secure any more.
cp "$XP" "$d/x86-setuid"
chown 0:0 "$d/x86-setuid"
chmod 4755 "$d/x86-setuid"
check_eq "$t/marker-x86-setuid-credentials-1" ok "$(xl_param credentials 1)"
# shellcheck disable=SC2086 # $U is a list of words
out=$("$ARM/run-as" $U "$ARM/set-marker" "$d/x86-setuid" -p x. -R -x "$AP" -p n. 2>&1)
check_eq "$t/marker-x86-setuid-is-secure" "euid=0 at_secure=1 become=ok" \
	"euid=$(kv x.euid "$out") at_secure=$(kv x.at_secure "$out") become=$(kv x.become "$out")"
check_eq "$t/marker-x86-setuid-native-child-root" "uid=0 euid=0" \
	"$(ids "$out" n. | cut -d' ' -f1-2)"
check_eq "$t/marker-x86-setuid-native-child-cleared" "at_secure=0 $NATIVE" \
	"$(view "$out" n.)"
check_eq "$t/marker-x86-setuid-credentials-0" ok "$(xl_param credentials 0)"

# --- only the kernel sets XLATE_PER_TRANSLATED (issue 24, item 4) ----------
# personality(2) writing both bits by hand leaves XLATE_PER_X86 alone, a
# hand-set marker; writing the translated bit alone leaves nothing.
out=$("$AP" -s 60000000 2>&1)
check_eq "$t/forged-translated-dropped" \
	"set_ret=0x00000000 proc=40000000 marker=x86" \
	"set_ret=$(kv set_ret "$out") proc=$(kv proc_personality "$out") marker=$(kv marker "$out")"
out=$("$AP" -s 20000000 2>&1)
check_eq "$t/forged-pending-dropped" "proc=00000000 marker=none" \
	"proc=$(kv proc_personality "$out") marker=$(kv marker "$out")"
# ... so the forged marker follows the native rules: kept by a native
# exec, as a hand-set one is, and not hidden from personality(2).
out=$("$ARM/set-marker" -t "$AP" 2>&1)
check_eq "$t/forged-native-exec-hand-set" \
	"personality=0x40000000 marker=x86 cpuinfo=x86" \
	"personality=$(kv personality "$out") marker=$(kv marker "$out") cpuinfo=$(kv cpuinfo "$out")"

# The secure-exec rule on the runtime-file path.  A set-uid root copy of
# qemu is the runtime (credentials=1, so hand-offs ignore its bits), and
# uid 1000 execs it, which raises privileges: the x86 program it runs
# must not keep a marker, forged (the sequence of issue 24) or set by a
# translated exec.
srt=$d/rt-suid
cp "$QEMU_RUNTIME" "$srt"
chown 0:0 "$srt"
chmod 0755 "$srt"
check_eq "$t/secure-runtime-set" ok "$(xl_param runtime "$srt")"
check_eq "$t/secure-runtime-credentials-1" ok "$(xl_param credentials 1)"
chmod 4755 "$srt"
# shellcheck disable=SC2086 # $U is a list of words
{
	out=$("$ARM/run-as" $U "$ARM/set-marker" -t "$srt" "$XP" -p c. 2>&1)
	check_eq "$t/secure-runtime-forged-is-secure" "uid=1000 euid=0" \
		"$(ids "$out" c. | cut -d' ' -f1-2)"
	check_eq "$t/secure-runtime-forged-cleared" "marker=none cpuinfo=arm64" \
		"marker=$(kv c.marker "$out") cpuinfo=$(kv c.cpuinfo "$out")"
	out=$("$ARM/run-as" $U "$XP" -p p. -x "$srt" "$XP" -p c. 2>&1)
	check_eq "$t/secure-runtime-translated-parent" \
		"euid=1000 marker=x86+translated" \
		"euid=$(kv p.euid "$out") marker=$(kv p.marker "$out")"
	check_eq "$t/secure-runtime-translated-is-secure" "uid=1000 euid=0" \
		"$(ids "$out" c. | cut -d' ' -f1-2)"
	check_eq "$t/secure-runtime-translated-cleared" \
		"marker=none cpuinfo=arm64" \
		"marker=$(kv c.marker "$out") cpuinfo=$(kv c.cpuinfo "$out")"
}
# Not secure (root runs it): the translated task's child keeps the view.
out=$("$XP" -p p. -x "$srt" "$XP" -p c. 2>&1)
check_eq "$t/secure-runtime-by-root-kept" "marker=x86+translated cpuinfo=x86" \
	"marker=$(kv c.marker "$out") cpuinfo=$(kv c.cpuinfo "$out")"
chmod 0755 "$srt"
check_eq "$t/secure-runtime-credentials-0" ok "$(xl_param credentials 0)"
check_eq "$t/secure-runtime-restored" ok "$(xl_param runtime "$QEMU_RUNTIME")"

# --- a translated exec that fails after the hand-off ----------------------
# A runtime whose ELF header is fine but whose program headers are not
# (75-bad-input.sh): xlate hands off, then the ELF loader fails the exec
# before its point of no return, and the caller goes on running.  It may
# keep the pending marker (XLATE_PER_TRANSLATED alone, design.rst), but
# personality(2) does not show it and the caller gets no x86 view; a
# hand-set marker is left as it was.
mkdir -p "$d/bad"
"$ARM/bad-elf" "$AP" "$d/bad" >/dev/null 2>&1
check_eq "$t/marker-failed-exec-runtime" ok \
	"$(xl_param runtime "$d/bad/phoff-past-eof")"
# failed OUTPUT: how marker-probe -p c. -x saw its failed exec.
failed() {
	printf 'exec_error=%s personality=%s marker=%s cpuinfo=%s' \
		"$(kv c.exec_error "$1")" "$(kv c.after.personality "$1")" \
		"$(kv c.after.marker "$1" | sed 's/^translated$/none/')" \
		"$(kv c.after.cpuinfo "$1")"
}
check_eq "$t/marker-failed-exec-unmarked-no-view" \
	"exec_error=ENOEXEC personality=0x00000000 marker=none cpuinfo=arm64" \
	"$(failed "$("$AP" -p c. -x "$X86/hello" 2>&1)")"
check_eq "$t/marker-failed-exec-handset-kept" \
	"exec_error=ENOEXEC personality=0x40000000 marker=x86 cpuinfo=x86" \
	"$(failed "$("$ARM/set-marker" "$AP" -p c. -x "$X86/hello" 2>&1)")"
xl_param runtime "$QEMU_RUNTIME" >/dev/null

# --- defect 7: set-id bits or capabilities added to the runtime ------------
# A copy of qemu, configured while clean; credentials=0, so its file
# decides the credentials of every program it runs.
rt=$d/rt
cp "$QEMU_RUNTIME" "$rt"
chown 0:0 "$rt"
chmod 0755 "$rt"
check_eq "$t/runtime-priv-configured" ok "$(xl_param runtime "$rt")"
# shellcheck disable=SC2086 # $U is a list of words
check_eq "$t/runtime-priv-baseline" \
	"uid=1000 euid=1000 gid=1000 egid=1000 capeff=$NOCAPS" \
	"$(ids "$("$ARM/run-as" $U "$XP" 2>&1)")"
# log_count WORDS: dmesg lines that contain "runtime" and WORDS.
log_count() {
	dmesg | grep -F runtime | grep -cF -- "$1"
}
# rt_case NAME LOG-WORDS ADD REMOVE: ADD privilege to the runtime, run
# an x86-64 program as uid 1000, REMOVE it, run again.
rt_case() {
	local name=$1 words=$2 add=$3 rm=$4 l0 r

	l0=$(log_count "$words")
	r=$(eval "$add" 2>&1)
	check_eq "$t/runtime-$name-added" "" "$r"
	# shellcheck disable=SC2086 # $U is a list of words
	out=$("$ARM/run-as" $U "$XP" 2>&1)
	check_eq "$t/runtime-$name-refused" "run-as: $XP: EPERM" "$out"
	check_eq "$t/runtime-$name-no-gain" "" \
		"$(printf '%s\n' "$out" | grep -E '^(euid=0|egid=0|capeff=0*[1-9a-f])')"
	check_gt "$t/runtime-$name-logged" "$(log_count "$words")" "$l0"
	check_eq "$t/runtime-$name-kept" "$rt" "$(cat "$PARAMS/runtime")"
	r=$(eval "$rm" 2>&1)
	check_eq "$t/runtime-$name-removed" "" "$r"
	# shellcheck disable=SC2086 # $U is a list of words
	check_eq "$t/runtime-$name-removed-works" \
		"uid=1000 euid=1000 gid=1000 egid=1000 capeff=$NOCAPS" \
		"$(ids "$("$ARM/run-as" $U "$XP" 2>&1)")"
}
rt_case setuid set-user-ID "chmod 4755 $rt" "chmod 0755 $rt"
rt_case setgid set-group-ID "chmod 2755 $rt" "chmod 0755 $rt"
rt_case fcap "file capabilities" \
	"$ARM/set-fcap $rt cap_net_raw+ep >/dev/null" \
	"$ARM/set-fcap -r $rt >/dev/null"
check_eq "$t/runtime-priv-restored" ok "$(xl_param runtime "$QEMU_RUNTIME")"

# --- decided: the counters are every user's to read ------------------------
bad=
for f in "$STATS"/*; do
	m=$(stat -c '%a %u' "$f")
	[ "$m" = "444 0" ] || bad="$bad ${f##*/}:$m"
done
check_eq "$t/stats-mode-0444" "" "$bad"
n=$(find "$STATS" -type f | wc -l)
check_gt "$t/stats-present" "$n" 0
# shellcheck disable=SC2016,SC2086 # expanded by the inner shell; $U
r=$("$ARM/run-as" $U /bin/sh -c 'for f in '"$STATS"'/*; do cat "$f" || echo "unreadable $f"; done' 2>&1)
check_eq "$t/stats-readable-by-uid-1000" "$n" \
	"$(printf '%s\n' "$r" | grep -cxE '[0-9]+')"
bad=
for f in "$STATS"/*; do
	# shellcheck disable=SC2086 # $U is a list of words
	r=$("$ARM/run-as" $U "$ARM/sysfs-write" "$f" 0 2>&1)
	[ "$r" = EACCES ] || bad="$bad ${f##*/}:$r"
done
check_eq "$t/stats-not-writable-by-uid-1000" "" "$bad"

xl_restore
check_eq "$t/marker-priv-restored-runtime" "$QEMU_RUNTIME" \
	"$(cat "$PARAMS/runtime")"
check_eq "$t/marker-priv-restored-credentials" 0 "$(param_bool credentials)"
# The old configuration's reference to the runtime copy may be dropped
# after an RCU grace period.
wait_until 10 umount "$d/nosuid"
wait_until 10 umount "$d"
check "$t/marker-priv-unmounted" sh -c "! grep -q ' $d' /proc/mounts"
rmdir "$d" 2>/dev/null
check_eq "$t/marker-priv-restored-hello-runs" "exit=7" \
	"$(exec_result "$X86/hello")"
