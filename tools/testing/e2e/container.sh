#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The container suite alone (e2e/container/: a Debian amd64 root file
# system run as a container, as root and rootless) on one arm64 target,
# under every runtime of XLATE_CONTAINER_RUNTIMES (default "qemu7
# qemu10") and with every check in the user namespace too
# (XLATE_CONTAINER_USERNS=full).  `make check-matrix` runs it on every
# kernel; `make check` runs the suite inside the 6.12 e2e run instead
# (qemu7, lean user-namespace set).  Result lines are those of the e2e
# run: PASS: e2e/<target>/container/<runtime>/<mode>/<check>.
# Usage: tools/testing/e2e/container.sh TARGET
# Console log: build/e2e/<target>-container/console.log
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
vm=$here/../vm
. "$vm/target-env.sh"
[ $# -eq 1 ] || vm_die "usage: $0 TARGET"
target=$1
out=$XLATE_BUILD/e2e/$target-container
mkdir -p "$out/none"

fail() {
	echo "FAIL: e2e/$target/container/$1: $2"
	exit 1
}

if ! ko=$("$vm/build-module.sh" "$target" 2>"$out/module.log"); then
	tail -n 30 "$out/module.log" >&2
	fail build-module "kmod/ does not build for $target (see $out/module.log)"
fi
if [ -z "${XLATE_VM_DISK:-}" ] && [ -r "$XLATE_CACHE/amd64-root.env" ]; then
	XLATE_VM_DISK=$(. "$XLATE_CACHE/amd64-root.env" && echo "$AMD64_ROOT_IMG")
fi
# Two runtimes, each a full session as root and one in a user
# namespace: about 12 min at load 10 (nested TCG).
XLATE_CONTAINER_RUNTIMES=${XLATE_CONTAINER_RUNTIMES:-qemu7 qemu10} \
	XLATE_CONTAINER_USERNS=${XLATE_CONTAINER_USERNS:-full} \
	XLATE_VM_DISK=${XLATE_VM_DISK:-} \
	XLATE_VM_SUITES="$out/none $here/container" \
	XLATE_SUITE_TIMEOUT=${XLATE_SUITE_TIMEOUT:-3000} \
	XLATE_VM_TIMEOUT=${XLATE_VM_TIMEOUT:-3600} \
	exec "$vm/vm-run.sh" "$target" e2e "$ko" "$out"
