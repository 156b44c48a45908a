// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for kmod/lib/binfmt_line.c: which binfmt_misc registration
 * lines does /sys/kernel/xlate/config take, what does it make of them,
 * which headers does a line match, which files does the exec path hand
 * over with the line of each runtime xlate knows, and does what the
 * file shows parse back to the same configuration?
 *
 * Every line is copied to the very end of a vmalloc'd page, so the
 * guard page after it faults if the parser reads past its end.  The
 * case table is in binfmt_line_cases.h, shared with the host tests
 * (tools/testing/unit/test_binfmt_line.c, test_binfmt_ref.c).
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "binfmt_line_cases.h"
#include "../lib/runtime_lines.h"

static void binfmt_case_desc(const struct binfmt_line_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(binfmt_line, binfmt_line_cases, binfmt_case_desc);

/* @c's line at the end of a fresh vmalloc'd page; vfree() the page after. */
static char *at_page_end(struct kunit *test, const struct binfmt_line_case *c,
			 void **page)
{
	size_t len = binfmt_case_len(c);

	KUNIT_ASSERT_LE(test, len, (size_t)PAGE_SIZE);
	*page = vmalloc(PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, *page);
	return memcpy((char *)*page + PAGE_SIZE - len, c->line, len);
}

static struct xlate_binfmt_line *new_line(struct kunit *test)
{
	struct xlate_binfmt_line *l = kunit_kmalloc(test, sizeof(*l),
						     GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, l);
	return l;
}

static void binfmt_line_table_test(struct kunit *test)
{
	const struct binfmt_line_case *c = test->param_value;
	struct xlate_binfmt_line *l = new_line(test);
	const char *why = NULL;
	void *page;
	char *line = at_page_end(test, c, &page);
	int ret;

	ret = xlate_binfmt_parse(l, line, binfmt_case_len(c), &why);
	vfree(page);
	KUNIT_EXPECT_EQ(test, ret, c->ret);
	if (ret) {
		KUNIT_EXPECT_NOT_NULL(test, why);
		return;
	}
	why = NULL;
	KUNIT_EXPECT_EQ_MSG(test, xlate_binfmt_line_abi(l, &why),
			    c->abi ? c->abi : -EINVAL, "why: %s",
			    why ? why : "-");
	if (!c->want_name)
		return;
	KUNIT_EXPECT_STREQ(test, l->name, c->want_name);
	KUNIT_EXPECT_STREQ(test, l->interpreter, c->want_interpreter);
	KUNIT_EXPECT_EQ(test, l->interpreter_len, strlen(c->want_interpreter));
	KUNIT_EXPECT_EQ(test, l->preserve_argv0, c->p);
	KUNIT_EXPECT_EQ(test, l->open_binary, c->o);
	KUNIT_EXPECT_EQ(test, l->credentials, c->c);
	KUNIT_EXPECT_EQ(test, l->fix_binary, c->f);
}

/*
 * What config_show() writes for a line xlate takes parses back to the
 * same magic, mask, interpreter and modes, with F.
 */
static void binfmt_line_round_trip_test(struct kunit *test)
{
	struct xlate_binfmt_line *a = new_line(test), *b = new_line(test);
	char *buf = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	const char *why = NULL;
	size_t i, n = 0;
	int len;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < ARRAY_SIZE(binfmt_line_cases); i++) {
		const struct binfmt_line_case *c = &binfmt_line_cases[i];

		if (c->ret || !c->abi)
			continue;
		KUNIT_ASSERT_EQ_MSG(test, xlate_binfmt_parse(a, c->line,
							     binfmt_case_len(c),
							     &why),
				    0, "%s: %s", c->name, why);
		len = xlate_binfmt_format(buf, PAGE_SIZE, a->name, &a->m,
					  a->interpreter, a->preserve_argv0,
					  a->open_binary, a->credentials);
		KUNIT_ASSERT_LT(test, len, (int)PAGE_SIZE);
		KUNIT_EXPECT_EQ(test, (size_t)len, strlen(buf));
		KUNIT_EXPECT_EQ(test, buf[len - 1], '\n');
		if (len > XLATE_BINFMT_REGISTER_MAX)
			continue;
		KUNIT_ASSERT_EQ_MSG(test, xlate_binfmt_parse(b, buf, len, &why),
				    0, "%s: %s", c->name, why);
		KUNIT_EXPECT_STREQ(test, b->name, a->name);
		KUNIT_EXPECT_STREQ(test, b->interpreter, a->interpreter);
		KUNIT_EXPECT_EQ(test, b->m.offset, a->m.offset);
		KUNIT_EXPECT_EQ(test, b->m.size, a->m.size);
		KUNIT_EXPECT_EQ(test, memcmp(b->m.magic, a->m.magic, a->m.size), 0);
		KUNIT_EXPECT_EQ(test, memcmp(b->m.mask, a->m.mask, a->m.size), 0);
		KUNIT_EXPECT_EQ(test, b->preserve_argv0, a->preserve_argv0);
		KUNIT_EXPECT_EQ(test, b->open_binary, a->open_binary);
		KUNIT_EXPECT_EQ(test, b->credentials, a->credentials);
		KUNIT_EXPECT_TRUE(test, b->fix_binary);
		KUNIT_EXPECT_EQ(test, xlate_binfmt_line_abi(b, &why), c->abi);
		n++;
	}
	KUNIT_EXPECT_GE(test, n, (size_t)30);
}

