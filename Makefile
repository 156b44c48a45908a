# SPDX-License-Identifier: GPL-2.0
#
# xlate: developer entry points.  The kernel's build system reads the
# top-level Kbuild (not this file), so `make -C $KDIR M=$PWD` works
# without it; this Makefile only adds convenience targets.
#
#   make            build kmod/xlate.ko for the running kernel
#   make module KDIR=/path/to/headers [ARCH=arm64 CROSS_COMPILE=...]
#   make check      the whole test bench (tools/testing/check.sh)
#   make vm         boot the module in QEMU and run the demo
#   make clean

KDIR ?= /lib/modules/$(shell uname -r)/build

.PHONY: all module check vm clean install dkms-install bench

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

vm:
	@tools/testing/vm/demo.sh

clean:
	find kmod \( -name '*.o' -o -name '*.ko' -o -name '*.mod' \
		-o -name '*.mod.c' -o -name '.*.cmd' -o -name '*.a' \
		-o -name '.*.d' -o -name 'modules.order' \
		-o -name 'Module.symvers' \) -delete
	rm -f Module.symvers modules.order .*.cmd .module-common.o
	rm -rf build

install dkms-install bench:
	@echo "make $@: not yet implemented"
	@exit 1
