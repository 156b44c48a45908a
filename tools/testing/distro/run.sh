#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The distro tier: DKMS (dkms.sh), make install/uninstall (install.sh)
# and the Debian packages (debs.sh).  Each prints PASS:/FAIL: lines;
# a script that dies without finishing is itself a FAIL line.
# image.sh (a Debian arm64 image booted with the packages) is not part
# of this tier: `tools/testing/distro/image.sh` runs it on its own.
#
# Host packages, all tests: dkms kmod make gcc gcc-aarch64-linux-gnu
#   libc6-dev-arm64-cross xz-utils dpkg-dev debhelper dh-dkms lintian
#   fakeroot file
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

rc=0
for t in dkms install debs; do
	if ! bash "$HERE/$t.sh"; then
		echo "FAIL: distro/host/$t-script: $t.sh exited non-zero"
		rc=1
	fi
done
exit $rc
