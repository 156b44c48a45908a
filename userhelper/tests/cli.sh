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

json_ok() {	# NAME JSON: valid JSON for python3 -m json.tool and for jq
	local why=
	if ! command -v python3 >/dev/null; then
		why="python3 is not installed"
	elif ! printf '%s' "$2" | python3 -m json.tool >/dev/null 2>"$tmp/jerr"; then
		why="python3 -m json.tool: $(cat "$tmp/jerr")"
	elif ! command -v jq >/dev/null; then
		why="jq is not installed"
	elif ! printf '%s' "$2" | jq . >/dev/null 2>"$tmp/jerr"; then
		why="jq: $(cat "$tmp/jerr")"
	fi
	if [ -z "$why" ]; then pass "$1"; else
		fail "$1" "invalid JSON: $why in $2"
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
: >"$c/profile"
chmod 0200 "$c/profile"
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
# The top-level help names every parameter `set` takes (names.c's
# param_names, the list status reads too), as does `set --help`, and
# `set` accepts each of them (on the fake sysfs).
mapfile -t params < <(sed -n '/param_names\[\] = {/,/NULL/p' \
	"$(dirname "$0")/../names.c" | grep -o '"[a-z0-9_]*"' | tr -d '"')
if [ ${#params[@]} -ge 12 ]; then pass args/param-list-read; else
	fail args/param-list-read "read ${#params[@]} names from names.c: ${params[*]}"
fi
run --help
main_help=$out
run set --help
set_help=$out
for prm in "${params[@]}"; do
	if grep -qE "(^|[^a-z0-9_])$prm([^a-z0-9_]|\$)" <<<"$main_help"; then
		pass "args/help-names-$prm"
	else
		fail "args/help-names-$prm" "'xlatectl --help' does not name $prm"
	fi
	if grep -qE "(^|[^a-z0-9_])$prm([^a-z0-9_]|\$)" <<<"$set_help"; then
		pass "args/set-help-names-$prm"
	else
		fail "args/set-help-names-$prm" "'xlatectl set --help' does not name $prm"
	fi
done

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

# --- status --json: bytes that are UTF-8 and bytes that are not -----------
# Valid UTF-8 comes out as itself; other bytes as \udcXX, which Python's
# surrogateescape turns back into them (json.c).
# json_bytes JSON PYEXPR: the value, encoded back to bytes, as hex.
json_bytes() {
	printf '%s' "$1" | python3 -c "import json,sys; d=json.load(sys.stdin); sys.stdout.write(($2).encode('utf-8','surrogateescape').hex())"
}
hex() { od -An -v -tx1 | tr -d ' \n'; }
utf8_rt=$'/opt/pr\xc3\xbcfung/bin/\xe6\x97\xa5\xe6\x9c\xac-\xf0\x9f\x90\xa7'
latin1_rt=$'/opt/pr\xfcfung/\xc0\xaf\xed\xa0\x80\xe2\x82/tool'
printf '%s\n' "$utf8_rt" >"$p/runtime"
printf '%s\n' $'xlate \xe2\x80\x9cvirtual\xe2\x80\x9d x86-64 CPU \x01' >"$c/model_name"
printf 'enabled\ninterpreter %s\nflags: F\noffset 0\nmagic %s\nmask %s\n' \
	"$latin1_rt" 7f454c4602010100000000000000000002003e00 \
	fffffffffffefe00fffffffffffffffffeffffff >"$b/bytes-x86_64"
run status --json
json=$out
json_ok status/json-bytes-valid "$json"
if command -v python3 >/dev/null; then
	expect_eq status/json-utf8-round-trip "$(printf '%s' "$utf8_rt" | hex)" \
		"$(json_bytes "$json" 'd["parameters"]["runtime"]')"
	expect_eq status/json-invalid-round-trip "$(printf '%s' "$latin1_rt" | hex)" \
		"$(json_bytes "$json" '[c for c in d["binfmt_misc"]["x86_64_claims"] if c["name"] == "bytes-x86_64"][0]["interpreter"]')"
	expect_eq status/json-control-round-trip \
		"$(printf '%s' $'xlate \xe2\x80\x9cvirtual\xe2\x80\x9d x86-64 CPU \x01' | hex)" \
		"$(json_bytes "$json" 'd["cpuinfo"]["model_name"]')"
fi
expect_in status/json-utf8-as-itself "\"runtime\":\"$utf8_rt\"" "$json"
expect_in status/json-invalid-as-udcxx '"interpreter":"/opt/pr\udcfcfung/\udcc0\udcaf\udced\udca0\udc80\udce2\udc82/tool"' "$json"
expect_in status/json-control-escaped 'CPU \u0001"' "$json"
if command -v jq >/dev/null; then
	expect_eq status/json-jq-reads-utf8 "$utf8_rt" \
		"$(printf '%s' "$json" | jq -r .parameters.runtime)"
	r=$'\xef\xbf\xbd'
	expect_eq status/json-jq-replaces-invalid "/opt/pr${r}fung/$r$r$r$r$r$r$r/tool" \
		"$(printf '%s' "$json" | jq -r '.binfmt_misc.x86_64_claims[] | select(.name == "bytes-x86_64") | .interpreter')"
fi
# Every byte sequence, against Python's UTF-8 decoder: random strings
# of valid and invalid UTF-8 and single bytes, each through status --json
# and back through surrogateescape.
if command -v python3 >/dev/null; then
	python3 - "$tmp/bytes" <<'PY'
import os, random, sys
random.seed(27)
parts = [bytes([b]) for b in range(0x20, 0x100) if b != 0x7f] + \
	[c.encode() for c in "\u00e9\u20ac\U0001f427\u0800\uffff\U0010ffff\u0080\u07ff"] + \
	[b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe0\x80\x80", b"\xf0\x80\x80"]
os.makedirs(sys.argv[1], exist_ok=True)
for i in range(120):
	s = b"".join(random.choice(parts) for _ in range(random.randint(1, 8)))
	open(f"{sys.argv[1]}/{i:03d}", "wb").write(s.replace(b"\n", b"n"))
PY
	bad=
	for f in "$tmp"/bytes/*; do
		cp "$f" "$p/runtime"
		run status --json
		got=$(json_bytes "$out" 'd["parameters"]["runtime"]' 2>&1) || true
		want=$(hex <"$f")
		want_py=$(python3 -c "import sys; b=open(sys.argv[1],'rb').read(); s=b.decode('utf-8','surrogateescape'); print(''.join(c for c in s if not 0xdc80 <= ord(c) <= 0xdcff).encode().hex())" "$f")
		got_raw=$(printf '%s' "$out" | python3 -c "import json,sys; s=json.load(sys.stdin)['parameters']['runtime']; print(''.join(c for c in s if not 0xdc80 <= ord(c) <= 0xdcff).encode().hex())")
		if [ "$got" != "$want" ] || [ "$got_raw" != "$want_py" ]; then
			bad="$(basename "$f"): bytes $want came back as $got (valid part $got_raw, Python's $want_py)"
			break
		fi
	done
	if [ -z "$bad" ]; then pass status/json-bytes-vs-python-decoder; else
		fail status/json-bytes-vs-python-decoder "$bad"
	fi
fi
rm -f "$b/bytes-x86_64"
echo /usr/bin/qemu-x86_64-static >"$p/runtime"
echo 'xlate virtual x86-64 CPU' >"$c/model_name"

# --- set -----------------------------------------------------------------
expect_rc set/runtime 0 set runtime /opt/box64
expect_eq set/runtime-written /opt/box64 "$(cat "$p/runtime")"
# A new runtime is followed by a sync; the probe runs natively on an
# x86-64 host, elsewhere it fails and set says so without failing.
case $(uname -m) in
x86_64)
	expect_eq set/runtime-synced runtime=/opt/box64 "$(head -n 1 "$c/profile")"
	expect_in set/runtime-sync-says "cpuinfo set from /opt/box64's CPUID:" "$out"
	;;
*)
	expect_in set/runtime-sync-warns "was not synced" "$err"
	;;
esac
: >"$c/profile"
expect_rc set/runtime-no-sync 0 set --no-sync runtime /opt/box64
expect_eq set/runtime-no-sync-profile-untouched "" "$(cat "$c/profile")"
expect_eq set/runtime-no-sync-says-nothing "" "$out$err"
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
for prm in "${params[@]}"; do
	case $prm in
	runtime | runtime32) val=/opt/rt ;;
	cmdline | exe) val=auto ;;
	*) val=on ;;
	esac
	made=
	[ -e "$p/$prm" ] || { : >"$p/$prm"; made=1; }
	cp -p "$p/$prm" "$tmp/saved"
	expect_rc "set/accepts-$prm" 0 set "$prm" "$val"
	expect_eq "set/accepts-$prm-written" "${val/#on/1}" "$(cat "$p/$prm")"
	if [ -n "$made" ]; then rm "$p/$prm"; else cp -p "$tmp/saved" "$p/$prm"; fi
done
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
rt0=$(cat "$p/runtime")
: >"$p/runtime"
expect_rc cpuinfo/sync-no-runtime 1 cpuinfo sync
expect_in cpuinfo/sync-no-runtime-says "no x86-64 runtime is configured" "$err"
echo /usr/bin/qemu-x86_64-static >"$p/runtime"
case $(uname -m) in
x86_64)
	expect_rc cpuinfo/sync-dry-run 0 cpuinfo sync --dry-run
	dry=$out
	host_vendor=$(sed -n 's/^vendor_id[[:space:]]*: //p' /proc/cpuinfo | head -n1)
	expect_in cpuinfo/sync-vendor-is-host "vendor_id=$host_vendor" "$dry"
	expect_in cpuinfo/sync-flags-lm "flags=fpu " "$dry"
	expect_eq cpuinfo/sync-dry-run-wrote-nothing 'fpu sse' "$(cat "$c/flags")"
	: >"$c/profile"
	expect_rc cpuinfo/sync 0 cpuinfo sync
	expect_eq cpuinfo/sync-same-as-dry-run "$dry" "$out"
	# one write: the runtime it was measured under, then the fields
	expect_eq cpuinfo/sync-wrote-profile "runtime=$(cat "$p/runtime")
$dry" "$(cat "$c/profile")"
	expect_eq cpuinfo/sync-fields-untouched 'fpu sse' "$(cat "$c/flags")"
	QEMU_CPU=Nehalem BOX64_AVX=0 PATH_NOT_PASSED=1 "$XLATECTL" cpuinfo sync \
		--dry-run >/dev/null 2>&1
	expect_eq cpuinfo/sync-env-exit 0 "$?"
	expect_rc cpuinfo/sync-raw 0 cpuinfo sync --raw
	expect_in cpuinfo/sync-raw-leaf0 "00000000:0 eax=" "$out"
	# Rosetta: its template, by a reset; no probe
	echo /media/rosetta/rosetta >"$p/runtime"
	: >"$c/reset"
	expect_rc cpuinfo/sync-rosetta 0 cpuinfo sync
	expect_in cpuinfo/sync-rosetta-says "Rosetta: its own /proc/cpuinfo template is in effect" "$out"
	expect_eq cpuinfo/sync-rosetta-resets 1 "$(cat "$c/reset")"
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

# ps --json: the same tasks; comm and cmdline bytes as status --json
# writes them (UTF-8 as itself, other bytes as \udcXX).
mkdir -p "$proc/47"
printf '%s\n' $'pr\xc3\xbcf\xff' >"$proc/47/comm"; echo 60000000 >"$proc/47/personality"
ln -s /usr/bin/qemu-x86_64-static "$proc/47/exe"
printf '%s\0 60\0' $'/opt/pr\xc3\xbcfung/bin/tool\xfe' >"$proc/47/cmdline"
expect_rc ps/json-exit-0 0 ps --json
json_ok ps/json-valid "$out"
if command -v python3 >/dev/null; then
	expect_eq ps/json-tasks "42 True True /usr/bin/qemu-x86_64-static /x86/bin/sleep|43 True False None None|45 True True /usr/bin/qemu-x86_64-static my-sleep|46 True True /usr/bin/qemu-x86_64-static /x86/bin/sleep|47 True True /usr/bin/qemu-x86_64-static /opt/prüfung/bin/tool\udcfe" \
		"$(json_get "$out" '"|".join(" ".join(str(x) for x in (t["pid"], t["x86"], t["translated"], t["runtime"], t["program"])) for t in d["tasks"]).encode("utf-8", "backslashreplace").decode()')"
	expect_eq ps/json-personality-number "1610612736 int" \
		"$(json_get "$out" 'd["tasks"][0]["personality"], type(d["tasks"][0]["personality"]).__name__' | tr -d "(),'")"
	expect_eq ps/json-not-inspected 1 "$(json_get "$out" 'd["not_inspected"]')"
	expect_eq ps/json-comm-bytes "$(printf '%s' $'pr\xc3\xbcf\xff' | hex)" \
		"$(json_bytes "$out" 'd["tasks"][-1]["comm"]')"
	expect_eq ps/json-program-bytes "$(printf '%s' $'/opt/pr\xc3\xbcfung/bin/tool\xfe' | hex)" \
		"$(json_bytes "$out" 'd["tasks"][-1]["program"]')"
fi
expect_in ps/json-utf8-as-itself $'"program":"/opt/pr\xc3\xbcfung/bin/tool\\udcfe"' "$out"
run ps --json --all
json_ok ps/json-all-valid "$out"
if command -v python3 >/dev/null; then
	expect_eq ps/json-all-uninspected "secret None None None None" \
		"$(json_get "$out" '" ".join(str(x) for t in d["tasks"] if t["pid"] == 44 for x in (t["comm"], t["personality"], t["x86"], t["runtime"], t["program"]))')"
	expect_eq ps/json-all-unmarked "init 0 False None" \
		"$(json_get "$out" '" ".join(str(x) for t in d["tasks"] if t["pid"] == 1 for x in (t["comm"], t["personality"], t["x86"], t["runtime"]))')"
fi
rm -rf "$proc/47"

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
