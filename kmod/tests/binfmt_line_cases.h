/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cases for kmod/lib/binfmt_line.c, shared by the KUnit suite
 * (kmod/tests/binfmt_line_kunit.c), the host unit test
 * (tools/testing/unit/test_binfmt_line.c) and xlatectl's import test
 * (userhelper/tests/test_import.c): binfmt_misc registration lines and
 * what xlate_binfmt_line_parse() makes of them.
 *
 * The real lines are those of tools/testing/data/binfmt/ (README there
 * says where each comes from); a case with @file is that file's x86-64
 * registration, for update-binfmts files as xlatectl import converts it.
 */
#ifndef XLATE_TESTS_BINFMT_LINE_CASES_H
#define XLATE_TESTS_BINFMT_LINE_CASES_H

#include "../lib/binfmt_line.h"

/* The start of each @why xlate_binfmt_line_parse() gives. */
#define WHY_EMPTY	"empty line"
#define WHY_FIELDS	"not 7 fields"
#define WHY_NAME	"name empty, too long"
#define WHY_TYPE	"type is not M"
#define WHY_OFFSET	"offset is not 0"
#define WHY_LENGTH	"magic empty, or magic or mask longer than 128"
#define WHY_MASKLEN	"mask and magic differ in length"
#define WHY_X86		"magic and mask do not select x86-64"
#define WHY_INTERP	"no interpreter"
#define WHY_FLAG	"unknown flag"

/* Debian's qemu-user(-static) x86_64 magic and mask (7.2 and 10.0). */
#define QEMU_MAGIC	"\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00" \
			"\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x3e\\x00"
#define QEMU_MASK	"\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\xfc\\xff\\xff" \
			"\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff"
/* box64, FEX and Rosetta spell "ELF" as text. */
#define ELF_MAGIC	"\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00" \
			"\\x00\\x00\\x00\\x00\\x02\\x00\\x3e\\x00"
#define BOX64_MASK	"\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\x00\\x00" \
			"\\x00\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff"
#define FEX_MASK	"\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\x00\\x00\\x00" \
			"\\x00\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff"
#define ROSETTA_MASK	"\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\x00\\xff\\xff" \
			"\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff"
/* The same magic with e_machine EM_AARCH64, EM_386 and class 32 (x32). */
#define ARM64_MAGIC	"\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00" \
			"\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00"
#define I386_MAGIC	"\\x7f\\x45\\x4c\\x46\\x01\\x01\\x01\\x00\\x00\\x00" \
			"\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x03\\x00"
#define X32_MAGIC	"\\x7fELF\\x01\\x01\\x01\\x00\\x00\\x00\\x00\\x00" \
			"\\x00\\x00\\x00\\x00\\x02\\x00\\x3e\\x00"
#define QEMU_P		"/usr/libexec/qemu-binfmt/x86_64-binfmt-P"
/* The x86-64 part of a line, after the name and before the interpreter. */
#define QEMU_MID	":M::" QEMU_MAGIC ":" QEMU_MASK ":"

struct binfmt_line_case {
	const char *name;
	const char *line;
	/* tools/testing/data/binfmt/ file this is the registration of */
	const char *file;
	int want_ret;
	/* on error: how @why starts */
	const char *want_why;
	/* on success */
	const char *want_name;
	const char *want_interpreter;
	bool p, o, c, f;
};

#define BL_OK(n, i, P, O, C, F)	.want_name = n, .want_interpreter = i, \
				.p = P, .o = O, .c = C, .f = F
#define BL_BAD(why)		.want_ret = -EINVAL, .want_why = why

