// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of kmod/lib/cpuinfo_render.c: byte-for-byte golden
 * comparison with x86-64's show_cpuinfo() layout, and truncation.
 * Uses unit.h: each check is one case, unit/host/cpuinfo/<test>/<case>.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../../kmod/lib/cpuinfo_profile.h"

/* One case per check, named "<test>/<name>". */
static void result(const char *name, int ok, const char *why)
{
	unit_case("%s", name);
	CHECK(ok, "%s", why ? why : "");
}

/* show_cpuinfo() of Linux 6.12, x86-64, CONFIG_SMP, default profile. */
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

/* One block of 64; the %u are processor, siblings, core id, cpu cores,
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

/* A profile that exercises every optional line being left out. */
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

static struct xlate_cpu_topo topo(unsigned int cpu, unsigned int n)
{
	struct xlate_cpu_topo t = {
		.processor = cpu, .physical_id = 0, .siblings = n,
		.core_id = cpu, .cpu_cores = n, .apicid = cpu,
		.initial_apicid = cpu,
	};
	return t;
}

static char big[1 << 17];

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

static void check_text(const char *name, const char *got, size_t gotlen,
		       const char *want)
{
	char why[256];
	size_t i;

	if (gotlen == strlen(want) && !strcmp(got, want)) {
		result(name, 1, NULL);
		return;
	}
	for (i = 0; got[i] && got[i] == want[i]; i++)
		;
	snprintf(why, sizeof(why),
		 "differs at byte %zu (len %zu, want %zu): got \"%.20s\"",
		 i, gotlen, strlen(want), got + i);
	result(name, 0, why);
}

UNIT_TEST(golden)
{
	const struct xlate_cpuinfo_profile *p = &xlate_cpuinfo_default_profile;
	struct xlate_cpuinfo_profile sp;
	struct xlate_cpu_topo t;
	static char want[1 << 17];
	size_t len, wlen = 0;
	unsigned int cpu;

	len = render_all(big, sizeof(big), p, 1);
	check_text("1cpu", big, len, golden_1cpu);
	len = render_all(big, sizeof(big), p, 2);
	check_text("2cpu", big, len, golden_2cpu);
	for (cpu = 0; cpu < 64; cpu++)
		wlen += snprintf(want + wlen, sizeof(want) - wlen,
				 golden_64cpu_fmt, cpu, 64, cpu, 64, cpu, cpu);
	len = render_all(big, sizeof(big), p, 64);
	check_text("64cpu", big, len, want);

	memset(&sp, 0, sizeof(sp));
	sp.family = 25;
	sp.model = 1;
	sp.cpuid_level = 16;
	sp.microcode = 0;
	sp.cpu_khz = 3000000;	/* hidden: no tsc flag */
	sp.bogomips_centi = 5;
	sp.clflush_size = 8;
	sp.cache_alignment = 4096;
	sp.phys_bits = 52;
	sp.virt_bits = 57;
	xlate_bit_set(sp.flags, 0);		/* fpu */
	xlate_bit_set(sp.flags, 26);		/* sse2 */
	xlate_bit_set(sp.flags, 9 * 32 + 5);	/* avx2 */
	xlate_bit_set(sp.flags, 18 * 32 + 8);	/* avx512_vp2intersect */
	xlate_bit_set(sp.flags, 10);		/* no name: not shown */
	t = topo(3, 4);
	len = xlate_cpuinfo_render(big, sizeof(big), &sp, &t);
	check_text("sparse", big, len, golden_sparse);
}

UNIT_TEST(truncation)
{
	const struct xlate_cpuinfo_profile *p = &xlate_cpuinfo_default_profile;
	struct xlate_cpu_topo t = topo(0, 1);
	size_t full = strlen(golden_1cpu), size, ret, want;
	char buf[2048];
	int ok = 1;
	char why[160] = "";

	for (size = 0; size <= full + 2 && ok; size++) {
		memset(buf, 'X', sizeof(buf));
		ret = xlate_cpuinfo_render(size ? buf : NULL, size, p, &t);
		want = size ? (size - 1 < full ? size - 1 : full) : 0;
		if (ret != full) {
			snprintf(why, sizeof(why), "size %zu returned %zu",
				 size, ret);
			ok = 0;
		} else if (size && (buf[want] != '\0' ||
				    memcmp(buf, golden_1cpu, want))) {
			snprintf(why, sizeof(why), "size %zu: bad prefix",
				 size);
			ok = 0;
		} else if (buf[size] != 'X' && size < sizeof(buf)) {
			snprintf(why, sizeof(why), "size %zu: wrote past end",
				 size);
			ok = 0;
		}
	}
	CHECK(ok, "%s", why);
}
