#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build tier.  For each kernel target (default: all of XLATE_TARGETS in
# lib/common.sh; sid's inside their build chroot), copy the
# module source to build/kbuild/<target>/ and build it from scratch with
# the target's Debian headers, W=1 and sparse (C=2) in one pass:
#
#   build/<target>/w1      the module builds, no warning from our files
#                          (compiler or modpost)
#   build/<target>/sparse  sparse says nothing about our files
#
# Then host-side style checks on every .c/.h of kmod/ and userhelper/:
#
#   build/host/checkpatch/<path>   checkpatch.pl --strict clean
#   build/host/kernel-doc/<path>   kernel-doc -none -Wall clean
#   build/host/kernel-doc-coverage/<path>
#                                  every non-static function of kmod/**/*.c
#                                  and userhelper/*.c has a kernel-doc
#                                  comment (/** ... */) right before it
#   build/host/rst/<path>          Documentation/*.rst parses without a
#                                  docutils warning (rst-check.py)
#   build/host/docs/...            Documentation/testing.rst's host
#                                  package lists are fetch-deps.sh's; no
#                                  file names a work period (docs-check.sh)
#
# Usage: run.sh [TARGET...]
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../lib/common.sh
. "$HERE/../lib/common.sh"

OUT=$XLATE_ROOT/build/kbuild
JOBS=${JOBS:-$(nproc)}
SRC_ENV=$XLATE_CACHE/src-6.12.env
status=0

mkdir -p "$OUT"

# ours_warnings LOG COPY: warning lines of LOG that name our files.
ours_warnings() {
	grep -iE 'warning:' "$1" | grep -v '^sparse: ' |
		grep -E "($2/|^kmod/)" || true
}

# sparse_lines LOG COPY: sparse diagnostics that name our files.
sparse_lines() {
	grep '^sparse: ' "$1" | grep -E "($2/|sparse: kmod/)" || true
}

# hello_builds TARGET: can the headers build a trivial module at all?
hello_builds() {
	local dir=$OUT/hello-$1
	mkdir -p "$dir"
	printf '%s\n' '// SPDX-License-Identifier: GPL-2.0' \
		'#include <linux/module.h>' \
		'static int __init hello_init(void) { return 0; }' \
		'module_init(hello_init);' 'MODULE_LICENSE("GPL");' \
		'MODULE_DESCRIPTION("bench pipeline check");' >"$dir/hello.c"
	echo 'obj-m += hello.o' >"$dir/Kbuild"
	# shellcheck disable=SC2046
	target_run nice make -C "$KDIR" M="$dir" $(target_make_args) \
		>"$dir.log" 2>&1 && [ -f "$dir/hello.ko" ]
}

# build_target TARGET: PASS/FAIL build/TARGET/{w1,sparse}.  The module
# source is staged in build/kbuild/src-TARGET; when it, the bench scripts
# and the toolchain are byte-for-byte those of the last run, that run's
# clean verdict is replayed instead of rebuilding (BUILD_NO_CACHE=1:
# always rebuild).
build_target() {
	local t=$1 stage=$OUT/src-$1 key rc=0
	if ! load_target "$t" 2>"$OUT/$t.log"; then
		fail "build/$t/w1" "$(cat "$OUT/$t.log")"
		fail "build/$t/sparse" "$(cat "$OUT/$t.log")"
		return 1
	fi
	mkdir -p "$stage"
	rsync -a --delete --exclude='*.o' --exclude='*.ko' --exclude='.*' \
		--exclude='*.mod' --exclude='*.mod.c' --exclude='modules.order' \
		--exclude='Module.symvers' "$XLATE_ROOT/kmod" "$stage/"
	rm -f "$stage/Kbuild" "$stage/VERSION"
	cp "$XLATE_ROOT/Kbuild" "$stage/" 2>/dev/null || true
	cp "$XLATE_ROOT/VERSION" "$stage/" 2>/dev/null || true
	key=$( (cd "$stage" && find . -type f | LC_ALL=C sort | xargs sha256sum
		sha256sum "$HERE/run.sh" "$HERE/sparse-wrapper.sh" \
			"$HERE/../lib/common.sh"
		echo "$KDIR"; ls -l --time-style=+%s "$KDIR/Makefile"
		echo "${BUILD_CHROOT:-host}"
		target_run sh -c 'gcc --version; sparse --version' 2>&1 |
			head -n2) | sha256sum)
	if [ -z "${BUILD_NO_CACHE:-}" ] && [ -s "$OUT/$t.result" ] &&
	   [ "$(cat "$OUT/$t.key" 2>/dev/null)" = "$key" ]; then
		echo "build: $t: sources unchanged since the last build, replaying its result ($OUT/$t.log)" >&2
		cat "$OUT/$t.result"
		return 0
	fi
	rm -f "$OUT/$t.key"
	build_target_fresh "$t" "$stage" | tee "$OUT/$t.result" || rc=$?
	# Only a clean result is replayed: a failure is always rebuilt.
	if [ "$rc" -eq 0 ] && ! grep -q '^FAIL: ' "$OUT/$t.result"; then
		echo "$key" >"$OUT/$t.key"
	fi
	return "$rc"
}

