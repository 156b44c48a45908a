/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The embedded x86-64 CPUID probe (cpuid_probe.lst) and what its output
 * says about the CPU the runtime emulates.
 */
#ifndef XLATECTL_CPUID_PROBE_H
#define XLATECTL_CPUID_PROBE_H

#include <stdbool.h>
#include <stddef.h>

/* One record of the probe's output, six little-endian 32-bit words. */
struct cpuid_rec {
	unsigned int leaf;
	unsigned int subleaf;
	unsigned int eax;
	unsigned int ebx;
	unsigned int ecx;
	unsigned int edx;
};

#define CPUID_REC_SIZE		24
#define CPUID_PROBE_NRECS	11

extern const unsigned char cpuid_probe_image[];
extern const size_t cpuid_probe_size;

int cpuid_probe_run(struct cpuid_rec *recs, char *const *envp, char *why,
		    size_t whysize);
int cpuid_probe_parse(const unsigned char *out, size_t len,
		      struct cpuid_rec *recs);

/**
 * struct cpu_identity - what the probe found, as profile field values
 * @vendor_id: CPUID 0 EBX EDX ECX
 * @model_name: brand string, 0x80000002..4, blanks trimmed ("" if none)
 * @family: CPUID 1 family, with the extended family added
 * @model: CPUID 1 model, with the extended model added
 * @stepping: CPUID 1 stepping
 * @cpuid_level: highest basic leaf
 * @clflush_size: CLFLUSH line size in bytes (0: not reported)
 * @phys_bits: physical address bits (0: not reported)
 * @virt_bits: linear address bits (0: not reported)
 * @flags: the kernel's flag names for the bits set, in its order
 */
struct cpu_identity {
	char vendor_id[13];
	char model_name[49];
	unsigned int family;
	unsigned int model;
	unsigned int stepping;
	unsigned int cpuid_level;
	unsigned int clflush_size;
	unsigned int phys_bits;
	unsigned int virt_bits;
	char flags[4096];
};

void cpuid_identify(const struct cpuid_rec *recs, struct cpu_identity *id);

#endif /* XLATECTL_CPUID_PROBE_H */
