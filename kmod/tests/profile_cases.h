/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cases for kmod/lib/cpuinfo_profile.c, shared by the KUnit suite
 * (kmod/tests/profile_kunit.c) and the host unit test
 * (tools/testing/unit/test_cpuinfo_profile.c): per-field writes of
 * /sys/kernel/xlate/cpuinfo/ with the errno xlate_profile_set() returns
 * (negative, as the library does) and what show prints afterwards, and
 * what show prints for the default profile, field by field in
 * xlate_profile_fields[] order.
 */
#ifndef XLATE_TESTS_PROFILE_CASES_H
#define XLATE_TESTS_PROFILE_CASES_H

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

static const char * const default_shown[] = {
	"GenuineIntel\n", "xlate virtual x86-64 CPU\n", "6\n", "26\n",
	"3\n", "0x1\n", "2000.000\n", "8192\n", "11\n",
	"fpu de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 syscall nx lm pni ssse3 cx16 sse4_1 sse4_2 popcnt hypervisor lahf_lm\n",
	"spectre_v1 spectre_v2 spec_store_bypass swapgs\n",
	"4000.00\n", "64\n", "64\n", "40\n", "48\n",
};

#endif /* XLATE_TESTS_PROFILE_CASES_H */
