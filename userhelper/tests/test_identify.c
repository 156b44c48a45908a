// SPDX-License-Identifier: GPL-2.0
/*
 * From CPUID records to profile values, and the flag table against the
 * module's own list of names (kmod/lib/x86_flags.c).
 */
#include <string.h>

#include "../kmod/lib/x86_flags.h"
#include "check.h"
#include "cpuid_flags.h"
#include "cpuid_probe.h"

static const unsigned int leaves[CPUID_PROBE_NRECS][2] = {
	{ 0x0, 0 }, { 0x1, 0 }, { 0x7, 0 }, { 0x7, 1 }, { 0xd, 1 },
	{ 0x80000000, 0 }, { 0x80000001, 0 }, { 0x80000002, 0 },
	{ 0x80000003, 0 }, { 0x80000004, 0 }, { 0x80000008, 0 },
};

static void base(struct cpuid_rec *r)
{
	unsigned int i;

	memset(r, 0, sizeof(*r) * CPUID_PROBE_NRECS);
	for (i = 0; i < CPUID_PROBE_NRECS; i++) {
		r[i].leaf = leaves[i][0];
		r[i].subleaf = leaves[i][1];
	}
}

static void brand(struct cpuid_rec *r, const char *s)
{
	char b[48];
	unsigned int i, *regs;

	memset(b, 0, sizeof(b));
	memcpy(b, s, strlen(s));
	for (i = 0; i < 3; i++) {
		regs = &r[7 + i].eax;
		memcpy(regs, b + 16 * i, 16);
	}
}

static void test_table(void)
{
	unsigned int i, last = 0, bad = 0, idx = 0;

	for (i = 0; i < cpuid_nflags; i++) {
		const struct cpuid_flag *f = &cpuid_flags[i];
		unsigned int n = f->word * 32 + f->bit;

		if ((i && n <= last) || n >= XLATE_X86_NCAPFLAGS ||
		    !xlate_x86_cap_flags[n] ||
		    strcmp(xlate_x86_cap_flags[n], f->name)) {
			bad++;
			idx = i;
		}
		last = n;
	}
	check("flags/table-matches-kernel-names", cpuid_nflags > 100 && !bad,
	      "%u of %u entries differ from kmod/lib/x86_flags.c (e.g. %s)",
	      bad, cpuid_nflags, cpuid_flags[idx].name);
}

static void test_intel(void)
{
	struct cpuid_rec r[CPUID_PROBE_NRECS];
	struct cpu_identity id;

	base(r);
	r[0].eax = 0x16;
	memcpy(&r[0].ebx, "Genu", 4);
	memcpy(&r[0].edx, "ineI", 4);
	memcpy(&r[0].ecx, "ntel", 4);
	r[1].eax = 0x000906ea;		/* family 6 model 158 stepping 10 */
	r[1].ebx = 8 << 8;		/* clflush 64 */
	r[1].edx = 1 << 0 | 1 << 19 | 1 << 26;	/* fpu clflush sse2 */
	r[1].ecx = 1U << 31;		/* hypervisor */
	r[2].eax = 0;			/* no subleaf 1 */
	r[2].ebx = 1 << 5;		/* avx2 */
	r[3].eax = 1 << 4;		/* avx_vnni, but subleaf 1 absent */
	r[4].eax = 1 << 0;		/* xsaveopt */
	r[5].eax = 0x80000008;
	r[6].edx = 1 << 29;		/* lm */
	r[6].ecx = 1 << 0;		/* lahf_lm */
	brand(r, "       Intel(R) Core(TM) i7-8700 CPU @ 3.20GHz  ");
	r[10].eax = 39 | 48 << 8;
	cpuid_identify(r, &id);
	check("identify/vendor", !strcmp(id.vendor_id, "GenuineIntel"),
	      "'%s'", id.vendor_id);
	check("identify/family-model-stepping", id.family == 6 &&
	      id.model == 158 && id.stepping == 10 && id.cpuid_level == 0x16,
	      "%u %u %u %u", id.family, id.model, id.stepping, id.cpuid_level);
	check("identify/brand-trimmed",
	      !strcmp(id.model_name, "Intel(R) Core(TM) i7-8700 CPU @ 3.20GHz"),
	      "'%s'", id.model_name);
	check("identify/flags-in-kernel-order",
	      !strcmp(id.flags, "fpu clflush sse2 lm hypervisor lahf_lm avx2 xsaveopt"),
	      "'%s'", id.flags);
	check("identify/sizes", id.clflush_size == 64 && id.phys_bits == 39 &&
	      id.virt_bits == 48, "%u %u %u", id.clflush_size, id.phys_bits,
	      id.virt_bits);
}

static void test_limits(void)
{
	struct cpuid_rec r[CPUID_PROBE_NRECS];
	struct cpu_identity id;

	/* AMD family 0x19: extended family added */
	base(r);
	r[0].eax = 1;			/* leaves 7 and 0xd absent */
	r[1].eax = 0x00a20f10;		/* family 25 model 33 stepping 0 */
	r[2].ebx = 1 << 5;
	r[4].eax = 1;
	r[5].eax = 0x80000001;		/* no brand, no 0x80000008 */
	r[6].edx = 1 << 29;
	brand(r, "not used");
	r[10].eax = 48 | 48 << 8;
	cpuid_identify(r, &id);
	check("identify/extended-family", id.family == 25 && id.model == 33 &&
	      id.stepping == 0, "%u %u %u", id.family, id.model, id.stepping);
	check("identify/absent-leaves-ignored", !strcmp(id.flags, "lm") &&
	      !*id.model_name && !id.phys_bits && !id.clflush_size,
	      "flags '%s' model '%s' phys %u", id.flags, id.model_name,
	      id.phys_bits);

	/* no extended leaves at all */
	base(r);
	r[0].eax = 7;
	r[2].eax = 1;
	r[3].eax = 1 << 5;		/* avx512_bf16 */
	r[5].eax = 0;
	r[6].edx = 1 << 29;
	cpuid_identify(r, &id);
	check("identify/no-extended-leaves", !strcmp(id.flags, "avx512_bf16"),
	      "'%s'", id.flags);
}

static void test_parse(void)
{
	unsigned char out[CPUID_PROBE_NRECS * CPUID_REC_SIZE];
	struct cpuid_rec r[CPUID_PROBE_NRECS];
	unsigned int i;

	memset(out, 0, sizeof(out));
	for (i = 0; i < CPUID_PROBE_NRECS; i++) {
		memcpy(out + i * CPUID_REC_SIZE, &leaves[i][0], 4);
		memcpy(out + i * CPUID_REC_SIZE + 4, &leaves[i][1], 4);
	}
	out[8] = 0x2a;
	check("probe-output/parses", !cpuid_probe_parse(out, sizeof(out), r) &&
	      r[0].eax == 0x2a && r[10].leaf == 0x80000008,
	      "valid output refused");
	check("probe-output/short-refused",
	      cpuid_probe_parse(out, sizeof(out) - 1, r) == -1,
	      "short output accepted");
	out[CPUID_REC_SIZE] = 9;
	check("probe-output/wrong-leaf-refused",
	      cpuid_probe_parse(out, sizeof(out), r) == -1,
	      "a record for the wrong leaf was accepted");
}

int main(void)
{
	test_table();
	test_intel();
	test_limits();
	test_parse();
	return check_exit();
}
