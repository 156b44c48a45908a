#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# xlatectl's command line against a fake /sys and /proc
# (XLATECTL_SYSFS_ROOT, XLATECTL_PROC_ROOT): argument parsing, exit
# codes, output formats (JSON validity included), what each change
# writes, binfmt_misc reporting, import (the real registration files of
# tools/testing/data/binfmt/, malformed ones, and --auto in a fake root,
# XLATECTL_ROOT) and ps.
#
# usage: XLATECTL=path/to/xlatectl VERSION=x.y.z cli.sh
set -euo pipefail

: "${XLATECTL:?set XLATECTL to the xlatectl binary}"
: "${VERSION:?set VERSION}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

pass() { echo "PASS: unit/host/xlatectl/$1"; }
fail() {
	echo "FAIL: unit/host/xlatectl/$1: $(printf '%s' "$2" | tr '\n' '|' | cut -c1-300)"
	failures=$((failures + 1))
}

# run ARGS...: sets $out, $err, $rc
run() {
	rc=0
	out=$("$XLATECTL" "$@" 2>"$tmp/err") || rc=$?
	err=$(cat "$tmp/err")
}

expect_rc() {	# NAME RC ARGS...
	local name=$1 want=$2

	shift 2
	run "$@"
	if [ "$rc" = "$want" ]; then pass "$name"; else
		fail "$name" "'xlatectl $*' exited $rc, expected $want: $err"
	fi
}

expect_in() {	# NAME NEEDLE TEXT
	case $3 in
	*"$2"*) pass "$1" ;;
	*) fail "$1" "no '$2' in: $3" ;;
	esac
}

expect_eq() {	# NAME EXPECTED ACTUAL
	if [ "$2" = "$3" ]; then pass "$1"; else
		fail "$1" "expected '$2', got '$3'"
	fi
}

json_ok() {	# NAME JSON: valid JSON per python3 or jq
	if command -v python3 >/dev/null; then
		if printf '%s' "$2" | python3 -c 'import json,sys; json.load(sys.stdin)' 2>"$tmp/jerr"; then
			pass "$1"
		else
			fail "$1" "invalid JSON: $(cat "$tmp/jerr") in $2"
		fi
	elif command -v jq >/dev/null; then
		if printf '%s' "$2" | jq . >/dev/null 2>&1; then pass "$1"; else
			fail "$1" "invalid JSON: $2"
		fi
	else
		fail "$1" "neither python3 nor jq is available to validate JSON"
	fi
}

json_get() {	# JSON PYEXPR -> value
	printf '%s' "$1" | python3 -c "import json,sys; d=json.load(sys.stdin); print($2)"
}

sys=$tmp/sys
proc=$tmp/proc
mkdir -p "$sys/module/xlate/parameters" "$sys/kernel/xlate/stats" \
	"$sys/kernel/xlate/cpuinfo" "$proc/sys/fs/binfmt_misc"
echo "$VERSION" >"$sys/module/xlate/version"
echo "$VERSION" >"$sys/kernel/xlate/version"
p=$sys/module/xlate/parameters
echo /usr/bin/qemu-x86_64-static >"$p/runtime"
echo Y >"$p/enabled"
for s in preserve_argv0 open_binary credentials; do echo N >"$p/$s"; done
echo 'auto (on)' >"$p/cmdline"
echo 'auto (off)' >"$p/exe"
n=1
for s in translated passed_over refused_disabled refused_no_runtime \
	refused_inaccessible failed uname_virtualized cpuinfo_virtualized \
	cmdline_program cmdline_kept hook_missed; do
	echo $n >"$sys/kernel/xlate/stats/$s"
	n=$((n + 1))
done
c=$sys/kernel/xlate/cpuinfo
echo GenuineIntel >"$c/vendor_id"
echo 'xlate virtual x86-64 CPU' >"$c/model_name"
echo 6 >"$c/cpu_family"
echo 26 >"$c/model"
echo 'fpu de "quoted"' >"$c/flags"
echo 64 >"$c/clflush_size"
: >"$c/reset"
chmod 0200 "$c/reset"
data=$(cd "$(dirname "$0")/../../tools/testing/data/binfmt" && pwd)
b=$proc/sys/fs/binfmt_misc
echo enabled >"$b/status"
: >"$b/register"
cat >"$b/qemu-x86_64" <<'E'
enabled
interpreter /usr/bin/qemu-x86_64-static
flags: PF
offset 0
magic 7f454c4602010100000000000000000002003e00
mask fffffffffffefe00fffffffffffffffffeffffff
E
cat >"$b/qemu-aarch64" <<'E'
enabled
interpreter /usr/bin/qemu-aarch64-static
flags: PF
offset 0
magic 7f454c460201010000000000000000000200b700
mask ffffffffffffff00fffffffffffffffffeffffff
E
sed 's/^enabled/disabled/; s|qemu-x86_64-static|FEXInterpreter|' \
	"$b/qemu-x86_64" >"$b/FEX-x86_64"
