/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cases for kmod/lib/elf_x86.c, shared by the KUnit suite
 * (kmod/tests/elf_x86_kunit.c) and the host unit test
 * (tools/testing/unit/test_elf_x86.c): the first bytes of a file and what
 * xlate_elf_is_x86_64() and the EM_AARCH64 check (the runtime's) return
 * for them, 0 or -ENOEXEC, and whether the i386 check takes them.
 */
#ifndef XLATE_TESTS_ELF_X86_CASES_H
#define XLATE_TESTS_ELF_X86_CASES_H

#include "../lib/elf_x86.h"

/* bprm->buf, which is what the binfmt handler looks at. */
#define BPRM_BUF_SIZE	256U
#define MAX_PATCHES	6

/* Header field offsets and values used below (ELF64, then ELF32). */
#define OFF_CLASS	4
#define OFF_DATA	5
#define OFF_VERSION	6
#define OFF_OSABI	7
#define OFF_TYPE	16
#define OFF_MACHINE	18
#define OFF_PHENTSIZE	54
#define OFF_PHNUM	56
#define OFF32_PHENTSIZE	42
#define OFF32_PHNUM	44
#define ET_NONE_V	0
#define ET_REL_V	1
#define ET_DYN_V	3
#define ET_CORE_V	4
#define EM_386_V	3
#define EM_486_V	6
#define EM_IA_64_V	50
#define EM_RISCV_V	243

/*
 * A valid x86-64 ET_EXEC header: ELFCLASS64, ELFDATA2LSB, EV_CURRENT,
 * ELFOSABI_NONE, e_entry 0x401000, e_phoff 64, e_ehsize 64,
 * e_phentsize 56, e_phnum 13, e_shentsize 64, no sections.
 */
static const unsigned char x86_64_exec[XLATE_ELF64_EHDR_SIZE] = {
	0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	2, 0, 62, 0, 1, 0, 0, 0, 0x00, 0x10, 0x40, 0, 0, 0, 0, 0,
	64, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 64, 0, 56, 0, 13, 0, 64, 0, 0, 0, 0, 0,
};

struct elf_patch {
	unsigned int off;
	unsigned char val;
};

/*
 * An i386 ET_EXEC header: ELFCLASS32, EM_386, e_phoff 52, e_ehsize 52,
 * e_phentsize 32, e_phnum 5.
 */
static const unsigned char i386_exec[52] = {
	0x7f, 'E', 'L', 'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	2, 0, 3, 0, 1, 0, 0, 0, 0, 0, 0, 0, 52, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 52, 0, 32, 0, 5, 0, 0, 0,
	0, 0, 0, 0,
};

struct elf_case {
	const char *name;
	/*
	 * Content: @raw if set, else @base if set, else x86_64_exec; with
	 * @patch applied.
	 */
	const char *raw;
	const unsigned char *base;
	/* Bytes of content copied; the rest of @len is zeros. */
	size_t content_len;
	size_t len;
	bool null_buf;
	struct elf_patch patch[MAX_PATCHES];
	unsigned int npatch;
	/* xlate_elf_check() for EM_X86_64 and for EM_AARCH64: 0 or -ENOEXEC. */
	int want_x86_64;
	int want_aarch64;
	/* xlate_elf32_check() for EM_386 says 0 (else -ENOEXEC). */
	bool i386;
};

#define HDR	XLATE_ELF64_EHDR_SIZE
#define P(o, v)	{ .off = (o), .val = (v) }
#define NOEXEC	(-ENOEXEC)

/* A full header of @len bytes with patches, expected results. */
#define HCASE(n, l, x86, a64, ...)					\
	{								\
		.name = (n), .content_len = HDR, .len = (l),		\
		.patch = { __VA_ARGS__ },				\
		.npatch = sizeof((struct elf_patch[]){ __VA_ARGS__ }) /	\
			  sizeof(struct elf_patch),			\
		.want_x86_64 = (x86), .want_aarch64 = (a64),		\
	}

/* Neither an x86-64 nor an arm64 executable. */
#define REFUSED(n, ...)	HCASE(n, HDR, NOEXEC, NOEXEC, __VA_ARGS__)

/* i386_exec in a buffer of @len bytes, with patches; @ok: an i386 program. */
#define I32CASE(n, l, ok, ...)						\
	{								\
		.name = (n), .base = i386_exec,				\
		.content_len = sizeof(i386_exec), .len = (l),		\
		.patch = { __VA_ARGS__ },				\
		.npatch = sizeof((struct elf_patch[]){ __VA_ARGS__ }) /	\
			  sizeof(struct elf_patch),			\
		.want_x86_64 = NOEXEC, .want_aarch64 = NOEXEC,		\
		.i386 = (ok),						\
	}
#define I32 sizeof(i386_exec)

static const struct elf_case elf_cases[] = {
	/* Executables xlate translates. */
	HCASE("x86_64-exec-osabi0", HDR, 0, NOEXEC),
	HCASE("x86_64-exec-osabi3", HDR, 0, NOEXEC, P(OFF_OSABI, 3)),
	HCASE("x86_64-dyn-osabi0", HDR, 0, NOEXEC, P(OFF_TYPE, ET_DYN_V)),
	HCASE("x86_64-dyn-osabi3", HDR, 0, NOEXEC,
	      P(OFF_TYPE, ET_DYN_V), P(OFF_OSABI, 3)),
	HCASE("x86_64-exec-one-phdr", HDR, 0, NOEXEC, P(OFF_PHNUM, 1)),
	HCASE("x86_64-exec-bprm-buf", BPRM_BUF_SIZE, 0, NOEXEC),
	/* Other 32-bit or big-endian x86 flavours. */
	REFUSED("i386", P(OFF_CLASS, 1), P(OFF_MACHINE, EM_386_V)),
	I32CASE("i386-elf32-header", HDR, true),
	REFUSED("x32", P(OFF_CLASS, 1)),
	/* i386 programs, which go to runtime32. */
	I32CASE("i386-exec", I32, true),
	I32CASE("i386-exec-bprm-buf", BPRM_BUF_SIZE, true),
	I32CASE("i386-exec-osabi3", I32, true, P(OFF_OSABI, 3)),
	I32CASE("i386-pie", I32, true, P(OFF_TYPE, ET_DYN_V)),
	I32CASE("i386-pie-bprm-buf", BPRM_BUF_SIZE, true,
		P(OFF_TYPE, ET_DYN_V)),
	I32CASE("i386-one-phdr", I32, true, P(OFF32_PHNUM, 1)),
	/* x32: ELFCLASS32 with EM_X86_64, refused (see elf_x86.c). */
	I32CASE("x32-exec", I32, false, P(OFF_MACHINE, 62)),
	I32CASE("x32-pie", I32, false, P(OFF_MACHINE, 62),
		P(OFF_TYPE, ET_DYN_V)),
	/* i386 headers that are damaged or not programs. */
	I32CASE("i386-truncated-51", 51, false),
	I32CASE("i386-truncated-44", 44, false),
	I32CASE("i386-truncated-20", 20, false),
	I32CASE("i386-truncated-5", 5, false),
	I32CASE("i386-truncated-0", 0, false),
	I32CASE("i386-big-endian", I32, false, P(OFF_DATA, 2),
		P(OFF_TYPE, 0), P(OFF_TYPE + 1, 2),
		P(OFF_MACHINE, 0), P(OFF_MACHINE + 1, 3)),
	I32CASE("i386-elfdata2msb-le-fields", I32, false, P(OFF_DATA, 2)),
	I32CASE("i386-elfdata-none", I32, false, P(OFF_DATA, 0)),
	I32CASE("i386-ei-version-0", I32, false, P(OFF_VERSION, 0)),
	I32CASE("i386-ei-version-2", I32, false, P(OFF_VERSION, 2)),
	I32CASE("i386-et-rel", I32, false, P(OFF_TYPE, ET_REL_V)),
	I32CASE("i386-et-core", I32, false, P(OFF_TYPE, ET_CORE_V)),
	I32CASE("i386-et-none", I32, false, P(OFF_TYPE, ET_NONE_V)),
	I32CASE("i386-type-high-byte", I32, false, P(OFF_TYPE + 1, 1)),
	I32CASE("i386-bad-magic", I32, false, P(1, 'e')),
	I32CASE("i386-elfclass64", BPRM_BUF_SIZE, false, P(OFF_CLASS, 2)),
	I32CASE("i386-elfclass-none", I32, false, P(OFF_CLASS, 0)),
	I32CASE("i486", I32, false, P(OFF_MACHINE, EM_486_V)),
	I32CASE("i386-machine-high-byte", I32, false, P(OFF_MACHINE + 1, 1)),
	I32CASE("arm-elf32", I32, false, P(OFF_MACHINE, 40)),
	I32CASE("i386-phentsize-56", I32, false, P(OFF32_PHENTSIZE, 56)),
	I32CASE("i386-phentsize-0", I32, false, P(OFF32_PHENTSIZE, 0)),
	I32CASE("i386-phnum-0", I32, false, P(OFF32_PHNUM, 0)),
	REFUSED("elfclass-none", P(OFF_CLASS, 0)),
	REFUSED("elfclass-3", P(OFF_CLASS, 3)),
	REFUSED("x86_64-big-endian", P(OFF_DATA, 2),
		P(OFF_TYPE, 0), P(OFF_TYPE + 1, 2),
		P(OFF_MACHINE, 0), P(OFF_MACHINE + 1, 62)),
	REFUSED("elfdata2msb-le-fields", P(OFF_DATA, 2)),
	REFUSED("elfdata-none", P(OFF_DATA, 0)),
	REFUSED("elfdata-3", P(OFF_DATA, 3)),
	/* Other machines. */
	HCASE("aarch64-exec", HDR, NOEXEC, 0, P(OFF_MACHINE, 183)),
	HCASE("aarch64-dyn-osabi3", HDR, NOEXEC, 0,
	      P(OFF_MACHINE, 183), P(OFF_TYPE, ET_DYN_V), P(OFF_OSABI, 3)),
	REFUSED("aarch64-big-endian", P(OFF_MACHINE, 183), P(OFF_DATA, 2)),
	REFUSED("aarch64-elfclass32", P(OFF_MACHINE, 183), P(OFF_CLASS, 1)),
	REFUSED("aarch64-rel", P(OFF_MACHINE, 183), P(OFF_TYPE, ET_REL_V)),
	REFUSED("riscv", P(OFF_MACHINE, EM_RISCV_V)),
	REFUSED("i386-machine-elfclass64", P(OFF_MACHINE, EM_386_V)),
	REFUSED("ia64", P(OFF_MACHINE, EM_IA_64_V)),
	REFUSED("machine-high-byte", P(OFF_MACHINE + 1, 1)),
	REFUSED("machine-none", P(OFF_MACHINE, 0)),
	/* Other file types. */
	REFUSED("et-rel", P(OFF_TYPE, ET_REL_V)),
	REFUSED("et-core", P(OFF_TYPE, ET_CORE_V)),
	REFUSED("et-none", P(OFF_TYPE, ET_NONE_V)),
	REFUSED("type-high-byte", P(OFF_TYPE + 1, 1)),
	/* Damaged identification. */
	REFUSED("bad-magic-0", P(0, 0x7e)),
	REFUSED("bad-magic-1", P(1, 'e')),
	REFUSED("bad-magic-2", P(2, 'l')),
	REFUSED("bad-magic-3", P(3, 'f')),
	REFUSED("bad-magic-3-G", P(3, 'G')),
	REFUSED("ei-version-0", P(OFF_VERSION, 0)),
	REFUSED("ei-version-2", P(OFF_VERSION, 2)),
	/* Program header table that is not 64-bit or is empty. */
	REFUSED("phentsize-0", P(OFF_PHENTSIZE, 0)),
	REFUSED("phentsize-32", P(OFF_PHENTSIZE, 32)),
	REFUSED("phentsize-57", P(OFF_PHENTSIZE, 57)),
	REFUSED("phentsize-high-byte", P(OFF_PHENTSIZE + 1, 1)),
	REFUSED("phnum-0", P(OFF_PHNUM, 0)),
	REFUSED("aarch64-phnum-0", P(OFF_MACHINE, 183), P(OFF_PHNUM, 0)),
	/* A valid header cut short. */
	HCASE("truncated-0", 0, NOEXEC, NOEXEC),
	HCASE("truncated-1", 1, NOEXEC, NOEXEC),
	HCASE("truncated-4", 4, NOEXEC, NOEXEC),
	HCASE("truncated-16", 16, NOEXEC, NOEXEC),
	HCASE("truncated-19", 19, NOEXEC, NOEXEC),
	HCASE("truncated-20", 20, NOEXEC, NOEXEC),
	HCASE("truncated-63", 63, NOEXEC, NOEXEC),
	HCASE("aarch64-truncated-63", 63, NOEXEC, NOEXEC,
	      P(OFF_MACHINE, 183)),
	/* A 40-byte file as the kernel hands it over: zero-padded. */
	{
		.name = "40-byte-file-in-bprm-buf", .content_len = 40,
		.len = BPRM_BUF_SIZE,
		.want_x86_64 = NOEXEC, .want_aarch64 = NOEXEC,
	},
	/* Scripts and no buffer at all. */
	{
		.name = "script-bin-sh", .raw = "#!/bin/sh\n",
		.content_len = 10, .len = 10,
		.want_x86_64 = NOEXEC, .want_aarch64 = NOEXEC,
	},
	{
		.name = "script-bin-sh-bprm-buf", .raw = "#!/bin/sh\n",
		.content_len = 10, .len = BPRM_BUF_SIZE,
		.want_x86_64 = NOEXEC, .want_aarch64 = NOEXEC,
	},
	{
		.name = "script-x86-busybox", .raw = "#!/x86/busybox",
		.content_len = 14, .len = BPRM_BUF_SIZE,
		.want_x86_64 = NOEXEC, .want_aarch64 = NOEXEC,
	},
	{
		.name = "script-echo", .raw = "#!/bin/sh\necho hi\n",
		.content_len = 18, .len = 18,
		.want_x86_64 = NOEXEC, .want_aarch64 = NOEXEC,
	},
	{
		.name = "script-elf-word", .raw = "#!/usr/bin/env ELF\n",
		.content_len = 19, .len = 19,
		.want_x86_64 = NOEXEC, .want_aarch64 = NOEXEC,
	},
	/* Other file formats. */
	{
		.name = "pe-mz", .raw = "MZ\x90\x00\x03\x00\x00\x00",
		.content_len = 8, .len = 8,
		.want_x86_64 = NOEXEC, .want_aarch64 = NOEXEC,
	},
	{
		.name = "all-zero", .raw = "", .content_len = 0, .len = HDR,
		.want_x86_64 = NOEXEC, .want_aarch64 = NOEXEC,
	},
	{
		.name = "null-buf", .null_buf = true, .len = HDR,
		.want_x86_64 = NOEXEC, .want_aarch64 = NOEXEC,
	},
	{
		.name = "null-buf-len-0", .null_buf = true, .len = 0,
		.want_x86_64 = NOEXEC, .want_aarch64 = NOEXEC,
	},
};

/* Fill @buf (@c->len bytes) with the content of case @c. */
static inline void elf_case_fill(const struct elf_case *c, unsigned char *buf)
{
	size_t n = c->content_len < c->len ? c->content_len : c->len;
	const void *src = x86_64_exec;
	unsigned int i;

	if (c->raw)
		src = c->raw;
	else if (c->base)
		src = c->base;
	memset(buf, 0, c->len);
	memcpy(buf, src, n);
	for (i = 0; i < c->npatch; i++)
		if (c->patch[i].off < c->len)
			buf[c->patch[i].off] = c->patch[i].val;
}

#endif /* XLATE_TESTS_ELF_X86_CASES_H */
