#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Issue 16, a real x86-64 userland: Debian bookworm amd64 (minbase,
# bash, coreutils, procps, util-linux, python3, perl; no runtime file)
# from the read-only disk (fetch-amd64-root.sh, qemu.sh XLATE_VM_DISK)
# run as a container the way engines make one (container-run: new
# mount, pid, uts, ipc and network namespaces, the root file system as
# /, a fresh /proc), under each runtime of XLATE_CONTAINER_RUNTIMES
# (/etc/xlate-target; e2e/run.sh sets it):
#   qemu7   the init's configuration: qemu 7.2, /usr/bin/qemu-x86_64-static
#   qemu10  trixie's qemu 10 ($QEMU10_RUNTIME), set as Debian's binfmt
#           line in /sys/kernel/xlate/config
# first as root, then as uid 1000 in a user namespace of its own
# (rootless, as podman does), where the configuration must be refused.
# Each runtime is set up as a normal setup leaves it, /proc/cpuinfo
# synced to its CPUID (xlatectl cpuinfo sync, what the packaged unit and
# xlatectl import run); in the container, cpuid-check (e2e/progs, copied
# in through its standard input) compares CPUID with /proc/cpuinfo, and
# lscpu, glibc's hwcaps level and python's platform and os.cpu_count()
# are held against CPUID (issue 25).
#
# Each container runs one translated bash (pid 1) that runs the checks'
# commands one after the other, each between "@@begin NAME TIME" and
# "@@end STATUS TIME" lines: bash's start costs seconds under nested
# TCG, so it is paid once per container.  "info:" lines give each
# command's time.  XLATE_CONTAINER_USERNS=full runs every check in the
# user namespace too; the default (lean) runs the ones about translation,
# the x86 view and the configuration there.
# Documentation/admin-guide.rst, "Containers", walks through the same.
. "$(dirname "$0")/lib.sh"
# shellcheck disable=SC1091
. /etc/xlate-target

t=container
ROOTFS=/containers/debian-amd64
CTR=$ARM/container-run
USER_ID=1000
CFG=/sys/kernel/xlate/config
# Generous: a whole container session under nested TCG, on a host that
# may be busy (about 2 min at load 8).
TO=900
# Debian's magic and mask for x86-64 (qemu-user's binfmt.d file).
MAGIC='\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00'
MASK='\xff\xff\xff\xff\xff\xfe\xfe\xfc\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
# The mounts a container sees (container-run's), in mountinfo's order.
# shellcheck disable=SC2034 # used in the checks expect evaluates
MOUNTS="/ /proc /sys /dev /dev/null /dev/zero /dev/full /dev/random /dev/urandom /dev/tty /dev/pts /dev/shm /tmp /run "
CONFIG_FILES="$PARAMS/enabled $PARAMS/runtime $CFG $CPUINFO_DIR/model_name"
SCRIPT=/tmp/ctr-script
CMDS=/tmp/ctr-cmds

# Centiseconds since boot.
now_cs() {
	awk '{ printf "%d\n", $1 * 100 }' /proc/uptime
}

# add NAME CMD: CMD (one line of bash) becomes section NAME of the script.
add() {
	printf '%s\t%s\n' "$1" "$2" >>"$CMDS"
	printf 'echo "@@begin %s $EPOCHREALTIME"; { %s\n} 2>&1; printf "\\n@@end %%s %%s\\n" $? $EPOCHREALTIME\n' \
		"$1" "$2" >>"$SCRIPT"
}

