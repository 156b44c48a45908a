#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The checks of `make check-distro`, run as root inside the booted
# Debian arm64 image, systemd as PID 1: xlate-distro.service (after
# multi-user.target) runs /xlate/test.sh from the payload disk.  The
# stage comes from the kernel command line, xlate_distro_stage=:
#
#   install  boot 1: what a user does, dpkg -i of the two packages
#   engines  boot 2: podman and docker run the amd64 image with xlate
#            alone (image/engines.sh, sourced; its checks are listed there)
#   check    boot 3, a normal boot of the same disk: systemd loaded xlate
#            (modules-load.d) and registered qemu (binfmt.d) by itself;
#            nothing is loaded or registered by hand before the checks
#
# /xlate/env gives XLATE_TARGET (the release, bookworm-arm64 or
# trixie-arm64), KVER, VERSION and RUNTIME (the qemu path xlate's search
# finds first in that release); /xlate/debs holds the two packages,
# /xlate/x86 the x86-64 programs, /xlate/amd64 the amd64 image.  One line per check:
# PASS:/FAIL: distro/<target>/image-<name>.
#
# Boot 1 (install):
#   image-kernel          the image booted Debian's KVER kernel, systemd
#                         is PID 1
#   image-qemu-binfmt-d   qemu-user-static's /usr/lib/binfmt.d/qemu-x86_64.conf
#                         was registered by systemd-binfmt.service at boot
#                         (before xlate is installed)
#   image-dpkg-install    dpkg -i of xlatectl and xlate-dkms succeeds (the
#                         postinst has DKMS build the module here, under
#                         TCG) and installs the /etc files
#   image-dkms-installed  dkms status: xlate/VERSION installed for KVER;
#                         the module is in updates/dkms
#   image-install-dmesg-clean  no oops, warning, lockdep or stall report
#                         in this boot (as image-dmesg-clean)
# Boot 3 (check):
#   image-systemd-boot    systemd is PID 1 and the boot finished:
#                         multi-user.target is active, no job is running
#                         but xlate-distro.service's own
#   image-modules-load    xlate (the DKMS module, VERSION) was loaded by
#                         systemd-modules-load.service from
#                         /etc/modules-load.d/xlate.conf: the journal says
#                         so, or xlate's load messages in dmesg fall within
#                         the run of the service's process
#   image-binfmt-qemu     systemd-binfmt.service registered qemu-x86_64,
#                         enabled, with the interpreter and flags of its
#                         binfmt.d file; binfmt_misc was loaded before xlate
#                         (so xlate's handler is ahead of it)
#   image-runtime-auto    xlate found qemu (RUNTIME) by itself, with
#                         the modes qemu's package declares (OPF: P and O):
#                         preserve_argv0=Y, open_binary=Y, and
#                         /sys/kernel/xlate/config is qemu's own line
#                         (name, type, offset, magic and mask of
#                         QEMU_CONF) with RUNTIME and flags with P and O,
#                         and config_source says "autodetect"
#   image-x86-hello       a static x86-64 program runs and prints its argv;
#                         stats/translated grew by exactly one although
#                         binfmt_misc's qemu-x86_64 claims the file too
#   image-x86-uname       x86-64 `uname -m` says x86_64, native aarch64;
#                         translated grew by exactly two
#   image-x86-cpuinfo     the x86-64 busybox sees an x86 /proc/cpuinfo;
#                         translated grew by exactly one
#   image-cpuinfo-cpuid   xlate-cpuinfo-sync.service (xlatectl's package)
#                         ran at boot and synced the profile to the
#                         runtime's CPUID (cpuinfo/source names the
#                         runtime), and the x86-64 cpuid-check finds no
#                         difference between the CPUID it executes and the
#                         /proc/cpuinfo it reads; no manual step before
#   image-xlatectl-status `xlatectl status` reports the loaded module, its
#                         version and runtime, and lists binfmt_misc's
#                         qemu-x86_64 among the registrations that also
#                         claim x86-64 ELF files with the note that xlate
#                         is asked first (qemu's entry: present, shadowed)
#   image-units-ok        systemctl --failed lists no unit of xlate,
#                         binfmt or modules-load (other failed units are
#                         printed, not failed)
#   image-purge           rmmod, dpkg --purge of both packages: module,
#                         DKMS registration and /usr/src tree are gone
#   image-dmesg-clean     no oops, warning, lockdep or stall report, and no
#                         warning of xlate (the kernel's taint notices for
#                         an out-of-tree, unsigned module aside)
# shellcheck disable=SC1091
. /xlate/env
P=distro/$XLATE_TARGET/image
RUNTIME=${RUNTIME:-/usr/bin/qemu-x86_64-static}

