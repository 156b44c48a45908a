#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build tier: checks of the project's text that need no kernel.
#
#   build/host/docs/host-packages   the host package lists of
#       Documentation/testing.rst ("Host packages") are those of
#       tools/testing/lib/fetch-deps.sh --list-packages, each command's
#       list in full and nothing more
#   build/host/docs/no-work-period  no tracked file dates anything by the
#       work period that produced it ("session 6", "session 5's",
#       "earlier sessions"): measurements carry a date, the machine and
#       the project version instead
#
# Usage: docs-check.sh   (PASS:/FAIL: lines on stdout)
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
DOC=Documentation/testing.rst
status=0

pass() { printf 'PASS: build/host/docs/%s\n' "$1"; }
fail() {
	printf 'FAIL: build/host/docs/%s: %s\n' "$1" "$(printf '%s' "$2" | tr '\n' ' ' | cut -c1-300)"
	status=1
}

# doc_list MARKER: the words of the literal block that follows the line
# MARKER in $DOC (up to the first line after it that is not indented).
doc_list() {
	awk -v m="$1" '
	$0 == m { on = 1; next }
	on == 1 && /^$/ { next }
	on == 1 && /^[ \t]/ { on = 2 }
	on == 2 && /^[^ \t]/ { exit }
	on == 2 { print }
	' "$ROOT/$DOC" | tr -s ' \t' '\n' | grep -v '^$' | LC_ALL=C sort
}

# same NAME WANT GOT: one line about the differences of two word lists.
same() {
	local missing extra
	missing=$(LC_ALL=C comm -23 <(echo "$2") <(echo "$3") | paste -sd' ')
	extra=$(LC_ALL=C comm -13 <(echo "$2") <(echo "$3") | paste -sd' ')
	if [ -z "$2" ]; then
		fail "$1" "fetch-deps.sh --list-packages printed nothing"
	elif [ -z "$missing$extra" ]; then
		pass "$1"
	else
		fail "$1" "$DOC differs from fetch-deps.sh:${missing:+ missing: $missing;}${extra:+ not in fetch-deps.sh: $extra}"
	fi
}

if [ ! -r "$ROOT/$DOC" ]; then
	fail host-packages "no $DOC"
elif ! lists=$("$ROOT/tools/testing/lib/fetch-deps.sh" --list-packages); then
	fail host-packages "fetch-deps.sh --list-packages failed"
else
	vm=$(awk '$1 == "vm" { print $2 }' <<<"$lists" | LC_ALL=C sort -u)
	check=$(awk '$1 == "check" { print $2 }' <<<"$lists" | LC_ALL=C sort -u)
	adds=$(LC_ALL=C comm -13 <(echo "$vm") <(echo "$check"))
	# shellcheck disable=SC2016 # reStructuredText's backquotes
	got_vm=$(doc_list '``make vm`` installs::')
	# shellcheck disable=SC2016 # reStructuredText's backquotes
	got_check=$(doc_list '``make check`` installs those and::')
	same host-packages "$vm" "$got_vm"
	same host-packages-check "$adds" "$got_check"
fi

# A work period: "session" with a number after it, or with a word that
# counts or orders sessions before it.  This file names the pattern.
pattern='\bsessions?[^a-z0-9]{0,3}[0-9]+|\b(earlier|previous|later|other|this|that|last|next|first|second|third|each|every|one|two|three|four|five|six|seven|eight|nine|ten|[0-9]+)( work)? sessions?\b'
if ! git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
	fail no-work-period "$ROOT is not a git checkout (the check reads the tracked files)"
elif hits=$(git -C "$ROOT" grep -nIiE "$pattern" -- . \
	":!tools/testing/build/docs-check.sh"); then
	fail no-work-period "$(wc -l <<<"$hits") line(s), first: $(head -n1 <<<"$hits")"
	echo "$hits" >&2
else
	pass no-work-period
fi
exit "$status"
