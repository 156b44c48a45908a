#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Issue 15, item 2: hand-off and x86 view under one real runtime
# ($XLATE_RUNTIME: qemu7, qemu10 or box64; e2e/runtime.sh sets it).
#   1. static and dynamic x86-64 programs: argv, exit statuses, signals
#   2. the modes P, O and C: what the runtime does with each (measured)
#   3. the x86 view in the program and its x86 children (item 3: box64
#      starts them by exec'ing itself)
#   4. the kernel's execveat selftest, x86-64 translated vs arm64 native
#   5. a chroot that lacks the runtime's files
# What a runtime cannot do is asserted as the limit it is (the table in
# Documentation/runtimes.rst), so a change either way shows up.
. "$(dirname "$0")/lib.sh"

rt=${XLATE_RUNTIME:-qemu7}
case $rt in
qemu7) RT=$QEMU_RUNTIME FLAGS=OPF ;;
qemu10) RT=$QEMU10_RUNTIME FLAGS=OPF ;;
box64) RT=$BOX64_RUNTIME FLAGS= ;;
*)
	fail setup "unknown XLATE_RUNTIME '$rt'"
	exit 1
	;;
esac
# limit NAME: this runtime's measured answer where runtimes differ.
limit() {
	case $rt:$1 in
	box64:static) echo "exit=128" ;;
	*:static) echo "exit=7" ;;
	*:no-p-argv) echo "path a" ;;
	qemu*:p-argv) echo "my-argv0 a" ;;
	box64:p-argv) echo "path my-argv0 a" ;;
	qemu*:o-xonly) echo "exit=7" ;;
	box64:o-xonly) echo "exit=255" ;;
	qemu*:no-o-xonly) echo "exit=1" ;;
	box64:no-o-xonly) echo "exit=255" ;;
	qemu*:c-euid) echo "1000 0" ;;
	box64:c-euid) echo "1000 0" ;;
	qemu7:execveat) echo "1" ;;
	box64:execveat) echo "0" ;;
	*:execveat-native) echo 50 ;;
	qemu*:chroot-static) echo "exit=7" ;;
	box64:chroot-static) echo "errno=ENOENT" ;;
	qemu*:chroot-dynamic) echo "exit=7" ;;
	box64:chroot-dynamic) echo "errno=ENOENT" ;;
	qemu*:chroot-arm64-libc) echo "exit=7" ;;
	box64:chroot-arm64-libc) echo "signal=11" ;;
	*:chroot-arm64-libc-runtime) echo "exit=7" ;;
	qemu*:children-handed-off) echo 2 ;;
	box64:children-handed-off) echo 1 ;;
	esac
}

CFG=/sys/kernel/xlate/config
MAGIC='\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00'
MASK='\xff\xff\xff\xff\xff\xff\xff\x00\x00\x00\x00\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
D=/tmp/xlate-rt
HELLO=$X86/hello
HELLO_DYN=$X86/hello-dyn
MP_DYN=$X86/marker-probe-dyn
rm -rf "$D"
mkdir -p "$D"
chmod 0755 "$D"

# use FLAGS: configure this runtime with binfmt flags FLAGS.
use() {
	xl_set "$CFG" "$(printf ':xlate-%s:M::%s:%s:%s:%s' "$rt" "$MAGIC" \
		"$MASK" "$RT" "$1")"
}

# argv_of PATH OUTPUT: hello's argv on one line, its own PATH as "path".
argv_of() {
	printf '%s\n' "$2" | sed -n 's/^argv\[[0-9]*\]=//p' |
		sed "s#^$1\$#path#" | tr '\n' ' ' | sed 's/ $//'
}

as_user() {
	"$ARM/run-as" -u 1000 -g 1000 "$@"
}

check "runtime-present" test -x "$RT"
check_eq "configure" ok "$(use "$FLAGS")"

# --- 1. static and dynamic programs -----------------------------------------
check_eq "dynamic-runs" "exit=7" "$(exec_result "$HELLO_DYN")"
out=$("$HELLO_DYN" "a b" "" c 2>&1)
check_eq "dynamic-argv" "argc=4
argv[0]=$HELLO_DYN
argv[1]=a b
argv[2]=
argv[3]=c" "$(printf '%s\n' "$out" | grep -E '^(argc|argv)')"
for code in 0 3 255; do
	"$HELLO_DYN" "$code" >/dev/null 2>&1
	check_eq "dynamic-exit-$code" "$code" "$?"
done
"$HELLO_DYN" sig 15 >/dev/null 2>&1
check_eq "dynamic-signal-term" 143 "$?"
"$HELLO_DYN" sig 9 >/dev/null 2>&1
check_eq "dynamic-signal-kill" 137 "$?"
got=$(exec_result "$HELLO")
check_eq "static-glibc" "$(limit static)" "$got"
if [ "$got" = "exit=7" ]; then
	"$HELLO" sig 15 >/dev/null 2>&1
	check_eq "static-signal-term" 143 "$?"
