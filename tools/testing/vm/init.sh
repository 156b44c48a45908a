#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
# /init of the xlate test initramfs.  Mode from the kernel command line:
# xlatetest.mode=test (run /xlate/suite/[0-9]*.sh), demo (/xlate/demo.sh) or
# shell (interactive).  Ends with a dmesg check, XLATE-E2E-DONE, poweroff.
#
# PID 1 sets up, starts the rest of this script as its child ("run") and
# then only reaps orphans.  On SIGHUP it execs itself again ("reexec"),
# as systemd does on `systemctl daemon-reexec`, and counts that in
# /run/xlate-init.reexecs: a suite makes PID 1 exec that way
# (e2e/suite/lib.sh, reexec_init), which restarts xlate's search for
# its load-time runtime.

export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TERM=${TERM:-vt100}

if [ "$$" = 1 ]; then
	if [ "${1:-}" = reexec ]; then
		n=$(/bin/busybox cat /run/xlate-init.reexecs 2>/dev/null)
		echo $((${n:-0} + 1)) >/run/xlate-init.reexecs
	else
		/bin/busybox mkdir -p /proc /sys /dev /tmp /run
		/bin/busybox mount -t proc proc /proc
		/bin/busybox mount -t sysfs sysfs /sys
		/bin/busybox mount -t devtmpfs devtmpfs /dev
		/bin/busybox mount -t tmpfs tmpfs /tmp
		/bin/busybox --install -s
		/bin/busybox sh /init run </dev/console >/dev/console 2>&1 &
	fi
	nap=
	trap 'kill $nap 2>/dev/null; exec /init reexec' HUP
	while :; do
		sleep 3600 &
		nap=$!
		wait "$nap"
	done
fi

. /etc/xlate-target
XLATE_PREFIX=${XLATE_PREFIX:-e2e}
XLATE_RUNTIME=${XLATE_RUNTIME:-}
export XLATE_TARGET XLATE_PREFIX XLATE_RUNTIME

mode=test
suite_timeout=600
for arg in $(cat /proc/cmdline); do
	case $arg in
	xlatetest.mode=*) mode=${arg#xlatetest.mode=} ;;
	xlatetest.suite_timeout=*) suite_timeout=${arg#xlatetest.suite_timeout=} ;;
	esac
done

result() {
	echo "$1: $XLATE_PREFIX/$XLATE_TARGET${XLATE_RUNTIME:+/$XLATE_RUNTIME}/$2"
}

echo "xlate-init: kernel $(uname -r) $(uname -m), mode $mode"

# The runtime: bookworm's qemu 7.2, or the one of a runtime run
# (e2e/runtime.sh) with the modes its package registers it with.
case $XLATE_RUNTIME in
qemu10) load="runtime=/opt/qemu10/qemu-x86_64 preserve_argv0=1 open_binary=1" ;;
box64) load="runtime=/usr/bin/box64" ;;
*) load="runtime=/usr/bin/qemu-x86_64-static" ;;
esac
# shellcheck disable=SC2086 # one word per parameter
if out=$(modprobe xlate $load 2>&1); then
	result PASS modprobe
else
	result FAIL "modprobe: $(echo "$out" | tail -n 3 | tr '\n' ' ')"
fi

# Pieces mkinitramfs.sh could not build: one FAIL line each.
while IFS= read -r line; do
	result FAIL "$line"
done </xlate/build-failures

if [ -f /xlate/xlatectl-expected ] &&
	! grep -q '^xlatectl-present:' /xlate/build-failures; then
	if [ -x /usr/sbin/xlatectl ]; then
		result PASS xlatectl-present
	else
		result FAIL "xlatectl-present: /usr/sbin/xlatectl not executable"
	fi
fi

# Run one suite script; report a FAIL when it dies, hangs or exits
# non-zero without having said why.
run_suite() {
	name=$(basename "$1" .sh)
	# Output goes to a file, not a pipe: a process the suite left
	# behind must not keep the init waiting for end-of-file.
	: >/tmp/suite.out
	tail -f /tmp/suite.out &
	tailpid=$!
	timeout -s KILL "$suite_timeout" sh "$1" </dev/null >/tmp/suite.out 2>&1
	rc=$?
	sleep 1
	kill $tailpid
	wait $tailpid 2>/dev/null
	if [ "$rc" -eq 137 ]; then
		result FAIL "suite-$name: killed after ${suite_timeout}s (timeout)"
	elif [ "$rc" -ne 0 ] && ! grep -q "^FAIL: " /tmp/suite.out; then
		result FAIL "suite-$name: exited $rc without a FAIL line"
	elif ! grep -Eq "^(PASS|FAIL): " /tmp/suite.out; then
		result FAIL "suite-$name: printed no PASS/FAIL line"
	fi
}

case $mode in
test)
	for s in /xlate/suite/[0-9]*.sh; do
		[ -f "$s" ] || { result FAIL "suite: no scripts in /xlate/suite"; break; }
		run_suite "$s"
	done
	;;
demo)
	sh /xlate/demo.sh
	;;
shell)
	sh /xlate/demo.sh
	echo "xlate-init: interactive shell (x86-64 programs in /x86 and"
	echo "xlate-init: /xlate/progs/x86_64; the amd64 container, once the demo"
	echo "xlate-init: mounted it: /xlate/progs/arm64/container-run"
	echo "xlate-init: /containers/debian-amd64 bash); 'exit' powers the VM off"
	setsid cttyhack sh -l
	;;
*)
	result FAIL "mode: unknown xlatetest.mode=$mode"
	;;
esac

# Lines that mean the kernel found a bug.  The taint notices of an
# out-of-tree, unsigned module are expected and do not match, nor does
# a debug kernel's "kmemleak: Kernel memory leak detector initialized".
bad=$(dmesg | grep -v 'kmemleak: Kernel memory leak detector initialized' | grep -E 'Oops|BUG:|WARNING:|Call trace|possible circular|possible recursive locking|INFO: task|KASAN|kmemleak|general protection|Unable to handle kernel|Kernel panic|RCU stall|rcu_.*detected stall|list_(add|del) corruption|refcount_t:|UBSAN' || true)
if [ -n "$bad" ]; then
	result FAIL "dmesg-clean: $(echo "$bad" | head -n 5 | tr '\n' '|')"
	echo "$bad"
else
	result PASS dmesg-clean
fi

echo XLATE-E2E-DONE
# poweroff -f does not wait for the console: what is still in the tty
# and UART buffers is lost (seen once: the end of the last result line
# and XLATE-E2E-DONE, so a run that passed was reported as not
# finished).  Setting the console's own modes again is a tcsetattr()
# with TCSADRAIN, which returns once the output has left the UART.
stty -F /dev/console "$(stty -F /dev/console -g)" 2>/dev/null || sleep 1
sync
poweroff -f
