#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make check-fresh`: the README's commands on machines that start from
# nothing.  A clean clone of this checkout's HEAD is made on a bare
# Debian 12 (bookworm) and a bare Debian 13 (trixie) root file system
# (root.sh: minbase plus git and make, the installer's three suites),
# and the README's commands run there as root in a chroot (chroot.sh;
# QEMU runs as TCG, no KVM is needed), each on a fresh copy of the root
# whose download cache starts empty:
#
#   bookworm:vm     git clone, make vm   (the demo must come out; then
#                   make vm again, to time it warm)
#   trixie:vm       git clone, make vm, make vm
#   bookworm:check  git clone, make check   (everything must pass)
#
# Each step prints one PASS:/FAIL: line with its time, and the run ends
# with per-step times and the summary line
#   check-fresh: N passed, N failed (...)
# Logs: build/fresh/<step>.log; the step's file system changes stay in
# build/fresh/<step>/upper after a failure (removed after a pass,
# FRESH_KEEP=1 keeps them).
#
# Restartable: a step that passed for this commit and this root is not
# run again (its recorded result is printed, marked "recorded");
# FRESH_FORCE=1 runs every step.  The roots are cached in
# $XLATE_FRESH_CACHE (default ~/.cache/xlate-fresh), apart from the
# shared download cache, which no step reads.
#
# Environment:
#   FRESH_STEPS="bookworm:vm ..."  the steps to run (default: all three)
#   FRESH_ENV="VAR=VALUE ..."      added to each step's environment
#                                  (e.g. XLATE_VM_TIMEOUT=1800 on a busy
#                                  host)
#   FRESH_FORCE=1, FRESH_KEEP=1    see above
#   FRESH_REBUILD=1                rebuild the roots (root.sh)
# Needs root, mmdebstrap, unshare and overlayfs on the host; the
# network (deb.debian.org, or XLATE_DEBIAN_MIRROR and
# XLATE_SECURITY_MIRROR).  Disk: about 25 GB while the make check step
# runs.  The script is read whole before it runs (main at the end), so
# it can be edited or checked out while a run is going.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
OUT=$ROOT/build/fresh
STEPS=${FRESH_STEPS:-bookworm:vm trixie:vm bookworm:check}
T0=$(date +%s)

die() { printf 'fresh: %s\n' "$*" >&2; exit 1; }
log() { printf 'fresh: %s\n' "$*" >&2; }

# mmss SECONDS: "M min S s".
mmss() { printf '%d min %02d s' $(($1 / 60)) $(($1 % 60)); }

# setup: root, the lock, the commit, and the clone's origin: a bare
# repository holding HEAD as its main branch, as a newcomer's clone
# would come from a server.
setup() {
	[ "$(id -u)" = 0 ] || die "must run as root (mmdebstrap, chroot, mounts)"
	mkdir -p "$OUT"
	exec 8>"$OUT/.lock"
	flock -n 8 || die "another check-fresh is running ($OUT/.lock)"
	commit=$(git -C "$ROOT" rev-parse HEAD) || die "$ROOT is not a git checkout"
	version="$(cat "$ROOT/VERSION") ($(git -C "$ROOT" describe --always --dirty))"
	if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no)" ]; then
		log "note: uncommitted changes are not tested; the clone is of HEAD ${commit:0:12}"
	fi
	src=$OUT/src
	rm -rf "$src"
	mkdir -p "$src"
	if ! { git init -q --bare "$src/xlate.git" &&
		git -C "$ROOT" push -q "$src/xlate.git" "HEAD:refs/heads/main" &&
		git -C "$src/xlate.git" symbolic-ref HEAD refs/heads/main; }; then
		die "cannot make the bare repository $src/xlate.git"
	fi
}

# safe_rm DIR: remove DIR unless something is mounted below it (mounts
# live in chroot.sh's namespace; this guards against a surprise).
safe_rm() {
	if findmnt -rn -o TARGET | grep -q "^$1\(/\|$\)"; then
		die "refusing to remove $1: something is mounted below it"
	fi
	rm -rf "$1"
}

# The commands of each kind of step, as the README gives them; make vm
# runs a second time, to time it with the cache warm.
step_cmd() {
	local what=$1
	cat <<EOF
set -o pipefail
t0=\$(date +%s)
git clone -q /fresh/xlate.git xlate || exit 1
cd xlate
echo "fresh: cloned \$(git log -1 --format=%h) in \$((\$(date +%s) - t0)) s"
t1=\$(date +%s)
make $what </dev/null
rc=\$?
echo "fresh: make $what exited \$rc after \$((\$(date +%s) - t1)) s"
[ \$rc = 0 ] && [ $what = vm ] || exit \$rc
t1=\$(date +%s)
make vm </dev/null
rc=\$?
echo "fresh: make vm again (warm) exited \$rc after \$((\$(date +%s) - t1)) s"
exit \$rc
EOF
}

# verify_vm LOG: the demo came out: a native and a translated column, the
# container, and counted translations.  Prints what is missing.
verify_vm() {
	local log=$1.txt n
	# The VM's serial console ends its lines with CR LF.
	tr -d '\r' <"$1" >"$log"
	grep -q '^  xlate demo on ' "$log" || { echo "no demo heading"; return 1; }
	grep -qE '^aarch64 +\| x86_64' "$log" ||
		{ echo "no 'aarch64 | x86_64' uname row"; return 1; }
	grep -qE '^  x86_64$' "$log" ||
		{ echo "the amd64 container did not say x86_64"; return 1; }
	n=$(awk '$1 == "translated" && $2 ~ /^[0-9]+$/ { n = $2 } END { print n + 0 }' "$log")
	[ "$n" -gt 0 ] || { echo "the translated counter is 0"; return 1; }
}

