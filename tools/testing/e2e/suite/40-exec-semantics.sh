#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Issue 3, exec semantics: with open_binary=1 every way of exec'ing a
# file (path, symlink, execveat with a directory fd, AT_EMPTY_PATH on
# O_RDONLY, O_PATH, O_CLOEXEC and deleted files) ends the same for an
# x86-64 program as for a native one; execute-only x86-64 binaries run.
. "$(dirname "$0")/lib.sh"

t="exec"
d=/tmp/xlate-exec
mkdir -p "$d"
chmod 0755 "$d"
# execveat(fd, "", AT_EMPTY_PATH) names the program /dev/fd/N; a runtime
# without AT_EXECFD opens that path, as on any distribution with /dev/fd.
[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd

check_eq "$t/set-open-binary" ok "$(xl_param open_binary 1)"

# compare CALLER TAG [VARIANT...]: run the variant matrix (all variants
# or the ones named) from CALLER (a native or an x86-64 execve-variants)
# against both targets, one check per variant.
compare() {
	local caller=$1 tag=$2 native x86 v line

	shift 2
	native=$("$caller" "$ARM/hello" "$@" 2>&1)
	x86=$("$caller" "$X86/hello" "$@" 2>&1)
	if [ -z "$native" ]; then
		fail "$t/$tag-matrix" "no output from $caller"
		return
	fi
	printf '%s\n' "$native" | while read -r v line; do
		check_eq "$t/$tag-$v" "$v $line" \
			"$(printf '%s\n' "$x86" | grep "^$v " | head -n 1)"
	done
}

# The native baseline itself must be what Linux does.
native=$("$ARM/execve-variants" "$ARM/hello" 2>&1)
check_eq "$t/native-baseline" "absolute exit=7
relative exit=7
symlink exit=7
symlink-nofollow errno=ELOOP
dirfd exit=7
dirfd-cloexec exit=7
empty-path exit=7
o-path exit=7
cloexec exit=7
deleted exit=7
dir-empty-path errno=EACCES
no-exec-perm errno=EACCES
missing errno=ENOENT" "$native"

compare "$ARM/execve-variants" native-caller

# A translated caller: qemu 7.2 has no execveat (ENOSYS), so only the
# execve variants; the comparison means something only if the runtime
# performs them as the kernel does for a native caller.
path_variants="absolute relative symlink no-exec-perm missing"
# shellcheck disable=SC2086 # a list of words
compare "$X86/execve-variants" x86-caller $path_variants
# shellcheck disable=SC2086
check_eq "$t/x86-caller-baseline" \
	"$("$ARM/execve-variants" "$ARM/hello" $path_variants 2>&1)" \
	"$("$X86/execve-variants" "$ARM/hello" $path_variants 2>&1)"

# Execute-only binaries, run by uid 1000: the kernel opens the file, the
# runtime reads AT_EXECFD.
cp "$ARM/hello" "$d/arm64-xonly"
cp "$X86/hello" "$d/x86-xonly"
chmod 0111 "$d/arm64-xonly" "$d/x86-xonly"
"$ARM/run-as" -u 1000 -g 1000 "$d/arm64-xonly" 7 >/dev/null 2>&1
check_eq "$t/exec-only-native" 7 "$?"
out=$("$ARM/run-as" -u 1000 -g 1000 "$d/x86-xonly" 7 2>&1)
rc=$?
check_eq "$t/exec-only-x86" 7 "$rc"
check_line "$t/exec-only-x86-argv" "argv[1]=7" "$out"

# Without open_binary an exec whose path is gone after the exec (an
# O_CLOEXEC descriptor) is refused, as binfmt_misc does, and counted.
check_eq "$t/unset-open-binary" ok "$(xl_param open_binary 0)"
refused0=$(stat_get refused_inaccessible)
r=$("$ARM/execve-variants" "$X86/hello" cloexec)
check_eq "$t/cloexec-refused-without-open-binary" "cloexec errno=ENOENT" "$r"
check_gt "$t/cloexec-refusal-counted" "$(stat_get refused_inaccessible)" \
	"$refused0"
r=$("$ARM/execve-variants" "$X86/hello" empty-path)
check_eq "$t/empty-path-without-open-binary" "empty-path exit=7" "$r"

rm -rf "$d"
