#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Issue 23, "exactly binfmt_misc": xlate against binfmt_misc itself.
#  1. parser: the lines of kmod/tests/binfmt_line_cases.h and 2,000 made
#     from them go to the kernel's /proc/sys/fs/binfmt_misc/register and
#     to xlate's parser (progs/binfmt-register.c); every answer must be
#     the same.
#  2. decision: each runtime's real registration line
#     (tools/testing/data/binfmt/, on the initramfs as /xlate/data/binfmt)
#     is registered with binfmt_misc, xlate out of the way (enabled=0),
#     and then written to /sys/kernel/xlate/config, the entry disabled;
#     the same corpus runs under both (progs/binfmt-corpus.c: mutations
#     of the x86-64 and i386 hello-dyn, every e_ident byte, e_type,
#     e_machine and e_version at boundary values, truncated and empty
#     files, and executable-but-not-readable ones run as uid 1000), and
#     exit status, stdout and stderr must be the same for every file.
#     A difference fails naming the file.
#  3. a chain: a binfmt_misc registration whose interpreter is an x86
#     program, then xlate's hand-off of that program (plain runs).
#     binfmt_misc never clears BINPRM_FLAGS_PRESERVE_ARGV0, so a first
#     stage with P leaves AT_FLAGS_PRESERVE_ARGV0 set for a second stage
#     without it: binfmt_misc's own chain loses the interpreter's argv[0]
#     under qemu.  xlate's AT_FLAGS and cmdline rewrite follow its own
#     configuration (design.rst, "Chains").
#  4. the kernel's execveat selftest built for x86-64, under qemu 10 with
#     Debian's line through binfmt_misc and through xlate, set up as the
#     selftest's Makefile sets it up (qemu10 runs): the same results but
#     case 7, which binfmt_misc refuses (runtimes.rst, "execveat").
# The runtime a line runs with: in a plain run (make check, the core set
# on every kernel) the probe runtime stands in for every runtime
# (PROBE_HANDOFF=1: it prints what the kernel handed over, argv,
# AT_FLAGS, AT_EXECFD and credentials, and whether it could read the
# program), so every line is compared in seconds; in a runtime run
# (e2e/runtime.sh --set binfmt-diff TARGET RUNTIME, make check-matrix)
# the real runtime runs its own lines: qemu 7.2's, qemu 10's, box64's
# (box64 and box32).  Identical lines (qemu 7.2's and 10's, box64
# 0.3.4's and 0.4.3's) are compared once with the probe.
. "$(dirname "$0")/lib.sh"

t=binfmt-diff
BM=/proc/sys/fs/binfmt_misc
CFG=/sys/kernel/xlate/config
DATA=/xlate/data/binfmt
I386=$PROGS/i386
D=/tmp/xlate-bd
CTL=/usr/sbin/xlatectl

rm -rf "$D"
mkdir -p "$D/c"
chmod 0755 "$D" "$D/c"

grep -q binfmt_misc /proc/filesystems || modprobe binfmt_misc 2>/dev/null
[ -e "$BM/register" ] || mount -t binfmt_misc binfmt_misc "$BM" 2>/dev/null
if [ ! -w "$BM/register" ]; then
	fail "$t/setup" "no binfmt_misc at $BM"
	exit 0
fi

# An exec no format takes makes the kernel ask modprobe for a
# "binfmt-XXXX" module (search_binary_handler()): a user-mode helper per
# failed exec, the same in both arms, and most of the time they take in
# the VM.  An empty modprobe path makes request_module() fail at once.
modprobe_path=$(cat /proc/sys/kernel/modprobe)
echo >/proc/sys/kernel/modprobe

# Entries other suites left enabled would take execs in either arm.
others=
for e in "$BM"/*; do
	case ${e##*/} in register | status) continue ;; esac
	if [ "$(head -n 1 "$e")" = enabled ]; then
		others="$others $e"
		echo 0 >"$e"
	fi
done

# --- 1. the parser against the kernel's (plain runs) ------------------------