build_target_fresh() {
	local t=$1 copy=$OUT/$1 log=$OUT/$1.log rc=0 w s start=$SECONDS
	rm -rf "$copy"
	cp -a "$2" "$copy"
	echo "build: $t: make -C $KDIR M=$copy $(target_make_args) W=1 C=2${BUILD_CHROOT:+ (in $BUILD_CHROOT)}" >&2
	# shellcheck disable=SC2046
	target_run nice make -C "$KDIR" M="$copy" $(target_make_args) -j"$JOBS" \
		W=1 C=2 CHECK="$HERE/sparse-wrapper.sh" >"$log" 2>&1 || rc=$?
	w=$(ours_warnings "$log" "$copy")
	if [ "$rc" -ne 0 ]; then
		local why
		why=$(grep -m1 -E 'error|Error|No rule|No such' "$log" || tail -n1 "$log")
		hello_builds "$t" ||
			why="pipeline broken, headers cannot build a trivial module ($OUT/hello-$t.log); $why"
		fail "build/$t/w1" "make exited $rc: $why"
	elif [ ! -f "$copy/kmod/xlate.ko" ]; then
		fail "build/$t/w1" "no kmod/xlate.ko after a successful make"
		rc=1
	elif [ -n "$w" ]; then
		fail "build/$t/w1" "$(echo "$w" | wc -l) warning(s): $(echo "$w" | head -n1 | sed "s|$copy/||")"
		rc=1
	else
		pass "build/$t/w1"
	fi
	s=$(sparse_lines "$log" "$copy")
	if ! grep -q '^sparse-checked: ' "$log"; then
		fail "build/$t/sparse" "sparse did not run (see $log)"
		rc=1
	elif [ -n "$s" ]; then
		fail "build/$t/sparse" "$(echo "$s" | wc -l) line(s): $(echo "$s" | head -n1 | sed "s|$copy/||; s|^sparse: ||")"
		rc=1
	else
		pass "build/$t/sparse"
	fi
	# Keep the log readable in the tier log too.
	[ -z "$w$s" ] || printf '%s\n' "$w" "$s" | sed "s|$copy/||" >&2
	echo "build: $t: $((SECONDS - start))s" >&2
	return "$rc"
}

# Checkpatch types not applied to a file.  None: kmod/compat.h uses
# feature tests from Kbuild rather than LINUX_VERSION_CODE.
checkpatch_ignore() {
	:
}

