#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Copy a staged install tree into DESTDIR and record what was added, or
# remove exactly what a manifest records.  Used by mk/install.mk.
#
#   install-tree.sh install STAGE DESTDIR MANIFEST
#   install-tree.sh uninstall DESTDIR MANIFEST
#
# MANIFEST is a path below DESTDIR (e.g. /usr/share/xlate/install-manifest).
# Its lines are "d PATH" (a directory install created), "f PATH" (a file
# or symlink install wrote) and "c SHA256 PATH" (a configuration file
# under /etc; uninstall keeps it if the administrator changed it).
# Configuration files that already exist are never overwritten.
set -euo pipefail

die() { echo "install-tree.sh: $*" >&2; exit 1; }

# old_entry MANIFEST PATH: the old manifest line for PATH, if any.
old_entry() {
	[ -f "$1" ] || return 0
	awk -v p="$2" '$NF == p' "$1"
}

do_install() {
	local stage=$1 dest=$2 manifest=$3 rel line new old
	[ -d "$stage" ] || die "no staged tree $stage"
	old=$dest$manifest
	new=$(mktemp)
	# The EXIT trap runs after this function has returned, when $new
	# is gone: it gets the name now.
	# shellcheck disable=SC2064
	trap "rm -f '$new'" EXIT
	# The manifest's directory belongs to the install like any other.
	mkdir -p "$stage$(dirname "$manifest")"

	# Directories, parents first; only those that do not exist yet are
	# ours.  A directory an earlier install created stays ours.
	while IFS= read -r rel; do
		line=$(old_entry "$old" "$rel")
		if [ -n "$line" ]; then
			echo "$line" >>"$new"
		elif [ ! -d "$dest$rel" ]; then
			echo "d $rel" >>"$new"
		fi
		mkdir -p "$dest$rel"
	done < <(cd "$stage" && find . -mindepth 1 -type d | sed 's|^\.||' | sort)

	while IFS= read -r rel; do
		case $rel in
		/etc/*)
			line=$(old_entry "$old" "$rel")
			if [ -e "$dest$rel" ]; then
				# Keep the administrator's file; still ours if an
				# earlier install put it there.
				[ -z "$line" ] || echo "$line" >>"$new"
				echo "keeping existing $dest$rel"
				continue
			fi
			cp -P "$stage$rel" "$dest$rel"
			echo "c $(sha256sum <"$dest$rel" | cut -d' ' -f1) $rel" >>"$new"
			;;
		*)
			rm -f "$dest$rel"
			cp -P "$stage$rel" "$dest$rel"
			echo "f $rel" >>"$new"
			;;
		esac
	done < <(cd "$stage" && find . \( -type f -o -type l \) | sed 's|^\.||' | sort)

	# The manifest records itself, so uninstall leaves nothing behind.
	grep -qxF "f $manifest" "$new" || echo "f $manifest" >>"$new"
	mkdir -p "$(dirname "$dest$manifest")"
	install -m 0644 "$new" "$dest$manifest"
}

do_uninstall() {
	local dest=$1 manifest=$2 kind a b path dirs=()
	[ -f "$dest$manifest" ] || die "no manifest $dest$manifest: nothing installed here by 'make install'"
	while read -r kind a b; do
		case $kind in
		f)
			[ "$a" = "$manifest" ] || rm -f "$dest$a"
			;;
		c)
			path=$b
			[ -e "$dest$path" ] || continue
			if [ "$(sha256sum <"$dest$path" | cut -d' ' -f1)" = "$a" ]; then
				rm -f "$dest$path"
			else
				echo "keeping modified $dest$path"
			fi
			;;
		d)
			dirs+=("$a")
			;;
		*)
			die "bad manifest line: $kind $a $b"
			;;
		esac
	done <"$dest$manifest"
	rm -f "$dest$manifest"
	# Deepest first; a directory that still holds something stays.
	while IFS= read -r path; do
		[ -n "$path" ] || continue
		rmdir --ignore-fail-on-non-empty "$dest$path" 2>/dev/null || true
	done < <(printf '%s\n' "${dirs[@]}" | sort -r)
}

case ${1:-} in
install)
	[ $# -eq 4 ] || die "usage: install STAGE DESTDIR MANIFEST"
	do_install "$2" "$3" "$4"
	;;
uninstall)
	[ $# -eq 3 ] || die "usage: uninstall DESTDIR MANIFEST"
	do_uninstall "$2" "$3"
	;;
*)
	die "usage: install STAGE DESTDIR MANIFEST | uninstall DESTDIR MANIFEST"
	;;
esac