pass() { echo "PASS: $P-$1"; }
fail() {
	n=$1
	shift
	echo "FAIL: $P-$n: $(echo "$*" | tr '\n\t' '  ' | cut -c1-300)"
}
tailof() { tail -n "${2:-4}" "$1" 2>/dev/null | tr '\n' ' '; }

export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8
cd /tmp || exit 1
# Kernel messages would interleave with the result lines on the console.
dmesg -n 1 2>/dev/null

stage=
read -r cmdline </proc/cmdline
for a in $cmdline; do
	case $a in
	xlate_distro_stage=*) stage=${a#*=} ;;
	esac
done
echo "xlate-distro: stage '$stage', $(systemctl is-system-running 2>&1)"
# The stall detectors' thresholds that image.sh sets for TCG.
echo "xlate-distro: rcu_cpu_stall_timeout $(cat /sys/module/rcupdate/parameters/rcu_cpu_stall_timeout 2>&1) s, watchdog_thresh $(cat /proc/sys/kernel/watchdog_thresh 2>&1) s"

BM=/proc/sys/fs/binfmt_misc
QEMU_CONF=/usr/lib/binfmt.d/qemu-x86_64.conf
TR=/sys/kernel/xlate/stats/translated

translated() { cat "$TR" 2>/dev/null || echo -1; }
bm_list() { for r in "$BM"/*; do printf '%s ' "${r##*/}"; done; }

# grown NAME N0 N WHAT: translated went from N0 up by exactly N.
grown() {
	n1=$(translated)
	[ "$2" -ge 0 ] && [ "$n1" -eq $(($2 + $3)) ] && return 0
	fail "$1" "$4, but stats/translated went from $2 to $n1, want +$3 (binfmt_misc: $(bm_list))"
	return 1
}

# The binfmt.d line's interpreter and flags, ":name:type:offset:magic:mask:interp:flags".
conf_field() {
	grep -m1 '^:' "$QEMU_CONF" 2>/dev/null | cut -d: -f"$1"
}

# dmesg_clean NAME: no oops, warning, lockdep or stall report in this
# boot's dmesg (the patterns of the e2e init), and no warning of xlate's
# own but the kernel's taint notices on loading it.  On failure the
# whole reports, call traces included, go to the console.
dmesg_clean() {
	bad=$(dmesg | grep -E 'Oops|BUG:|WARNING:|Call trace|possible circular|possible recursive locking|INFO: task|KASAN|kmemleak|general protection|Unable to handle kernel|Kernel panic|RCU stall|rcu_.*detected stall|list_(add|del) corruption|refcount_t:|UBSAN')
	xw=$(dmesg -l emerg,alert,crit,err,warn 2>/dev/null | grep -i xlate |
		grep -vE 'loading out-of-tree module taints kernel|module verification failed')
	if [ -n "$bad$xw" ]; then
		fail "$1" "$(printf '%s\n%s\n' "$bad" "$xw" | grep . | head -n 5 | tr '\n' '|')"
		dmesg | grep -B3 -A40 -E 'Call trace|stall|lockup|INFO: task' |
			sed 's/^/dmesg-report: /'
	else
		pass "$1"
	fi
}

stage_install() {
	# image-kernel
	pid1=$(cat /proc/1/comm)
	if [ "$(uname -r)" = "$KVER" ] && [ "$(uname -m)" = aarch64 ] &&
		[ "$pid1" = systemd ]; then
		pass kernel
	else
		fail kernel "booted $(uname -r) $(uname -m), PID 1 '$pid1'; want $KVER aarch64 systemd"
	fi

	# image-qemu-binfmt-d: Debian's qemu-user-static registered by
	# systemd-binfmt at boot, before anything of xlate is installed.
	if [ ! -r "$QEMU_CONF" ]; then
		fail qemu-binfmt-d "no $QEMU_CONF in the image"
	elif [ ! -e "$BM/qemu-x86_64" ]; then
		fail qemu-binfmt-d "no $BM/qemu-x86_64 ($(systemctl status systemd-binfmt.service 2>&1 | head -n 5))"
	elif ! grep -qx enabled "$BM/qemu-x86_64"; then
		fail qemu-binfmt-d "$BM/qemu-x86_64 is not enabled: $(cat "$BM/qemu-x86_64")"
	else
		pass qemu-binfmt-d
	fi
	sed 's/^/binfmt-qemu-x86_64: /' "$BM/qemu-x86_64" 2>/dev/null

	# image-dpkg-install: what a user does.  dpkg's output (the DKMS
	# build log included) goes to the console after the result line.
	t0=$(date +%s)
	dpkg -i /xlate/debs/xlatectl_*.deb /xlate/debs/xlate-dkms_*.deb \
		>/tmp/dpkg.log 2>&1
	rc=$?
	t1=$(date +%s)
	echo "xlate-distro: dpkg -i took $((t1 - t0)) s (exit $rc)"
	missing=
	for f in /usr/sbin/xlatectl /etc/modprobe.d/xlate.conf \
		/etc/modules-load.d/xlate.conf "/usr/src/xlate-$VERSION/dkms.conf"; do
		[ -e "$f" ] || missing="$missing $f"
	done
	if [ "$rc" -ne 0 ]; then
		fail dpkg-install "dpkg -i exited $rc: $(tailof /tmp/dpkg.log)"
	elif [ -n "$missing" ]; then
		fail dpkg-install "missing after install:$missing"
	else
		pass dpkg-install
	fi
	sed 's/^/dpkg: /' /tmp/dpkg.log
	[ -f "/var/lib/dkms/xlate/$VERSION/build/make.log" ] &&
		sed 's/^/dkms-make: /' "/var/lib/dkms/xlate/$VERSION/build/make.log"

	# image-dkms-installed
	st=$(dkms status -m xlate -v "$VERSION" -k "$KVER" 2>&1)
	ko=$(find "/lib/modules/$KVER/updates/dkms" -name 'xlate.ko*' 2>/dev/null | head -n 1)
	case $st in
	*"$KVER"*": installed"*)
		if [ -n "$ko" ]; then
			pass dkms-installed
		else
			fail dkms-installed "status '$st' but no updates/dkms/xlate.ko*"
		fi
		;;
	*) fail dkms-installed "dkms status: '$st'" ;;
	esac
	# The compiler DKMS used (the kernel's, from its headers): gcc-12 on
	# Debian 12, gcc-14 on 13.
	[ -n "$ko" ] && echo "xlate-distro: $ko built by $(xz -dcf "$ko" | grep -a -o -m1 'GCC: ([^)]*) [0-9.]*')"
	# Boot 3 must find xlate loaded by systemd, not by this boot.
	if [ -d /sys/module/xlate ]; then
		echo "xlate-distro: note: xlate is already loaded in boot 1"
	fi

	dmesg_clean install-dmesg-clean
}

