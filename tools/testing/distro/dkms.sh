#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# DKMS: the source tree `make dkms-tree` stages is added, built and
# installed by dkms in a scratch DKMS tree, for each cached kernel's
# headers: natively for the amd64 targets, cross for the arm64 ones
# (ARCH/CROSS_COMPILE in dkms's environment, which make reads).  Then
# `make dkms-install` / `make dkms-remove` themselves, in another
# scratch tree.
#
# Host packages: dkms kmod make gcc gcc-aarch64-linux-gnu
#
# Checks (distro/<target>/...):
#   dkms-conf-version  dkms.conf, sourced as dkms does, gives VERSION (host)
#   dkms-build         dkms build succeeds; status "built"; vermagic = KVER
#   dkms-install       dkms install puts updates/dkms/xlate.ko in the
#                      install tree; status "installed"; depmod against
#                      the kernel's Module.symvers finds every symbol
#   dkms-cross         (arm64) the same source built and installed by dkms
#                      for arm64: an AArch64 module whose vermagic equals
#                      that of a module of Debian's own kernel image
#   modprobe, dkms-module/*  (arm64) that module booted in the e2e VM:
#                      the init's `modprobe xlate` loads it, its
#                      srcversion is dkms's build, an x86-64 program runs
#                      translated (dkms-vm/10-dkms-module.sh)
#   make-dkms-install, make-dkms-remove  (host) the make targets
#
# DISTRO_DKMS_TARGETS limits the kernel targets (default: all four).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

OUT=$DISTRO_OUT/dkms
SRC=$OUT/src
rm -rf "$OUT"
mkdir -p "$OUT"

need_cmds distro/host/dkms dkms modinfo depmod make gcc || exit 0

stage_source "$SRC"
version=$(cat "$SRC/VERSION")

# dkms.conf is sourced by bash from /usr/src/xlate-VER (through a link
# in the DKMS tree); its version must be the VERSION file's.
got=$(cd / && bash -c '. "$1"; echo "$PACKAGE_VERSION"' - "$SRC/dkms.conf" 2>&1) || true
if [ "$got" = "$version" ]; then
	pass distro/host/dkms-conf-version
else
	fail distro/host/dkms-conf-version "dkms.conf gives '$got', VERSION '$version'"
fi

if ! run_logged "$OUT/tree.log" make -C "$SRC" -f mk/install.mk dkms-tree; then
	fail distro/host/dkms-tree "make dkms-tree failed: $(log_tail "$OUT/tree.log")"
	exit 0
fi
tree=$SRC/build/dkms/xlate-$version

# One scratch DKMS world: dkms tree, source tree, and an install tree
# laid out as ROOT/lib/modules so depmod -b ROOT can check it.
D=$OUT/world
ROOT=$D/root
mkdir -p "$D/dkms" "$D/src" "$ROOT/lib/modules"
DK=(dkms --dkmstree "$D/dkms" --sourcetree "$D/src"
	--installtree "$ROOT/lib/modules")

added=1
if ! run_logged "$OUT/add.log" "${DK[@]}" add "$tree"; then
	fail distro/host/dkms-add "$(log_tail "$OUT/add.log")"
	added=0
fi

# dkms_boot TARGET KO: boot TARGET's kernel in QEMU with the module dkms
# installed; the VM's init loads it with `modprobe xlate` (PASS/FAIL
# distro/TARGET/modprobe), dkms-vm/10-dkms-module.sh checks that the
# loaded module is this build and that it translates.
dkms_boot() {
	local t=$1 ko=$2 vmdir=$OUT/$t.vm extra
	extra=$vmdir/extra
	mkdir -p "$extra"
	case $ko in
	*.xz) xz -dc "$ko" >"$vmdir/xlate.ko" ;;
	*.zst) zstd -qdc "$ko" >"$vmdir/xlate.ko" ;;
	*) cp "$ko" "$vmdir/xlate.ko" ;;
	esac
	modinfo -F srcversion "$vmdir/xlate.ko" >"$extra/srcversion"
	echo "$version" >"$extra/version"
	# vm-run.sh prints the VM's result lines, and a FAIL
	# distro/TARGET/boot when the VM did not finish.
	XLATE_VM_SUITES=$HERE/dkms-vm XLATE_VM_EXTRA=$extra XLATE_VM_TIMEOUT=600 \
		"$XLATE_ROOT/tools/testing/vm/vm-run.sh" "$t" distro \
		"$vmdir/xlate.ko" "$vmdir" || true
}

