/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cases for kmod/lib/binfmt_line.c, shared by the KUnit suite
 * (kmod/tests/binfmt_line_kunit.c), the host unit tests
 * (tools/testing/unit/test_binfmt_line.c, test_binfmt_ref.c: the same
 * lines through a model of the kernel's create_entry()), the e2e check
 * against the kernel itself (tools/testing/e2e/progs/binfmt-register.c)
 * and xlatectl's import test (userhelper/tests/test_import.c).
 *
 * Each case names the rule of Documentation/binfmt-line.rst it tests.
 * Every rule has a line binfmt_misc accepts and one it refuses (the
 * host test checks that), and @ret is what a write of the line to
 * /proc/sys/fs/binfmt_misc/register answers.  @abi is what xlate makes
 * of a line binfmt_misc accepts: the ABI it configures, or
 * XLATE_ELF_OTHER when it selects no x86 ABI only.
 *
 * The real lines are those of tools/testing/data/binfmt/ (README there
 * says where each comes from); a case with @file is that file's
 * registration, for update-binfmts files as xlatectl import converts it.
 */
#ifndef XLATE_TESTS_BINFMT_LINE_CASES_H
#define XLATE_TESTS_BINFMT_LINE_CASES_H

#include "../lib/binfmt_line.h"

/* Debian's qemu-user(-static) x86_64 magic and mask (7.2, 10.0, 11.1). */
#define QEMU_MAGIC	"\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00" \
			"\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x3e\\x00"
#define QEMU_MASK	"\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\xfc\\xff\\xff" \
			"\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff"
/* box64, FEX and Rosetta spell "ELF" as text. */
#define ELF_MAGIC	"\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00" \
			"\\x00\\x00\\x00\\x00\\x02\\x00\\x3e\\x00"
#define ELF32_MAGIC	"\\x7fELF\\x01\\x01\\x01\\x00\\x00\\x00\\x00\\x00" \
			"\\x00\\x00\\x00\\x00\\x02\\x00\\x03\\x00"
#define BOX64_MASK	"\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\x00\\x00" \
			"\\x00\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff"
#define BOX32_MASK	"\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff" \
			"\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff"
#define FEX_MASK	"\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\x00\\x00\\x00" \
			"\\x00\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff"
#define ROSETTA_MASK	"\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\x00\\xff\\xff" \
			"\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff"
/* qemu's magic with e_machine EM_AARCH64, EM_386, and class 32 (x32). */
#define ARM64_MAGIC	"\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00" \
			"\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00"
#define I386_MAGIC	"\\x7f\\x45\\x4c\\x46\\x01\\x01\\x01\\x00\\x00\\x00" \
			"\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x03\\x00"
#define X32_MAGIC	"\\x7fELF\\x01\\x01\\x01\\x00\\x00\\x00\\x00\\x00" \
			"\\x00\\x00\\x00\\x00\\x02\\x00\\x3e\\x00"
#define QEMU_P		"/usr/libexec/qemu-binfmt/x86_64-binfmt-P"
#define QEMU32_P	"/usr/libexec/qemu-binfmt/i386-binfmt-P"
/* The x86-64 part of a line, after the name and before the interpreter. */
#define QEMU_MID	":M::" QEMU_MAGIC ":" QEMU_MASK ":"
/* 16, 64, 256 and 1024 bytes of filler. */
#define S16		"aaaaaaaaaaaaaaaa"
#define S64		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define S256		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define S1024		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
/* A 255-byte name. */
#define N255		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

struct binfmt_line_case {
	const char *name;
	/* the rule of Documentation/binfmt-line.rst */
	const char *rule;
	const char *line;
	/* bytes of @line; 0: strlen(@line) */
	unsigned int len;
	/* what binfmt_misc answers: 0, -EINVAL, -ENAMETOOLONG */
	int ret;
	/* ret 0: the ABI xlate configures, or XLATE_ELF_OTHER */
	int abi;
	/* tools/testing/data/binfmt/ file this is the registration of */
	const char *file;
	/* ret 0, when set: what the line says */
	const char *want_name;
	const char *want_interpreter;
	bool p, o, c, f;
};

#define OK_X64		.abi = XLATE_ELF_X86_64
#define OK_I386		.abi = XLATE_ELF_I386
#define OK_NOT_X86	.abi = XLATE_ELF_OTHER
#define BAD		.ret = -EINVAL
/* A line with NUL bytes: its length is the literal's. */
#define NUL_LINE(s)		.line = s, .len = sizeof(s) - 1
#define FIELDS(n, i, P, O, C, F)	.want_name = n, .want_interpreter = i, \
					.p = P, .o = O, .c = C, .f = F

static const struct binfmt_line_case binfmt_line_cases[] = {
	/* Real registrations (tools/testing/data/binfmt/) */
	{ "qemu-user-static-7.2-binfmt.d", "real",
	  ":qemu-x86_64" QEMU_MID QEMU_P ":OPF\n", OK_X64,
	  .file = "qemu-user-static_7.2.binfmt.d.conf",
	  FIELDS("qemu-x86_64", QEMU_P, 1, 1, 0, 1) },
	{ "qemu-user-static-7.2-update-binfmts", "real",
	  ":qemu-x86_64:M:0:" QEMU_MAGIC ":" QEMU_MASK ":" QEMU_P ":PF", OK_X64,
	  .file = "qemu-user-static_7.2.update-binfmts",
	  FIELDS("qemu-x86_64", QEMU_P, 1, 0, 0, 1) },
	{ "qemu-user-static-7.2-i386-binfmt.d", "real",
	  ":qemu-i386:M::" I386_MAGIC ":" QEMU_MASK ":" QEMU32_P ":OPF\n",
	  OK_I386, .file = "qemu-user-static_7.2.qemu-i386.binfmt.d.conf",
	  FIELDS("qemu-i386", QEMU32_P, 1, 1, 0, 1) },
	{ "qemu-user-static-7.2-i386-update-binfmts", "real",
	  ":qemu-i386:M:0:" I386_MAGIC ":" QEMU_MASK ":" QEMU32_P ":PF",
	  OK_I386, .file = "qemu-user-static_7.2.qemu-i386.update-binfmts",
	  FIELDS("qemu-i386", QEMU32_P, 1, 0, 0, 1) },
	{ "qemu-user-10.0-binfmt.d", "real",
	  ":qemu-x86_64" QEMU_MID QEMU_P ":OPF\n", OK_X64,
	  .file = "qemu-user_10.0.binfmt.d.conf",
	  FIELDS("qemu-x86_64", QEMU_P, 1, 1, 0, 1) },
	{ "qemu-user-10.0-i386-binfmt.d", "real",
	  ":qemu-i386:M::" I386_MAGIC ":" QEMU_MASK ":" QEMU32_P ":OPF\n",
	  OK_I386, .file = "qemu-user_10.0.qemu-i386.binfmt.d.conf",
	  FIELDS("qemu-i386", QEMU32_P, 1, 1, 0, 1) },
	{ "qemu-user-11.1-binfmt.d", "real",
	  ":qemu-x86_64" QEMU_MID "/usr/bin/qemu-x86_64:OPF\n", OK_X64,
	  .file = "qemu-user_11.1.binfmt.d.conf",
	  FIELDS("qemu-x86_64", "/usr/bin/qemu-x86_64", 1, 1, 0, 1) },
	{ "qemu-user-11.1-i386-binfmt.d", "real",
	  ":qemu-i386:M::" I386_MAGIC ":" QEMU_MASK ":/usr/bin/qemu-i386:OPF\n",
	  OK_I386, .file = "qemu-user_11.1.qemu-i386.binfmt.d.conf",
	  FIELDS("qemu-i386", "/usr/bin/qemu-i386", 1, 1, 0, 1) },
	{ "box64-0.3.4-binfmt.d", "real",
	  ":box64:M::" ELF_MAGIC ":" BOX64_MASK ":/usr/bin/box64:\n", OK_X64,
	  .file = "box64_0.3.4.binfmt.d.conf",
	  FIELDS("box64", "/usr/bin/box64", 0, 0, 0, 0) },
	{ "box64-0.4.3-binfmt.d", "real",
	  ":box64:M::" ELF_MAGIC ":" BOX64_MASK ":/usr/bin/box64:\n", OK_X64,
	  .file = "box64_0.4.3.binfmt.d.conf",
	  FIELDS("box64", "/usr/bin/box64", 0, 0, 0, 0) },
	{ "box64-0.4.3-box32-binfmt.d", "real",
	  ":box32:M::" ELF32_MAGIC ":" BOX32_MASK ":/usr/bin/box64:\n", OK_I386,
	  .file = "box64_0.4.3.box32.binfmt.d.conf",
	  FIELDS("box32", "/usr/bin/box64", 0, 0, 0, 0) },
	{ "box86-binfmt.d", "real",
	  ":x86:M::" ELF32_MAGIC ":" BOX32_MASK ":/usr/bin/box86:\n", OK_I386,
	  .file = "box86.conf", FIELDS("x86", "/usr/bin/box86", 0, 0, 0, 0) },
	{ "FEX-x86_64-binfmt.d", "real",
	  ":FEX-x86_64:M:0:" ELF_MAGIC ":" FEX_MASK ":/usr/bin/FEX:POCF\n",
	  OK_X64, .file = "FEX-x86_64.conf",
	  FIELDS("FEX-x86_64", "/usr/bin/FEX", 1, 1, 1, 1) },
	{ "FEX-x86_64-update-binfmts", "real",
	  ":FEX-x86_64:M:0:" ELF_MAGIC ":" FEX_MASK ":/usr/bin/FEX:PCF",
	  OK_X64, .file = "FEX-x86_64.update-binfmts",
	  FIELDS("FEX-x86_64", "/usr/bin/FEX", 1, 0, 1, 1) },
	{ "FEX-x86-binfmt.d", "real",
	  ":FEX-x86:M:0:" ELF32_MAGIC ":" FEX_MASK ":/usr/bin/FEX:POCF\n",
	  OK_I386, .file = "FEX-x86.conf",
	  FIELDS("FEX-x86", "/usr/bin/FEX", 1, 1, 1, 1) },
	{ "rosetta-update-binfmts", "real",
	  ":rosetta:M:0:" ELF_MAGIC ":" ROSETTA_MASK
	  ":/media/rosetta/rosetta:CF", OK_X64,
	  .file = "rosetta.update-binfmts",
	  FIELDS("rosetta", "/media/rosetta/rosetta", 0, 0, 1, 1) },

	/* length: 11 to 1920 bytes */
	{ "length-11", "length", ":a:M::x::/:", OK_NOT_X86 },
	{ "length-10", "length", ":a:M::x::/", BAD },
	{ "length-1920", "length",
	  ":q" QEMU_MID "/" S1024 S256 S256 S64 S64 S64 S16 "aaaaaa:", OK_X64 },
	{ "length-1921", "length",
	  ":q" QEMU_MID "/" S1024 S256 S256 S64 S64 S64 S16 "aaaaaaa:", BAD },

	/* delimiter: the first byte, any but a flag letter */
	{ "delimiter-pipe", "delimiter",
	  "|q|M||" QEMU_MAGIC "|" QEMU_MASK "|/q|OF", OK_X64,
	  FIELDS("q", "/q", 0, 1, 0, 1) },
	{ "delimiter-hash-colons-in-fields", "delimiter",
	  "#a:b#M##" QEMU_MAGIC "#" QEMU_MASK "#/opt/x:y/qemu#P", OK_X64,
	  FIELDS("a:b", "/opt/x:y/qemu", 1, 0, 0, 0) },
	/* 'x' ends no field inside an escape: scanarg() skips "\x" and 2 */
	{ "delimiter-x", "delimiter",
	  "xqxMxx" QEMU_MAGIC "x" QEMU_MASK "x/qxO", OK_X64,
	  FIELDS("q", "/q", 0, 1, 0, 0) },
	{ "delimiter-nul", "delimiter",
	  NUL_LINE("\0q\0M\0\0" QEMU_MAGIC "\0" QEMU_MASK "\0/q\0P"), OK_X64,
	  FIELDS("q", "/q", 1, 0, 0, 0) },
	{ "delimiter-P", "delimiter",
	  "PqPMPP" QEMU_MAGIC "P" QEMU_MASK "P/qP", BAD },
	{ "delimiter-F", "delimiter",
	  "FqFMFF" QEMU_MAGIC "F" QEMU_MASK "F/qF", BAD },
	{ "delimiter-mixed", "delimiter",
	  "|q:M::" QEMU_MAGIC ":" QEMU_MASK ":/q:PF", BAD },
	{ "leading-space", "delimiter", " :q" QEMU_MID "/q:PF", BAD },
	{ "comment-line", "delimiter", "# /etc/binfmt.d/box64.conf", BAD },

	/* name-field: up to the delimiter; a NUL before it refuses */
	{ "name-tab", "name-field", ":a\tb" QEMU_MID "/q:", OK_X64,
	  FIELDS("a\tb", "/q", 0, 0, 0, 0) },
	{ "name-newline", "name-field", ":a\nb" QEMU_MID "/q:", OK_X64 },
	{ "name-nul", "name-field", NUL_LINE(":a\0b" QEMU_MID "/q:"), BAD },
	{ "name-never-ends", "name-field", ":qemu-x86_64", BAD },

	/* name-value: not empty, ".", "..", nor with a '/' */
	{ "name-dots", "name-value", ":..." QEMU_MID "/q:", OK_X64 },
	{ "name-dot-a", "name-value", ":.a" QEMU_MID "/q:", OK_X64 },
	{ "name-empty", "name-value", ":" QEMU_MID "/q:", BAD },
	{ "name-dot", "name-value", ":." QEMU_MID "/q:", BAD },
	{ "name-dotdot", "name-value", ":.." QEMU_MID "/q:", BAD },
	{ "name-slash", "name-value", ":a/b" QEMU_MID "/q:", BAD },

	/* name-length: a file name, NAME_MAX bytes at most */
	{ "name-255", "name-length", ":" N255 QEMU_MID "/q:", OK_X64 },
	{ "name-256", "name-length", ":a" N255 QEMU_MID "/q:",
	  .ret = -ENAMETOOLONG },

	/* type: one letter, M or E, then the delimiter */
	{ "type-M", "type", ":q" QEMU_MID "/q:", OK_X64 },
	{ "type-E", "type", ":wine:E::exe::/usr/bin/wine:", OK_NOT_X86 },
	{ "type-lowercase-m", "type",
	  ":q:m::" QEMU_MAGIC ":" QEMU_MASK ":/q:", BAD },
	{ "type-empty", "type", ":q:::" QEMU_MAGIC ":" QEMU_MASK ":/q:", BAD },
	{ "type-MM", "type", ":q:MM::" QEMU_MAGIC ":" QEMU_MASK ":/q:", BAD },

	/* offset: kstrtoint(), base 10, not negative */
	{ "offset-0", "offset", ":q:M:0:" QEMU_MAGIC ":" QEMU_MASK ":/q:",
	  OK_X64 },
	{ "offset-00", "offset", ":q:M:00:" QEMU_MAGIC ":" QEMU_MASK ":/q:",
	  OK_X64 },
	{ "offset-plus-0", "offset",
	  ":q:M:+0:" QEMU_MAGIC ":" QEMU_MASK ":/q:", OK_X64 },
	{ "offset-minus-0", "offset",
	  ":q:M:-0:" QEMU_MAGIC ":" QEMU_MASK ":/q:", OK_X64 },
	{ "offset-0-newline", "offset",
	  ":q:M:0\n:" QEMU_MAGIC ":" QEMU_MASK ":/q:", OK_X64 },
	{ "offset-1", "offset", ":q:M:1:" QEMU_MAGIC ":" QEMU_MASK ":/q:",
	  OK_NOT_X86 },
	{ "offset-236", "offset", ":q:M:236:" QEMU_MAGIC ":" QEMU_MASK ":/q:",
	  OK_NOT_X86 },
	{ "offset-minus-1", "offset",
	  ":q:M:-1:" QEMU_MAGIC ":" QEMU_MASK ":/q:", BAD },
	{ "offset-minus-plus-0", "offset",
	  ":q:M:-+0:" QEMU_MAGIC ":" QEMU_MASK ":/q:", BAD },
	{ "offset-space", "offset", ":q:M: 0:" QEMU_MAGIC ":" QEMU_MASK ":/q:",
	  BAD },
	{ "offset-hex", "offset", ":q:M:0x0:" QEMU_MAGIC ":" QEMU_MASK ":/q:",
	  BAD },
	{ "offset-text", "offset", ":q:M:x:" QEMU_MAGIC ":" QEMU_MASK ":/q:",
	  BAD },
	{ "offset-int-max-plus-1", "offset",
	  ":q:M:2147483648:" QEMU_MAGIC ":" QEMU_MASK ":/q:", BAD },
	{ "offset-nul", "offset",
	  NUL_LINE(":q:M:0\0:" QEMU_MAGIC ":" QEMU_MASK ":/q:"), BAD },

	/* magic-escape: scanarg(), "\x" and two hex digits */
	{ "escapes-uppercase-hex", "magic-escape",
	  ":q:M::\\x7F\\x45\\x4C\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00"
	  "\\x00\\x00\\x00\\x00\\x02\\x00\\x3E\\x00:" QEMU_MASK ":/q:", OK_X64 },
	{ "escapes-one-digit", "magic-escape",
	  ":q:M::\\x7fELF\\x2\\x1\\x1\\x0\\x0\\x0\\x0\\x0\\x0\\x0\\x0\\x0"
	  "\\x2\\x0>\\x0:" QEMU_MASK ":/q:", BAD },
	{ "escape-one-digit-at-end", "magic-escape",
	  ":q:M::" QEMU_MAGIC "\\x1:" QEMU_MASK "\\xff:/q:", BAD },
	{ "escape-not-hex", "magic-escape",
	  ":q:M::\\xg7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
	  "\\x00\\x00\\x02\\x00\\x3e\\x00:" QEMU_MASK ":/q:", BAD },
	/* backslash-backslash-x: an escape to scanarg(), text to decoding */
	{ "escape-after-backslash", "magic-escape",
	  ":q:M::\\\\x4g::/q:", BAD },
	{ "escape-digits-are-delimiter", "magic-escape",
	  "aqaMaa\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
	  "\\x00\\x00\\x02\\x00\\x3e\\xaaa" QEMU_MASK "a/qa", OK_NOT_X86 },

	/* magic-empty: the magic field is not empty and starts with no NUL */
	{ "magic-escaped-nul-first", "magic-empty",
	  ":q:M::\\x00::/q:", OK_NOT_X86 },
	{ "magic-empty", "magic-empty", ":q:M::::/q:", BAD },
	{ "magic-nul-first", "magic-empty", NUL_LINE(":q:M::\0x::/q:"), BAD },

	/* mask-escape: as magic-escape */
	{ "mask-uppercase", "mask-escape",
	  ":q:M::" QEMU_MAGIC ":\\xFF\\xFF\\xFF\\xFF\\xFF\\xFE\\xFE\\xFC\\xFF"
	  "\\xFF\\xFF\\xFF\\xFF\\xFF\\xFF\\xFF\\xFE\\xFF\\xFF\\xFF:/q:", OK_X64 },
	{ "mask-one-digit", "mask-escape",
	  ":q:M::" QEMU_MAGIC ":\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\xfc\\xff"
	  "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xf:/q:", BAD },

	/* mask-none: an empty mask, or one that starts with NUL: exact match */
	{ "mask-empty", "mask-none", ":q:M::" QEMU_MAGIC "::/q:", OK_X64 },
	{ "mask-nul-first", "mask-none",
	  NUL_LINE(":q:M::" QEMU_MAGIC ":\0zz:/q:"), OK_X64 },
	{ "mask-nul-first-bad-escape", "mask-none",
	  NUL_LINE(":q:M::" QEMU_MAGIC ":\0\\xz:/q:"), BAD },

	/* decode: string_unescape(UNESCAPE_HEX) up to the first NUL */
	{ "decode-nul-ends-magic", "decode",
	  NUL_LINE(":q:M::" QEMU_MAGIC "\0junk:" QEMU_MASK ":/q:"), OK_X64 },
	{ "decode-nul-ends-mask", "decode",
	  NUL_LINE(":q:M::" QEMU_MAGIC ":" QEMU_MASK "\0\\xff:/q:"), OK_X64 },
	{ "decode-nul-in-magic-counts", "decode",
	  NUL_LINE(":q:M::" QEMU_MAGIC "\0junk:" QEMU_MASK "\\xff:/q:"), BAD },
	{ "decode-backslash-kept", "decode", ":q:M::\\q:\\xff\\xff:/q:",
	  OK_NOT_X86 },
	{ "decode-backslash-kept-length", "decode", ":q:M::\\q:\\xff:/q:",
	  BAD },
	{ "decode-backslash-backslash-x", "decode",
	  ":q:M::\\\\x41:\\xff\\xff\\xff\\xff\\xff:/q:", OK_NOT_X86 },
	{ "decode-backslash-backslash-x-length", "decode",
	  ":q:M::\\\\x41:\\xff:/q:", BAD },

	/* mask-length: the mask decodes to as many bytes as the magic */
	{ "mask-longer", "mask-length",
	  ":q:M::" QEMU_MAGIC ":" QEMU_MASK "\\x00:/q:", BAD },
	{ "mask-shorter", "mask-length",
	  ":q:M::" QEMU_MAGIC ":\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\xfc\\xff"
	  "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff:/q:", BAD },
	{ "mask-text", "mask-length",
	  ":q:M::\\x7fELF\\x02:\\xff\\xff\\xff\\xffz:/q:", OK_NOT_X86 },

	/* magic-size: offset and magic within BINPRM_BUF_SIZE (256) bytes */
	{ "magic-256", "magic-size",
	  ":q:M::" QEMU_MAGIC S64 S64 S64 S16 S16 "aaaaaaaaaaaa:" QEMU_MASK
	  S64 S64 S64 S16 S16 "aaaaaaaaaaaa:/q:", OK_X64 },
	{ "magic-257", "magic-size", ":q:M::" S256 "a::/q:", BAD },
	{ "magic-255-offset-1", "magic-size",
	  ":q:M:1:" S64 S64 S64 S16 S16 S16 "aaaaaaaaaaaaaaa::/q:", OK_NOT_X86 },
	{ "magic-256-offset-1", "magic-size", ":q:M:1:" S256 "::/q:", BAD },
	{ "magic-20-offset-237", "magic-size",
	  ":q:M:237:" QEMU_MAGIC ":" QEMU_MASK ":/q:", BAD },

	/* interpreter: up to the delimiter, no NUL, not empty */
	{ "interpreter-relative", "interpreter", ":q" QEMU_MID "qemu:", OK_X64,
	  FIELDS("q", "qemu", 0, 0, 0, 0) },
	{ "interpreter-empty", "interpreter", ":q" QEMU_MID ":PF", BAD },
	{ "interpreter-nul", "interpreter", NUL_LINE(":q" QEMU_MID "/q\0r:"),
	  BAD },
	{ "interpreter-never-ends", "interpreter", ":q" QEMU_MID "/q", BAD },

	/* flags: P, O, C and F in any number, one newline, the end */
	{ "flags-none", "flags", ":q" QEMU_MID "/q:", OK_X64,
	  FIELDS("q", "/q", 0, 0, 0, 0) },
	{ "flags-newline", "flags", ":q" QEMU_MID "/q:P\n", OK_X64,
	  FIELDS("q", "/q", 1, 0, 0, 0) },
	{ "flags-repeated-any-order", "flags", ":q" QEMU_MID "/q:FCPOCF",
	  OK_X64, FIELDS("q", "/q", 1, 1, 1, 1) },
	{ "flags-trailing-delimiter", "flags", ":q" QEMU_MID "/q:C:", BAD },
	{ "flags-unknown", "flags", ":q" QEMU_MID "/q:OPFX", BAD },
	{ "flags-lowercase", "flags", ":q" QEMU_MID "/q:p", BAD },
	{ "flags-crlf", "flags", ":q" QEMU_MID "/q:OPF\r\n", BAD },
	{ "flags-space", "flags", ":q" QEMU_MID "/q:P F", BAD },
	{ "flags-two-newlines", "flags", ":q" QEMU_MID "/q:P\n\n", BAD },
	{ "flags-too-many-fields", "flags", ":q" QEMU_MID "/q:PF:x", BAD },

	/* extension: type E, the extension not empty and without '/' */
	{ "extension-exe", "extension", ":wine:E::exe::/usr/bin/wine:",
	  OK_NOT_X86 },
	{ "extension-slash", "extension", ":w:E::a/b::/usr/bin/w:", BAD },
	{ "extension-empty", "extension", ":w:E::::/usr/bin/w:", BAD },

	/* x86-type: xlate takes type M only */
	{ "x86-type-E", "x86-type", ":w:E::exe::/usr/bin/wine:", OK_NOT_X86 },
	{ "x86-type-M", "x86-type", ":q" QEMU_MID "/q:", OK_X64 },

	/* x86-offset: offset 0 */
	{ "x86-offset-4", "x86-offset",
	  ":q:M:4:\\x02\\x01\\x01:\\xff\\xff\\xff:/q:", OK_NOT_X86 },
	{ "x86-offset-plus-0", "x86-offset",
	  ":q:M:+0:" QEMU_MAGIC ":" QEMU_MASK ":/q:", OK_X64 },

	/* x86-size: 20 bytes at least, through e_machine */
	{ "x86-size-19", "x86-size",
	  ":q:M::\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
	  "\\x00\\x00\\x02\\x00\\x3e::/q:", OK_NOT_X86 },
	{ "x86-size-any-elf", "x86-size", ":a:M::\\x7fELF::/q:", OK_NOT_X86 },
	{ "x86-size-24-e_version", "x86-size",
	  ":q:M::" ELF_MAGIC "\\x01\\x00\\x00\\x00:" FEX_MASK
	  "\\xff\\xff\\xff\\xff:/q:", OK_X64 },

	/* x86-header: ELF magic, EI_CLASS and e_machine compared in full */
	{ "x86-elf-magic-not-all-compared", "x86-header",
	  ":a:M::" QEMU_MAGIC ":\\xff\\xff\\xff\\x00\\xff\\xfe\\xfe\\xfc\\xff"
	  "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:/q:",
	  OK_NOT_X86 },
	{ "x86-class-not-all-compared", "x86-header",
	  ":a:M::" QEMU_MAGIC ":\\xff\\xff\\xff\\xff\\xfe\\xfe\\xfe\\xfc\\xff"
	  "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:/q:",
	  OK_NOT_X86 },
	/* mask 0xf0 on byte 18 also matches EM_IA_64 (50 = 0x32) */
	{ "x86-machine-f0-ia64", "x86-header",
	  ":a:M::" QEMU_MAGIC ":\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\xfc\\xff"
	  "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xf0\\xff:/q:",
	  OK_NOT_X86 },
	{ "x86-machine-high-byte-free", "x86-header",
	  ":a:M::" QEMU_MAGIC ":\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\xfc\\xff"
	  "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\x00:/q:",
	  OK_NOT_X86 },
	{ "x86-narrower-osabi-3", "x86-header",
	  ":a:M::\\x7fELF\\x02\\x01\\x01\\x03\\x00\\x00\\x00\\x00\\x00\\x00"
	  "\\x00\\x00\\x02\\x00\\x3e\\x00:\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe"
	  "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:/q:",
	  OK_X64 },
	{ "x86-past-header-compared", "x86-header",
	  ":a:M::" QEMU_MAGIC "\\x01\\x00\\x00\\x00\\x00:" QEMU_MASK
	  "\\xff\\xff\\xff\\xff\\x01:/q:", OK_X64 },
	{ "x86-no-e_type-mask", "x86-header",
	  ":a:M::" QEMU_MAGIC ":\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff"
	  "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff:/q:", OK_X64 },

	/* x86-values: ELFCLASS64 with EM_X86_64, or ELFCLASS32 with EM_386 */
	{ "x86-values-i386", "x86-values",
	  ":a:M::" I386_MAGIC ":" QEMU_MASK ":/q:", OK_I386 },
	{ "x86-values-arm64", "x86-values",
	  ":a:M::" ARM64_MAGIC ":" QEMU_MASK ":/q:", OK_NOT_X86 },
	{ "x86-values-x32", "x86-values",
	  ":a:M::" X32_MAGIC ":" QEMU_MASK ":/q:", OK_NOT_X86 },
	{ "x86-values-class-3", "x86-values",
	  ":a:M::\\x7fELF\\x03\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
	  "\\x00\\x00\\x02\\x00\\x3e\\x00:" QEMU_MASK ":/q:", OK_NOT_X86 },
};

#undef OK_X64
#undef OK_I386
#undef OK_NOT_X86
#undef BAD
#undef NUL_LINE
#undef FIELDS

/* @c's line length. */
static inline unsigned int binfmt_case_len(const struct binfmt_line_case *c)
{
	return c->len ? c->len : strlen(c->line);
}

#endif /* XLATE_TESTS_BINFMT_LINE_CASES_H */
