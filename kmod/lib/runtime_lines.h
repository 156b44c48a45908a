/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The binfmt_misc registration lines of the runtimes xlate knows, byte
 * for byte as their packages ship them (tools/testing/data/binfmt/, where
 * the README says where each comes from; the host test
 * unit/host/binfmt_line/known_lines compares them).  A runtime found or
 * named without a line gets its own package's line: the magic and mask
 * decide which files it is given, and the flags its modes.
 */
#ifndef XLATE_LIB_RUNTIME_LINES_H
#define XLATE_LIB_RUNTIME_LINES_H

#define XLATE_QEMU_MASK	"\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\xfc\\xff\\xff" \
			"\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff"

/*
 * Debian's qemu-user-static 7.2 (usr/lib/binfmt.d/qemu-x86_64.conf), the
 * same in qemu-user 10.0: also the line of a runtime xlate does not know.
 */
#define XLATE_LINE_QEMU_X86_64 \
	":qemu-x86_64:M::\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00" \
	"\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x3e\\x00:" XLATE_QEMU_MASK \
	":/usr/libexec/qemu-binfmt/x86_64-binfmt-P:OPF"
#define XLATE_LINE_QEMU_I386 \
	":qemu-i386:M::\\x7f\\x45\\x4c\\x46\\x01\\x01\\x01\\x00\\x00\\x00" \
	"\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x03\\x00:" XLATE_QEMU_MASK \
	":/usr/libexec/qemu-binfmt/i386-binfmt-P:OPF"
/* box64 0.3.4 and 0.4.3 (usr/lib/binfmt.d/box64.conf): no flags. */
#define XLATE_LINE_BOX64 \
	":box64:M::\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00" \
	"\\x00\\x00\\x02\\x00\\x3e\\x00:\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00" \
	"\\x00\\x00\\x00\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:" \
	"/usr/bin/box64:"
/* box86 (system/box86.conf.cmake, prefix /usr): no flags. */
#define XLATE_LINE_BOX86 \
	":x86:M::\\x7fELF\\x01\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00" \
	"\\x00\\x00\\x02\\x00\\x03\\x00:\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00" \
	"\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:" \
	"/usr/bin/box86:"
/* FEX (Data/binfmts/FEX-x86_64.conf.in, FEX-x86.conf.in, prefix /usr). */
#define XLATE_FEX_MASK	"\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\x00\\x00\\x00" \
			"\\x00\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff"
#define XLATE_LINE_FEX_X86_64 \
	":FEX-x86_64:M:0:\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00" \
	"\\x00\\x00\\x00\\x00\\x02\\x00\\x3e\\x00:" XLATE_FEX_MASK \
	":/usr/bin/FEX:POCF"
#define XLATE_LINE_FEX_X86 \
	":FEX-x86:M:0:\\x7fELF\\x01\\x01\\x01\\x00\\x00\\x00\\x00\\x00" \
	"\\x00\\x00\\x00\\x00\\x02\\x00\\x03\\x00:" XLATE_FEX_MASK \
	":/usr/bin/FEX:POCF"
/*
 * Rosetta: Apple's update-binfmts command (--credentials yes
 * --preserve no --fix-binary yes), as update-binfmts registers it.
 */
#define XLATE_LINE_ROSETTA \
	":rosetta:M:0:\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00" \
	"\\x00\\x00\\x00\\x02\\x00\\x3e\\x00:\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe" \
	"\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:" \
	"/media/rosetta/rosetta:CF"

#endif /* XLATE_LIB_RUNTIME_LINES_H */