mkdir -p "$proc/1" "$proc/42" "$proc/43" "$proc/44/personality" "$proc/self"
echo init >"$proc/1/comm"; echo 00000000 >"$proc/1/personality"
echo sleep >"$proc/42/comm"; echo 60000000 >"$proc/42/personality"
echo sh >"$proc/43/comm"; echo 40400000 >"$proc/43/personality"
echo secret >"$proc/44/comm"	# personality unreadable (a directory)
# 42: cmdline as the runtime built it (cmdline switch off); 45: as xlate
# shows it with the switch on.  Both run qemu.
ln -s /usr/bin/qemu-x86_64-static "$proc/42/exe"
printf '/usr/bin/qemu-x86_64-static\0/x86/bin/sleep\0sleep\0 60\0' >"$proc/42/cmdline"
mkdir -p "$proc/45"
echo sleep >"$proc/45/comm"; echo 60000000 >"$proc/45/personality"
ln -s /usr/bin/qemu-x86_64-static "$proc/45/exe"
printf 'my-sleep\0 60\0' >"$proc/45/cmdline"
# 46: exe switch on: /proc/PID/exe names the program, and the runtime is
# the file mapped at the start of code (stat field 26, maps).
mkdir -p "$proc/46"
echo sleep >"$proc/46/comm"; echo 60000000 >"$proc/46/personality"
ln -s /x86/bin/sleep "$proc/46/exe"
printf '/x86/bin/sleep\0 60\0' >"$proc/46/cmdline"
echo '46 (sleep) S 1 46 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 2 0 9 0 0 0 4194304 9109048 0' >"$proc/46/stat"
printf '%s\n' '00400000-008b0000 r-xp 00000000 00:02 1130 /usr/bin/qemu-x86_64-static' \
	'4000000000-4000001000 r--p 00000000 00:02 2201 /x86/bin/sleep' >"$proc/46/maps"
export XLATECTL_SYSFS_ROOT=$sys XLATECTL_PROC_ROOT=$proc

# --- argument parsing and exit codes -----------------------------------
run --version
expect_eq args/version "xlatectl $VERSION" "$out"
expect_rc args/no-command 2
expect_rc args/unknown-command 2 frobnicate
expect_rc args/help 0 --help
for cmd in status set import cpuinfo ps exec; do
	expect_rc "args/$cmd-help" 0 "$cmd" --help
	expect_in "args/$cmd-help-usage" "usage: xlatectl $cmd" "$out"
done
expect_rc args/status-extra 2 status --bogus
expect_rc args/set-no-value 2 set runtime
expect_rc args/set-unknown-param 2 set verbose on
expect_rc args/set-not-onoff 2 set enabled maybe
expect_in args/set-not-onoff-message "'maybe' is not on or off" "$err"
expect_rc args/cpuinfo-none 2 cpuinfo
expect_rc args/cpuinfo-unknown 2 cpuinfo frob
expect_rc args/cpuinfo-set-arity 2 cpuinfo set flags
expect_rc args/cpuinfo-set-reset-refused 2 cpuinfo set reset 1
expect_rc args/cpuinfo-set-slash-refused 2 cpuinfo set ../x 1
expect_rc args/cpuinfo-sync-extra 2 cpuinfo sync --bogus
expect_rc args/ps-extra 2 ps --bogus
expect_rc args/exec-no-command 2 exec --
expect_rc args/import-two-files 2 import a b
expect_rc args/import-file-and-auto 2 import --auto a
expect_rc args/import-unknown-option 2 import --frob

