// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for kmod/lib/elf_x86.c: which first bytes of a file does
 * xlate take for an x86-64 executable, and which for an arm64 one (the
 * runtime check)?
 *
 * Every case is copied to the very end of a vmalloc'd page, so the
 * guard page after it faults if the code reads beyond @len.
 */
#include <kunit/test.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "../lib/elf_x86.h"

/* bprm->buf, which is what the binfmt handler looks at. */
#define BPRM_BUF_SIZE	256U
#define MAX_PATCHES	6

/* Header field offsets and values used below (ELF64). */
#define OFF_CLASS	4
#define OFF_DATA	5
#define OFF_VERSION	6
#define OFF_OSABI	7
#define OFF_TYPE	16
#define OFF_MACHINE	18
#define OFF_PHENTSIZE	54
#define OFF_PHNUM	56
#define ET_NONE_V	0
#define ET_REL_V	1
#define ET_DYN_V	3
#define ET_CORE_V	4
#define EM_386_V	3
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

struct elf_case {
	const char *name;
	/* Content: x86_64_exec with @patch applied, or @raw if set. */
	const char *raw;
	/* Bytes of content copied; the rest of @len is zeros. */
	size_t content_len;
	size_t len;
	bool null_buf;
	struct elf_patch patch[MAX_PATCHES];
	unsigned int npatch;
	/* Results of xlate_elf_is_x86_64() and of the EM_AARCH64 check. */
	int want_x86_64;
	int want_aarch64;
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
	REFUSED("x32", P(OFF_CLASS, 1)),
	REFUSED("elfclass-none", P(OFF_CLASS, 0)),
	REFUSED("elfclass-3", P(OFF_CLASS, 3)),
	REFUSED("x86_64-big-endian", P(OFF_DATA, 2),
		P(OFF_TYPE, 0), P(OFF_TYPE + 1, 2),
		P(OFF_MACHINE, 0), P(OFF_MACHINE + 1, 62)),
	REFUSED("elfdata2msb-le-fields", P(OFF_DATA, 2)),
	REFUSED("elfdata-none", P(OFF_DATA, 0)),
	/* Other machines. */
	HCASE("aarch64-exec", HDR, NOEXEC, 0, P(OFF_MACHINE, 183)),
	HCASE("aarch64-dyn-osabi3", HDR, NOEXEC, 0,
	      P(OFF_MACHINE, 183), P(OFF_TYPE, ET_DYN_V), P(OFF_OSABI, 3)),
	REFUSED("aarch64-big-endian", P(OFF_MACHINE, 183), P(OFF_DATA, 2)),
	REFUSED("aarch64-elfclass32", P(OFF_MACHINE, 183), P(OFF_CLASS, 1)),
	REFUSED("aarch64-rel", P(OFF_MACHINE, 183), P(OFF_TYPE, ET_REL_V)),
	REFUSED("riscv", P(OFF_MACHINE, EM_RISCV_V)),
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
	REFUSED("ei-version-0", P(OFF_VERSION, 0)),
	REFUSED("ei-version-2", P(OFF_VERSION, 2)),
	/* Program header table that is not 64-bit or is empty. */
	REFUSED("phentsize-0", P(OFF_PHENTSIZE, 0)),
	REFUSED("phentsize-32", P(OFF_PHENTSIZE, 32)),
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
		.name = "null-buf", .null_buf = true, .len = HDR,
		.want_x86_64 = NOEXEC, .want_aarch64 = NOEXEC,
	},
	{
		.name = "null-buf-len-0", .null_buf = true, .len = 0,
		.want_x86_64 = NOEXEC, .want_aarch64 = NOEXEC,
	},
};