# The script of one container; full: every check, else the lean set.
make_script() {
	: >"$SCRIPT"
	: >"$CMDS"
	add uname-arch 'uname -m; arch'
	# pid 1, its hostname, root; only the container's mounts; no
	# runtime or other file of the VM.
	add isolated 'echo $$ $HOSTNAME $EUID; while read -r _ _ _ _ m _; do printf "%s " $m; done </proc/self/mountinfo; echo; for f in '"$RUNTIME"' /xlate /usr/bin/qemu-x86_64-static /bin/busybox; do test -e $f && echo "visible: $f"; done; true'
	add lscpu 'lscpu'
	add cpuinfo-processors 'grep -c ^processor /proc/cpuinfo; nproc'
	# cpuid-check arrives on standard input, into the container's /tmp.
	add cpuid-prep 'cat >/tmp/cpuid-check && chmod 0755 /tmp/cpuid-check'
	add cpuid '/tmp/cpuid-check'
	add cpuid-values '/tmp/cpuid-check --print'
	add glibc-hwcaps '/lib64/ld-linux-x86-64.so.2 --help'
	if [ "$1" = full ]; then
		add python "python3 -c 'import platform, os; print(platform.machine(), os.cpu_count())'"
		add python-platform "python3 -c 'import platform, os; print(platform.machine(), platform.architecture()[0], repr(platform.processor()), os.cpu_count(), len(os.sched_getaffinity(0)))'"
		add perl "perl -MPOSIX -e 'print((uname)[4])'"
		add dpkg-arch 'dpkg --print-architecture'
		add dpkg-l 'dpkg -l'
		add apt-get-version 'apt-get --version'
		# bash (pid 1), its background sleep, ps: nothing else.
		add ps 'sleep 60 & ps -eo pid,comm,args; r=$?; kill $!; wait $! 2>/dev/null; (exit $r)'
		add pipeline 'seq 1 100000 | sort -r | head -3'
		# Exit statuses through wait.
		add background-wait 'sh -c "exit 7" & p=$!; seq 3 | tail -n 1 >/tmp/o & q=$!; wait $p; a=$?; wait $q; echo "bg=$a bg2=$? $(cat /tmp/o)"'
	fi
	if [ "$2" = root ]; then
		# Engines mount /sys read-only.
		add config-readonly 'echo 0 >'"$PARAMS"'/enabled'
	else
		# sysfs is read-write here (container-run -w): the files' own
		# permissions answer.
		add config-refused 'for f in '"$CONFIG_FILES"'; do echo 0 >$f; done'
	fi
	echo 'exit 3' >>"$SCRIPT"
}

# section NAME: the output of section NAME of $out, then a last line
# "@@rc STATUS SECONDS" (no such line: the section did not finish).
# The end line is matched whole: ps shows the script in bash's args.
section() {
	printf '%s\n' "$out" | awk -v n="$1" '
		$1 == "@@begin" && $2 == n { on = 1; t0 = $3; next }
		on && /^@@end [0-9]+ [0-9.]+$/ {
			print ""
			printf "@@rc %s %.1f\n", $2, $3 - t0
			exit
		}
		on { print }'
}

# expect NAME CHECK...: look up section NAME into sout (its output),
# src (its status) and ssecs; print its time; then run CHECK (a shell
# command that is true when the section is right).  A FAIL names the
# command, its status, time and output.
expect() {
	local name=$1 s cmd

	shift
	s=$(section "$name")
	sout=$(printf '%s\n' "$s" | grep -v '^@@rc ')
	src=$(printf '%s\n' "$s" | sed -n 's/^@@rc \([0-9]*\) .*/\1/p')
	ssecs=$(printf '%s\n' "$s" | sed -n 's/^@@rc [0-9]* //p')
	cmd=$(awk -F '\t' -v n="$name" '$1 == n { print $2 }' "$CMDS")
	# The image's /root is the real root's, unmapped in a one-uid user
	# namespace: dpkg cannot read its ~/.dpkg.cfg.  (Rootless podman
	# chowns an image into the user's uid range instead.)
	if [ "$P_MODE" = userns ]; then
		sout=$(printf '%s\n' "$sout" |
			grep -v "failed to open configuration file '/root/.dpkg.cfg'")
	fi
	if [ -z "$src" ]; then
		fail "$t/$P/$name" "'$cmd' did not finish: the container exited $rc after ${secs}s: $(printf '%s\n' "$out" | tail -n 5)"
		return
	fi
	echo "info: $t/$P/$name: ${ssecs}s: $cmd"
	if eval "$*"; then
		pass "$t/$P/$name"
	else
		fail "$t/$P/$name" "'$cmd' exited $src after ${ssecs}s: $sout"
	fi
}

# field LABEL: the value of lscpu's "LABEL:" line in sout.
field() {
	printf '%s\n' "$sout" | sed -n "s/^ *$1: *//p" | head -n 1
}