if [ -z "${XLATE_RUNTIME:-}" ]; then
	# The case lines' interpreter, for F lines (the kernel opens it).
	cp "$ARM/probe-runtime" /q && chmod 0755 /q
	echo 0 >"$BM/status"
	t0=$(date +%s)
	out=$("$ARM/binfmt-register" -n 2000 2>&1)
	rc=$?
	echo 1 >"$BM/status"
	rm -f /q
	summary=$(printf '%s\n' "$out" | tail -n 1)
	echo "binfmt-diff: $summary, $(($(date +%s) - t0)) s"
	if [ "$rc" -eq 0 ]; then
		pass "$t/parser-vs-kernel"
	else
		fail "$t/parser-vs-kernel" "$summary: $(printf '%s\n' "$out" | grep -m 3 '^DIFF')"
	fi
fi

# --- 2. the decision: the same corpus under binfmt_misc and xlate ------------

for p in "$X86/hello-dyn" "$I386/hello-dyn"; do
	if [ ! -x "$p" ]; then
		fail "$t/corpus" "no $p"
		exit 0
	fi
done
"$ARM/binfmt-corpus" "$X86/hello-dyn" x86_64 "$D/c" >"$D/list.x86_64" &&
	"$ARM/binfmt-corpus" "$I386/hello-dyn" i386 "$D/c" >"$D/list.i386"
check "$t/corpus-written" test "$(cat "$D/list.x86_64" "$D/list.i386" | wc -l)" -gt 300
# files ABI: a line of ABI runs ABI's corpus as root, and for contrast a
# few of the other's (which no line of ABI may take).
files() {
	local other=i386

	[ "$1" = i386 ] && other=x86_64
	{
		cat "$D/list.$1"
		grep -E -- '-(orig|ident-7-03|trunc-64)$' "$D/list.$other"
	} | sed "s#^#$D/c/#" | tr '\n' ' '
}
# As uid 1000: the unreadable ones and, for contrast, the readable
# originals, of both ABIs.
USER_FILES=$(cat "$D/list.x86_64" "$D/list.i386" |
	grep -E -- '-noread$|-orig$' | sed "s#^#$D/c/#" | tr '\n' ' ')

cp "$ARM/probe-runtime" "$D/probe" && chmod 0755 "$D/probe"

# use_runtime PATH TARGET: make PATH the runtime TARGET (a link; for the
# probe a copy, which must be a regular root file like a real runtime),
# unless PATH is TARGET (box64's line names /usr/bin/box64).
used_runtime=
use_runtime() {
	used_runtime=
	[ "$1" = "$2" ] && return 0
	used_runtime=$1
	mkdir -p "$(dirname "$1")"
	if [ -e "$1" ] && [ ! -e "$1.xlate-bd" ]; then
		mv "$1" "$1.xlate-bd"
	fi
	rm -f "$1"
	if [ "$2" = probe ]; then
		cp "$D/probe" "$1" && chmod 0755 "$1"
	else
		ln -s "$2" "$1"
	fi
}

# put_back PATH: what use_runtime replaced.
put_back() {
	[ "$used_runtime" = "$1" ] || return 0
	rm -f "$1"
	[ -e "$1.xlate-bd" ] && mv "$1.xlate-bd" "$1"
}

# runtime_for FILE: the runtime a line of FILE runs with in this run, or
# nothing to skip it.
runtime_for() {
	case ${XLATE_RUNTIME:-}:$1 in
	:*) echo probe ;;
	qemu7:qemu-user-static_7.2.binfmt.d.conf) echo /usr/bin/qemu-x86_64-static ;;
	qemu7:qemu-user-static_7.2.qemu-i386.binfmt.d.conf) echo /usr/bin/qemu-i386-static ;;
	qemu10:qemu-user_10.0.binfmt.d.conf) echo /opt/qemu10/qemu-x86_64 ;;
	qemu10:qemu-user_10.0.qemu-i386.binfmt.d.conf) echo /opt/qemu10/qemu-i386 ;;
	box64:box64_0.3.4.binfmt.d.conf | box64:box64_0.4.3.binfmt.d.conf | \
		box64:box64_0.4.3.box32.binfmt.d.conf)
		echo "$BOX64_RUNTIME" ;;
	esac
}

