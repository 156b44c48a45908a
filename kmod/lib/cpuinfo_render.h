/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The x86 view of /proc/cpuinfo: what one CPU's block says (a profile)
 * and where the CPU sits (a topology), rendered as x86-64's
 * show_cpuinfo() prints it.
 */
#ifndef XLATE_LIB_CPUINFO_RENDER_H
#define XLATE_LIB_CPUINFO_RENDER_H

#include "pure.h"
#include "x86_flags.h"

/* Array sizes of struct cpuinfo_x86's x86_vendor_id and x86_model_id. */
#define XLATE_CPUINFO_VENDOR_SIZE	16
#define XLATE_CPUINFO_MODEL_NAME_SIZE	64

#define XLATE_CPUINFO_CAP_WORDS		XLATE_X86_NCAPINTS
#define XLATE_CPUINFO_BUG_WORDS		XLATE_X86_NBUGINTS

/**
 * struct xlate_cpuinfo_profile - what every CPU's block says
 * @vendor_id: "vendor_id"; empty prints "unknown"
 * @model_name: "model name"; empty prints "unknown"
 * @family: "cpu family"
 * @model: "model"
 * @stepping: "stepping"
 * @microcode: "microcode", printed as hex; 0 leaves the line out
 * @cpu_khz: "cpu MHz" in kHz; the line appears only with the tsc flag
 * @cache_size_kb: "cache size" in KB; 0 leaves the line out
 * @cpuid_level: "cpuid level"
 * @bogomips_centi: "bogomips" in hundredths
 * @clflush_size: "clflush size"
 * @cache_alignment: "cache_alignment"
 * @phys_bits: physical address bits of "address sizes"
 * @virt_bits: virtual address bits of "address sizes"
 * @flags: bitmap of "flags", bit n of word n / 32 is xlate_x86_cap_flags[n]
 * @bugs: bitmap of "bugs", indexed like xlate_x86_bug_flags
 */
struct xlate_cpuinfo_profile {
	char vendor_id[XLATE_CPUINFO_VENDOR_SIZE];
	char model_name[XLATE_CPUINFO_MODEL_NAME_SIZE];
	unsigned int family;
	unsigned int model;
	unsigned int stepping;
	unsigned int microcode;
	unsigned int cpu_khz;
	unsigned int cache_size_kb;
	unsigned int cpuid_level;
	unsigned int bogomips_centi;
	unsigned int clflush_size;
	unsigned int cache_alignment;
	unsigned int phys_bits;
	unsigned int virt_bits;
	unsigned int flags[XLATE_CPUINFO_CAP_WORDS];
	unsigned int bugs[XLATE_CPUINFO_BUG_WORDS];
};

/**
 * struct xlate_cpu_topo - where one CPU sits (CONFIG_SMP lines)
 * @processor: "processor", the CPU number
 * @physical_id: "physical id"
 * @siblings: "siblings"
 * @core_id: "core id"
 * @cpu_cores: "cpu cores"
 * @apicid: "apicid"
 * @initial_apicid: "initial apicid"
 */
struct xlate_cpu_topo {
	unsigned int processor;
	unsigned int physical_id;
	unsigned int siblings;
	unsigned int core_id;
	unsigned int cpu_cores;
	unsigned int apicid;
	unsigned int initial_apicid;
};

/* Bit numbers used by the renderer (arch/x86/include/asm/cpufeatures.h). */
#define XLATE_X86_FEATURE_TSC	4

static inline bool xlate_bit_test(const unsigned int *map, unsigned int bit)
{
	return map[bit / 32] & (1U << (bit % 32));
}

static inline void xlate_bit_set(unsigned int *map, unsigned int bit)
{
	map[bit / 32] |= 1U << (bit % 32);
}

/**
 * struct xlate_sbuf - bounded string builder with snprintf semantics
 * @buf: destination, always NUL-terminated when @size > 0
 * @size: bytes of @buf
 * @len: bytes the whole output needs, NUL excluded (may exceed @size)
 */
struct xlate_sbuf {
	char *buf;
	size_t size;
	size_t len;
};

__printf(2, 3)
void xlate_sbuf_printf(struct xlate_sbuf *sb, const char *fmt, ...);
void xlate_sbuf_puts(struct xlate_sbuf *sb, const char *s);
void xlate_sbuf_names(struct xlate_sbuf *sb, const unsigned int *map,
		      const char * const *names, unsigned int nbits,
		      bool lead);

size_t xlate_cpuinfo_render(char *buf, size_t size,
			    const struct xlate_cpuinfo_profile *p,
			    const struct xlate_cpu_topo *t);

#endif /* XLATE_LIB_CPUINFO_RENDER_H */