static void elf_case_desc(const struct elf_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(elf_x86, elf_cases, elf_case_desc);

/* Fill @buf (@c->len bytes) with the content of case @c. */
static void elf_case_fill(const struct elf_case *c, unsigned char *buf)
{
	unsigned int i;

	memset(buf, 0, c->len);
	if (c->raw)
		memcpy(buf, c->raw, min(c->content_len, c->len));
	else
		memcpy(buf, x86_64_exec, min(c->content_len, c->len));
	for (i = 0; i < c->npatch; i++)
		if (c->patch[i].off < c->len)
			buf[c->patch[i].off] = c->patch[i].val;
}

static void elf_x86_table_test(struct kunit *test)
{
	const struct elf_case *c = test->param_value;
	unsigned char *page = NULL, *buf = NULL;

	KUNIT_ASSERT_LE(test, c->len, (size_t)PAGE_SIZE);
	KUNIT_ASSERT_LE(test, c->npatch, (unsigned int)MAX_PATCHES);
	if (!c->null_buf) {
		page = vmalloc(PAGE_SIZE);
		KUNIT_ASSERT_NOT_NULL(test, page);
		buf = page + PAGE_SIZE - c->len;
		elf_case_fill(c, buf);
	}

	KUNIT_EXPECT_EQ(test, xlate_elf_is_x86_64(buf, c->len), c->want_x86_64);
	KUNIT_EXPECT_EQ(test, xlate_elf_check(buf, c->len, XLATE_EM_X86_64),
			c->want_x86_64);
	KUNIT_EXPECT_EQ(test, xlate_elf_check(buf, c->len, XLATE_EM_AARCH64),
			c->want_aarch64);
	vfree(page);
}

/* The header table above really is the x86-64 executable it claims. */
static void elf_x86_reference_header_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, x86_64_exec[OFF_MACHINE], 62);
	KUNIT_EXPECT_EQ(test, x86_64_exec[52], (unsigned char)HDR);
	KUNIT_EXPECT_EQ(test, x86_64_exec[OFF_PHENTSIZE], 56);
	KUNIT_EXPECT_GE(test, ARRAY_SIZE(elf_cases), (size_t)30);
}

/* A header is judged by its own bytes, whatever follows it. */
static void elf_x86_trailing_bytes_test(struct kunit *test)
{
	unsigned char *buf = kunit_kzalloc(test, BPRM_BUF_SIZE, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	memcpy(buf, x86_64_exec, HDR);
	memset(buf + HDR, 0xff, BPRM_BUF_SIZE - HDR);
	KUNIT_EXPECT_EQ(test, xlate_elf_is_x86_64(buf, BPRM_BUF_SIZE), 0);
	buf[OFF_MACHINE] = 183;
	KUNIT_EXPECT_EQ(test, xlate_elf_check(buf, BPRM_BUF_SIZE,
					      XLATE_EM_AARCH64), 0);
	KUNIT_EXPECT_EQ(test, xlate_elf_is_x86_64(buf, BPRM_BUF_SIZE),
			-ENOEXEC);
}

/* Every e_machine value other than the wanted one is refused. */
static void elf_x86_machine_sweep_test(struct kunit *test)
{
	unsigned char buf[HDR];
	unsigned int m, accepted = 0;

	memcpy(buf, x86_64_exec, HDR);
	for (m = 0; m <= 0xffff; m++) {
		buf[OFF_MACHINE] = m & 0xff;
		buf[OFF_MACHINE + 1] = m >> 8;
		if (!xlate_elf_is_x86_64(buf, HDR)) {
			accepted++;
			KUNIT_EXPECT_EQ(test, m, XLATE_EM_X86_64);
		}
	}
	KUNIT_EXPECT_EQ(test, accepted, 1U);
}

static struct kunit_case elf_x86_cases[] = {
	KUNIT_CASE_PARAM(elf_x86_table_test, elf_x86_gen_params),
	KUNIT_CASE(elf_x86_reference_header_test),
	KUNIT_CASE(elf_x86_trailing_bytes_test),
	KUNIT_CASE(elf_x86_machine_sweep_test),
	{}
};

static struct kunit_suite elf_x86_suite = {
	.name = "xlate_elf_x86",
	.test_cases = elf_x86_cases,
};

kunit_test_suites(&elf_x86_suite);
