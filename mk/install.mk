# SPDX-License-Identifier: GPL-2.0
#
# Installation targets, included by the top-level Makefile (paths are
# relative to $(CURDIR), the top of the source tree).  Standalone:
# make -f mk/install.mk TARGET.
#
#   make install       build xlate.ko for KDIR and install it with
#                      xlatectl, its man page, the example
#                      /etc/modprobe.d and /etc/modules-load.d files and
#                      xlate-cpuinfo-sync.service (not enabled);
#                      DESTDIR, PREFIX (default /usr) honoured; depmod
#                      runs unless DESTDIR is set.  The list of what was
#                      added goes to $(DESTDIR)/usr/share/xlate/install-manifest.
#   make uninstall     remove exactly what that manifest lists
#   make dkms-install  register this checkout with DKMS and install the
#                      module for DKMS_KVER (default: the running kernel)
#   make dkms-remove   undo dkms-install
#   make dkms-tree     stage the DKMS source tree in build/dkms/xlate-VERSION
#   make deb           build the xlate-dkms and xlatectl packages (debian/)
#
# Cross: make install KDIR=... ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-
# builds the module for arm64 (xlatectl is built with $(CC); pass
# CC=aarch64-linux-gnu-gcc too).

XLATE_TOP := $(CURDIR)
XLATE_VERSION := $(strip $(shell cat $(XLATE_TOP)/VERSION 2>/dev/null))
ifeq ($(XLATE_VERSION),)
$(error $(XLATE_TOP)/VERSION is missing or empty)
endif

KDIR ?= /lib/modules/$(shell uname -r)/build
DESTDIR ?=
PREFIX ?= /usr
DEPMOD ?= depmod
DKMS ?= dkms
DKMS_KVER ?= $(shell uname -r)
DKMS_SOURCE_TREE ?= /usr/src
DKMS_FLAGS ?=
XLATE_DKMS = $(DKMS) --sourcetree $(DKMS_SOURCE_TREE) $(DKMS_FLAGS)

XLATE_MANIFEST := /usr/share/xlate/install-manifest
XLATE_STAGE := $(XLATE_TOP)/build/install/root
XLATE_DKMS_TREE := $(XLATE_TOP)/build/dkms/xlate-$(XLATE_VERSION)
XLATE_KREL = $(shell cat $(KDIR)/include/config/kernel.release 2>/dev/null)

# Build products of kbuild that never belong in a source tree.
XLATE_KBUILD_JUNK := '*.o' '*.ko' '*.ko.*' '*.mod' '*.mod.c' '*.a' \
	'*/.*.cmd' '*/.*.d' 'modules.order' 'Module.symvers' '*/.tmp_*'

.PHONY: install uninstall dkms-tree dkms-install dkms-remove deb \
	xlate-kheaders

xlate-kheaders:
	@if [ ! -e "$(KDIR)/Makefile" ]; then \
		echo "No kernel headers at $(KDIR); set KDIR or install" \
			"linux-headers-$$(uname -r)." >&2; \
		exit 1; \
	fi

