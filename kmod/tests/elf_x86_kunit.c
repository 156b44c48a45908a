// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for kmod/lib/elf_x86.c: which first bytes of a file does
 * xlate take for an x86-64 executable, which for an i386 one, and which
 * for an arm64 one (the runtime check)?
 *
 * Every case is copied to the very end of a vmalloc'd page, so the
 * guard page after it faults if the code reads beyond @len.  The case
 * table is in elf_x86_cases.h, shared with tools/testing/unit/test_elf_x86.c.
 */
#include <kunit/test.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "elf_x86_cases.h"

static void elf_case_desc(const struct elf_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(elf_x86, elf_cases, elf_case_desc);

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

	KUNIT_EXPECT_EQ(test, xlate_elf_is_x86_64(buf, c->len),
			!c->want_x86_64);
	KUNIT_EXPECT_EQ(test, xlate_elf_check(buf, c->len, XLATE_EM_X86_64),
			c->want_x86_64);
	KUNIT_EXPECT_EQ(test, xlate_elf_check(buf, c->len, XLATE_EM_AARCH64),
			c->want_aarch64);
	KUNIT_EXPECT_EQ(test, xlate_elf32_check(buf, c->len, XLATE_EM_386),
			c->i386 ? 0 : -ENOEXEC);
	KUNIT_EXPECT_EQ(test, xlate_elf_x86_abi(buf, c->len),
			c->i386 ? XLATE_ELF_I386 :
			!c->want_x86_64 ? XLATE_ELF_X86_64 : XLATE_ELF_OTHER);
	vfree(page);
}

/* x86_64_exec of elf_x86_cases.h really is what it claims to be. */
static void elf_x86_reference_header_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, x86_64_exec[OFF_MACHINE], 62);
	KUNIT_EXPECT_EQ(test, x86_64_exec[52], (unsigned char)HDR);
	KUNIT_EXPECT_EQ(test, x86_64_exec[OFF_PHENTSIZE], 56);
	KUNIT_EXPECT_GE(test, ARRAY_SIZE(elf_cases), (size_t)30);
	KUNIT_EXPECT_EQ(test, i386_exec[OFF_MACHINE], 3);
	KUNIT_EXPECT_EQ(test, i386_exec[OFF32_PHENTSIZE], 32);
}

/* A header is judged by its own bytes, whatever follows it. */
static void elf_x86_trailing_bytes_test(struct kunit *test)
{
	unsigned char *buf = kunit_kzalloc(test, BPRM_BUF_SIZE, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	memcpy(buf, x86_64_exec, HDR);
	memset(buf + HDR, 0xff, BPRM_BUF_SIZE - HDR);
	KUNIT_EXPECT_TRUE(test, xlate_elf_is_x86_64(buf, BPRM_BUF_SIZE));
	buf[OFF_MACHINE] = 183;
	KUNIT_EXPECT_EQ(test, xlate_elf_check(buf, BPRM_BUF_SIZE,
					      XLATE_EM_AARCH64), 0);
	KUNIT_EXPECT_FALSE(test, xlate_elf_is_x86_64(buf, BPRM_BUF_SIZE));
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
		if (xlate_elf_is_x86_64(buf, HDR)) {
			accepted++;
			KUNIT_EXPECT_EQ(test, m, XLATE_EM_X86_64);
		}
	}
	KUNIT_EXPECT_EQ(test, accepted, 1U);
}

/* Of every e_machine value in an ELF32 header, only EM_386 is i386. */
static void elf_x86_machine_sweep32_test(struct kunit *test)
{
	unsigned char buf[sizeof(i386_exec)];
	unsigned int m, accepted = 0;

	memcpy(buf, i386_exec, sizeof(buf));
	for (m = 0; m <= 0xffff; m++) {
		buf[OFF_MACHINE] = m & 0xff;
		buf[OFF_MACHINE + 1] = m >> 8;
		if (xlate_elf_x86_abi(buf, sizeof(buf)) != XLATE_ELF_OTHER) {
			accepted++;
			KUNIT_EXPECT_EQ(test, m, XLATE_EM_386);
		}
	}
	KUNIT_EXPECT_EQ(test, accepted, 1U);
}

static struct kunit_case elf_x86_cases[] = {
	KUNIT_CASE_PARAM(elf_x86_table_test, elf_x86_gen_params),
	KUNIT_CASE(elf_x86_reference_header_test),
	KUNIT_CASE(elf_x86_trailing_bytes_test),
	KUNIT_CASE(elf_x86_machine_sweep_test),
	KUNIT_CASE(elf_x86_machine_sweep32_test),
	{}
};

static struct kunit_suite elf_x86_suite = {
	.name = "xlate_elf_x86",
	.test_cases = elf_x86_cases,
};

kunit_test_suites(&elf_x86_suite);