# per_file NAME OUTPUT FILE...: one PASS/FAIL per FILE, failing those
# that OUTPUT mentions as "FILE:line...".
per_file() {
	local name=$1 out=$2 f hits rc=0
	shift 2
	for f in "$@"; do
		hits=$(awk -v f="$f:" 'index($0, f) == 1' "$out")
		if [ -z "$hits" ]; then
			pass "build/host/$name/$f"
		else
			fail "build/host/$name/$f" "$(echo "$hits" | wc -l) issue(s), first: $(echo "$hits" | head -n1)"
			echo "$hits" >&2
			rc=1
		fi
	done
	# Output not attributed to a file means the tool itself broke.
	hits=$(grep -vE '^(total: |$)' "$out" | awk -v files=" $* " '
		{ split($0, a, ":"); if (index(files, " " a[1] " ") == 0) print }')
	if [ -n "$hits" ]; then
		fail "build/host/$name/tool" "unexpected output: $(echo "$hits" | head -n1)"
		rc=1
	fi
	return "$rc"
}

# kdoc_missing FILE...: "FILE:LINE: NAME() ..." for every non-static
# function definition of the C FILEs that has no kernel-doc comment
# directly before it.  A definition is recognized by kernel style: its
# opening brace alone in column 0, its declaration starting at the last
# line before that which starts in column 0 (plus a bare type line such
# as "static int" above it).  kernel-doc itself checks that the comment
# names the function it precedes.
kdoc_missing() {
	awk '
	FNR == 1 { n = 0 }
	{ line[++n] = $0 }
	/^\{[ \t]*$/ {
		s = n - 1
		while (s > 1 && line[s] !~ /^[A-Za-z_]/)
			s--
		while (s > 1 && line[s - 1] ~ /^[A-Za-z_][A-Za-z0-9_ \t*]*$/)
			s--
		decl = line[s]
		for (i = s + 1; i < n; i++)
			decl = decl " " line[i]
		if (decl !~ /\(/)
			next
		defs++
		if (decl ~ /^static[ \t]/)
			next
		name = decl
		sub(/[ \t]*\(.*/, "", name)
		sub(/.*[ \t*]/, "", name)
		ok = 0
		p = s - 1
		if (p >= 1 && line[p] ~ /^[ \t]*\*\/[ \t]*$/) {
			while (p > 1 && line[p] !~ /^[ \t]*\/\*/)
				p--
			ok = line[p] ~ /^\/\*\*([ \t]|$)/
		}
		if (!ok)
			printf "%s:%d: %s() is not static and has no kernel-doc comment\n", FILENAME, s, name
	}
	END { if (!defs) print "kdoc_missing: no function definition found" }
	' "$@"
}

# run_checkpatch SRC [--ignore TYPES] FILE...: checkpatch.pl --strict on
# repository-relative FILEs, run from a scratch directory so that it
# leaves no .checkpatch-camelcase cache in the repository; output names
# the files as given.
run_checkpatch() {
	local src=$1 opts=()
	shift
	if [ "$1" = --ignore ]; then
		opts=(--ignore "$2")
		shift 2
	fi
	mkdir -p "$OUT/checkpatch-cwd"
	(cd "$OUT/checkpatch-cwd" &&
		"$src/scripts/checkpatch.pl" --strict --no-tree --terse \
			--show-types "${opts[@]}" -f "${@/#/$XLATE_ROOT/}") |
		sed "s|^$XLATE_ROOT/||"
}

# Style checks need the kernel source (checkpatch.pl, kernel-doc).
style_checks() {
	local src='' f ign files=() cfiles=() plain=() rc=0
	local log=$OUT/host-style
	# shellcheck disable=SC1090
	[ -r "$SRC_ENV" ] && src=$(. "$SRC_ENV" && echo "${SRC_6_12:-}")
	if [ -z "$src" ] || [ ! -x "$src/scripts/checkpatch.pl" ]; then
		fail build/host/checkpatch "no kernel source in $SRC_ENV (run fetch-deps.sh)"
		return 1
	fi
	cd "$XLATE_ROOT"
	mapfile -t files < <(find kmod userhelper -name '*.[ch]' 2>/dev/null | sort)
	if [ ${#files[@]} -eq 0 ]; then
		fail build/host/checkpatch "no .c/.h files under kmod/ or userhelper/"
		return 1
	fi
	: >"$log.checkpatch"
	for f in "${files[@]}"; do
		ign=$(checkpatch_ignore "$f")
		if [ -n "$ign" ]; then
			run_checkpatch "$src" --ignore "$ign" "$f" \
				>>"$log.checkpatch" 2>&1 || true
		else
			plain+=("$f")
		fi
		case $f in
		kmod/*.c) cfiles+=("$f") ;;
		userhelper/*/*) ;;
		userhelper/*.c) cfiles+=("$f") ;;
		esac
	done
	# One checkpatch run for the rest: perl start-up dominates.
	[ ${#plain[@]} -eq 0 ] ||
		run_checkpatch "$src" "${plain[@]}" >>"$log.checkpatch" 2>&1 || true
	per_file checkpatch "$log.checkpatch" "${files[@]}" || rc=1
	"$src/scripts/kernel-doc" -none -Wall "${files[@]}" \
		>"$log.kernel-doc" 2>&1 || true
	per_file kernel-doc "$log.kernel-doc" "${files[@]}" || rc=1
	kdoc_missing "${cfiles[@]}" >"$log.kernel-doc-coverage" 2>&1 || true
	per_file kernel-doc-coverage "$log.kernel-doc-coverage" \
		"${cfiles[@]}" || rc=1
	return "$rc"
}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${XLATE_TARGETS[@]}")
if [ ! -f "$XLATE_ROOT/Kbuild" ]; then
	fail build/host/kbuild "no top-level Kbuild"
	status=1
fi
for t in "${targets[@]}"; do
	build_target "$t" || status=1
done
style_checks || status=1
# Documentation/*.rst parses without a docutils warning (Debian's
# python3-docutils; the system python, whatever python3 is first).
(cd "$XLATE_ROOT" && /usr/bin/python3 tools/testing/build/rst-check.py \
	Documentation/*.rst) || status=1
# The host package lists and no work period in any document.
"$HERE/docs-check.sh" || status=1
exit "$status"
