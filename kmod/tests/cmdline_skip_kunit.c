// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for kmod/lib/cmdline_skip.c: where the program's argv
 * starts in its runtime's argv block.  Each case is copied to the very
 * end of a vmalloc'd page (the guard page after it faults on a read
 * beyond its length) and scanned in pieces of every size.  The cases
 * are in cmdline_skip_cases.h, shared with
 * tools/testing/unit/test_cmdline_skip.c.
 */
#include <kunit/test.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "cmdline_skip_cases.h"

static void cmdline_case_desc(const struct cmdline_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(cmdline_skip, cmdline_cases, cmdline_case_desc);

static void cmdline_skip_table_test(struct kunit *test)
{
	const struct cmdline_case *c = test->param_value;
	size_t len = strlen(c->block), chunk;
	char *page = vmalloc(PAGE_SIZE), *block;

	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_ASSERT_LE(test, len, (size_t)PAGE_SIZE);
	block = page + PAGE_SIZE - len;
	cmdline_case_fill(c, block);
	for (chunk = 1; chunk <= len + 1; chunk++)
		KUNIT_EXPECT_EQ_MSG(test, cmdline_case_run(c, block, len, chunk),
				    c->want, "chunk %zu", chunk);
	vfree(page);
}

static struct kunit_case cmdline_skip_test_cases[] = {
	KUNIT_CASE_PARAM(cmdline_skip_table_test, cmdline_skip_gen_params),
	{}
};

static struct kunit_suite cmdline_skip_suite = {
	.name = "xlate_cmdline_skip",
	.test_cases = cmdline_skip_test_cases,
};

kunit_test_suites(&cmdline_skip_suite);