# --- status ------------------------------------------------------------
expect_rc status/loaded-exit-0 0 status
text=$out
expect_in status/version "xlate: loaded, version $VERSION" "$text"
expect_in status/runtime "runtime:               /usr/bin/qemu-x86_64-static" "$text"
expect_in status/enabled-on "enabled                on" "$text"
expect_in status/switch-off "credentials            off" "$text"
expect_in status/cpuinfo "vendor_id              GenuineIntel" "$text"
expect_in status/counter "hook_missed            11" "$text"
expect_in status/exe-switch "exe                    auto (off)" "$text"
expect_in status/binfmt-claim "qemu-x86_64: interpreter /usr/bin/qemu-x86_64-static, flags PF" "$text"
expect_in status/binfmt-note "xlate is asked first (unless binfmt_misc was loaded after it: see dmesg); this registration is then used only while xlate is disabled or has no runtime" "$text"
case $text in
*qemu-aarch64* | *FEXInterpreter*) fail status/binfmt-only-x86-enabled "$text" ;;
*) pass status/binfmt-only-x86-enabled ;;
esac
case $text in
*reset*) fail status/no-write-only-files "$text" ;;
*) pass status/no-write-only-files ;;
esac

expect_rc status/json-exit-0 0 status --json
json=$out
json_ok status/json-valid "$json"
if command -v python3 >/dev/null; then
	expect_eq status/json-loaded True "$(json_get "$json" 'd["loaded"]')"
	expect_eq status/json-version "$VERSION" "$(json_get "$json" 'd["version"]')"
	expect_eq status/json-runtime /usr/bin/qemu-x86_64-static \
		"$(json_get "$json" 'd["parameters"]["runtime"]')"
	expect_eq status/json-bool "True False" \
		"$(json_get "$json" 'd["parameters"]["enabled"], d["parameters"]["credentials"]' | tr -d '(),')"
	expect_eq status/json-counter-number "1 int" \
		"$(json_get "$json" 'd["stats"]["translated"], type(d["stats"]["translated"]).__name__' | tr -d "(),'")"
	expect_eq status/json-escaped 'fpu de "quoted"' \
		"$(json_get "$json" 'd["cpuinfo"]["flags"]')"
	expect_eq status/json-binfmt "qemu-x86_64" \
		"$(json_get "$json" '",".join(c["name"] for c in d["binfmt_misc"]["x86_64_claims"])')"
else
	fail status/json-fields "python3 is needed to read the JSON fields"
fi

# the configuration's source: config_source, and for a line written to
# the config file, that line's name
cfg=$sys/kernel/xlate/config
qline=$(grep -v '^#' "$data/qemu-user-static_7.2.binfmt.d.conf")
printf '%s\n' "$qline" >"$cfg"
echo config >"$cfg"_source
run status
expect_in status/source-binfmt-line "source:                qemu-x86_64 (binfmt line)" "$out"
run status --json
json_ok status/source-json-valid "$out"
if command -v python3 >/dev/null; then
	expect_eq status/source-json "qemu-x86_64 binfmt line" \
		"$(json_get "$out" 'd["config"]["source"], d["config"]["source_kind"]' | tr -d "(),'")"
	expect_eq status/source-json-line "$qline" "$(json_get "$out" 'd["config"]["line"]')"
fi
printf '|qemu-x86_64|M||x|y|/usr/bin/qemu-x86_64-static|POF\n' >"$cfg"
echo autodetect >"$cfg"_source
run status
expect_in status/source-autodetect "source:                autodetect (found at load)" "$out"
rm "$cfg"_source
run status
expect_in status/source-file-missing "source:                unknown (unknown)" "$out"
: >"$cfg"
run status
case $out in
*source:*) fail status/source-none-without-runtime "$out" ;;
*) pass status/source-none-without-runtime ;;
esac
run status --json
if command -v python3 >/dev/null; then
	expect_eq status/source-json-null None "$(json_get "$out" 'd["config"]["source"]')"
fi

echo disabled >"$b/status"
run status
expect_in status/binfmt-disabled "binfmt_misc: disabled" "$out"
echo enabled >"$b/status"

# --- set -----------------------------------------------------------------
expect_rc set/runtime 0 set runtime /opt/box64
expect_eq set/runtime-written /opt/box64 "$(cat "$p/runtime")"
expect_rc set/runtime-empty 0 set runtime ''
expect_eq set/runtime-empty-written '' "$(cat "$p/runtime")"
expect_rc set/enabled-off 0 set enabled off
expect_eq set/enabled-off-written 0 "$(cat "$p/enabled")"
expect_rc set/open-binary-on 0 set open_binary on
expect_eq set/open-binary-on-written 1 "$(cat "$p/open_binary")"
expect_rc set/cmdline-auto 0 set cmdline AUTO
expect_eq set/cmdline-auto-written auto "$(cat "$p/cmdline")"
expect_rc set/cmdline-off 0 set cmdline off
expect_eq set/cmdline-off-written 0 "$(cat "$p/cmdline")"
expect_rc set/cmdline-bad 2 set cmdline sometimes
expect_rc set/exe-on 0 set exe on
expect_eq set/exe-on-written 1 "$(cat "$p/exe")"
expect_rc set/exe-auto 0 set exe Auto
expect_eq set/exe-auto-written auto "$(cat "$p/exe")"
expect_rc set/exe-bad 2 set exe sometimes
chmod 0000 "$p/credentials"
mv "$p/credentials" "$p/credentials.x"
expect_rc set/missing-file-fails 1 set credentials on
expect_in set/missing-file-message "(ENOENT)" "$err"
mv "$p/credentials.x" "$p/credentials"
chmod 0644 "$p/credentials"