# capture ABI OUT: the corpus, as root and as uid 1000.
capture() {
	# shellcheck disable=SC2046 # one word per file
	"$ARM/exec-capture" -t 60 -e PROBE_HANDOFF=1 $(files "$1") >"$2"
	# shellcheck disable=SC2086
	"$ARM/exec-capture" -u 1000 -t 60 -e PROBE_HANDOFF=1 $USER_FILES >>"$2"
}

# differing A B: the files whose records differ.
differing() {
	awk 'FNR == 1 { f++ }
	     /^== / { name = substr($0, 4); next }
	     { rec[f, name] = rec[f, name] $0 "\n"; seen[name] = 1 }
	     END { for (n in seen) if (rec[1, n] != rec[2, n]) print n }' \
		"$1" "$2" | sed 's#.*/##' | sort
}

# The i386 lines configure runtime32: its runtime and modes go back as
# they were when the suite ends (config's x86-64 line goes back through
# xl_set below).
for p in runtime32 preserve_argv0_32 open_binary32 credentials32; do
	xl_param "$p" "$(cat "$PARAMS/$p")" >/dev/null
done

lines=0
for f in qemu-user-static_7.2.binfmt.d.conf \
	qemu-user-static_7.2.qemu-i386.binfmt.d.conf \
	qemu-user_10.0.binfmt.d.conf qemu-user_10.0.qemu-i386.binfmt.d.conf \
	box64_0.3.4.binfmt.d.conf box64_0.4.3.binfmt.d.conf \
	box64_0.4.3.box32.binfmt.d.conf FEX-x86_64.conf FEX-x86.conf \
	rosetta.update-binfmts; do
	rt=$(runtime_for "$f")
	[ -n "$rt" ] || continue
	line=$("$CTL" import --dry-run "$DATA/$f" 2>"$D/import.err")
	name=$(printf '%s' "$line" | cut -d: -f2)
	interp=$(printf '%s' "$line" | cut -d: -f7)
	abi=x86_64
	grep -q 'runtime32 runtime' "$D/import.err" && abi=i386
	n=$f
	# The same line with the same runtime: compared already, same result.
	key=$D/result.$(printf '%s %s' "$rt" "$line" | md5sum | cut -c1-32)
	if [ -f "$key" ]; then
		check_eq "$t/$n/same-as-binfmt_misc" "same" "$(cat "$key")"
		echo "binfmt-diff: $n: the same line as $(cat "$key.file"), compared above"
		continue
	fi
	echo "$n" >"$key.file"
	echo "not compared" >"$key"
	if [ -z "$line" ] || [ -z "$name" ] || [ -z "$interp" ]; then
		fail "$t/$n/line" "xlatectl import --dry-run $DATA/$f: '$line'"
		continue
	fi
	use_runtime "$interp" "$rt"
	[ -e "$BM/$name" ] && echo -1 >"$BM/$name"

	# binfmt_misc, xlate out of the way
	xl_param enabled 0 >/dev/null
	xl_param enabled32 0 >/dev/null
	if ! printf '%s\n' "$line" >"$BM/register"; then
		fail "$t/$n/register" "binfmt_misc refused '$line'"
		put_back "$interp"
		continue
	fi
	t0=$(date +%s)
	capture "$abi" "$D/ref.$n"
	t1=$(date +%s)

	# xlate with the same line, the entry disabled
	echo 0 >"$BM/$name"
	r=$(xl_set "$CFG" "$line")
	if [ "$abi" = i386 ]; then
		xl_param enabled32 1 >/dev/null
	else
		xl_param enabled 1 >/dev/null
	fi
	if [ "$r" = ok ]; then
		capture "$abi" "$D/xl.$n"
	else
		: >"$D/xl.$n"
	fi
	t2=$(date +%s)
	echo -1 >"$BM/$name"
	put_back "$interp"
	xl_param enabled 1 >/dev/null
	xl_param enabled32 1 >/dev/null

	check_eq "$t/$n/xlate-takes-line" ok "$r"
	[ "$r" = ok ] || continue
	lines=$((lines + 1))
	files=$(grep -c '^== ' "$D/ref.$n")
	ran=$((files - $(grep -c '^status=errno:ENOEXEC' "$D/ref.$n")))
	diff_files=$(differing "$D/ref.$n" "$D/xl.$n")
	echo "binfmt-diff: $n ($abi, runtime $rt): $files execs, $ran taken by binfmt_misc, $((t1 - t0)) s under binfmt_misc, $((t2 - t1)) s under xlate, $(printf '%s' "$diff_files" | grep -c .) differences"
	if [ -z "$diff_files" ] && [ "$files" -gt 150 ] &&
		[ "$(grep -c '^== ' "$D/xl.$n")" = "$files" ]; then
		pass "$t/$n/same-as-binfmt_misc"
		echo same >"$key"
	else
		echo "different ($n)" >"$key"
		first=$(printf '%s\n' "$diff_files" | head -n 1)
		fail "$t/$n/same-as-binfmt_misc" "$(printf '%s' "$diff_files" | grep -c .) of $files differ: $(printf '%s' "$diff_files" | head -n 12 | tr '\n' ' ')| $first: binfmt_misc $(grep -A3 -- "/$first\$" "$D/ref.$n" | head -n 4 | tail -n 3 | tr '\n' ' ') xlate $(grep -A3 -- "/$first\$" "$D/xl.$n" | head -n 4 | tail -n 3 | tr '\n' ' ')"
	fi