fi
check_eq "busybox-static" "hello-x86" "$(/x86/busybox echo hello-x86 2>&1)"
echo "info: $rt: static glibc hello: $got"

# --- 2. modes ----------------------------------------------------------------
use "" >/dev/null
out=$("$ARM/run-as" -0 my-argv0 "$HELLO_DYN" a 2>&1)
check_eq "mode-none-argv" "$(limit no-p-argv)" \
	"$(argv_of "$HELLO_DYN" "$out")"
check_eq "mode-p-set" ok "$(use P)"
out=$("$ARM/run-as" -0 my-argv0 "$HELLO_DYN" a 2>&1)
p_got=$(argv_of "$HELLO_DYN" "$out")
check_eq "mode-p-argv" "$(limit p-argv)" "$p_got"
# O: an execute-only program run by uid 1000 is readable only through
# AT_EXECFD.
cp "$HELLO_DYN" "$D/xonly"
chmod 0711 "$D/xonly"
use "" >/dev/null
check_eq "mode-none-xonly" "$(limit no-o-xonly)" \
	"$(as_user "$ARM/execve-variants" "$D/xonly" absolute 2>&1 |
		sed -n 's/^absolute //p')"
check_eq "mode-o-set" ok "$(use O)"
o_got=$(as_user "$ARM/execve-variants" "$D/xonly" absolute 2>&1 |
	sed -n 's/^absolute //p')
check_eq "mode-o-xonly" "$(limit o-xonly)" "$o_got"
# C: a set-uid-root program run by uid 1000 runs with euid 0.
cp "$MP_DYN" "$D/suid"
chmod 4755 "$D/suid"
check_eq "mode-c-set" ok "$(use C)"
out=$(as_user "$D/suid" 2>&1)
c_got="$(kv uid "$out") $(kv euid "$out")"
check_eq "mode-c-euid" "$(limit c-euid)" "$c_got"
echo "info: $rt: modes: P argv=$p_got, O execute-only=$o_got, C uid/euid=$c_got"

# --- 3. the x86 view, in the program and its x86 children -------------------
check_eq "configure-package-flags" ok "$(use "$FLAGS")"
n0=$(stat_get translated)
out=$("$MP_DYN" -p parent. -x "$MP_DYN" -p child. 2>&1)
# How many of the two execs xlate handed off: box64 runs the child by
# exec'ing itself (issue 15, item 3), qemu lets the kernel hand it off.
check_eq "children-handed-off" "$(limit children-handed-off)" \
	"$(($(stat_get translated) - n0))"
for who in parent child; do
	check_eq "view-$who-machine" x86_64 "$(kv "$who.machine" "$out")"
	check_eq "view-$who-cpuinfo" x86 "$(kv "$who.cpuinfo" "$out")"
	check_eq "view-$who-marker" x86+translated \
		"$(kv "$who.marker" "$out")"
done
# A dynamic x86 child of the shell.
out=$(/x86/busybox sh -c "$MP_DYN -p child." 2>&1)
check_eq "shell-dyn-child-marker" x86+translated "$(kv child.marker "$out")"
check_eq "shell-dyn-child-cpuinfo" x86 "$(kv child.cpuinfo "$out")"
# A native program the translated one runs sees arm64 again.
out=$("$MP_DYN" -p parent. -x "$ARM/marker-probe" -p child. 2>&1)
check_eq "view-native-child-marker" none "$(kv child.marker "$out")"
check_eq "view-native-child-cpuinfo" arm64 "$(kv child.cpuinfo "$out")"
# Issue 15, item 3: a translated x86 shell, its own view (builtins) and
# its x86 children's (exec'd through the runtime by box64).
# shellcheck disable=SC2016 # expanded by the x86 shell
out=$(/x86/busybox sh -c '
	read -r p </proc/self/personality; echo "sh.personality=$p"
	while read -r l; do
		case $l in vendor_id*) echo "sh.vendor=${l#*: }"; break ;; esac
	done </proc/cpuinfo
	echo "child.uname=$(/x86/busybox uname -m)"
	echo "child.cpuinfo=$(/x86/busybox head -n 2 /proc/cpuinfo)"
	echo "child.personality=$(/x86/busybox head -n 1 /proc/self/personality)"