# --- import: the real registration files ---------------------------------
# FILE|MODES|RUNTIME|FLAGS of the line made from an update-binfmts file|ABI
# (empty: x86-64, or "runtime32 ")
while IFS='|' read -r f modes rt flags abi; do
	expect_rc "import/$f/dry-run" 0 import --dry-run "$data/$f"
	dry=$out
	expect_in "import/$f/dry-run-says" "${abi}runtime $rt, modes $modes; nothing written" "$err"
	echo unchanged >"$cfg"
	expect_rc "import/$f" 0 import "$data/$f"
	expect_eq "import/$f/says" "configured ${abi}from $data/$f: runtime $rt, modes $modes" "$out"
	expect_eq "import/$f/one-line-written" "$dry" "$(cat "$cfg")"
	if [ -z "$flags" ]; then
		expect_eq "import/$f/line-as-shipped" "$(grep -v '^#' "$data/$f")" "$dry"
	else
		expect_eq "import/$f/line-made" ":$f:M:0:$(sed -n 's/^magic //p' "$data/$f"):$(sed -n 's/^mask //p' "$data/$f"):$rt:$flags" "$dry"
	fi
done <<'E'
qemu-user-static_7.2.binfmt.d.conf|P O|/usr/libexec/qemu-binfmt/x86_64-binfmt-P||
qemu-user-static_7.2.update-binfmts|P|/usr/libexec/qemu-binfmt/x86_64-binfmt-P|PF|
qemu-user-static_7.2.qemu-i386.binfmt.d.conf|P O|/usr/libexec/qemu-binfmt/i386-binfmt-P||runtime32 
qemu-user-static_7.2.qemu-i386.update-binfmts|P|/usr/libexec/qemu-binfmt/i386-binfmt-P|PF|runtime32 
qemu-user_10.0.binfmt.d.conf|P O|/usr/libexec/qemu-binfmt/x86_64-binfmt-P||
qemu-user_10.0.qemu-i386.binfmt.d.conf|P O|/usr/libexec/qemu-binfmt/i386-binfmt-P||runtime32 
qemu-user_11.1.binfmt.d.conf|P O|/usr/bin/qemu-x86_64||
qemu-user_11.1.qemu-i386.binfmt.d.conf|P O|/usr/bin/qemu-i386||runtime32 
box64_0.3.4.binfmt.d.conf|none|/usr/bin/box64||
box64_0.4.3.binfmt.d.conf|none|/usr/bin/box64||
box64_0.4.3.box32.binfmt.d.conf|none|/usr/bin/box64||runtime32 
box86.conf|none|/usr/bin/box86||runtime32 
FEX-x86_64.conf|P O C|/usr/bin/FEX||
FEX-x86.conf|P O C|/usr/bin/FEX||runtime32 
FEX-x86_64.update-binfmts|P C|/usr/bin/FEX|PCF|
rosetta.update-binfmts|C|/media/rosetta/rosetta|CF|
E
if [ "$(ls "$data" | grep -vc README)" = 16 ]; then pass import/all-data-files-tried; else
	fail import/all-data-files-tried "$(ls "$data")"
fi

