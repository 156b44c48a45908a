/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Golden /proc/cpuinfo text for kmod/lib/cpuinfo_render.c, shared by the
 * KUnit suite (kmod/tests/cpuinfo_kunit.c) and the host unit test
 * (tools/testing/unit/test_cpuinfo.c).  The layout is that of
 * show_cpuinfo() (arch/x86/kernel/cpu/proc.c, Linux 6.12, x86-64,
 * CONFIG_SMP) for the default profile.  Only kmod/lib/pure.h types and
 * functions are used, so both environments compile it.
 */
#ifndef XLATE_TESTS_CPUINFO_CASES_H
#define XLATE_TESTS_CPUINFO_CASES_H

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

/* Number of blocks rendered by the golden_64cpu_fmt tests. */
#define GOLDEN_64CPU_N	64U

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

/*
 * Rendered from sparse_profile() for CPU 3 of 4: every optional line
 * left out, "unknown" names, unnamed bits hidden.
 */
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

/* CPU @cpu of @n, one core per CPU, all in package 0. */
static inline struct xlate_cpu_topo golden_topo(unsigned int cpu,
						unsigned int n)
{
	struct xlate_cpu_topo t = {
		.processor = cpu, .physical_id = 0, .siblings = n,
		.core_id = cpu, .cpu_cores = n, .apicid = cpu,
		.initial_apicid = cpu,
	};
	return t;
}

/* The profile golden_sparse is rendered from (CPU 3 of 4). */
static inline void golden_sparse_profile(struct xlate_cpuinfo_profile *p)
{
	memset(p, 0, sizeof(*p));
	p->family = 25;
	p->model = 1;
	p->cpuid_level = 16;
	p->microcode = 0;
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
}

/* All @n blocks of @p into @buf; the length the whole would need. */
static inline size_t golden_render_all(char *buf, size_t size,
				       const struct xlate_cpuinfo_profile *p,
				       unsigned int n)
{
	size_t len = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < n; cpu++) {
		struct xlate_cpu_topo t = golden_topo(cpu, n);

		len += xlate_cpuinfo_render(buf + len, size - len, p, &t);
	}
	return len;
}

#endif /* XLATE_TESTS_CPUINFO_CASES_H */