static const struct binfmt_line_case binfmt_line_cases[] = {
	/* Real registrations (tools/testing/data/binfmt/) */
	{ "qemu-user-static-7.2-binfmt.d",
	  ":qemu-x86_64" QEMU_MID QEMU_P ":OPF\n",
	  "qemu-user-static_7.2.binfmt.d.conf",
	  BL_OK("qemu-x86_64", QEMU_P, 1, 1, 0, 1) },
	{ "qemu-user-static-7.2-update-binfmts",
	  ":qemu-x86_64:M:0:" QEMU_MAGIC ":" QEMU_MASK ":" QEMU_P ":PF",
	  "qemu-user-static_7.2.update-binfmts",
	  BL_OK("qemu-x86_64", QEMU_P, 1, 0, 0, 1) },
	{ "qemu-user-10.0-binfmt.d",
	  ":qemu-x86_64" QEMU_MID QEMU_P ":OPF\n",
	  "qemu-user_10.0.binfmt.d.conf",
	  BL_OK("qemu-x86_64", QEMU_P, 1, 1, 0, 1) },
	{ "box64-0.3.4-binfmt.d",
	  ":box64:M::" ELF_MAGIC ":" BOX64_MASK ":/usr/bin/box64:\n",
	  "box64_0.3.4.binfmt.d.conf",
	  BL_OK("box64", "/usr/bin/box64", 0, 0, 0, 0) },
	{ "FEX-x86_64-binfmt.d",
	  ":FEX-x86_64:M:0:" ELF_MAGIC ":" FEX_MASK ":/usr/bin/FEX:POCF\n",
	  "FEX-x86_64.conf",
	  BL_OK("FEX-x86_64", "/usr/bin/FEX", 1, 1, 1, 1) },
	{ "FEX-x86_64-update-binfmts",
	  ":FEX-x86_64:M:0:" ELF_MAGIC ":" FEX_MASK ":/usr/bin/FEX:PCF",
	  "FEX-x86_64.update-binfmts",
	  BL_OK("FEX-x86_64", "/usr/bin/FEX", 1, 0, 1, 1) },
	{ "rosetta-update-binfmts",
	  ":rosetta:M:0:" ELF_MAGIC ":" ROSETTA_MASK
	  ":/media/rosetta/rosetta:CF",
	  "rosetta.update-binfmts",
	  BL_OK("rosetta", "/media/rosetta/rosetta", 0, 0, 1, 1) },
	/* What xlate_binfmt_line_format() writes (/sys/kernel/xlate/config) */
	{ "xlate-config-output",
	  ":autodetect" QEMU_MID "/usr/bin/qemu-x86_64-static:POF\n", NULL,
	  BL_OK("autodetect", "/usr/bin/qemu-x86_64-static", 1, 1, 0, 1) },
	/* Accepted variants */
	{ "no-newline", ":q" QEMU_MID "/q:P", NULL, BL_OK("q", "/q", 1, 0, 0, 0) },
	{ "trailing-delimiter", ":q" QEMU_MID "/q:C:", NULL,
	  BL_OK("q", "/q", 0, 0, 1, 0) },
	{ "flags-repeated-any-order", ":q" QEMU_MID "/q:FCPOCF", NULL,
	  BL_OK("q", "/q", 1, 1, 1, 1) },
	{ "delimiter-pipe",
	  "|q|M||" QEMU_MAGIC "|" QEMU_MASK "|/q|OF", NULL,
	  BL_OK("q", "/q", 0, 1, 0, 1) },
	{ "delimiter-hash-colons-in-fields",
	  "#a:b#M##" QEMU_MAGIC "#" QEMU_MASK "#/opt/x:y/qemu#P", NULL,
	  BL_OK("a:b", "/opt/x:y/qemu", 1, 0, 0, 0) },
	{ "escapes-uppercase-hex",
	  ":q:M::\\x7F\\x45\\x4C\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00"
	  "\\x00\\x00\\x00\\x00\\x02\\x00\\x3E\\x00:" QEMU_MASK ":/q:", NULL,
	  BL_OK("q", "/q", 0, 0, 0, 0) },
	/* string_unescape() takes one hex digit too (binfmt_misc wants 2) */
	{ "escapes-one-digit",
	  ":q:M::\\x7fELF\\x2\\x1\\x1\\x0\\x0\\x0\\x0\\x0\\x0\\x0\\x0\\x0"
	  "\\x2\\x0>\\x0:" QEMU_MASK ":/q:", NULL,
	  BL_OK("q", "/q", 0, 0, 0, 0) },
	{ "mask-covers-e_version",
	  ":q:M::" ELF_MAGIC "\\x01\\x00\\x00\\x00:" FEX_MASK
	  "\\xff\\xff\\xff\\xff:/q:", NULL,
	  BL_OK("q", "/q", 0, 0, 0, 0) },
	{ "magic-past-header-unmasked",
	  ":q:M::" QEMU_MAGIC "\\x01\\x00\\x00\\x00\\x99:" QEMU_MASK
	  "\\x00\\x00\\x00\\x00\\x00:/q:", NULL,
	  BL_OK("q", "/q", 0, 0, 0, 0) },
	{ "name-63-chars",
	  ":nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"
	  QEMU_MID "/q:", NULL,
	  BL_OK("nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn",
		"/q", 0, 0, 0, 0) },
	{ "interpreter-relative-unchecked", ":q" QEMU_MID "qemu:", NULL,
	  BL_OK("q", "qemu", 0, 0, 0, 0) },
	/* Malformed or not x86-64 */
	{ "empty", "", NULL, BL_BAD(WHY_EMPTY) },
	{ "newline-only", "\n", NULL, BL_BAD(WHY_EMPTY) },
	{ "delimiter-only", ":", NULL, BL_BAD(WHY_EMPTY) },
	{ "too-few-fields", ":q" QEMU_MID "/q", NULL, BL_BAD(WHY_FIELDS) },
	{ "too-many-fields", ":q" QEMU_MID "/q:PF:x", NULL, BL_BAD(WHY_FIELDS) },
	{ "six-delimiters", ":q:M::::", NULL, BL_BAD(WHY_FIELDS) },
	{ "delimiters-mixed",
	  "|q:M::" QEMU_MAGIC ":" QEMU_MASK ":/q:PF", NULL, BL_BAD(WHY_FIELDS) },
	{ "comment-line", "# /etc/binfmt.d/box64.conf", NULL,
	  BL_BAD(WHY_FIELDS) },
	{ "leading-space", " :q" QEMU_MID "/q:PF", NULL, BL_BAD(WHY_FIELDS) },
	{ "name-empty", ":" QEMU_MID "/q:", NULL, BL_BAD(WHY_NAME) },
	{ "name-dot", ":." QEMU_MID "/q:", NULL, BL_BAD(WHY_NAME) },
	{ "name-dotdot", ":.." QEMU_MID "/q:", NULL, BL_BAD(WHY_NAME) },
	{ "name-slash", ":a/b" QEMU_MID "/q:", NULL, BL_BAD(WHY_NAME) },
	{ "name-tab", ":a\tb" QEMU_MID "/q:", NULL, BL_BAD(WHY_NAME) },
	{ "name-64-chars",
	  ":nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"
	  QEMU_MID "/q:", NULL, BL_BAD(WHY_NAME) },
	{ "type-E", ":wine:E::exe::/usr/bin/wine:", NULL, BL_BAD(WHY_TYPE) },
	{ "type-lowercase-m",
	  ":q:m::" QEMU_MAGIC ":" QEMU_MASK ":/q:", NULL, BL_BAD(WHY_TYPE) },
	{ "type-empty", ":q:::" QEMU_MAGIC ":" QEMU_MASK ":/q:", NULL,
	  BL_BAD(WHY_TYPE) },
	{ "offset-1", ":q:M:1:" QEMU_MAGIC ":" QEMU_MASK ":/q:", NULL,
	  BL_BAD(WHY_OFFSET) },
	{ "offset-00", ":q:M:00:" QEMU_MAGIC ":" QEMU_MASK ":/q:", NULL,
	  BL_BAD(WHY_OFFSET) },
	{ "offset-text", ":q:M:x:" QEMU_MAGIC ":" QEMU_MASK ":/q:", NULL,
	  BL_BAD(WHY_OFFSET) },
	{ "magic-empty", ":q:M::::/q:", NULL, BL_BAD(WHY_LENGTH) },
	{ "magic-129-bytes",
	  ":q:M::" QEMU_MAGIC QEMU_MAGIC QEMU_MAGIC QEMU_MAGIC QEMU_MAGIC
	  QEMU_MAGIC "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00::/q:",
	  NULL, BL_BAD(WHY_LENGTH) },
	{ "mask-longer",
	  ":q:M::" QEMU_MAGIC ":" QEMU_MASK "\\x00:/q:", NULL,
	  BL_BAD(WHY_MASKLEN) },
	{ "mask-shorter",
	  ":q:M::" QEMU_MAGIC ":\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\xfc\\xff"
	  "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff:/q:", NULL,
	  BL_BAD(WHY_MASKLEN) },
	{ "escape-not-hex",
	  ":q:M::\\xg7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
	  "\\x00\\x00\\x02\\x00\\x3e\\x00:" QEMU_MASK ":/q:", NULL,
	  BL_BAD(WHY_MASKLEN) },
	{ "qemu-i386-binfmt.d",
	  ":qemu-i386:M::" I386_MAGIC ":" QEMU_MASK
	  ":/usr/libexec/qemu-binfmt/i386-binfmt-P:OPF", NULL, BL_BAD(WHY_X86) },
	{ "arm64-magic", ":a:M::" ARM64_MAGIC ":" QEMU_MASK ":/q:", NULL,
	  BL_BAD(WHY_X86) },
	{ "x32-magic", ":a:M::" X32_MAGIC ":" QEMU_MASK ":/q:", NULL,
	  BL_BAD(WHY_X86) },
	{ "any-elf", ":a:M::\\x7fELF::/q:", NULL, BL_BAD(WHY_X86) },
	{ "any-elf64", ":a:M::\\x7fELF\\x02::/q:", NULL, BL_BAD(WHY_X86) },
	{ "elf64-x86_64-no-e_type-mask",
	  ":a:M::" QEMU_MAGIC ":\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff"
	  "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff:/q:", NULL,
	  BL_BAD(WHY_X86) },
	{ "mask-empty-refuses-pie", ":a:M::" QEMU_MAGIC "::/q:", NULL,
	  BL_BAD(WHY_X86) },
	{ "elf-magic-not-all-compared",
	  ":a:M::" QEMU_MAGIC ":\\xff\\xff\\xff\\x00\\xff\\xfe\\xfe\\xfc\\xff"
	  "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:/q:", NULL,
	  BL_BAD(WHY_X86) },
	{ "mask-past-header",
	  ":a:M::" QEMU_MAGIC "\\x01\\x00\\x00\\x00\\x00:" QEMU_MASK
	  "\\xff\\xff\\xff\\xff\\x01:/q:", NULL, BL_BAD(WHY_X86) },
	{ "interpreter-empty", ":q" QEMU_MID ":PF", NULL, BL_BAD(WHY_INTERP) },
	{ "flag-unknown", ":q" QEMU_MID "/q:OPFX", NULL, BL_BAD(WHY_FLAG) },
	{ "flag-lowercase", ":q" QEMU_MID "/q:p", NULL, BL_BAD(WHY_FLAG) },
	{ "flags-crlf", ":q" QEMU_MID "/q:OPF\r\n", NULL, BL_BAD(WHY_FLAG) },
	{ "flags-space", ":q" QEMU_MID "/q:P F", NULL, BL_BAD(WHY_FLAG) },
};

#undef BL_OK
#undef BL_BAD

#endif /* XLATE_TESTS_BINFMT_LINE_CASES_H */