# words TEXT: the words of TEXT sorted, on one line.
words() {
	printf '%s\n' "$1" | tr ' ' '\n' | grep . | sort | tr '\n' ' '
}

# prof FIELD: the profile's value (/sys/kernel/xlate/cpuinfo).
prof() {
	cat "$CPUINFO_DIR/$1"
}

# lscpu_agrees: every x86 field of lscpu in sout matches the profile;
# else prints which do not.
lscpu_agrees() {
	local bad='' l

	[ "$(field Architecture)" = x86_64 ] || bad="$bad Architecture=$(field Architecture)"
	[ "$(field 'CPU(s)')" = "$NPROC" ] || bad="$bad CPU(s)=$(field 'CPU(s)')"
	for l in "Vendor ID:vendor_id" "Model name:model_name" \
		"CPU family:cpu_family" "Model:model" "Stepping:stepping"; do
		[ "$(field "${l%%:*}")" = "$(prof "${l#*:}")" ] ||
			bad="$bad ${l%%:*}='$(field "${l%%:*}")'(profile '$(prof "${l#*:}")')"
	done
	[ "$(field 'Address sizes')" = "$(prof phys_bits) bits physical, $(prof virt_bits) bits virtual" ] ||
		bad="$bad Address sizes='$(field 'Address sizes')'"
	[ "$(words "$(field Flags)")" = "$(words "$(prof flags)")" ] ||
		bad="$bad Flags differ from the profile's"
	[ -z "$bad" ] || echo "lscpu disagrees with the profile:$bad"
}

# cv KEY: KEY of the cpuid-values section (CPUID's side, cpuid-check --print).
cv() {
	printf '%s\n' "$CPUID_VALUES" | sed -n "s/^$1=//p" | head -n 1
}

# lscpu_cpuid: lscpu in sout says what CPUID says; else prints what not.
lscpu_cpuid() {
	local bad=''

	[ "$(field 'Vendor ID')" = "$(cv vendor)" ] ||
		bad="$bad Vendor ID='$(field 'Vendor ID')'(CPUID '$(cv vendor)')"
	[ "$(field 'Model name')" = "$(cv model_name)" ] ||
		bad="$bad Model name='$(field 'Model name')'(CPUID '$(cv model_name)')"
	[ "$(field 'CPU family') $(field Model)" = "$(cv family) $(cv model)" ] ||
		bad="$bad family/model='$(field 'CPU family') $(field Model)'(CPUID '$(cv family) $(cv model)')"
	[ "$(field 'CPU op-mode(s)')" = "32-bit, 64-bit" ] ||
		bad="$bad CPU op-mode(s)='$(field 'CPU op-mode(s)')'"
	[ "$(field 'Address sizes')" = "$(cv phys_bits) bits physical, $(cv virt_bits) bits virtual" ] ||
		bad="$bad Address sizes='$(field 'Address sizes')'"
	[ "$(words "$(field Flags)")" = "$(words "$(cv flags)")" ] ||
		bad="$bad Flags differ from CPUID's"
	[ -z "$bad" ] || echo "lscpu disagrees with CPUID:$bad"
}

# glibc_level: the highest x86-64-vN glibc's ld.so (sout) supports.
glibc_level() {
	local l

	l=$(printf '%s\n' "$sout" | sed -n 's/^ *x86-64-v\([0-9]\) (supported.*/\1/p' |
		sort -n | tail -n 1)
	echo "${l:-1}"
}

# ps_ok: the section lists bash as pid 1, sleep 60 and ps, nothing else.
ps_ok() {
	[ "$src" = 0 ] &&
		[ "$(printf '%s\n' "$sout" | awk 'NR > 1 { print $2 }' | sort | tr '\n' ' ')" = "bash ps sleep " ] &&
		[ "$(printf '%s\n' "$sout" | awk '$1 == 1 { print $2 }')" = bash ] &&
		printf '%s\n' "$sout" | grep -q ' sleep 60$'
}

# refused_all: every configuration file answered Permission denied.
refused_all() {
	local f

	for f in $CONFIG_FILES; do
		printf '%s\n' "$sout" | grep -Fq "$f: Permission denied" || return 1
	done
}

# One container of runtime $rt in MODE (root or userns), with the full
# or the lean SET of checks.
container_checks() {
	local mode=$1 set=$2 tr0 t0 opts='' why

	P=$rt/$mode
	P_MODE=$mode
	make_script "$set" "$mode"
	[ "$mode" = userns ] && opts="-u $USER_ID -g $USER_ID -w"
	tr0=$(stat_get translated)
	t0=$(now_cs)
	# shellcheck disable=SC2086 # opts split on purpose
	out=$(timeout -s KILL "$TO" "$CTR" $opts "$ROOTFS" bash -c "$(cat "$SCRIPT")" \
		<"$X86/cpuid-check" 2>&1)
	rc=$?
	secs=$(($(now_cs) - t0))
	secs=$((secs / 100)).$((secs / 10 % 10))
	echo "info: $t/$P: container session ($set) ${secs}s"
	[ "$rc" -eq 137 ] && rc="137 (killed after the ${TO}s timeout)"

	expect uname-arch '[ "$src $sout" = "0 x86_64
x86_64" ]'
	expect isolated '[ "$src $sout" = "0 1 ctr 0
$MOUNTS" ]'
	why=
	expect lscpu '[ "$src" = 0 ] && why=$(lscpu_agrees) && [ -z "$why" ] || { sout="$why; $sout"; false; }'
	expect cpuinfo-processors '[ "$src $sout" = "0 $NPROC
$NPROC" ]'
	expect cpuid-prep '[ "$src" = 0 ]'
	expect cpuid '[ "$src" = 0 ] && printf "%s\n" "$sout" | grep -qx "cpuid-check: 0 differences"'
	printf '%s\n' "$sout" | grep -E '^(cpuid|DIFF)' | sed "s#^#info: $t/$P/cpuid: #"
	expect cpuid-values '[ "$src" = 0 ] && [ -n "$(printf "%s\n" "$sout" | sed -n "s/^vendor=//p")" ]'
	CPUID_VALUES=$sout
	sout=$(section lscpu | grep -v '^@@rc ')
	why=$(lscpu_cpuid)
	if [ -z "$why" ]; then
		pass "$t/$P/lscpu-cpuid"
	else
		fail "$t/$P/lscpu-cpuid" "$why"
	fi
	expect glibc-hwcaps '[ "$src" = 0 ] && [ "$(glibc_level)" = "$(cv psabi)" ] &&
		[ "$(glibc_level)" = "$(cv cpuinfo_psabi)" ] || {
		sout="glibc x86-64-v$(glibc_level), CPUID v$(cv psabi), cpuinfo v$(cv cpuinfo_psabi): $sout"; false; }'
	if [ "$set" = full ]; then
		expect python '[ "$src $sout" = "0 x86_64 $NPROC" ]'
		# platform.processor() is uname -p, which Debian prints as
		# "unknown" (python: ''); the counts are the cpuinfo's blocks.
		expect python-platform '[ "$src $sout" = "0 x86_64 64bit '"''"' $(cv processors) $(cv processors)" ]'
		expect perl '[ "$src $sout" = "0 x86_64" ]'
		expect dpkg-arch '[ "$src $sout" = "0 amd64" ]'
		expect dpkg-l '[ "$src" = 0 ] &&
			printf "%s\n" "$sout" | grep -Eq "^ii +python3 +[^ ]+ +amd64 " &&
			printf "%s\n" "$sout" | grep -Eq "^ii +perl +[^ ]+ +amd64 "'
		expect apt-get-version '[ "$src" = 0 ] &&
			printf "%s\n" "$sout" | head -n 1 | grep -Eq "^apt [0-9.]+ \(amd64\)$"'
		expect ps ps_ok
		echo "info: $t/$P/ps: $(printf '%s\n' "$sout" | cut -c1-100 | tr '\n' '|')"
		# sort -r is a text sort: 99999 comes before 100000.
		expect pipeline '[ "$src $sout" = "0 99999
99998
99997" ]'
		expect background-wait '[ "$src $sout" = "0 bg=7 bg2=0 3" ]'
	fi
	if [ "$mode" = root ]; then
		expect config-readonly '[ "$src" = 1 ] &&
			printf "%s\n" "$sout" | grep -Fq "$PARAMS/enabled: Read-only file system"'
	else
		expect config-refused '[ "$src" = 1 ] && refused_all'
	fi
	check_eq "$t/$P/exit-status" 3 "$rc"
	check_gt "$t/$P/translated-counted" "$(stat_get translated)" "$tr0"
}

# xlatectl set, as uid 1000 in a user namespace: refused, nothing changed.
xlatectl_refused() {
	local before

	before=$(cat $CONFIG_FILES)
	out=$("$ARM/run-as" -u "$USER_ID" -g "$USER_ID" -U /usr/sbin/xlatectl \
		set enabled off 2>&1)
	rc=$?
	echo "info: $t/$rt/userns/xlatectl-set-refused: exit $rc: $out"
	if [ "$rc" -ne 0 ] && printf '%s\n' "$out" | grep -qi 'permission denied'; then
		pass "$t/$rt/userns/xlatectl-set-refused"
	else
		fail "$t/$rt/userns/xlatectl-set-refused" "'xlatectl set enabled off' as uid $USER_ID in a user namespace exited $rc, without 'permission denied': $out"
	fi
	# shellcheck disable=SC2086 # a list of files
	check_eq "$t/$rt/userns/config-unchanged" "$before" "$(cat $CONFIG_FILES)"
}

# use_runtime NAME: configure it and set RUNTIME; sets RT_WHY to the
# reason when it cannot be used.
use_runtime() {
	local r

	RT_WHY=
	case $1 in
	qemu7)
		RUNTIME=$QEMU_RUNTIME
		r=$(cat "$PARAMS/runtime")
		[ "$r" = "$RUNTIME" ] ||
			RT_WHY="the init's runtime is '$r', not $RUNTIME"
		;;
	qemu10)
		RUNTIME=$QEMU10_RUNTIME
		if [ ! -x "$RUNTIME" ]; then
			RT_WHY="$RUNTIME missing: trixie's qemu 10 is not in this VM"
			return
		fi
		r=$(xl_set "$CFG" ":qemu10:M::$MAGIC:$MASK:$RUNTIME:POF")
		[ "$r" = ok ] || RT_WHY="writing qemu 10's line to $CFG: $r"
		;;
	*) RT_WHY="unknown runtime '$1' in XLATE_CONTAINER_RUNTIMES" ;;
	esac
}