/* A line cut short by a small buffer is a NUL-terminated prefix. */
static void binfmt_line_truncated_test(struct kunit *test)
{
	static const char qemu[] = ":q" QEMU_MID "/q:";
	static const char name[] = "qemu-x86_64", path[] = "/usr/bin/q:x";
	struct xlate_binfmt_line *q = new_line(test);
	char *full = kunit_kmalloc(test, 512, GFP_KERNEL);
	char *buf = kunit_kmalloc(test, 512, GFP_KERNEL);
	const char *why;
	int len, got;
	size_t size;

	KUNIT_ASSERT_NOT_NULL(test, full);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, xlate_binfmt_parse(q, qemu, strlen(qemu), &why),
			0);
	len = xlate_binfmt_format(full, 512, name, &q->m, path, true, false,
				  true);
	KUNIT_ASSERT_LT(test, len, 500);
	for (size = 1; size <= (size_t)len + 1; size++) {
		memset(buf, 'Z', 512);
		got = xlate_binfmt_format(buf, size, name, &q->m, path, true,
					  false, true);
		KUNIT_EXPECT_EQ(test, got, len);
		KUNIT_EXPECT_LT(test, strnlen(buf, 512), size);
		KUNIT_EXPECT_EQ_MSG(test, strncmp(buf, full, strlen(buf)), 0,
				    "size %zu", size);
		KUNIT_EXPECT_EQ(test, buf[size], 'Z');
	}
}

/*
 * Of every e_machine value, only EM_X86_64 with ELFCLASS64 and EM_386
 * with ELFCLASS32 can be matched by a line xlate takes.
 */
static void binfmt_line_machine_sweep_test(struct kunit *test)
{
	unsigned char *h = kunit_kzalloc(test, XLATE_BINFMT_BUF_SIZE,
					 GFP_KERNEL);
	unsigned int m, class, found;

	KUNIT_ASSERT_NOT_NULL(test, h);
	memcpy(h, "\177ELF", 4);
	for (class = 0; class < 4; class++) {
		h[4] = class;
		found = 0;
		for (m = 0; m <= 0xffff; m++) {
			h[18] = m & 0xff;
			h[19] = m >> 8;
			if (xlate_binfmt_header_abi(h) == XLATE_ELF_OTHER)
				continue;
			found++;
			KUNIT_EXPECT_EQ(test, m, class == 2 ? XLATE_EM_X86_64 :
					XLATE_EM_386);
		}
		KUNIT_EXPECT_EQ(test, found, class == 1 || class == 2 ? 1U : 0U);
	}
}

/* A line matches by its mask: qemu's takes e_type 2 and 3 only. */
static void binfmt_line_match_test(struct kunit *test)
{
	static const char qemu[] = ":q" QEMU_MID "/q:";
	struct xlate_binfmt_line *q = new_line(test);
	unsigned char *h = kunit_kzalloc(test, XLATE_BINFMT_BUF_SIZE,
					 GFP_KERNEL);
	unsigned int type, matched = 0;
	const char *why;

	KUNIT_ASSERT_NOT_NULL(test, h);
	KUNIT_ASSERT_EQ(test, xlate_binfmt_parse(q, qemu, strlen(qemu), &why),
			0);
	memcpy(h, "\177ELF\2\1\1", 7);
	h[18] = 62;
	for (type = 0; type < 256; type++) {
		h[16] = type;
		if (xlate_binfmt_match(&q->m, h)) {
			matched++;
			KUNIT_EXPECT_TRUE(test, type == 2 || type == 3);
		}
	}
	KUNIT_EXPECT_EQ(test, matched, 2U);
	h[16] = 2;
	h[7] = 3;	/* EI_OSABI 3 (Linux): taken */
	KUNIT_EXPECT_TRUE(test, xlate_binfmt_match(&q->m, h));
	h[7] = 9;	/* FreeBSD: not */
	KUNIT_EXPECT_FALSE(test, xlate_binfmt_match(&q->m, h));
}