stage_check() {
	# Evidence first, before this script runs anything x86-64.  Not
	# filtered by unit: what systemd logs before journald is up reaches
	# the journal through kmsg, without the unit fields.
	journalctl -b --no-pager -o short-monotonic 2>&1 |
		grep -E 'modules-load|binfmt' >/tmp/journal.log
	sed 's/^/journal: /' /tmp/journal.log
	# /proc/modules lists the most recently loaded module first.
	mods=$(cut -d' ' -f1 /proc/modules | grep -nxE 'xlate|binfmt_misc' | tr '\n' ' ')
	echo "xlate-distro: /proc/modules order (newest first): $mods"

	# image-systemd-boot: the system state is "starting" while this
	# unit runs, and the default target (graphical.target, which wants
	# this unit and so is ordered after it) waits with
	# systemd-update-utmp-runlevel.service.  So: multi-user.target is
	# reached and no job but this unit's is running.
	pid1=$(cat /proc/1/comm)
	state=$(systemctl is-system-running 2>&1)
	mu=$(systemctl is-active multi-user.target 2>&1)
	jobs=$(systemctl list-jobs --no-legend --plain 2>&1)
	running=$(echo "$jobs" | awk '$2 != "xlate-distro.service" && $4 != "waiting"')
	if [ "$pid1" = systemd ] && [ "$(uname -r)" = "$KVER" ] &&
		[ "$mu" = active ] && [ -z "$running" ]; then
		pass systemd-boot
	else
		fail systemd-boot "PID 1 '$pid1', kernel $(uname -r), multi-user.target '$mu', system '$state', jobs: $jobs"
	fi
	echo "$jobs" | sed 's/^/systemd-job: /'

	# image-modules-load: systemd-modules-load's "Inserted module" line
	# when the journal kept it (it runs before journald is up, and its
	# message is then lost in some boots), else xlate's own load
	# messages in dmesg fall within the run of its main process.
	ml="$(systemctl show -P ActiveState systemd-modules-load.service 2>&1) $(systemctl show -P Result systemd-modules-load.service 2>&1)"
	t0=$(systemctl show -P ExecMainStartTimestampMonotonic systemd-modules-load.service 2>/dev/null)
	t1=$(systemctl show -P ExecMainExitTimestampMonotonic systemd-modules-load.service 2>/dev/null)
	xd=$(dmesg | grep -E '\] xlate: ' | sed -n '1p;/ loaded$/p' | sed 's/^\[ *\([0-9.]*\)\].*/\1/' | tr '\n' ' ')
	within=$(echo "${t0:-0} ${t1:-0} $xd" | awk '{
		# seconds; dmesg and CLOCK_MONOTONIC differ by far less than 1 s
		s = $1 / 1e6 - 1; e = $2 / 1e6 + 1
		print (NF == 4 && $1 > 0 && $2 > 0 && $3 >= s && $4 <= e) ? 1 : 0 }')
	path=$(modinfo -n xlate 2>&1)
	ver=$(cat /sys/kernel/xlate/version 2>&1)
	how="dmesg: xlate loaded at ${xd% } s, systemd-modules-load ran $t0-$t1 us, within: $within"
	if grep -q "Inserted module 'xlate'" /tmp/journal.log; then
		how="journal: systemd-modules-load inserted it; $how"
	fi
	echo "xlate-distro: modules-load: $how"
	if [ ! -d /sys/module/xlate ]; then
		fail modules-load "xlate is not loaded (systemd-modules-load: $ml; $(grep -i xlate /tmp/journal.log | tail -n 2))"
	elif [ "$ml" != "active success" ]; then
		fail modules-load "systemd-modules-load.service: $ml"
	elif ! grep -q "Inserted module 'xlate'" /tmp/journal.log &&
		[ "$within" != 1 ]; then
		fail modules-load "xlate is loaded, but not by systemd-modules-load ($how)"
	elif [ "$ver" != "$VERSION" ]; then
		fail modules-load "/sys/kernel/xlate/version is '$ver', want $VERSION"
	else
		case $path in
		"/lib/modules/$KVER/updates/dkms/"*) pass modules-load ;;
		*) fail modules-load "modprobe resolves xlate to '$path', not updates/dkms" ;;
		esac
	fi

	# image-binfmt-qemu
	bs="$(systemctl show -P ActiveState systemd-binfmt.service 2>&1) $(systemctl show -P Result systemd-binfmt.service 2>&1)"
	interp=$(conf_field 7)
	flags=$(conf_field 8)
	entry=$(cat "$BM/qemu-x86_64" 2>&1)
	order_ok=1
	if [ -d /sys/module/binfmt_misc/sections ] || grep -q '^binfmt_misc ' /proc/modules; then
		# binfmt_misc is a module: it must be older than xlate.
		x=$(cut -d' ' -f1 /proc/modules | grep -nx xlate | cut -d: -f1)
		b=$(cut -d' ' -f1 /proc/modules | grep -nx binfmt_misc | cut -d: -f1)
		[ -n "$x" ] && [ -n "$b" ] && [ "$x" -lt "$b" ] || order_ok=0
	fi
	if [ ! -e "$BM/qemu-x86_64" ]; then
		fail binfmt-qemu "no $BM/qemu-x86_64 (systemd-binfmt: $bs; binfmt_misc: $(bm_list))"
	elif [ "$bs" != "active success" ]; then
		fail binfmt-qemu "systemd-binfmt.service: $bs"
	elif [ "$(echo "$entry" | head -n 1)" != enabled ]; then
		fail binfmt-qemu "qemu-x86_64 is not enabled: $entry"
	elif ! echo "$entry" | grep -qx "interpreter $interp"; then
		fail binfmt-qemu "qemu-x86_64's interpreter is not $interp: $entry"
	elif [ "$(echo "$entry" | sed -n 's/^flags: //p' | fold -w1 | sort | tr -d '\n')" != \
		"$(echo "$flags" | fold -w1 | sort | tr -d '\n')" ]; then
		fail binfmt-qemu "qemu-x86_64's flags are not $flags: $entry"
	elif [ "$(cat $BM/status)" != enabled ]; then
		fail binfmt-qemu "binfmt_misc is $(cat $BM/status)"
	elif [ "$order_ok" = 0 ]; then
		fail binfmt-qemu "binfmt_misc was loaded after xlate, so it is asked first (/proc/modules: $mods)"
	else
		pass binfmt-qemu
	fi
	echo "$entry" | sed "s/^/binfmt-qemu-x86_64: /"
	echo "xlate-distro: $QEMU_CONF: interpreter $interp, flags $flags"

	# image-runtime-auto
	rt=$(cat /sys/module/xlate/parameters/runtime 2>&1)
	pa=$(cat /sys/module/xlate/parameters/preserve_argv0 2>&1)
	ob=$(cat /sys/module/xlate/parameters/open_binary 2>&1)
	cfg=
	cfg_ok=1
	if [ -e /sys/kernel/xlate/config ]; then
		cfg=$(cat /sys/kernel/xlate/config 2>&1)
		src=$(cat /sys/kernel/xlate/config_source 2>&1)
		cf=$(echo "$cfg" | cut -d: -f8)
		# The line qemu's package registers with binfmt_misc decides
		# for xlate too: its name, type, offset, magic and mask.
		[ "$(echo "$cfg" | cut -d: -f2-6)" = \
			"$(grep -m1 '^:' "$QEMU_CONF" | cut -d: -f2-6)" ] || cfg_ok=0
		[ "$src" = autodetect ] || cfg_ok=0
		case $cf in *P*) ;; *) cfg_ok=0 ;; esac
		case $cf in *O*) ;; *) cfg_ok=0 ;; esac
		[ "$(echo "$cfg" | cut -d: -f7)" = "$RUNTIME" ] || cfg_ok=0
	fi
	if [ "$rt" != "$RUNTIME" ]; then
		fail runtime-auto "runtime is '$rt' ($(dmesg | grep -i xlate | tail -n 2))"
	elif [ "$pa" != Y ] || [ "$ob" != Y ]; then
		fail runtime-auto "qemu's modes (OPF) not applied: preserve_argv0=$pa open_binary=$ob"
	elif [ "$cfg_ok" = 0 ]; then
		fail runtime-auto "/sys/kernel/xlate/config is '$cfg' (config_source '$src'), want $QEMU_CONF's name, offset, magic and mask, $RUNTIME, P and O (source autodetect)"
	else
		pass runtime-auto
	fi
	echo "xlate-distro: runtime $rt preserve_argv0=$pa open_binary=$ob config '${cfg:-(no /sys/kernel/xlate/config)}'"

	# image-x86-hello: binfmt_misc's qemu-x86_64 claims it too; xlate
	# must be asked first and count it.
	n0=$(translated)
	out=$(/xlate/x86/hello distro 2>&1)
	rc=$?
	want="argc=2
