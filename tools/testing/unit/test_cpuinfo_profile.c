// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of kmod/lib/cpuinfo_profile.c: per-field validation as
 * sysfs sees it, and that a rejected write leaves the profile untouched.
 * Uses unit.h: each check is one case, unit/host/cpuinfo_profile/<test>/<case>.
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

struct set_case {
	const char *field;
	const char *value;
	int err;
	const char *shown;	/* expected show() after success */
};

static const struct set_case cases[] = {
	{ "vendor_id", "AuthenticAMD\n", 0, "AuthenticAMD\n" },
	{ "vendor_id", "", 0, "\n" },
	{ "vendor_id", "GenuineIntel1", -E2BIG, NULL },
	{ "vendor_id", "Genuine\nIntel", -EINVAL, NULL },
	{ "vendor_id", "GenuineIntel\n\n", -EINVAL, NULL },
	{ "vendor_id", "Genuine\tIntel", -EINVAL, NULL },
	{ "vendor_id", "Genuine\rIntel", -EINVAL, NULL },
	{ "vendor_id", "Genu\x7fine", -EINVAL, NULL },
	{ "vendor_id", "Genu\xc3\xa9", -EINVAL, NULL },
	{ "model_name", "Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz\n", 0,
	  "Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz\n" },
	{ "model_name", "123456789012345678901234567890123456789012345678",
	  0, "123456789012345678901234567890123456789012345678\n" },
	{ "model_name", "1234567890123456789012345678901234567890123456789",
	  -E2BIG, NULL },
	{ "cpu_family", "25\n", 0, "25\n" },
	{ "cpu_family", "255", 0, "255\n" },
	{ "cpu_family", "256", -EINVAL, NULL },
	{ "cpu_family", "-1", -EINVAL, NULL },
	{ "cpu_family", "+1", -EINVAL, NULL },
	{ "cpu_family", " 1", -EINVAL, NULL },
	{ "cpu_family", "1 ", -EINVAL, NULL },
	{ "cpu_family", "0x6", -EINVAL, NULL },
	{ "cpu_family", "", -EINVAL, NULL },
	{ "cpu_family", "\n", -EINVAL, NULL },
	{ "cpu_family", "99999999999999999999", -EINVAL, NULL },
	{ "model", "0", 0, "0\n" },
	{ "model", "007", 0, "7\n" },
	{ "stepping", "15", 0, "15\n" },
	{ "stepping", "16", -EINVAL, NULL },
	{ "microcode", "0xb000040\n", 0, "0xb000040\n" },
	{ "microcode", "0XFFFFFFFF", 0, "0xffffffff\n" },
	{ "microcode", "10", 0, "0xa\n" },
	{ "microcode", "0x100000000", -EINVAL, NULL },
	{ "microcode", "0x", -EINVAL, NULL },
	{ "microcode", "0xg", -EINVAL, NULL },
	{ "cpu_mhz", "2400", 0, "2400.000\n" },
	{ "cpu_mhz", "2400.5", 0, "2400.500\n" },
	{ "cpu_mhz", "3696.012\n", 0, "3696.012\n" },
	{ "cpu_mhz", "1000000.999", 0, "1000000.999\n" },
	{ "cpu_mhz", "1000001", -EINVAL, NULL },
	{ "cpu_mhz", "2400.1234", -EINVAL, NULL },
	{ "cpu_mhz", "2400.", -EINVAL, NULL },
	{ "cpu_mhz", ".5", -EINVAL, NULL },
	{ "cpu_mhz", "1.2.3", -EINVAL, NULL },
	{ "cache_size", "32768", 0, "32768\n" },
	{ "cache_size", "2147483648", -EINVAL, NULL },
	{ "cpuid_level", "22", 0, "22\n" },
	{ "bogomips", "4800.01", 0, "4800.01\n" },
	{ "bogomips", "4800.1", 0, "4800.10\n" },
	{ "bogomips", "4800.123", -EINVAL, NULL },
	{ "bogomips", "10000001", -EINVAL, NULL },
	{ "clflush_size", "64", 0, "64\n" },
	{ "clflush_size", "2040", 0, "2040\n" },
	{ "clflush_size", "0", -EINVAL, NULL },
	{ "clflush_size", "12", -EINVAL, NULL },
	{ "clflush_size", "2048", -EINVAL, NULL },
	{ "cache_alignment", "128", 0, "128\n" },
	{ "cache_alignment", "4104", -EINVAL, NULL },
	{ "phys_bits", "52", 0, "52\n" },
	{ "phys_bits", "53", -EINVAL, NULL },
	{ "phys_bits", "31", -EINVAL, NULL },
	{ "virt_bits", "57", 0, "57\n" },
	{ "virt_bits", "58", -EINVAL, NULL },
	{ "flags", "sse2 fpu\n", 0, "fpu sse2\n" },
	{ "flags", "  fpu   sse2  ", 0, "fpu sse2\n" },
	{ "flags", "", 0, "\n" },
	{ "flags", "avx512_vp2intersect pni", 0, "pni avx512_vp2intersect\n" },
	{ "flags", "fpu fpu", -EINVAL, NULL },
	{ "flags", "fpu sse9", -EINVAL, NULL },
	{ "flags", "FPU", -EINVAL, NULL },
	{ "flags", "fpu\tsse", -EINVAL, NULL },
	{ "flags", "fpu\nsse", -EINVAL, NULL },
	{ "flags", "spectre_v1", -EINVAL, NULL },
	{ "flags", "sse4_2 sse4_", -EINVAL, NULL },
	{ "bugs", "spectre_v2 spectre_v1\n", 0, "spectre_v1 spectre_v2\n" },
	{ "bugs", "vmscape", 0, "vmscape\n" },
	{ "bugs", "fpu", -EINVAL, NULL },
	{ "bugs", "mds mds", -EINVAL, NULL },
	{ "nosuchfield", "1", -ENOENT, NULL },
	{ "", "1", -ENOENT, NULL },
	{ "flags\n", "fpu", -ENOENT, NULL },
	{ NULL, "1", -ENOENT, NULL },
};