# vm_times LOG: "clone N s, fetch N s (host packages N s), build N s,
# boot and demo N s; again, warm: N s" from the log's own lines.
vm_times() {
	awk '
	/^fresh: cloned / { clone = $(NF - 1) }
	/^fetch-deps: installed .* host packages in / { pk += $(NF - 1) }
	/^vm: fetch [0-9]+ s, build [0-9]+ s/ && !f { f = $3; b = $6 }
	/^fresh: make vm exited / { m = $(NF - 1) }
	/^fresh: make vm again .* exited / { w = $(NF - 1) }
	END {
		printf "clone %d s, fetch %d s (of which host packages %d s), build %d s, boot and demo %d s; again, warm: %d s", clone, f, pk, b, m - f - b, w
	}' "$1"
}

# check_summary LOG: make check's "N passed, N failed" and its tier times.
check_summary() {
	local line
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" | tail -n1)
	printf '%s; %s' "${line:-no summary line}" "$(awk '
		/^Time per tier/ { on = 1; next }
		on && /^  / { sub(/^  /, ""); sub(/ \(exit 0\)/, ""); s = s (s ? ", " : "") $0; next }
		on { on = 0 }
		END { print s }' "$1")"
}

# record LINE: print a step's result line and keep it for the summary.
record() {
	echo "$1"
	summary+=("$1")
	case $1 in
	PASS:*) npass=$((npass + 1)) ;;
	*) nfail=$((nfail + 1)) ;;
	esac
}

# last_error LOG: the line that says why a make vm failed.
last_error() {
	grep -E '^[a-z0-9-]+: (error|.*failed)' "$1" | tail -n1 | grep . ||
		tail -n1 "$1"
}

# run_step SUITE:WHAT: run one step, or print its recorded result.
run_step() {
	local step=$1 suite what name slog work rootdir key start load0
	local load1 pid rc secs why detail
	suite=${step%%:*} what=${step#*:}
	case $what in
	vm | check) ;;
	*) die "unknown step '$step' (SUITE:vm or SUITE:check)" ;;
	esac
	name=fresh/$suite/make-$what
	slog=$OUT/$suite-$what.log
	work=$OUT/$suite-$what
	if ! rootdir=$("$HERE/root.sh" "$suite" 2>"$OUT/root-$suite.log"); then
		record "FAIL: $name: no $suite root: $(tail -n1 "$OUT/root-$suite.log")"
		return
	fi
	key="$commit $(basename "$rootdir") ${FRESH_ENV:-}"
	if [ -z "${FRESH_FORCE:-}" ] && [ -s "$work.result" ] &&
		[ "$(cat "$work.key" 2>/dev/null)" = "$key" ] &&
		grep -q '^PASS: ' "$work.result"; then
		record "$(cat "$work.result") (recorded $(date -r "$work.result" '+%F %H:%M'))"
		return
	fi
	rm -f "$work.result" "$work.key"
	safe_rm "$work"
	log "$step: $(basename "$rootdir") ($(wc -l <"$rootdir/.packages") packages); log $slog"
	start=$(date +%s)
	load0=$(cut -d' ' -f1 /proc/loadavg)
	: >"$slog"	# before tail, which would miss a file not yet there
	nice -n 10 "$HERE/chroot.sh" "$rootdir" "$work" "$src" \
		"$(step_cmd "$what")" </dev/null >"$slog" 2>&1 &
	pid=$!
	# Progress: the steps' own milestones, as they are written.
	tail -n +1 -f --pid="$pid" "$slog" 2>/dev/null |
		grep --line-buffered -E '^(fresh: |vm: |check: (tier |fetch-deps)|fetch-deps: (installing|installed|error)|[0-9]+ passed, )' |
		sed -u "s|^|  $step: |" >&2 &
	wait "$pid"
	rc=$?
	wait
	secs=$(($(date +%s) - start))
	load1=$(cut -d' ' -f1 /proc/loadavg)
	case $what in
	vm)
		if [ "$rc" -ne 0 ]; then
			why="exited $rc: $(last_error "$slog")"
		else
			why=$(verify_vm "$slog")
		fi
		detail="$(mmss "$secs"): $(vm_times "$slog")"
		;;
	check)
		why=
		[ "$rc" -eq 0 ] || why="exited $rc: $(grep -m1 '^FAIL: ' "$slog" || tail -n1 "$slog")"
		detail="$(mmss "$secs"): $(check_summary "$slog")"
		# make check keeps fetch-deps' lines in its own log.
		detail+=$(sed -n 's/^fetch-deps: installed \([0-9]*\) host packages in \([0-9]*\) s$/; host packages: \1 in \2 s/p' \
			"$work/upper/root/xlate/build/check/fetch-deps.log" 2>/dev/null | head -n1)
		;;
	esac
	detail+="; load $load0 -> $load1"
	if [ -n "$why" ]; then
		record "FAIL: $name: $(printf '%s' "$why" | tr '\n' ' ' | cut -c1-300) ($detail; files in $work/upper)"
		return
	fi
	echo "PASS: $name ($detail)" >"$work.result"
	echo "$key" >"$work.key"
	record "$(cat "$work.result")"
	[ -n "${FRESH_KEEP:-}" ] || safe_rm "$work"
}

main() {
	local step
	npass=0 nfail=0 summary=()
	setup
	for step in $STEPS; do
		run_step "$step"
	done
	safe_rm "$src"
	echo
	echo "Steps (total $(mmss $(($(date +%s) - T0))); $(date -u '+%F %H:%M') UTC, xlate $version, $(nproc)-core $(uname -m) host):"
	printf '  %s\n' "${summary[@]}"
	echo "check-fresh: $npass passed, $nfail failed"
	[ "$nfail" -eq 0 ]
}

main "$@"
