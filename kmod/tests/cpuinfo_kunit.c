// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for kmod/lib/cpuinfo_render.c: the rendering of the x86
 * /proc/cpuinfo compared byte for byte with golden text in the layout of
 * show_cpuinfo() (arch/x86/kernel/cpu/proc.c, Linux 6.12, x86-64,
 * CONFIG_SMP), and snprintf-style truncation.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../lib/cpuinfo_profile.h"

#define GOLDEN_HEAD \
	"vendor_id\t: GenuineIntel\n" \
	"cpu family\t: 6\n" \
	"model\t\t: 26\n" \
	"model name\t: xlate virtual x86-64 CPU\n" \
	"stepping\t: 3\n" \
	"microcode\t: 0x1\n" \
	"cpu MHz\t\t: 2000.000\n" \
	"cache size\t: 8192 KB\n" \
	"physical id\t: 0\n"
#define GOLDEN_TAIL \
	"fpu\t\t: yes\n" \
	"fpu_exception\t: yes\n" \
	"cpuid level\t: 11\n" \
	"wp\t\t: yes\n" \
	"flags\t\t: fpu de pse tsc msr pae mce cx8 apic sep mtrr pge mca " \
	"cmov pat pse36 clflush mmx fxsr sse sse2 syscall nx lm pni ssse3 " \
	"cx16 sse4_1 sse4_2 popcnt hypervisor lahf_lm\n" \
	"bugs\t\t: spectre_v1 spectre_v2 spec_store_bypass swapgs\n" \
	"bogomips\t: 4000.00\n" \
	"clflush size\t: 64\n" \
	"cache_alignment\t: 64\n" \
	"address sizes\t: 40 bits physical, 48 bits virtual\n" \
	"power management:\n" \
	"\n"

static const char golden_1cpu[] =
	"processor\t: 0\n"
	GOLDEN_HEAD
	"siblings\t: 1\n"
	"core id\t\t: 0\n"
	"cpu cores\t: 1\n"
	"apicid\t\t: 0\n"
	"initial apicid\t: 0\n"
	GOLDEN_TAIL;

static const char golden_2cpu[] =
	"processor\t: 0\n"
	GOLDEN_HEAD
	"siblings\t: 2\n"
	"core id\t\t: 0\n"
	"cpu cores\t: 2\n"
	"apicid\t\t: 0\n"
	"initial apicid\t: 0\n"
	GOLDEN_TAIL
	"processor\t: 1\n"
	GOLDEN_HEAD
	"siblings\t: 2\n"
	"core id\t\t: 1\n"
	"cpu cores\t: 2\n"
	"apicid\t\t: 1\n"
	"initial apicid\t: 1\n"
	GOLDEN_TAIL;

/*
 * One block of 64; the %u are processor, siblings, core id, cpu cores,
 * apicid and initial apicid.
 */
static const char golden_64cpu_fmt[] =
	"processor\t: %u\n"
	GOLDEN_HEAD
	"siblings\t: %u\n"
	"core id\t\t: %u\n"
	"cpu cores\t: %u\n"
	"apicid\t\t: %u\n"
	"initial apicid\t: %u\n"
	GOLDEN_TAIL;

/* Every optional line left out, "unknown" names, unnamed bits hidden. */
static const char golden_sparse[] =
	"processor\t: 3\n"
	"vendor_id\t: unknown\n"
	"cpu family\t: 25\n"
	"model\t\t: 1\n"
	"model name\t: unknown\n"
	"stepping\t: 0\n"
	"physical id\t: 0\n"
	"siblings\t: 4\n"
	"core id\t\t: 3\n"
	"cpu cores\t: 4\n"
	"apicid\t\t: 3\n"
	"initial apicid\t: 3\n"
	"fpu\t\t: yes\n"
	"fpu_exception\t: yes\n"
	"cpuid level\t: 16\n"
	"wp\t\t: yes\n"
	"flags\t\t: fpu sse2 avx2 avx512_vp2intersect\n"
	"bugs\t\t:\n"
	"bogomips\t: 0.05\n"
	"clflush size\t: 8\n"
	"cache_alignment\t: 4096\n"
	"address sizes\t: 52 bits physical, 57 bits virtual\n"
	"power management:\n"
	"\n";