done
check_gt "$t/lines-compared" "$lines" 0

# --- 3. a chain: binfmt_misc stage, then xlate (plain runs) ------------------

MAGIC='\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00'
MASK='\xff\xff\xff\xff\xff\xfe\xfe\xfc\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
INTERP=$D/x86-interp
DOC=$D/doc.xlchain

# stage1 FLAGS: register XLCHAIN files with the x86 interpreter.
stage1() {
	[ -e "$BM/xlchain" ] && echo -1 >"$BM/xlchain"
	printf ':xlchain:M::XLCHAIN::%s:%s\n' "$INTERP" "$1" >"$BM/register"
}

# chain_probe STAGE1-FLAGS XLATE-FLAGS: the probe runtime's argv,
# at_flags and cmdline for `doc a` run as my-argv0.
chain_probe() {
	stage1 "$1"
	xl_set "$CFG" ":chain:M::$MAGIC:$MASK:$D/probe:$2" >/dev/null
	PROBE_HANDOFF=1 PROBE_CMDLINE=1 "$ARM/run-as" -0 my-argv0 "$DOC" a 2>&1 |
		grep -E '^(at_flags=|argv\[|cmdline=)' | tr '\n' ' '
}

if [ -z "${XLATE_RUNTIME:-}" ]; then
	cp "$X86/hello" "$INTERP" && chmod 0755 "$INTERP"
	printf 'XLCHAIN document\n' >"$DOC" && chmod 0755 "$DOC"
	xl_param cmdline 1 >/dev/null
	I=$INTERP
	check_eq "$t/chain/p-then-no-p" \
		"argv[0]=$D/probe argv[1]=$I argv[2]=$DOC argv[3]=my-argv0 argv[4]=a at_flags=0x0 cmdline=$I $DOC my-argv0 a " \
		"$(chain_probe P F)"
	check_eq "$t/chain/p-then-p" \
		"argv[0]=$D/probe argv[1]=$I argv[2]=$I argv[3]=$DOC argv[4]=my-argv0 argv[5]=a at_flags=0x1 cmdline=$I $DOC my-argv0 a " \
		"$(chain_probe P PF)"
	check_eq "$t/chain/no-p-then-p" \
		"argv[0]=$D/probe argv[1]=$I argv[2]=$I argv[3]=$DOC argv[4]=a at_flags=0x1 cmdline=$I $DOC a " \
		"$(chain_probe "" PF)"
	check_eq "$t/chain/no-p-then-no-p" \
		"argv[0]=$D/probe argv[1]=$I argv[2]=$DOC argv[3]=a at_flags=0x0 cmdline=$I $DOC a " \
		"$(chain_probe "" F)"

	# qemu 7.2 without the -binfmt-P name reads P from AT_FLAGS: the x86
	# interpreter must get its own argv[0], the path, as it would natively
	# from a first stage with P.
	stage1 P
	xl_set "$CFG" ":chainq:M::$MAGIC:$MASK:$QEMU_RUNTIME:F" >/dev/null
	out=$("$ARM/run-as" -0 my-argv0 "$DOC" a 2>&1 | grep '^argv\[' | tr '\n' ' ')
	check_eq "$t/chain/qemu-p-then-no-p" \
		"argv[0]=$I argv[1]=$DOC argv[2]=my-argv0 argv[3]=a " "$out"
	# The same chain with binfmt_misc as the second stage (xlate off):
	# the flag of the first stage reaches qemu, which drops argv[0].
	xl_param enabled 0 >/dev/null
	printf ':xlchain-x86:M::%s:%s:%s:F\n' "$MAGIC" "$MASK" "$QEMU_RUNTIME" >"$BM/register"
	out=$("$ARM/run-as" -0 my-argv0 "$DOC" a 2>&1 | grep '^argv\[' | tr '\n' ' ')
	echo "binfmt-diff: chain P then binfmt_misc without P, under qemu 7.2: $out"
	check_eq "$t/chain/binfmt_misc-keeps-p" \
		"argv[0]=$DOC argv[1]=my-argv0 argv[2]=a " "$out"
	echo -1 >"$BM/xlchain-x86"
	echo -1 >"$BM/xlchain"
	xl_param enabled 1 >/dev/null