# --- set-up -------------------------------------------------------------
T0=$(now_cs)
NPROC=$(nproc)
if ! why=$(/xlate/mount-disk.sh "$ROOTFS" 2>&1); then
	fail "$t/rootfs-disk" "$why (e2e/run.sh attaches the amd64 root of fetch-amd64-root.sh)"
	exit 1
fi
pass "$t/rootfs-disk"
check_eq "$t/rootfs-amd64" "Architecture: amd64" \
	"$(grep -m1 '^Architecture: amd64$' "$ROOTFS/var/lib/dpkg/status")"
check_eq "$t/rootfs-no-runtime" "" \
	"$(ls -d "$ROOTFS"/usr/bin/qemu-* "$ROOTFS"/usr/libexec/qemu-binfmt 2>/dev/null)"

for rt in ${XLATE_CONTAINER_RUNTIMES:-qemu7}; do
	use_runtime "$rt"
	if [ -n "$RT_WHY" ]; then
		fail "$t/$rt/runtime" "$RT_WHY"
		continue
	fi
	pass "$t/$rt/runtime"
	# The normal setup: /proc/cpuinfo synced to this runtime's CPUID.
	out=$(/usr/sbin/xlatectl cpuinfo sync 2>&1)
	r=$?
	echo "info: $t/$rt/cpuinfo-sync: $(printf '%s\n' "$out" | tr '\n' ' ')"
	check_eq "$t/$rt/cpuinfo-sync" "0 runtime $RUNTIME" "$r $(cat "$CPUINFO_DIR/source")"
	container_checks root full
	container_checks userns "${XLATE_CONTAINER_USERNS:-lean}"
	xlatectl_refused
	xl_restore
done
echo "info: $t: $((($(now_cs) - T0) / 100))s for ${XLATE_CONTAINER_RUNTIMES:-qemu7}"