# The module goes to /lib/modules/KREL/extra (kbuild signs and compresses
# it the way the kernel's configuration asks).  The staged tree is
# copied by mk/install-tree.sh, which writes the manifest.
install: xlate-kheaders
	$(MAKE) -C $(KDIR) M=$(XLATE_TOP) modules
	rm -rf $(XLATE_STAGE)
	mkdir -p $(XLATE_STAGE)
	$(MAKE) -C $(KDIR) M=$(XLATE_TOP) modules_install \
		INSTALL_MOD_PATH=$(XLATE_STAGE) INSTALL_MOD_DIR=extra \
		DEPMOD=true
	$(MAKE) -C $(XLATE_TOP)/userhelper install DESTDIR=$(XLATE_STAGE) \
		PREFIX=$(PREFIX)
	install -D -m 0644 $(XLATE_TOP)/etc/modprobe.conf \
		$(XLATE_STAGE)/etc/modprobe.d/xlate.conf
	install -D -m 0644 $(XLATE_TOP)/etc/modules-load.conf \
		$(XLATE_STAGE)/etc/modules-load.d/xlate.conf
	mkdir -p $(XLATE_STAGE)$(PREFIX)/lib/systemd/system
	sed 's|/usr/sbin/xlatectl|$(PREFIX)/sbin/xlatectl|' \
		$(XLATE_TOP)/etc/xlate-cpuinfo-sync.service \
		>$(XLATE_STAGE)$(PREFIX)/lib/systemd/system/xlate-cpuinfo-sync.service
	$(XLATE_TOP)/mk/install-tree.sh install $(XLATE_STAGE) "$(DESTDIR)" \
		$(XLATE_MANIFEST)
	@if [ -z "$(DESTDIR)" ]; then \
		echo "$(DEPMOD) -a $(XLATE_KREL)"; \
		$(DEPMOD) -a $(XLATE_KREL); \
	fi
	@echo "Installed xlate $(XLATE_VERSION) for $(XLATE_KREL); manifest:" \
		"$(DESTDIR)$(XLATE_MANIFEST)"
	@echo "To sync the x86 /proc/cpuinfo with the runtime's CPUID at boot:" \
		"systemctl enable xlate-cpuinfo-sync.service"

uninstall:
	$(XLATE_TOP)/mk/install-tree.sh uninstall "$(DESTDIR)" $(XLATE_MANIFEST)
	@if [ -z "$(DESTDIR)" ] && [ -n "$(XLATE_KREL)" ]; then \
		echo "$(DEPMOD) -a $(XLATE_KREL)"; \
		$(DEPMOD) -a $(XLATE_KREL); \
	fi

# The DKMS source tree: dkms.conf, VERSION (which dkms.conf and
# kmod/Kbuild read), the top-level Kbuild and kmod/ without build
# products.  dkms add copies it to /usr/src/xlate-VERSION.
dkms-tree:
	rm -rf $(XLATE_DKMS_TREE)
	mkdir -p $(XLATE_DKMS_TREE)
	cp $(XLATE_TOP)/dkms.conf $(XLATE_TOP)/VERSION $(XLATE_TOP)/Kbuild \
		$(XLATE_TOP)/LICENSE $(XLATE_DKMS_TREE)/
	tar -C $(XLATE_TOP) $(XLATE_KBUILD_JUNK:%=--exclude=%) -cf - kmod | \
		tar -C $(XLATE_DKMS_TREE) -xf -
	@v=$$(bash -c '. "$$1" && echo "$$PACKAGE_VERSION"' - \
		$(XLATE_DKMS_TREE)/dkms.conf); \
	if [ "$$v" != "$(XLATE_VERSION)" ]; then \
		echo "dkms.conf gives version '$$v', VERSION says" \
			"'$(XLATE_VERSION)'" >&2; \
		exit 1; \
	fi

# A checkout registered earlier is removed first, so dkms-install can
# be repeated after editing the source.  DKMS_FLAGS passes further
# options (--dkmstree, --installtree, --kernelsourcedir, ...).
dkms-install: dkms-tree
	-$(XLATE_DKMS) remove -m xlate -v $(XLATE_VERSION) --all \
		>/dev/null 2>&1
	$(XLATE_DKMS) add --force $(XLATE_DKMS_TREE)
	$(XLATE_DKMS) install -m xlate -v $(XLATE_VERSION) -k $(DKMS_KVER)

# dkms add copied the tree to DKMS_SOURCE_TREE; that copy goes too,
# unless a package (xlate-dkms) owns it.
dkms-remove:
	$(XLATE_DKMS) remove -m xlate -v $(XLATE_VERSION) --all
	@d=$(DKMS_SOURCE_TREE)/xlate-$(XLATE_VERSION); \
	if command -v dpkg >/dev/null && dpkg -S "$$d" >/dev/null 2>&1; then \
		echo "$$d belongs to a package; left in place"; \
	else \
		echo "rm -rf $$d"; rm -rf "$$d"; \
	fi

deb:
	cd $(XLATE_TOP) && dpkg-buildpackage -us -uc -b
