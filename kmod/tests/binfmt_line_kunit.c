// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for kmod/lib/binfmt_line.c: which binfmt_misc registration
 * lines does /sys/kernel/xlate/config take, what does it make of them,
 * and does what it shows parse back to the same configuration?
 *
 * Every line is copied to the very end of a vmalloc'd page, so the
 * guard page after it faults if the parser reads past its NUL.  The
 * case table is in binfmt_line_cases.h, shared with
 * tools/testing/unit/test_binfmt_line.c.
 */
#include <kunit/test.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "binfmt_line_cases.h"

static void binfmt_case_desc(const struct binfmt_line_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(binfmt_line, binfmt_line_cases, binfmt_case_desc);

/* @line at the end of a fresh vmalloc'd page; vfree() the page after. */
static char *at_page_end(struct kunit *test, const char *line, void **page)
{
	size_t len = strlen(line) + 1;

	KUNIT_ASSERT_LE(test, len, (size_t)PAGE_SIZE);
	*page = vmalloc(PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, *page);
	return memcpy((char *)*page + PAGE_SIZE - len, line, len);
}

static void binfmt_line_table_test(struct kunit *test)
{
	const struct binfmt_line_case *c = test->param_value;
	struct xlate_binfmt_line out;
	const char *why = NULL;
	void *page;
	char *line = at_page_end(test, c->line, &page);
	int ret;

	ret = xlate_binfmt_line_parse(line, &out, &why);
	KUNIT_EXPECT_EQ(test, ret, c->want_ret);
	if (c->want_ret) {
		KUNIT_EXPECT_NOT_NULL(test, why);
		if (why)
			KUNIT_EXPECT_EQ_MSG(test, strncmp(why, c->want_why,
							  strlen(c->want_why)),
					    0, "why: %s", why);
		vfree(page);
		return;
	}
	KUNIT_EXPECT_STREQ(test, out.name, c->want_name);
	KUNIT_EXPECT_STREQ(test, out.interpreter, c->want_interpreter);
	KUNIT_EXPECT_EQ(test, out.interpreter_len, strlen(c->want_interpreter));
	KUNIT_EXPECT_EQ(test, out.preserve_argv0, c->p);
	KUNIT_EXPECT_EQ(test, out.open_binary, c->o);
	KUNIT_EXPECT_EQ(test, out.credentials, c->c);
	KUNIT_EXPECT_EQ(test, out.fix_binary, c->f);
	vfree(page);
}

/*
 * What config_show() writes for an accepted line parses back to the same
 * name, interpreter and modes, with F.
 */
static void binfmt_line_round_trip_test(struct kunit *test)
{
	char *buf = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	const struct binfmt_line_case *c;
	struct xlate_binfmt_line a, b;
	const char *why;
	size_t i, n = 0;
	int len;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < ARRAY_SIZE(binfmt_line_cases); i++) {
		void *page;
		char *line;

		c = &binfmt_line_cases[i];
		if (c->want_ret)
			continue;
		line = at_page_end(test, c->line, &page);
		len = 0;
		if (!xlate_binfmt_line_parse(line, &a, &why))
			len = xlate_binfmt_line_format(buf, PAGE_SIZE, a.name,
						       a.interpreter,
						       a.preserve_argv0,
						       a.open_binary,
						       a.credentials);
		vfree(page);
		KUNIT_ASSERT_GT_MSG(test, len, 0, "%s does not parse", c->name);
		KUNIT_ASSERT_LT(test, len, (int)PAGE_SIZE);
		KUNIT_EXPECT_EQ(test, (size_t)len, strlen(buf));
		KUNIT_EXPECT_EQ(test, buf[len - 1], '\n');
		KUNIT_ASSERT_EQ_MSG(test, xlate_binfmt_line_parse(buf, &b, &why),
				    0, "%s: %s", c->name, why);
		KUNIT_EXPECT_STREQ(test, b.name, c->want_name);
		KUNIT_EXPECT_STREQ(test, b.interpreter, c->want_interpreter);
		KUNIT_EXPECT_EQ(test, b.preserve_argv0, c->p);
		KUNIT_EXPECT_EQ(test, b.open_binary, c->o);
		KUNIT_EXPECT_EQ(test, b.credentials, c->c);
		KUNIT_EXPECT_TRUE(test, b.fix_binary);
		n++;
	}
	KUNIT_EXPECT_GE(test, n, (size_t)10);
	KUNIT_EXPECT_GE(test, ARRAY_SIZE(binfmt_line_cases), (size_t)25);
}

/* A line cut short by a small buffer is a NUL-terminated prefix. */
static void binfmt_line_truncated_test(struct kunit *test)
{
	static const char name[] = "qemu-x86_64", path[] = "/usr/bin/q:x";
	char *full = kunit_kmalloc(test, 512, GFP_KERNEL);
	char *buf = kunit_kmalloc(test, 512, GFP_KERNEL);
	int len, got;
	size_t size;

	KUNIT_ASSERT_NOT_NULL(test, full);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	len = xlate_binfmt_line_format(full, 512, name, path, true, false, true);
	KUNIT_ASSERT_LT(test, len, 256);
	for (size = 1; size <= (size_t)len + 1; size++) {
		memset(buf, 'Z', 512);
		got = xlate_binfmt_line_format(buf, size, name, path, true,
					       false, true);
		KUNIT_EXPECT_EQ(test, got, len);
		KUNIT_EXPECT_LT(test, strnlen(buf, 512), size);
		KUNIT_EXPECT_EQ_MSG(test, strncmp(buf, full, strlen(buf)), 0,
				    "size %zu", size);
		KUNIT_EXPECT_EQ(test, buf[size], 'Z');
	}
}

static struct kunit_case binfmt_line_test_cases[] = {
	KUNIT_CASE_PARAM(binfmt_line_table_test, binfmt_line_gen_params),
	KUNIT_CASE(binfmt_line_round_trip_test),
	KUNIT_CASE(binfmt_line_truncated_test),
	{}
};

static struct kunit_suite binfmt_line_suite = {
	.name = "xlate_binfmt_line",
	.test_cases = binfmt_line_test_cases,
};

kunit_test_suites(&binfmt_line_suite);