UNIT_TEST(set)
{
	unsigned int i;
	char name[96], why[256], buf[XLATE_PROFILE_SHOW_MAX];

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct set_case *c = &cases[i];
		struct xlate_cpuinfo_profile p = xlate_cpuinfo_default_profile;
		struct xlate_cpuinfo_profile before = p;
		int err = xlate_profile_set(&p, c->field, c->value);
		int ok = err == c->err;

		snprintf(name, sizeof(name), "%02u-%s", i,
			 c->field ? c->field : "null");
		snprintf(why, sizeof(why), "value \"%.40s\": got %d want %d",
			 c->value, err, c->err);
		if (ok && err && memcmp(&p, &before, sizeof(p))) {
			ok = 0;
			snprintf(why, sizeof(why), "rejected but changed");
		}
		if (ok && !err) {
			int n = xlate_profile_show(&p, c->field, buf,
						   sizeof(buf));

			if (n < 0 || strcmp(buf, c->shown)) {
				ok = 0;
				snprintf(why, sizeof(why),
					 "show %d \"%.60s\" want \"%.60s\"",
					 n, buf, c->shown);
			}
		}
		result(name, ok, why);
	}
}

UNIT_TEST(defaults)
{
	static const char * const want[] = {
		"GenuineIntel\n", "xlate virtual x86-64 CPU\n", "6\n", "26\n",
		"3\n", "0x1\n", "2000.000\n", "8192\n", "11\n",
		"fpu de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 syscall nx lm pni ssse3 cx16 sse4_1 sse4_2 popcnt hypervisor lahf_lm\n",
		"spectre_v1 spectre_v2 spec_store_bypass swapgs\n",
		"4000.00\n", "64\n", "64\n", "40\n", "48\n",
	};
	const struct xlate_cpuinfo_profile *d = &xlate_cpuinfo_default_profile;
	char buf[XLATE_PROFILE_SHOW_MAX], why[256] = "";
	unsigned int i;
	int ok = xlate_profile_nfields == ARRAY_SIZE(want);

	if (!ok)
		snprintf(why, sizeof(why), "%u fields", xlate_profile_nfields);
	for (i = 0; ok && i < xlate_profile_nfields; i++) {
		struct xlate_cpuinfo_profile p;
		int n = xlate_profile_show(d, xlate_profile_fields[i], buf,
					   sizeof(buf));

		if (n < 0 || strcmp(buf, want[i])) {
			snprintf(why, sizeof(why), "%s: \"%.200s\"",
				 xlate_profile_fields[i], buf);
			ok = 0;
			break;
		}
		/* what show prints, set accepts, and it changes nothing */
		memset(&p, 0, sizeof(p));
		p = *d;
		if (xlate_profile_set(&p, xlate_profile_fields[i], buf) ||
		    memcmp(&p, d, sizeof(p))) {
			snprintf(why, sizeof(why), "%s: no round trip",
				 xlate_profile_fields[i]);
			ok = 0;
		}
	}
	result("defaults", ok, why);

	{
		int n = xlate_profile_show(d, "model_name", buf, 5);

		result("show-small-buffer",
		       n == -E2BIG && !strcmp(buf, "xlat"),
		       "expected -E2BIG and a cut-short value");
		n = xlate_profile_show(d, "nope", buf, sizeof(buf));
		result("show-unknown", n == -ENOENT,
		       "expected -ENOENT");
	}
}

/* Every name of the kernel's lists is accepted, and all fit a page. */
UNIT_TEST(all_names)
{
	static char list[8192], buf[XLATE_PROFILE_SHOW_MAX];
	struct xlate_cpuinfo_profile p = xlate_cpuinfo_default_profile;
	size_t len = 0;
	unsigned int i, count = 0;
	char *big;
	int ok;

	for (i = 0; i < XLATE_X86_NCAPFLAGS; i++) {
		if (!xlate_x86_cap_flags[i])
			continue;
		len += snprintf(list + len, sizeof(list) - len, "%s%s",
				len ? " " : "", xlate_x86_cap_flags[i]);
		count++;
	}
	ok = !xlate_profile_set(&p, "flags", list) &&
	     xlate_profile_show(&p, "flags", buf, sizeof(buf)) ==
	     (int)len + 1 && !strncmp(buf, list, len);
	result("all-flags", ok && count > 250,
	       "every cpufeatures.h name should round-trip");
	ok = xlate_cpuinfo_render(NULL, 0, &p,
				  &(struct xlate_cpu_topo){ 0 }) < 4096;
	result("render-all-flags-fit-page", ok,
	       "a block with every flag should fit a page");

	big = malloc(XLATE_PROFILE_VALUE_MAX + 2);
	memset(big, 'a', XLATE_PROFILE_VALUE_MAX + 1);
	big[XLATE_PROFILE_VALUE_MAX + 1] = '\0';
	p = xlate_cpuinfo_default_profile;
	result("overlong-flags",
	       xlate_profile_set(&p, "flags", big) == -E2BIG &&
	       !memcmp(&p, &xlate_cpuinfo_default_profile, sizeof(p)),
	       "a value over XLATE_PROFILE_VALUE_MAX should be -E2BIG");
	free(big);
}
