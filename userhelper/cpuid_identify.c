// SPDX-License-Identifier: GPL-2.0
/*
 * From the probe's CPUID records to profile values, the way the x86
 * kernel derives them (arch/x86/kernel/cpu/common.c, cpu_detect() and
 * get_model_name(); arch/x86/lib/cpu.c, x86_family() and x86_model()).
 */
#include <stdio.h>
#include <string.h>

#include "cpuid_flags.h"
#include "cpuid_probe.h"

static const unsigned int probe_leaves[CPUID_PROBE_NRECS][2] = {
	{ 0x0, 0 }, { 0x1, 0 }, { 0x7, 0 }, { 0x7, 1 }, { 0xd, 1 },
	{ 0x80000000, 0 }, { 0x80000001, 0 }, { 0x80000002, 0 },
	{ 0x80000003, 0 }, { 0x80000004, 0 }, { 0x80000008, 0 },
};

static unsigned int le32(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (unsigned int)p[3] << 24;
}

/**
 * cpuid_probe_parse() - split the probe's output into records
 * @out: what the probe wrote
 * @len: bytes of @out
 * @recs: CPUID_PROBE_NRECS records, filled in
 *
 * Return: 0, or -1 if the output is not what the probe writes.
 */
int cpuid_probe_parse(const unsigned char *out, size_t len,
		      struct cpuid_rec *recs)
{
	unsigned int i;

	if (len != CPUID_PROBE_NRECS * CPUID_REC_SIZE)
		return -1;
	for (i = 0; i < CPUID_PROBE_NRECS; i++, out += CPUID_REC_SIZE) {
		recs[i].leaf = le32(out);
		recs[i].subleaf = le32(out + 4);
		recs[i].eax = le32(out + 8);
		recs[i].ebx = le32(out + 12);
		recs[i].ecx = le32(out + 16);
		recs[i].edx = le32(out + 20);
		if (recs[i].leaf != probe_leaves[i][0] ||
		    recs[i].subleaf != probe_leaves[i][1])
			return -1;
	}
	return 0;
}

/* The record for @leaf:@subleaf if the CPU has that leaf, else NULL. */
static const struct cpuid_rec *leaf_of(const struct cpuid_rec *recs,
				       unsigned int leaf, unsigned int subleaf)
{
	const struct cpuid_rec *r = NULL;
	unsigned int i, max;

	for (i = 0; i < CPUID_PROBE_NRECS; i++)
		if (recs[i].leaf == leaf && recs[i].subleaf == subleaf)
			r = &recs[i];
	if (!r)
		return NULL;
	if (leaf & 0x80000000U) {
		/* recs[5] is 0x80000000: its EAX is the highest extended leaf */
		max = recs[5].eax;
		if (max < 0x80000000U || max > 0x8000ffffU || leaf > max)
			return NULL;
		return r;
	}
	if (leaf > recs[0].eax)
		return NULL;
	/* leaf 7 reports its highest subleaf in EAX of subleaf 0 */
	if (leaf == 7 && subleaf && subleaf > recs[2].eax)
		return NULL;
	return r;
}

static unsigned int reg_of(const struct cpuid_rec *r, enum cpuid_reg reg)
{
	switch (reg) {
	case CPUID_EAX:
		return r->eax;
	case CPUID_EBX:
		return r->ebx;
	case CPUID_ECX:
		return r->ecx;
	default:
		return r->edx;
	}
}

static void put_regs(char *dst, const unsigned int *regs, int n)
{
	int i, b;

	for (i = 0; i < n; i++)
		for (b = 0; b < 4; b++)
			dst[i * 4 + b] = regs[i] >> (8 * b) & 0xff;
}

/* Printable ASCII only: the profile refuses anything else. */
static void printable(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			*s = '?';
}

static void brand_string(const struct cpuid_rec *recs, char *out)
{
	unsigned int leaf, regs[4];
	const struct cpuid_rec *r;
	char *s, *e;

	out[0] = '\0';
	for (leaf = 0x80000002U; leaf <= 0x80000004U; leaf++) {
		r = leaf_of(recs, leaf, 0);
		if (!r)
			return;
		regs[0] = r->eax;
		regs[1] = r->ebx;
		regs[2] = r->ecx;
		regs[3] = r->edx;
		put_regs(out + (leaf - 0x80000002U) * 16, regs, 4);
	}
	out[48] = '\0';
	/* strim(): Intel right-justifies the string */
	for (s = out; *s == ' '; s++)
		;
	memmove(out, s, strlen(s) + 1);
	e = out + strlen(out);
	while (e > out && e[-1] == ' ')
		*--e = '\0';
	printable(out);
}

/**
 * cpuid_identify() - profile values from the probe's records
 * @recs: CPUID_PROBE_NRECS records from cpuid_probe_parse()
 * @id: filled in
 */
void cpuid_identify(const struct cpuid_rec *recs, struct cpu_identity *id)
{
	const struct cpuid_rec *r;
	unsigned int i, regs[3], sig;
	size_t len = 0;

	memset(id, 0, sizeof(*id));
	id->cpuid_level = recs[0].eax;
	regs[0] = recs[0].ebx;
	regs[1] = recs[0].edx;
	regs[2] = recs[0].ecx;
	put_regs(id->vendor_id, regs, 3);
	printable(id->vendor_id);

	r = leaf_of(recs, 1, 0);
	if (r) {
		sig = r->eax;
		id->family = (sig >> 8) & 0xf;
		if (id->family == 0xf)
			id->family += (sig >> 20) & 0xff;
		id->model = (sig >> 4) & 0xf;
		if (id->family >= 0x6)
			id->model += ((sig >> 16) & 0xf) << 4;
		id->stepping = sig & 0xf;
		if (r->edx & (1U << 19))	/* clflush */
			id->clflush_size = ((r->ebx >> 8) & 0xff) * 8;
	}
	brand_string(recs, id->model_name);
	r = leaf_of(recs, 0x80000008U, 0);
	if (r) {
		id->phys_bits = r->eax & 0xff;
		id->virt_bits = (r->eax >> 8) & 0xff;
	}

	for (i = 0; i < cpuid_nflags; i++) {
		const struct cpuid_flag *f = &cpuid_flags[i];

		r = leaf_of(recs, f->leaf, f->subleaf);
		if (!r || !(reg_of(r, f->reg) & (1U << f->bit)))
			continue;
		len += snprintf(id->flags + len, sizeof(id->flags) - len,
				"%s%s", len ? " " : "", f->name);
		if (len >= sizeof(id->flags))
			break;
	}
}