' 2>&1)
echo "info: $rt: x86 shell: $(printf '%s' "$out" | tr '\n' ' ')"
p=$(kv sh.personality "$out")
case $p in
6???????) pass "shell-marked" ;;
*) fail "shell-marked" "shell's personality '$p': $out" ;;
esac
check "shell-sees-x86-cpuinfo" test -n "$(kv sh.vendor "$out")"
check_eq "shell-child-uname" x86_64 "$(kv child.uname "$out")"
check_contains "shell-child-cpuinfo" vendor_id "$out"
check_eq "shell-child-marked" 60000000 "$(kv child.personality "$out")"
# The runtime run by hand from a native task: no marker.
out=$("$RT" "$MP_DYN" 2>&1)
check_eq "runtime-by-hand-no-marker" none "$(kv marker "$out")"

# --- 4. execveat selftest parity --------------------------------------------
# The selftest's scripts start with #!/bin/bash and are run through
# /dev/fd: busybox has no bash applet, devtmpfs no /dev/fd.
[ -e /bin/bash ] || printf '#!/bin/sh\nexec /bin/sh "$@"\n' >/bin/bash
chmod 0755 /bin/bash
[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
# selftest_dir DIR PROG: the files the selftest's Makefile makes.
selftest_dir() {
	mkdir -p "$1/subdir"
	cp "$2" "$1/execveat"
	ln -sf execveat "$1/execveat.symlink"
	cp "$2" "$1/execveat.denatured"
	chmod -x "$1/execveat.denatured"
	printf '#!/bin/bash\nexit $*\n' >"$1/script"
	chmod +x "$1/script"
	: >"$1/Makefile"
}
# tap_count TEXT: "ok not-ok" counts.
tap_count() {
	echo "$(printf '%s\n' "$1" | grep -c '^ok ') $(printf '%s\n' "$1" |
		grep -c '^not ok ')"
}
selftest_dir "$D/native" "$ARM/execveat"
selftest_dir "$D/x86" "$X86/execveat"
nat=$(cd "$D/native" && timeout 120 ./execveat 2>&1)
x86=$(cd "$D/x86" && timeout 120 ./execveat 2>&1)
x86_rc=$?
counts=$(tap_count "$nat")
nat_ok=${counts% *} nat_bad=${counts#* }
counts=$(tap_count "$x86")
x86_ok=${counts% *} x86_bad=${counts#* }
printf '%s\n' "$nat" | grep '^not ok' | sed 's/^/info: native: /'
printf '%s\n' "$x86" | grep '^not ok' | sed 's/^/info: translated: /'
echo "info: $rt: execveat selftest: native $nat_ok ok $nat_bad not ok; x86-64 translated $x86_ok ok $x86_bad not ok (exit $x86_rc)"
# Natively one case fails in this VM: busybox sh, standing in for bash,
# exits 2, not 126 or 127, on a script path longer than PATH_MAX.
check_eq "execveat-native" "$(limit execveat-native)" "$nat_ok"
if [ "$rt" = qemu10 ]; then
	if [ "$x86_ok" -ge "$nat_ok" ]; then
		pass "execveat-parity"
	else
		fail "execveat-parity" "translated $x86_ok ok < native $nat_ok: $(printf '%s\n' "$x86" | grep '^not ok' | head -n 5)"
	fi
else
	check_eq "execveat-limit" "$(limit execveat)" "$x86_ok"
fi

# --- 5. a chroot without the runtime's files --------------------------------
C=$D/root
mkdir -p "$C/lib/x86_64-linux-gnu" "$C/lib64" "$C/tmp" "$C/dev" "$C/proc"
mknod -m 0666 "$C/dev/null" c 1 3
mount -t proc proc "$C/proc"
cp "$HELLO" "$HELLO_DYN" "$C/"
cp -a /lib/x86_64-linux-gnu/. "$C/lib/x86_64-linux-gnu/"
cp -a /lib64/. "$C/lib64/"
chroot_result() {
	chroot "$C" "/$(basename "$ARM")-execve-variants" "$1" absolute |
		sed 's/^absolute //'
}
cp "$ARM/execve-variants" "$C/arm64-execve-variants"
check_eq "chroot-static" "$(limit chroot-static)" "$(chroot_result /hello)"
check_eq "chroot-dynamic" "$(limit chroot-dynamic)" \
	"$(chroot_result /hello-dyn)"
# With the runtime's own loader and libraries (box64: trixie's glibc).
mkdir -p "$C/lib/aarch64-linux-gnu"
cp -a /lib/aarch64-linux-gnu/. "$C/lib/aarch64-linux-gnu/"
cp -a /lib/ld-linux-aarch64.so.1 "$C/lib/"
check_eq "chroot-arm64-libc" "$(limit chroot-arm64-libc)" \
	"$(chroot_result /hello-dyn)"
# And the runtime's file at its configured path (box64 opens it).
mkdir -p "$C/$(dirname "$RT")"
cp "$RT" "$C/$RT"
check_eq "chroot-arm64-libc-runtime" "$(limit chroot-arm64-libc-runtime)" \
	"$(chroot_result /hello-dyn)"
umount "$C/proc"

xl_restore
rm -rf "$D"
