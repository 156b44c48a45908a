// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for kmod/lib/cpuinfo_render.c: the rendering of the x86
 * /proc/cpuinfo compared byte for byte with golden text in the layout of
 * show_cpuinfo() (arch/x86/kernel/cpu/proc.c, Linux 6.12, x86-64,
 * CONFIG_SMP), and snprintf-style truncation.  The golden text is in
 * cpuinfo_cases.h, shared with tools/testing/unit/test_cpuinfo.c.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "cpuinfo_cases.h"

#define BIG_SIZE	(64 * 1024)

static void expect_text(struct kunit *test, const char *got, size_t gotlen,
			const char *want)
{
	size_t i;

	if (gotlen == strlen(want) && !strcmp(got, want))
		return;
	for (i = 0; got[i] && got[i] == want[i]; i++)
		;
	KUNIT_FAIL(test, "differs at byte %zu (len %zu, want %zu): \"%.20s\"",
		   i, gotlen, strlen(want), got + i);
}

/* The default profile rendered for @n CPUs is @want. */
static void expect_golden(struct kunit *test, unsigned int n,
			  const char *want)
{
	char *buf = kunit_kzalloc(test, BIG_SIZE, GFP_KERNEL);
	size_t len;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	len = golden_render_all(buf, BIG_SIZE, &xlate_cpuinfo_default_profile,
				n);
	expect_text(test, buf, len, want);
}

static void cpuinfo_golden_1cpu_test(struct kunit *test)
{
	expect_golden(test, 1, golden_1cpu);
}

static void cpuinfo_golden_2cpu_test(struct kunit *test)
{
	expect_golden(test, 2, golden_2cpu);
}

static void cpuinfo_golden_64cpu_test(struct kunit *test)
{
	char *want = kunit_kzalloc(test, BIG_SIZE, GFP_KERNEL);
	size_t wlen = 0;
	unsigned int cpu;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, want);
	for (cpu = 0; cpu < GOLDEN_64CPU_N; cpu++)
		wlen += scnprintf(want + wlen, BIG_SIZE - wlen,
				  golden_64cpu_fmt, cpu, GOLDEN_64CPU_N, cpu,
				  GOLDEN_64CPU_N, cpu, cpu);
	KUNIT_ASSERT_LT(test, wlen, (size_t)BIG_SIZE - 1);
	expect_golden(test, GOLDEN_64CPU_N, want);
}

static void cpuinfo_golden_sparse_test(struct kunit *test)
{
	struct xlate_cpuinfo_profile *p;
	struct xlate_cpu_topo t = golden_topo(3, 4);
	char *buf = kunit_kzalloc(test, BIG_SIZE, GFP_KERNEL);
	size_t len;

	p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p);
	golden_sparse_profile(p);
	len = xlate_cpuinfo_render(buf, BIG_SIZE, p, &t);
	expect_text(test, buf, len, golden_sparse);
}

/* Every size from 0 to past the end: snprintf semantics, no overrun. */
static void cpuinfo_truncation_test(struct kunit *test)
{
	struct xlate_cpu_topo t = golden_topo(0, 1);
	size_t full = strlen(golden_1cpu), size, ret, want;
	char *buf = kunit_kzalloc(test, full + 16, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	for (size = 0; size <= full + 2; size++) {
		memset(buf, 'X', full + 16);
		ret = xlate_cpuinfo_render(size ? buf : NULL, size,
					   &xlate_cpuinfo_default_profile, &t);
		KUNIT_ASSERT_EQ_MSG(test, ret, full, "size %zu", size);
		if (!size)
			continue;
		want = min(size - 1, full);
		KUNIT_ASSERT_EQ_MSG(test, buf[want], '\0', "size %zu", size);
		KUNIT_ASSERT_EQ_MSG(test, memcmp(buf, golden_1cpu, want), 0,
				    "size %zu", size);
		KUNIT_ASSERT_EQ_MSG(test, buf[size], 'X', "size %zu", size);
	}
}

static struct kunit_case cpuinfo_render_cases[] = {
	KUNIT_CASE(cpuinfo_golden_1cpu_test),
	KUNIT_CASE(cpuinfo_golden_2cpu_test),
	KUNIT_CASE(cpuinfo_golden_64cpu_test),
	KUNIT_CASE(cpuinfo_golden_sparse_test),
	KUNIT_CASE(cpuinfo_truncation_test),
	{}
};

static struct kunit_suite cpuinfo_render_suite = {
	.name = "xlate_cpuinfo_render",
	.test_cases = cpuinfo_render_cases,
};

kunit_test_suites(&cpuinfo_render_suite);
