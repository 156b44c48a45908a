/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cases for kmod/lib/cpuinfo_profile.c, shared by the KUnit suite
 * (kmod/tests/profile_kunit.c) and the host unit test
 * (tools/testing/unit/test_cpuinfo_profile.c): per-field writes of
 * /sys/kernel/xlate/cpuinfo/ with the errno xlate_profile_set() returns
 * (negative, as the library does) and what show prints afterwards, and
 * what show prints for the default profile, field by field in
 * xlate_profile_fields[] order; whole-profile writes (xlate_profile_load())
 * and Rosetta's template.
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

/*
 * xlate_profile_load() on the default: the error, the line it names,
 * the runtime line's value (NULL: none), and after success what show
 * prints for @field.
 */
struct load_case {
	const char *name;
	const char *text;
	int err;
	unsigned int bad_line;
	const char *runtime;
	const char *field;
	const char *shown;
};

static const struct load_case load_cases[] = {
	{ "one-field", "vendor_id=AuthenticAMD\n", 0, 0, NULL,
	  "vendor_id", "AuthenticAMD\n" },
	{ "unterminated", "model=107", 0, 0, NULL, "model", "107\n" },
	{ "empty", "", 0, 0, NULL, "model", "26\n" },
	{ "sync",
	  "runtime=/usr/bin/qemu-x86_64\nvendor_id=AuthenticAMD\ncpu_family=15\nmodel=107\nflags=fpu lm sse2\n",
	  0, 0, "/usr/bin/qemu-x86_64", "flags", "fpu sse2 lm\n" },
	{ "others-kept", "model=107\n", 0, 0, NULL, "vendor_id",
	  "GenuineIntel\n" },
	{ "empty-flags", "flags=\n", 0, 0, NULL, "flags", "\n" },
	{ "empty-runtime", "runtime=\n", 0, 0, "", "model", "26\n" },
	{ "runtime-any-byte", "runtime=/opt/q\xc3\xa9/qemu", 0, 0,
	  "/opt/q\xc3\xa9/qemu", "model", "26\n" },
	{ "bad-value-line-2", "model=1\nstepping=16\n", -EINVAL, 2, NULL,
	  NULL, NULL },
	{ "unknown-name", "model=1\nnosuch=1\n", -ENOENT, 2, NULL, NULL,
	  NULL },
	{ "repeated", "model=1\nmodel=2\n", -EINVAL, 2, NULL, NULL, NULL },
	{ "repeated-runtime", "runtime=/a\nruntime=/a\n", -EINVAL, 2, NULL,
	  NULL, NULL },
	{ "no-equals", "model\n", -EINVAL, 1, NULL, NULL, NULL },
	{ "empty-line", "model=1\n\nstepping=2\n", -EINVAL, 2, NULL, NULL,
	  NULL },
	{ "blank-name", "=1\n", -ENOENT, 1, NULL, NULL, NULL },
	{ "space-in-name", "model =1\n", -ENOENT, 1, NULL, NULL, NULL },
	{ "tab-in-value", "model_name=a\tb\n", -EINVAL, 1, NULL, NULL, NULL },
	{ "cr-in-value", "model=1\r\n", -EINVAL, 1, NULL, NULL, NULL },
	{ "control-in-runtime", "runtime=/a\x01b\n", -EINVAL, 1, NULL, NULL,
	  NULL },
	{ "bad-flag", "flags=fpu nosuch\n", -EINVAL, 1, NULL, NULL, NULL },
	{ "too-long",
	  "model_name=1234567890123456789012345678901234567890123456789\n",
	  -E2BIG, 1, NULL, NULL, NULL },
	{ "reset-is-no-field", "reset=1\n", -ENOENT, 1, NULL, NULL, NULL },
};

/* xlate_runtime_is_rosetta(): the file name decides. */
struct rosetta_case {
	const char *path;
	bool rosetta;
};

static const struct rosetta_case rosetta_cases[] = {
	{ "/media/rosetta/rosetta", true },
	{ "/mnt/rosetta/rosetta", true },
	{ "/run/rosetta/rosetta", true },
	{ "rosetta", true },
	{ "/media/rosetta/rosettad", false },
	{ "/media/rosetta/Rosetta", false },
	{ "/media/rosetta/", false },
	{ "/usr/bin/qemu-x86_64", false },
	{ "", false },
	{ NULL, false },
};

/* Rosetta's template, field by field as show prints it. */
static const char * const rosetta_shown[] = {
	"VirtualApple\n", "VirtualApple @ 2.50GHz\n", "6\n", "142\n",
	"10\n", "0x0\n", "2502.057\n", "6144\n", "22\n",
	"fpu de tsc cx8 apic sep cmov pat pse36 clflush mmx fxsr sse sse2 syscall nx lm rep_good nopl cpuid pni pclmulqdq ssse3 fma cx16 sse4_1 sse4_2 movbe popcnt aes avx f16c rdrand lahf_lm bmi1 avx2 bmi2\n",
	"\n", "5184.11\n", "64\n", "64\n", "39\n", "48\n",
};

#endif /* XLATE_TESTS_PROFILE_CASES_H */