# --- import: other delimiters, and malformed files -------------------------
qmagic=$(sed -n 's/^magic //p' "$data/qemu-user-static_7.2.update-binfmts")
qmask=$(sed -n 's/^mask //p' "$data/qemu-user-static_7.2.update-binfmts")
mkdir -p "$tmp/reg"
printf '|q|M||%s|%s|/opt/a:b/qemu|PF\n' "$qmagic" "$qmask" >"$tmp/reg/pipe.conf"
echo unchanged >"$cfg"
expect_rc import/delimiter-pipe 0 import "$tmp/reg/pipe.conf"
expect_eq import/delimiter-pipe-says "configured from $tmp/reg/pipe.conf: runtime /opt/a:b/qemu, modes P" "$out"
expect_eq import/delimiter-pipe-written "$(cat "$tmp/reg/pipe.conf")" "$(cat "$cfg")"
# NAME|EXPECTED MESSAGE|CONTENT: @M@ qemu's magic, @K@ its mask, @N@ newline,
# @E@ the ELF magic up to e_type, then e_machine
while IFS='|' read -r name msg content; do
	content=${content//@M@/$qmagic}
	content=${content//@K@/$qmask}
	content=${content//@E@/'\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00'}
	printf '%s\n' "${content//@N@/$'\n'}" >"$tmp/reg/$name"
	echo unchanged >"$cfg"
	expect_rc "import/bad/$name" 1 import "$tmp/reg/$name"
	expect_in "import/bad/$name/message" "$msg" "$err"
	expect_eq "import/bad/$name/nothing-written" unchanged "$(cat "$cfg")"
done <<'E'
too-few-fields.conf|reg/too-few-fields.conf:2: binfmt_misc refuses it: fewer than 7 fields|# c@N@:q:M::@M@:@K@:/q
too-many-fields.conf|too-many-fields.conf:1: binfmt_misc refuses it: text after the flags: more than 7 fields|:q:M::@M@:@K@:/q:PF:x
trailing-delimiter.conf|trailing-delimiter.conf:1: binfmt_misc refuses it: text after the flags: more than 7 fields|:q:M::@M@:@K@:/q:PF:
E-type.conf|E-type.conf has no x86-64 or i386 ELF registration|:wine:E::exe::/usr/bin/wine:
offset.conf|offset.conf:1: takes x86-64 ELF files, but xlate cannot use it: offset is not 0|:q:M:4:\x02\x01\x01:\xff\xff\xff:/q:
arm64.conf|arm64.conf has no x86-64 or i386 ELF registration|:a:M::@E@\xb7\x00:@K@:/q:
x32.conf|x32.conf has no x86-64 or i386 ELF registration|:x:M::\x7fELF\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00:@K@:/q:
any-elf.conf|any-elf.conf:1: takes x86-64 ELF files, but xlate cannot use it: magic shorter than 20 bytes|:a:M::\x7fELF::/q:
ia64-mask.conf|ia64-mask.conf:1: takes x86-64 ELF files, but xlate cannot use it: EI_CLASS (byte 4) or e_machine (bytes 18-19) is not compared in full|:a:M::@M@:\xff\xff\xff\xff\xff\xfe\xfe\xfc\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xf0\xff:/q:
mask-longer.conf|mask-longer.conf:1: binfmt_misc refuses it: mask and magic differ in length|:q:M::@M@:@K@\xff:/q:
mask-shorter.conf|mask-shorter.conf:1: binfmt_misc refuses it: mask and magic differ in length|:q:M::@M@:\xff\xff:/q:
empty-interpreter.conf|empty-interpreter.conf:1: binfmt_misc refuses it: no interpreter|:q:M::@M@:@K@::PF
unknown-flag.conf|unknown-flag.conf:1: binfmt_misc refuses it: unknown flag|:q:M::@M@:@K@:/q:PFX
name-slash.conf|name-slash.conf:1: binfmt_misc refuses it: name is empty|:a/b:M::@M@:@K@:/q:
name-dot.conf|name-dot.conf:1: binfmt_misc refuses it: name is empty|:.:M::@M@:@K@:/q:
name-too-long.conf|name-too-long.conf:1: binfmt_misc refuses it: name longer than 255 bytes|:nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn:M::@M@:@K@:/q:
mixed-delimiters.conf|mixed-delimiters.conf:1: binfmt_misc refuses it: fewer than 7 fields|!q:M::@M@:@K@:/q:PF
bad-escape.conf|bad-escape.conf:1: binfmt_misc refuses it: bad escape in the magic|:q:M::\x7fELF\x2:\xff\xff\xff\xff\xff:/q:
one-bad-line.conf|one-bad-line.conf:3: binfmt_misc refuses it: shorter than 11|:q:M::@M@:@K@:/q:PF@N@@N@nonsense
ub-preserve-maybe|ub-preserve-maybe:3: preserve must be yes or no|interpreter /q@N@magic @M@@N@preserve maybe
ub-no-interpreter|ub-no-interpreter: no interpreter key|package p@N@magic @M@@N@mask @K@
ub-twice|ub-twice:2: magic given twice|magic @M@@N@magic @M@@N@interpreter /q
E
# An i386 registration configures runtime32.
i386magic='\x7fELF\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x03\x00'
printf ':i:M::%s:%s:/q:OC\n' "$i386magic" "$qmask" >"$tmp/reg/i386.conf"
echo unchanged >"$cfg"
expect_rc import/i386 0 import "$tmp/reg/i386.conf"
expect_eq import/i386-says "configured runtime32 from $tmp/reg/i386.conf: runtime /q, modes O C" "$out"
expect_eq import/i386-written "$(cat "$tmp/reg/i386.conf")" "$(cat "$cfg")"
expect_rc import/i386-dry-run 0 import --dry-run "$tmp/reg/i386.conf"
expect_in import/i386-dry-run-says "from $tmp/reg/i386.conf: runtime32 runtime /q, modes O C; nothing written" "$err"
# Both in one file: x86-64 first, then i386 (the fake file keeps the last).
cat "$tmp/reg/pipe.conf" "$tmp/reg/i386.conf" >"$tmp/reg/both.conf"
expect_rc import/both 0 import "$tmp/reg/both.conf"
expect_eq import/both-says "configured from $tmp/reg/both.conf: runtime /opt/a:b/qemu, modes P
configured runtime32 from $tmp/reg/both.conf: runtime /q, modes O C" "$out"
expect_eq import/both-i386-written-last "$(cat "$tmp/reg/i386.conf")" "$(cat "$cfg")"
expect_rc import/missing-file 1 import "$tmp/reg/nonexistent"
expect_in import/missing-file-message "No such file" "$err"
expect_rc import/directory 1 import "$tmp/reg"
mv "$cfg" "$cfg.x"
expect_rc import/config-file-missing 1 import "$data/FEX-x86_64.conf"
expect_in import/config-file-missing-message "(ENOENT)" "$err"
mv "$cfg.x" "$cfg"

# --- import --auto, in a fake root -------------------------------------------
r=$tmp/root
mkdir -p "$r/etc/binfmt.d" "$r/run/binfmt.d" "$r/usr/local/lib/binfmt.d" \
	"$r/usr/lib/binfmt.d" "$r/usr/share/binfmts" "$r/usr/bin" \
	"$r/usr/libexec/qemu-binfmt"
export XLATECTL_ROOT=$r
auto() {	# NAME WANT-FROM WANT-RUNTIME WANT-MODES [ARGS]
	local name=$1 from=$2 rt=$3 modes=$4

	shift 4
	echo unchanged >"$cfg"
	expect_rc "import/auto/$name" 0 import "$@"
	expect_eq "import/auto/$name/says" "configured from $from: runtime $rt, modes $modes" "$out"
}
expect_rc import/auto/nothing 1 import --auto
expect_in import/auto/nothing-message "no installed runtime ships an x86-64 or i386 ELF registration" "$err"
cp "$data/qemu-user-static_7.2.binfmt.d.conf" "$r/usr/lib/binfmt.d/qemu-x86_64.conf"
expect_rc import/auto/interpreter-missing 1 import --auto
expect_in import/auto/interpreter-missing-message "/usr/lib/binfmt.d/qemu-x86_64.conf:1: interpreter /usr/libexec/qemu-binfmt/x86_64-binfmt-P is not installed" "$err"
: >"$r/usr/bin/qemu-x86_64-static"
ln -s ../../bin/qemu-x86_64-static "$r/usr/libexec/qemu-binfmt/x86_64-binfmt-P"
auto qemu /usr/lib/binfmt.d/qemu-x86_64.conf /usr/libexec/qemu-binfmt/x86_64-binfmt-P "P O" --auto
expect_eq import/auto/qemu-written "$(cat "$r/usr/lib/binfmt.d/qemu-x86_64.conf")" "$(cat "$cfg")"
auto no-argument-is-auto /usr/lib/binfmt.d/qemu-x86_64.conf /usr/libexec/qemu-binfmt/x86_64-binfmt-P "P O"
# With qemu-i386's registration installed too, both are configured.
printf ':qemu-i386:M::%s:%s:/usr/libexec/qemu-binfmt/i386-binfmt-P:OCF\n' \
	"$i386magic" "$qmask" >"$r/usr/lib/binfmt.d/qemu-i386.conf"
expect_rc import/auto/i386-interpreter-missing 0 import --auto
expect_in import/auto/i386-interpreter-missing-message "qemu-i386.conf:1: interpreter /usr/libexec/qemu-binfmt/i386-binfmt-P is not installed" "$err"
ln -s ../../bin/qemu-x86_64-static "$r/usr/libexec/qemu-binfmt/i386-binfmt-P"
echo unchanged >"$cfg"
expect_rc import/auto/with-i386 0 import --auto
expect_eq import/auto/with-i386-says "configured from /usr/lib/binfmt.d/qemu-x86_64.conf: runtime /usr/libexec/qemu-binfmt/x86_64-binfmt-P, modes P O
configured runtime32 from /usr/lib/binfmt.d/qemu-i386.conf: runtime /usr/libexec/qemu-binfmt/i386-binfmt-P, modes O C" "$out"
expect_eq import/auto/with-i386-written-last "$(cat "$r/usr/lib/binfmt.d/qemu-i386.conf")" "$(cat "$cfg")"
rm "$r/usr/lib/binfmt.d/qemu-i386.conf" "$r/usr/libexec/qemu-binfmt/i386-binfmt-P"
cp "$data/box64_0.3.4.binfmt.d.conf" "$r/usr/local/lib/binfmt.d/box64.conf"
auto box64-not-installed /usr/lib/binfmt.d/qemu-x86_64.conf /usr/libexec/qemu-binfmt/x86_64-binfmt-P "P O"
expect_in import/auto/box64-not-installed-message "/usr/local/lib/binfmt.d/box64.conf:2: interpreter /usr/bin/box64 is not installed, skipped" "$err"
: >"$r/usr/bin/box64"
auto sorted-by-name /usr/local/lib/binfmt.d/box64.conf /usr/bin/box64 none
ln -s /dev/null "$r/etc/binfmt.d/box64.conf"
auto masked-by-etc /usr/lib/binfmt.d/qemu-x86_64.conf /usr/libexec/qemu-binfmt/x86_64-binfmt-P "P O"
sed 's/:OPF$/:F/' "$data/qemu-user-static_7.2.binfmt.d.conf" >"$r/run/binfmt.d/qemu-x86_64.conf"
auto run-overrides-usr /run/binfmt.d/qemu-x86_64.conf /usr/libexec/qemu-binfmt/x86_64-binfmt-P none
echo 'not a registration' >"$r/run/binfmt.d/a-broken.conf"
echo 'ignored: not .conf' >"$r/etc/binfmt.d/README"
auto malformed-skipped /run/binfmt.d/qemu-x86_64.conf /usr/libexec/qemu-binfmt/x86_64-binfmt-P none
expect_in import/auto/malformed-skipped-message "/run/binfmt.d/a-broken.conf:1: binfmt_misc refuses it: type is not M" "$err"
rm -f "$r"/*/binfmt.d/*.conf "$r"/usr/*/binfmt.d/*.conf "$r"/usr/local/lib/binfmt.d/*.conf
cp "$data/qemu-user-static_7.2.update-binfmts" "$r/usr/share/binfmts/qemu-x86_64"
auto update-binfmts /usr/share/binfmts/qemu-x86_64 /usr/libexec/qemu-binfmt/x86_64-binfmt-P P
expect_eq import/auto/update-binfmts-written ":qemu-x86_64:M:0:$qmagic:$qmask:/usr/libexec/qemu-binfmt/x86_64-binfmt-P:PF" "$(cat "$cfg")"
expect_rc import/auto/dry-run 0 import --dry-run
expect_eq import/auto/dry-run-line ":qemu-x86_64:M:0:$qmagic:$qmask:/usr/libexec/qemu-binfmt/x86_64-binfmt-P:PF" "$out"
unset XLATECTL_ROOT

# --- cpuinfo -------------------------------------------------------------
expect_rc cpuinfo/show 0 cpuinfo show
expect_eq cpuinfo/show-order "vendor_id=GenuineIntel
model_name=xlate virtual x86-64 CPU
cpu_family=6
model=26
flags=fpu de \"quoted\"
clflush_size=64" "$out"
expect_rc cpuinfo/set 0 cpuinfo set flags 'fpu sse'
expect_eq cpuinfo/set-written 'fpu sse' "$(cat "$c/flags")"
expect_rc cpuinfo/set-unknown-field 1 cpuinfo set nosuch 1
expect_in cpuinfo/set-unknown-field-message "unknown field" "$err"
chmod 0644 "$c/reset"
expect_rc cpuinfo/reset 0 cpuinfo reset
expect_eq cpuinfo/reset-written 1 "$(cat "$c/reset")"
for f in stepping microcode cpu_mhz cache_size cpuid_level bugs bogomips \
	cache_alignment phys_bits virt_bits; do
	: >"$c/$f"
done
case $(uname -m) in
x86_64)
	expect_rc cpuinfo/sync-dry-run 0 cpuinfo sync --dry-run
	dry=$out
	host_vendor=$(sed -n 's/^vendor_id[[:space:]]*: //p' /proc/cpuinfo | head -n1)
	expect_in cpuinfo/sync-vendor-is-host "vendor_id=$host_vendor" "$dry"
	expect_in cpuinfo/sync-flags-lm "flags=fpu " "$dry"
	expect_eq cpuinfo/sync-dry-run-wrote-nothing 'fpu sse' "$(cat "$c/flags")"
	expect_rc cpuinfo/sync 0 cpuinfo sync
	expect_eq cpuinfo/sync-same-as-dry-run "$dry" "$out"
	expect_eq cpuinfo/sync-wrote-flags "$(printf '%s\n' "$dry" | sed -n 's/^flags=//p')" \
		"$(cat "$c/flags")"
	expect_eq cpuinfo/sync-wrote-vendor "$host_vendor" "$(cat "$c/vendor_id")"
	expect_rc cpuinfo/sync-raw 0 cpuinfo sync --raw
	expect_in cpuinfo/sync-raw-leaf0 "00000000:0 eax=" "$out"
	;;
*)
	fail cpuinfo/sync-dry-run "the host is $(uname -m), the probe needs x86-64 or xlate"
	;;
esac

# --- ps ------------------------------------------------------------------
expect_rc ps/exit-0 0 ps
expect_eq ps/marked-only "    PID PERSONALITY X86 TRANSLATED COMM            RUNTIME                     PROGRAM
     42 0x60000000  yes yes        sleep           /usr/bin/qemu-x86_64-static /x86/bin/sleep
     43 0x40400000  yes no         sh              -                           -
     45 0x60000000  yes yes        sleep           /usr/bin/qemu-x86_64-static my-sleep
     46 0x60000000  yes yes        sleep           /usr/bin/qemu-x86_64-static /x86/bin/sleep" "$out"
expect_in ps/uninspected-reported "1 task(s) not inspected" "$err"
expect_rc ps/all 0 ps --all
expect_in ps/all-unmarked "      1 0x00000000  no  no         init            -                           -" "$out"
expect_in ps/all-uninspected "     44 ?           ?   ?          secret          ?                           ?" "$out"

# --- exec (real personality(2) of this host) -----------------------------
unset XLATECTL_PROC_ROOT
run exec -- cat /proc/self/personality
per=$((0x${out:-0}))
if [ "$rc" = 0 ] && [ $((per & 0x40000000)) -ne 0 ]; then
	pass exec/sets-x86-bit
else
	fail exec/sets-x86-bit "rc $rc personality '$out' $err"
fi
expect_rc exec/not-found 127 exec /nonexistent/prog
expect_rc exec/exit-status 7 exec sh -c 'exit 7'
export XLATECTL_PROC_ROOT=$proc

# --- module not loaded ----------------------------------------------------
mkdir -p "$tmp/empty-sys"
export XLATECTL_SYSFS_ROOT=$tmp/empty-sys
expect_rc unloaded/status-exit-3 3 status
expect_in unloaded/status-says "xlate: not loaded" "$out"
expect_in unloaded/status-still-binfmt "qemu-x86_64: interpreter" "$out"
expect_rc unloaded/json-exit-3 3 status --json
json_ok unloaded/json-valid "$out"
expect_in unloaded/json-loaded-false '"loaded":false' "$out"
expect_rc unloaded/set-exit-3 3 set enabled on
expect_in unloaded/set-message "not loaded" "$err"
expect_rc unloaded/cpuinfo-exit-3 3 cpuinfo show
expect_rc unloaded/sync-exit-3 3 cpuinfo sync
expect_rc unloaded/import-exit-3 3 import "$data/FEX-x86_64.conf"
expect_rc unloaded/import-dry-run-exit-0 0 import --dry-run "$data/FEX-x86_64.conf"

# --- man page --------------------------------------------------------------
man=$(dirname "$0")/../xlatectl.8
if command -v groff >/dev/null; then
	if groff -man -Tutf8 -ww -z "$man" 2>"$tmp/groff" && [ ! -s "$tmp/groff" ]; then
		pass man/groff-clean
	else
		fail man/groff-clean "$(cat "$tmp/groff")"
	fi
else
	fail man/groff-clean "groff is not installed"
fi
for word in status set import cpuinfo ps exec "EXIT STATUS" XLATECTL_ROOT \
	binfmt.d /usr/share/binfmts /sys/kernel/xlate/config; do
	if grep -q -- "$word" "$man"; then
		pass "man/mentions-${word//[ \/]/-}"
	else
		fail "man/mentions-${word//[ \/]/-}" "xlatectl.8 lacks '$word'"
	fi
done

exit $((failures > 0))
