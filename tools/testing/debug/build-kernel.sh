#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the debug kernel (KASAN, lockdep, kmemleak, ...) from the cached
# linux-source-6.12 and describe it as the VM target 6.12-debug-arm64
# ($XLATE_CACHE/targets/6.12-debug-arm64/env: KVER KDIR VMLINUZ MODDIR),
# so the VM scripts boot it like Debian's kernels.
# Usage: build-kernel.sh      (progress on stderr, nothing on stdout)
# Build directory: $XLATE_CACHE/debug-build-6.12 (cached, incremental);
# its build log: build.log there.  Exit 1 with the reason on stderr.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${XLATE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xlate}
srctree=$cache/src/linux-source-6.12
bdir=$cache/debug-build-6.12
target=6.12-debug-arm64
fragment=$here/debug.config
kmake=(make -C "$srctree" O="$bdir" ARCH=arm64
	CROSS_COMPILE=aarch64-linux-gnu-)

die() {
	echo "build-kernel: $*" >&2
	exit 1
}

[ -f "$srctree/Makefile" ] ||
	die "no kernel source at $srctree (run tools/testing/lib/fetch-deps.sh)"
[ ! -e "$srctree/.config" ] ||
	die "$srctree has an in-tree build; run make mrproper there"
for tool in make aarch64-linux-gnu-gcc flock bc flex bison; do
	command -v "$tool" >/dev/null || die "$tool not installed"
done

mkdir -p "$bdir"
# One build at a time in this directory (check-debug and stress may run
# together); the KUnit tier has its own directory and lock.
exec 9>"$bdir.lock"
flock -w 7200 9 || die "could not lock $bdir.lock"

log=$bdir/build.log
: >"$log"
start=$SECONDS

# allnoconfig + the fragment.  Rewriting an unchanged .config changes
# no option, so the build stays incremental.
if ! nice "${kmake[@]}" KCONFIG_ALLCONFIG="$fragment" allnoconfig \
	>>"$log" 2>&1; then
	tail -n 20 "$log" >&2
	die "allnoconfig failed (log $log)"
fi

# Every option of the fragment must have come out as written: a renamed
# or unmet dependency would otherwise silently drop a checker.
bad=$(python3 - "$fragment" "$bdir/.config" <<'EOF'
import re, sys
want = {}
for line in open(sys.argv[1]):
    m = re.match(r'(CONFIG_\w+)=(.*)', line.strip())
    n = re.match(r'# (CONFIG_\w+) is not set', line.strip())
    if m:
        want[m.group(1)] = m.group(2)
    elif n:
        want[n.group(1)] = None
have = {}
for line in open(sys.argv[2]):
    m = re.match(r'(CONFIG_\w+)=(.*)', line.strip())
    if m:
        have[m.group(1)] = m.group(2)
for k, v in want.items():
    if have.get(k) != v:
        print(f'{k}: want {v if v is not None else "n"}, '
              f'got {have.get(k, "n")}')
EOF
)
[ -z "$bad" ] || die "config mismatch: $(echo "$bad" | tr '\n' ';')"

# Niced, so every VM of the other tiers goes first; with only nproc jobs
# a niced build gets almost nothing on a host that also runs VMs, so it
# runs three per CPU (XLATE_DEBUG_JOBS overrides).
jobs=${XLATE_DEBUG_JOBS:-$(($(nproc) * 3))}
if ! nice "${kmake[@]}" -j"$jobs" Image modules >>"$log" 2>&1; then
	grep -E 'error|Error' "$log" | tail -n 20 >&2 || tail -n 20 "$log" >&2
	die "kernel build failed (log $log)"
fi
kver=$("${kmake[@]}" -s kernelrelease 2>>"$log")
[ -n "$kver" ] || die "no kernelrelease"

# Modules (binfmt_misc.ko) and the modules.* index files, where
# mkinitramfs.sh expects them: MODDIR as in a Debian image.
modroot=$bdir/modroot
rm -rf "$modroot"
if ! nice "${kmake[@]}" INSTALL_MOD_PATH="$modroot" DEPMOD=true \
	modules_install >>"$log" 2>&1; then
	tail -n 20 "$log" >&2
	die "modules_install failed (log $log)"
fi

mkdir -p "$cache/targets/$target"
cat >"$cache/targets/$target/env.new" <<EOF
KVER=$kver
ARCH=arm64
KDIR=$bdir
VMLINUZ=$bdir/arch/arm64/boot/Image
MODDIR=$modroot/lib/modules/$kver
EOF
mv "$cache/targets/$target/env.new" "$cache/targets/$target/env"
echo "build-kernel: $kver ready in $((SECONDS - start)) s (log $log)" >&2