#define BIG_SIZE	(64 * 1024)

static struct xlate_cpu_topo topo(unsigned int cpu, unsigned int n)
{
	struct xlate_cpu_topo t = {
		.processor = cpu, .physical_id = 0, .siblings = n,
		.core_id = cpu, .cpu_cores = n, .apicid = cpu,
		.initial_apicid = cpu,
	};
	return t;
}

static size_t render_all(char *buf, size_t size,
			 const struct xlate_cpuinfo_profile *p, unsigned int n)
{
	size_t len = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < n; cpu++) {
		struct xlate_cpu_topo t = topo(cpu, n);

		len += xlate_cpuinfo_render(buf + len, size - len, p, &t);
	}
	return len;
}

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

static void cpuinfo_golden_1cpu_test(struct kunit *test)
{
	char *buf = kunit_kzalloc(test, BIG_SIZE, GFP_KERNEL);
	size_t len;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	len = render_all(buf, BIG_SIZE, &xlate_cpuinfo_default_profile, 1);
	expect_text(test, buf, len, golden_1cpu);
}

static void cpuinfo_golden_2cpu_test(struct kunit *test)
{
	char *buf = kunit_kzalloc(test, BIG_SIZE, GFP_KERNEL);
	size_t len;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	len = render_all(buf, BIG_SIZE, &xlate_cpuinfo_default_profile, 2);
	expect_text(test, buf, len, golden_2cpu);
}

static void cpuinfo_golden_64cpu_test(struct kunit *test)
{
	char *buf = kunit_kzalloc(test, BIG_SIZE, GFP_KERNEL);
	char *want = kunit_kzalloc(test, BIG_SIZE, GFP_KERNEL);
	size_t len, wlen = 0;
	unsigned int cpu;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, want);
	for (cpu = 0; cpu < 64; cpu++)
		wlen += scnprintf(want + wlen, BIG_SIZE - wlen,
				  golden_64cpu_fmt, cpu, 64, cpu, 64, cpu, cpu);
	KUNIT_ASSERT_LT(test, wlen, (size_t)BIG_SIZE - 1);
	len = render_all(buf, BIG_SIZE, &xlate_cpuinfo_default_profile, 64);
	expect_text(test, buf, len, want);
}

static void cpuinfo_golden_sparse_test(struct kunit *test)
{
	struct xlate_cpuinfo_profile *p;
	struct xlate_cpu_topo t = topo(3, 4);
	char *buf = kunit_kzalloc(test, BIG_SIZE, GFP_KERNEL);
	size_t len;

	p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p);
	p->family = 25;
	p->model = 1;
	p->cpuid_level = 16;
	p->cpu_khz = 3000000;	/* not shown: no tsc flag */
	p->bogomips_centi = 5;
	p->clflush_size = 8;
	p->cache_alignment = 4096;
	p->phys_bits = 52;
	p->virt_bits = 57;
	xlate_bit_set(p->flags, 0);		/* fpu */
	xlate_bit_set(p->flags, 26);		/* sse2 */
	xlate_bit_set(p->flags, 9 * 32 + 5);	/* avx2 */
	xlate_bit_set(p->flags, 18 * 32 + 8);	/* avx512_vp2intersect */
	xlate_bit_set(p->flags, 10);		/* has no name: not shown */
	len = xlate_cpuinfo_render(buf, BIG_SIZE, p, &t);
	expect_text(test, buf, len, golden_sparse);
}

/* Every size from 0 to past the end: snprintf semantics, no overrun. */
static void cpuinfo_truncation_test(struct kunit *test)
{
	struct xlate_cpu_topo t = topo(0, 1);
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