# dkms_target TARGET: build + install for one cached kernel.
dkms_target() {
	local t=$1 darch env=() ko vm want log status bname iname
	case $t in
	*-arm64) bname=dkms-cross ;;
	*) bname=dkms-build ;;
	esac
	if ! load_target "$t" 2>"$OUT/$t.env.log"; then
		fail "distro/$t/$bname" "$(cat "$OUT/$t.env.log")"
		return
	fi
	if [ "$added" = 0 ]; then
		fail "distro/$t/$bname" "dkms add failed"
		return
	fi
	case $ARCH in
	arm64)
		darch=aarch64
		env=(ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-)
		bname=dkms-cross iname=dkms-cross
		need_cmds "distro/$t/dkms-cross" aarch64-linux-gnu-gcc || return
		;;
	*)
		darch=x86_64
		bname=dkms-build iname=dkms-install
		;;
	esac
	mkdir -p "$ROOT/lib/modules/$KVER"
	log=$OUT/$t.build.log
	if ! run_logged "$log" env "${env[@]}" nice "${DK[@]}" build \
		-m xlate -v "$version" -k "$KVER" -a "$darch" \
		--kernelsourcedir "$KDIR"; then
		fail "distro/$t/$bname" "dkms build: $(log_tail "$log")"
		return
	fi
	status=$("${DK[@]}" status -m xlate -v "$version" -k "$KVER" -a "$darch" 2>&1)
	ko=$D/dkms/xlate/$version/$KVER/$darch/module/xlate.ko
	vm=$(modinfo -F vermagic "$ko" 2>&1) || true
	if [ "$ARCH" != arm64 ]; then
		if [[ $status == *": built"* ]] && [ "${vm%% *}" = "$KVER" ]; then
			pass "distro/$t/dkms-build"
		else
			fail "distro/$t/dkms-build" "status '$status', vermagic '$vm'"
		fi
	fi

	log=$OUT/$t.install.log
	# --no-depmod: dkms would run depmod on the host's /lib/modules;
	# the check below runs it on the scratch install tree instead.
	if ! run_logged "$log" env "${env[@]}" "${DK[@]}" install --no-depmod \
		-m xlate -v "$version" -k "$KVER" -a "$darch" \
		--kernelsourcedir "$KDIR"; then
		fail "distro/$t/$iname" "dkms install: $(log_tail "$log")"
		return
	fi
	status=$("${DK[@]}" status -m xlate -v "$version" -k "$KVER" -a "$darch" 2>&1)
	ko=$(find "$ROOT/lib/modules/$KVER/updates/dkms" -name 'xlate.ko*' -print -quit 2>/dev/null)
	if [ -z "$ko" ] || [[ $status != *": installed"* ]]; then
		fail "distro/$t/$iname" "no updates/dkms/xlate.ko; status '$status'"
		return
	fi
	if ! depmod -b "$ROOT" -e -E "$KDIR/Module.symvers" "$KVER" \
		>"$OUT/$t.depmod.log" 2>&1 ||
		grep -q 'unknown symbol' "$OUT/$t.depmod.log"; then
		fail "distro/$t/$iname" "depmod: $(grep -v WARNING "$OUT/$t.depmod.log" | head -n3)"
		return
	fi
	vm=$(modinfo -F vermagic "$ko" 2>&1) || true
	if [ "$ARCH" != arm64 ]; then
		pass "distro/$t/dkms-install"
		return
	fi
	# The kernel's own modules carry the vermagic it accepts.
	want=$(find "$MODDIR/kernel" -name '*.ko*' -print -quit 2>/dev/null)
	want=${want:+$(modinfo -F vermagic "$want" 2>/dev/null)}
	if ! file -b "$ko" | grep -q 'ARM aarch64'; then
		fail "distro/$t/dkms-cross" "$(file -b "$ko")"
	elif [ -z "$want" ]; then
		fail "distro/$t/dkms-cross" "no module of Debian's image under $MODDIR to compare vermagic with"
	elif [ "$vm" != "$want" ]; then
		fail "distro/$t/dkms-cross" "vermagic '$vm', kernel's modules have '$want'"
	else
		pass "distro/$t/dkms-cross"
		dkms_boot "$t" "$ko"
	fi
}

for t in ${DISTRO_DKMS_TARGETS:-6.1-amd64 6.12-amd64 6.1-arm64 6.12-arm64}; do
	dkms_target "$t"
done

# The make targets, with the same options, in a second scratch world.
# Native build for 6.12-amd64 headers.
if load_target 6.12-amd64 2>"$OUT/make.env.log"; then
	W=$OUT/make-world
	mkdir -p "$W/dkms" "$W/src" "$W/root/lib/modules/$KVER"
	margs=(-C "$SRC" -f mk/install.mk DKMS_SOURCE_TREE="$W/src"
		DKMS_KVER="$KVER"
		DKMS_FLAGS="--dkmstree $W/dkms --installtree $W/root/lib/modules --kernelsourcedir $KDIR --no-depmod")
	if run_logged "$OUT/make-dkms-install.log" nice make "${margs[@]}" dkms-install &&
		[ -f "$W/root/lib/modules/$KVER/updates/dkms/xlate.ko" ] &&
		[ -f "$W/src/xlate-$version/dkms.conf" ]; then
		pass distro/host/make-dkms-install
	else
		fail distro/host/make-dkms-install "$(log_tail "$OUT/make-dkms-install.log")"
	fi
	if run_logged "$OUT/make-dkms-remove.log" make "${margs[@]}" dkms-remove &&
		[ ! -e "$W/root/lib/modules/$KVER/updates/dkms/xlate.ko" ] &&
		[ ! -e "$W/src/xlate-$version" ] &&
		[ -z "$(find "$W/dkms" -mindepth 1 -maxdepth 1 -name xlate)" ]; then
		pass distro/host/make-dkms-remove
	else
		fail distro/host/make-dkms-remove "left: $(find "$W" -type f | head -n3 | tr '\n' ' ') $(log_tail "$OUT/make-dkms-remove.log")"
	fi
else
	fail distro/host/make-dkms-install "$(cat "$OUT/make.env.log")"
fi
