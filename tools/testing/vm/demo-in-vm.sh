#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs inside the VM (as /xlate/demo.sh): shows what a native arm64
# program and a translated x86-64 program see, side by side.

W=38

# Tabs and lscpu's column padding would waste the narrow columns.
tidy() {
	sed -e 's/\t/ /g' -e 's/   */ /g'
}

# side LEFT-TITLE LEFT-CMD RIGHT-TITLE RIGHT-CMD
side() {
	sh -c "$2" 2>&1 | tidy >/tmp/left
	sh -c "$4" 2>&1 | tidy >/tmp/right
	awk -v w=$W -v lt="$1" -v rt="$3" -v lc="\$ $2" -v rc="\$ $4" '
	function cut(s) { return length(s) > w ? substr(s, 1, w - 1) "~" : s }
	function row(a, b) { printf "%-" w "s | %s\n", cut(a), cut(b) }
	NR == FNR { l[FNR] = $0; nl = FNR; next }
	{ r[FNR] = $0; nr = FNR }
	END {
		row(lt, rt); row(lc, rc)
		dash = sprintf("%" w "s", ""); gsub(/ /, "-", dash)
		row(dash, dash)
		n = nl > nr ? nl : nr
		for (i = 1; i <= n; i++)
			row(i in l ? l[i] : "", i in r ? r[i] : "")
		print ""
	}' /tmp/left /tmp/right
}

heading() {
	echo "=============================================================================="
	echo "  $*"
	echo "=============================================================================="
}

heading "xlate demo on $(uname -r): native arm64 | translated x86-64"
echo "runtime: $(cat /sys/module/xlate/parameters/runtime 2>/dev/null || echo '(xlate not loaded)')"
# What the packaged xlate-cpuinfo-sync.service does at boot: the x86
# /proc/cpuinfo from the runtime's CPUID.
if out=$(xlatectl cpuinfo sync 2>&1); then
	echo "cpuinfo: synced to the runtime's CPUID (xlatectl cpuinfo sync," \
		"as xlate-cpuinfo-sync.service does at boot)"
else
	echo "cpuinfo: not synced: $out"
fi
echo

heading "1. uname -m"
side "native (arm64 busybox)" "uname -m" \
	"translated (x86-64 busybox)" "/x86/busybox uname -m"

heading "2. lscpu (dynamically linked x86-64 lscpu)"
side "native (arm64 lscpu)" "lscpu | head -n 12" \
	"translated (x86-64 lscpu)" "/x86/lscpu | head -n 12"

heading "3. /proc/cpuinfo"
side "native (arm64 cat)" "head -n 12 /proc/cpuinfo" \
	"translated (x86-64 busybox)" "/x86/busybox head -n 12 /proc/cpuinfo"

heading "4. CPUID (executed by an x86-64 program) against its /proc/cpuinfo"
check=/xlate/progs/x86_64/cpuid-check
if [ -x "$check" ]; then
	"$check" 2>&1 | cut -c1-150
else
	echo "(no $check: the test programs did not build)"
fi
echo

heading "5. a Debian bookworm amd64 container (no qemu inside)"
ctr=/xlate/progs/arm64/container-run
root=/containers/debian-amd64
if [ ! -x "$ctr" ]; then
	echo "(no $ctr: the test programs did not build)"
elif ! why=$(/xlate/mount-disk.sh "$root" 2>&1); then
	echo "(no amd64 root file system: $why)"
else
	cmd='. /etc/os-release; echo "$PRETTY_NAME"; uname -m; dpkg --print-architecture; grep -m1 "model name" /proc/cpuinfo; ps -o pid,comm; true'
	echo "\$ container-run $root bash -c '$cmd'"
	echo "  (new mount, pid, uts, ipc and net namespaces; $root as /)"
	"$ctr" "$root" bash -c "$cmd" 2>&1 | sed 's/^/  /'
	echo "In the shell: $ctr $root bash"
fi
echo

heading "6. xlate counters (/sys/kernel/xlate/stats)"
for f in /sys/kernel/xlate/stats/*; do
	[ -f "$f" ] && printf '%-22s %s\n' "$(basename "$f")" "$(cat "$f")"
done
echo