/*
 * The exec decision with each built-in line (runtime_lines.h): every
 * byte of the first 64 of the line's own header, set to each value, is
 * handed over exactly when the line matches (binfmt_misc's
 * check_file()); nothing else in the header decides.
 */
static void binfmt_line_takes_test(struct kunit *test)
{
	static const char *const lines[] = {
		XLATE_LINE_QEMU_X86_64, XLATE_LINE_QEMU_I386, XLATE_LINE_BOX64,
		XLATE_LINE_BOX86, XLATE_LINE_FEX_X86_64, XLATE_LINE_FEX_X86,
		XLATE_LINE_ROSETTA,
	};
	struct xlate_binfmt_line *l = new_line(test);
	unsigned char *h = kunit_kzalloc(test, XLATE_BINFMT_BUF_SIZE,
					 GFP_KERNEL);
	unsigned int i, at, v, taken;
	enum xlate_elf_abi abi;
	const char *why;

	KUNIT_ASSERT_NOT_NULL(test, h);
	for (i = 0; i < ARRAY_SIZE(lines); i++) {
		KUNIT_ASSERT_EQ_MSG(test, xlate_binfmt_parse_x86(l, lines[i],
								 strlen(lines[i]),
								 &why), 0,
				    "%s: %s", lines[i], why);
		abi = l->i386 ? XLATE_ELF_I386 : XLATE_ELF_X86_64;
		taken = 0;
		for (at = 0; at < 64; at++) {
			for (v = 0; v < 256; v++) {
				memset(h, 0, XLATE_BINFMT_BUF_SIZE);
				memcpy(h + l->m.offset, l->m.magic, l->m.size);
				h[at] = v;
				taken += xlate_binfmt_takes(&l->m, abi, h);
				KUNIT_EXPECT_EQ_MSG(test,
						    xlate_binfmt_takes(&l->m,
								       abi, h),
						    xlate_binfmt_match(&l->m, h),
						    "%s byte %u = %u", l->name,
						    at, v);
			}
		}
		/* bytes 20-63 never decide, and the magic's own byte does */
		KUNIT_EXPECT_GT(test, taken, 44U * 256);
		KUNIT_EXPECT_LT(test, taken, 64U * 256);
	}
	/* qemu's line: EI_OSABI 9 (FreeBSD) is not taken, EI_DATA 0 is */
	KUNIT_ASSERT_EQ(test, xlate_binfmt_parse_x86(l, XLATE_LINE_QEMU_X86_64,
						     strlen(XLATE_LINE_QEMU_X86_64),
						     &why), 0);
	memset(h, 0, XLATE_BINFMT_BUF_SIZE);
	memcpy(h, l->m.magic, l->m.size);
	h[7] = 9;
	KUNIT_EXPECT_FALSE(test, xlate_binfmt_takes(&l->m, XLATE_ELF_X86_64, h));
	h[7] = 0;
	h[5] = 0;
	KUNIT_EXPECT_TRUE(test, xlate_binfmt_takes(&l->m, XLATE_ELF_X86_64, h));
	h[5] = 1;
	h[6] = 0;
	KUNIT_EXPECT_TRUE(test, xlate_binfmt_takes(&l->m, XLATE_ELF_X86_64, h));
}

static struct kunit_case binfmt_line_test_cases[] = {
	KUNIT_CASE_PARAM(binfmt_line_table_test, binfmt_line_gen_params),
	KUNIT_CASE(binfmt_line_round_trip_test),
	KUNIT_CASE(binfmt_line_truncated_test),
	KUNIT_CASE(binfmt_line_machine_sweep_test),
	KUNIT_CASE(binfmt_line_match_test),
	KUNIT_CASE(binfmt_line_takes_test),
	{}
};

static struct kunit_suite binfmt_line_suite = {
	.name = "xlate_binfmt_line",
	.test_cases = binfmt_line_test_cases,
};

kunit_test_suites(&binfmt_line_suite);