argv[0]=/xlate/x86/hello
argv[1]=distro
XLATE_TEST_ENV unset"
	if [ "$rc" -ne 0 ] || [ "$out" != "$want" ]; then
		fail x86-hello "exit $rc, output '$out'"
	elif grown x86-hello "$n0" 1 "hello ran"; then
		pass x86-hello
	fi

	# image-x86-uname: two x86-64 execs
	n0=$(translated)
	x=$(/xlate/x86/uname-m 2>&1)
	xb=$(/xlate/x86/busybox uname -m 2>&1)
	nat=$(uname -m)
	if [ "$x" != x86_64 ] || [ "$xb" != x86_64 ] || [ "$nat" != aarch64 ]; then
		fail x86-uname "x86-64 uname(2) '$x', x86-64 busybox uname -m '$xb', native '$nat'"
	elif grown x86-uname "$n0" 2 "both ran"; then
		pass x86-uname
	fi

	# image-x86-cpuinfo: one x86-64 exec
	n0=$(translated)
	xv=$(/xlate/x86/busybox grep -m1 '^vendor_id' /proc/cpuinfo 2>&1)
	nv=$(grep -c '^vendor_id' /proc/cpuinfo)
	if [ -z "$xv" ] || [ "${xv#vendor_id}" = "$xv" ] || [ "$nv" != 0 ]; then
		fail x86-cpuinfo "x86-64 view '$xv', native vendor_id lines: $nv"
	elif grown x86-cpuinfo "$n0" 1 "busybox grep ran"; then
		pass x86-cpuinfo
	fi

	# image-cpuinfo-cpuid: with no manual step, a translated program's
	# /proc/cpuinfo says what its CPUID says (the packaged unit synced
	# it at boot, before multi-user.target).
	us="$(systemctl show -P ActiveState xlate-cpuinfo-sync.service 2>&1) $(systemctl show -P Result xlate-cpuinfo-sync.service 2>&1)"
	src=$(cat /sys/kernel/xlate/cpuinfo/source 2>&1)
	out=$(/xlate/x86/cpuid-check 2>&1)
	rc=$?
	echo "$out" | sed 's/^/cpuid-check: /'
	journalctl -b -u xlate-cpuinfo-sync.service --no-pager 2>&1 |
		tail -n 20 | sed 's/^/cpuinfo-sync: /'
	if [ "$us" != "active success" ]; then
		fail cpuinfo-cpuid "xlate-cpuinfo-sync.service: $us"
	elif [ "$src" != "runtime $rt" ]; then
		fail cpuinfo-cpuid "cpuinfo/source is '$src', want 'runtime $rt'"
	elif [ "$rc" -ne 0 ]; then
		fail cpuinfo-cpuid "cpuid-check exited $rc: $(echo "$out" | grep -E '^(DIFF|cpuid-check)' | head -n 4)"
	else
		pass cpuinfo-cpuid
	fi

	# image-xlatectl-status: the text of userhelper/cmd_status.c.
	out=$(xlatectl status 2>&1)
	rc=$?
	note="xlate is asked first (unless binfmt_misc was loaded after it: see dmesg); this registration is then used only while xlate is disabled or has no runtime"
	claims=$(echo "$out" | sed -n '/^binfmt_misc registrations that also claim x86-64 ELF files:$/,$p')
	qline=$(echo "$claims" | grep -n "^  qemu-x86_64: interpreter $interp, flags " | head -n 1)
	qn=${qline%%:*}
	case $out in
	*"xlate: loaded, version $VERSION"*"$RUNTIME"*)
		if [ "$rc" -ne 0 ]; then
			fail xlatectl-status "exit $rc: $out"
		elif [ -z "$qline" ]; then
			fail xlatectl-status "qemu-x86_64 not listed among the binfmt_misc registrations that claim x86-64 ELF files"
		elif [ "$(echo "$claims" | sed -n "$((qn + 1))p")" != "    $note" ]; then
			fail xlatectl-status "qemu-x86_64 listed without the note that xlate is asked first"
		else
			pass xlatectl-status
		fi
		;;
	*) fail xlatectl-status "exit $rc: $out" ;;
	esac
	echo "$out" | sed 's/^/xlatectl: /'

	# image-units-ok
	failed=$(systemctl list-units --failed --plain --no-legend 2>&1)
	bad=$(echo "$failed" | grep -iE 'xlate|binfmt|modules-load|dkms')
	if [ -n "$bad" ]; then
		fail units-ok "$bad"
	else
		pass units-ok
	fi
	[ -n "$failed" ] && echo "$failed" | sed 's/^/failed-unit: /'

	# image-purge
	{
		rmmod xlate &&
			dpkg --purge xlate-dkms xlatectl
	} >/tmp/purge.log 2>&1
	rc=$?
	left=
	ls /lib/modules/"$KVER"/updates/dkms/xlate.ko* >/dev/null 2>&1 && left="$left updates/dkms/xlate.ko"
	[ -e "/usr/src/xlate-$VERSION" ] && left="$left /usr/src/xlate-$VERSION"
	[ -e /var/lib/dkms/xlate ] && left="$left /var/lib/dkms/xlate"
	[ -e /usr/sbin/xlatectl ] && left="$left /usr/sbin/xlatectl"
	[ -e /etc/modprobe.d/xlate.conf ] && left="$left /etc/modprobe.d/xlate.conf"
	[ -e /etc/modules-load.d/xlate.conf ] && left="$left /etc/modules-load.d/xlate.conf"
	modprobe -n xlate >/dev/null 2>&1 && left="$left (modprobe still finds xlate)"
	if [ "$rc" -ne 0 ]; then
		fail purge "rmmod/dpkg --purge exited $rc: $(tailof /tmp/purge.log)"
	elif [ -n "$left" ]; then
		fail purge "left behind:$left"
	else
		pass purge
	fi

	dmesg_clean dmesg-clean
	dmesg | grep -iE 'xlate|binfmt' | sed 's/^/dmesg: /'
}

case $stage in
install) stage_install ;;
engines)
	# shellcheck source=engines.sh
	. /xlate/engines.sh
	stage_engines
	;;
check) stage_check ;;
*) echo "xlate-distro: unknown stage '$stage' (xlate_distro_stage= on the kernel command line)" ;;
esac
