// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for kmod/lib/cpuinfo_profile.c: per-field validation of
 * /sys/kernel/xlate/cpuinfo/ writes (newlines and control characters,
 * over-long values, unknown and repeated flags, unknown fields, numeric
 * ranges), that a rejected write leaves the profile untouched, and that
 * what show prints, set accepts.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../lib/cpuinfo_profile.h"

struct set_case {
	const char *field;
	const char *value;
	int err;
	const char *shown;	/* show() after a successful set */
};

static const struct set_case profile_cases[] = {
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

static void set_case_desc(const struct set_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s=\"%.30s\"",
		 c->field ? c->field : "(null)", c->value);
	strreplace(desc, '\n', '|');
	strreplace(desc, '\t', '|');
	strreplace(desc, '\r', '|');
}

KUNIT_ARRAY_PARAM(profile_set, profile_cases, set_case_desc);

static void profile_set_test(struct kunit *test)
{
	const struct set_case *c = test->param_value;
	struct xlate_cpuinfo_profile *p, *before;
	char *buf;
	int err, n;

	p = kunit_kmalloc(test, sizeof(*p), GFP_KERNEL);
	before = kunit_kmalloc(test, sizeof(*p), GFP_KERNEL);
	buf = kunit_kzalloc(test, XLATE_PROFILE_SHOW_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, before);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	*p = xlate_cpuinfo_default_profile;
	*before = *p;

	err = xlate_profile_set(p, c->field, c->value);
	KUNIT_EXPECT_EQ(test, err, c->err);
	if (err) {
		KUNIT_EXPECT_EQ_MSG(test, memcmp(p, before, sizeof(*p)), 0,
				    "rejected write changed the profile");
		return;
	}
	n = xlate_profile_show(p, c->field, buf, XLATE_PROFILE_SHOW_MAX);
	KUNIT_EXPECT_EQ(test, n, (int)strlen(c->shown));
	KUNIT_EXPECT_STREQ(test, buf, c->shown);
}

static const char * const default_shown[] = {
	"GenuineIntel\n", "xlate virtual x86-64 CPU\n", "6\n", "26\n",
	"3\n", "0x1\n", "2000.000\n", "8192\n", "11\n",
	"fpu de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 syscall nx lm pni ssse3 cx16 sse4_1 sse4_2 popcnt hypervisor lahf_lm\n",
	"spectre_v1 spectre_v2 spec_store_bypass swapgs\n",
	"4000.00\n", "64\n", "64\n", "40\n", "48\n",
};

/* The default, field by field; and show's output is accepted by set. */
static void profile_defaults_test(struct kunit *test)
{
	const struct xlate_cpuinfo_profile *d = &xlate_cpuinfo_default_profile;
	struct xlate_cpuinfo_profile *p;
	unsigned int i;
	char *buf;

	p = kunit_kmalloc(test, sizeof(*p), GFP_KERNEL);
	buf = kunit_kzalloc(test, XLATE_PROFILE_SHOW_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, xlate_profile_nfields,
			(unsigned int)ARRAY_SIZE(default_shown));
	for (i = 0; i < xlate_profile_nfields; i++) {
		const char *f = xlate_profile_fields[i];

		KUNIT_EXPECT_GT(test, xlate_profile_show(d, f, buf,
							 XLATE_PROFILE_SHOW_MAX),
				0);
		KUNIT_EXPECT_STREQ(test, buf, default_shown[i]);
		*p = *d;
		KUNIT_EXPECT_EQ_MSG(test, xlate_profile_set(p, f, buf), 0,
				    "%s", f);
		KUNIT_EXPECT_EQ_MSG(test, memcmp(p, d, sizeof(*p)), 0,
				    "%s", f);
	}
}

static void profile_show_errors_test(struct kunit *test)
{
	const struct xlate_cpuinfo_profile *d = &xlate_cpuinfo_default_profile;
	char buf[8];

	KUNIT_EXPECT_EQ(test, xlate_profile_show(d, "model_name", buf, 5),
			-E2BIG);
	KUNIT_EXPECT_STREQ(test, buf, "xlat");
	KUNIT_EXPECT_EQ(test, xlate_profile_show(d, "nope", buf, sizeof(buf)),
			-ENOENT);
}

/* Every name of the kernel's list is accepted; a block still fits a page. */
static void profile_all_flags_test(struct kunit *test)
{
	struct xlate_cpuinfo_profile *p;
	struct xlate_cpu_topo t = { 0 };
	char *list, *buf;
	size_t len = 0;
	unsigned int i;

	p = kunit_kmalloc(test, sizeof(*p), GFP_KERNEL);
	list = kunit_kzalloc(test, 8192, GFP_KERNEL);
	buf = kunit_kzalloc(test, XLATE_PROFILE_SHOW_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, list);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	*p = xlate_cpuinfo_default_profile;
	for (i = 0; i < XLATE_X86_NCAPFLAGS; i++)
		if (xlate_x86_cap_flags[i])
			len += scnprintf(list + len, 8192 - len, "%s%s",
					 len ? " " : "",
					 xlate_x86_cap_flags[i]);
	KUNIT_ASSERT_EQ(test, xlate_profile_set(p, "flags", list), 0);
	KUNIT_EXPECT_EQ(test, xlate_profile_show(p, "flags", buf,
						 XLATE_PROFILE_SHOW_MAX),
			(int)len + 1);
	KUNIT_EXPECT_EQ(test, strncmp(buf, list, len), 0);
	KUNIT_EXPECT_LT(test, xlate_cpuinfo_render(NULL, 0, p, &t),
			(size_t)4096);
}

static void profile_overlong_test(struct kunit *test)
{
	struct xlate_cpuinfo_profile *p;
	char *big;

	p = kunit_kmalloc(test, sizeof(*p), GFP_KERNEL);
	big = kunit_kzalloc(test, XLATE_PROFILE_VALUE_MAX + 2, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, big);
	memset(big, 'a', XLATE_PROFILE_VALUE_MAX + 1);
	*p = xlate_cpuinfo_default_profile;
	KUNIT_EXPECT_EQ(test, xlate_profile_set(p, "flags", big), -E2BIG);
	KUNIT_EXPECT_EQ(test, xlate_profile_set(p, "model_name", big), -E2BIG);
	KUNIT_EXPECT_EQ(test, memcmp(p, &xlate_cpuinfo_default_profile,
				     sizeof(*p)), 0);
}

static struct kunit_case cpuinfo_profile_cases[] = {
	KUNIT_CASE_PARAM(profile_set_test, profile_set_gen_params),
	KUNIT_CASE(profile_defaults_test),
	KUNIT_CASE(profile_show_errors_test),
	KUNIT_CASE(profile_all_flags_test),
	KUNIT_CASE(profile_overlong_test),
	{}
};

static struct kunit_suite cpuinfo_profile_suite = {
	.name = "xlate_cpuinfo_profile",
	.test_cases = cpuinfo_profile_cases,
};

kunit_test_suites(&cpuinfo_profile_suite);
