# SPDX-License-Identifier: GPL-2.0
#
# xlate: developer entry points.  The kernel's build system reads the
# top-level Kbuild (not this file), so `make -C $KDIR M=$PWD` works
# without it; this Makefile only adds convenience targets.
#
#   make            build kmod/xlate.ko for the running kernel
#   make module KDIR=/path/to/headers [ARCH=arm64 CROSS_COMPILE=...]
#   make check      the whole test bench (tools/testing/check.sh)
#   make check-matrix  the full e2e suites on every kernel (tools/testing/matrix.sh)
#   make vm         boot the module in QEMU and run the demo
#   make install / uninstall / dkms-install / dkms-remove / deb  (mk/install.mk)
#   make bench      benchmarks in the arm64 VM (tools/testing/bench)
#   make stress     4-vCPU stress run in the VM (tools/testing/stress)
#   make check-debug   KUnit and e2e on a KASAN/lockdep/kmemleak kernel
#   make check-distro  the .debs in a Debian arm64 image booted in QEMU
#   make check-fresh   make vm and make check on bare Debian 12 and 13 roots
#   make clean

KDIR ?= /lib/modules/$(shell uname -r)/build

.PHONY: all module check check-matrix vm clean bench stress check-debug \
	check-distro check-fresh

all: module

module:
	@if [ ! -e "$(KDIR)/Makefile" ]; then \
		echo "No kernel headers at $(KDIR)."; \
		echo "Install them (Debian: apt install linux-headers-\$$(uname -r))"; \
		echo "or point KDIR at a configured kernel tree:"; \
		echo "  make module KDIR=/path/to/linux-headers [ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-]"; \
		echo "'make check' builds against cached Debian headers for every target."; \
		exit 1; \
	fi
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

check:
	@tools/testing/check.sh

check-matrix:
	@CHECK_TIERS=matrix tools/testing/check.sh

vm:
	@tools/testing/vm/demo.sh

bench:
	@tools/testing/bench/run.sh

stress:
	@tools/testing/stress/run.sh

check-debug:
	@tools/testing/debug/run.sh

check-distro:
	@tools/testing/distro/image.sh

check-fresh:
	@tools/testing/fresh/run.sh

clean:
	find kmod \( -name '*.o' -o -name '*.ko' -o -name '*.mod' \
		-o -name '*.mod.c' -o -name '.*.cmd' -o -name '*.a' \
		-o -name '.*.d' -o -name 'modules.order' \
		-o -name 'Module.symvers' \) -delete
	rm -f Module.symvers modules.order .*.cmd .module-common.o
	rm -rf build

include $(CURDIR)/mk/install.mk