fi

# --- 4. the execveat selftest under binfmt_misc and xlate (qemu10) -----------

# selftest_dir DIR PROG: the files the selftest's Makefile makes.
selftest_dir() {
	rm -rf "$1"
	mkdir -p "$1/subdir"
	cp "$2" "$1/execveat"
	ln -sf execveat "$1/execveat.symlink"
	cp "$2" "$1/execveat.denatured"
	chmod -x "$1/execveat.denatured"
	printf '#!/bin/bash\nexit $*\n' >"$1/script"
	chmod +x "$1/script"
	: >"$1/Makefile"
}

# selftest NAME: run it in $D/NAME; its lines with the directory named D.
selftest() {
	selftest_dir "$D/$1" "$X86/execveat"
	(cd "$D/$1" && timeout 1200 ./execveat) 2>&1 | sed "s#$D/$1#D#g; s#${D#/}/$1#D#g"
}

if [ "${XLATE_RUNTIME:-}" = qemu10 ]; then
	L=/usr/libexec/qemu-binfmt/x86_64-binfmt-P
	use_runtime "$L" /opt/qemu10/qemu-x86_64
	line=$("$CTL" import --dry-run "$DATA/qemu-user_10.0.binfmt.d.conf" 2>/dev/null)
	[ -e "$BM/qemu-x86_64" ] && echo -1 >"$BM/qemu-x86_64"
	printf '%s\n' "$line" >"$BM/register"
	xl_param enabled 0 >/dev/null
	selftest bm >"$D/execveat.bm"
	xl_param enabled 1 >/dev/null
	echo 0 >"$BM/qemu-x86_64"
	xl_set "$CFG" "$line" >/dev/null
	selftest xl >"$D/execveat.xl"
	echo -1 >"$BM/qemu-x86_64"
	put_back "$L"
	echo "binfmt-diff: execveat selftest under qemu 10: binfmt_misc $(grep -c 'ok [0-9]' "$D/execveat.bm") results, $(grep -c '^not ok' "$D/execveat.bm") not ok; xlate $(grep -c 'ok [0-9]' "$D/execveat.xl") results, $(grep -c '^not ok' "$D/execveat.xl") not ok"
	# Case 7 (an O_CLOEXEC descriptor of an executable) is refused by
	# binfmt_misc and handed over by xlate with open_binary.
	check_eq "$t/execveat-case-7" "1 1" \
		"$(grep -c '^ok 7 ' "$D/execveat.xl") $(grep -c '^not ok 7 ' "$D/execveat.bm")"
	# Otherwise the same lines (children's pids left out).
	for a in bm xl; do
		grep -v -e ' 7 Check' -e '^# child' -e '^# Totals' \
			-e 'tests failed' "$D/execveat.$a" >"$D/e.$a"
	done
	diff_out=$(diff "$D/e.bm" "$D/e.xl" | head -n 6)
	check_eq "$t/execveat-same-as-binfmt_misc" "" "$diff_out"
fi

for e in $others; do
	echo 1 >"$e"
done
echo "$modprobe_path" >/proc/sys/kernel/modprobe
rm -rf "$D"
