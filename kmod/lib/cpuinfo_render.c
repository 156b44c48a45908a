// SPDX-License-Identifier: GPL-2.0
/*
 * Render one CPU's block of an x86 /proc/cpuinfo.  Pure logic, shared by
 * the module, KUnit, the host unit tests and the fuzzers.
 *
 * The layout is that of show_cpuinfo() in arch/x86/kernel/cpu/proc.c of
 * Linux 6.12, built for x86-64 with CONFIG_SMP: the same lines in the same
 * order with the same tab alignment, "vmx flags" and "TLB size" left out
 * (xlate never reports VMX capabilities or an AMD TLB size), and an empty
 * "power management:" line.
 */
#include "cpuinfo_render.h"

/**
 * xlate_sbuf_printf() - append formatted text to @sb
 * @sb: the builder
 * @fmt: printf format
 *
 * What does not fit is dropped, but still counted in @sb->len.
 */
void xlate_sbuf_printf(struct xlate_sbuf *sb, const char *fmt, ...)
{
	va_list args;
	size_t room = sb->len < sb->size ? sb->size - sb->len : 0;
	int n;

	va_start(args, fmt);
	n = vsnprintf(room ? sb->buf + sb->len : NULL, room, fmt, args);
	va_end(args);
	if (n > 0)
		sb->len += n;
}

/**
 * xlate_sbuf_puts() - append a string to @sb
 * @sb: the builder
 * @s: the string
 *
 * The same as xlate_sbuf_printf(@sb, "%s", @s), without the cost of
 * vsnprintf(): the flags line appends about a hundred names per CPU.
 */
void xlate_sbuf_puts(struct xlate_sbuf *sb, const char *s)
{
	size_t n = strlen(s);

	if (sb->len < sb->size) {
		size_t room = sb->size - sb->len - 1;
		size_t k = n < room ? n : room;

		memcpy(sb->buf + sb->len, s, k);
		sb->buf[sb->len + k] = '\0';
	}
	sb->len += n;
}

/**
 * xlate_sbuf_names() - append the names of the set bits of @map
 * @sb: the builder
 * @map: bitmap, 32 bits per unsigned int
 * @names: name of each bit, NULL for a bit that has none
 * @nbits: bits in @map and entries in @names
 * @lead: also put a space before the first name
 *
 * Names are separated by one space.
 * Bits set in @map without a name are skipped, as show_cpuinfo() does.
 */
void xlate_sbuf_names(struct xlate_sbuf *sb, const unsigned int *map,
		      const char * const *names, unsigned int nbits,
		      bool lead)
{
	unsigned int i;

	for (i = 0; i < nbits; i++) {
		if (!xlate_bit_test(map, i) || !names[i])
			continue;
		if (lead)
			xlate_sbuf_puts(sb, " ");
		xlate_sbuf_puts(sb, names[i]);
		lead = true;
	}
}

/**
 * xlate_cpuinfo_render() - render one CPU's block of /proc/cpuinfo
 * @buf: destination; may be NULL when @size is 0
 * @size: bytes of @buf
 * @p: the profile every CPU shares
 * @t: where this CPU sits
 *
 * Like snprintf(): the output is cut short when it does not fit, and is
 * NUL-terminated whenever @size is not 0.  The block ends with the blank
 * line that separates CPUs.
 *
 * Return: the length of the whole block, NUL excluded; the output was
 * truncated if this is @size or more.
 */
size_t xlate_cpuinfo_render(char *buf, size_t size,
			    const struct xlate_cpuinfo_profile *p,
			    const struct xlate_cpu_topo *t)
{
	struct xlate_sbuf sb = { .buf = buf, .size = size, .len = 0 };

	if (size)
		buf[0] = '\0';
	xlate_sbuf_printf(&sb,
			  "processor\t: %u\n"
			  "vendor_id\t: %s\n"
			  "cpu family\t: %u\n"
			  "model\t\t: %u\n"
			  "model name\t: %s\n"
			  "stepping\t: %u\n",
			  t->processor,
			  p->vendor_id[0] ? p->vendor_id : "unknown",
			  p->family, p->model,
			  p->model_name[0] ? p->model_name : "unknown",
			  p->stepping);
	if (p->microcode)
		xlate_sbuf_printf(&sb, "microcode\t: 0x%x\n", p->microcode);
	if (xlate_bit_test(p->flags, XLATE_X86_FEATURE_TSC))
		xlate_sbuf_printf(&sb, "cpu MHz\t\t: %u.%03u\n",
				  p->cpu_khz / 1000, p->cpu_khz % 1000);
	if (p->cache_size_kb)
		xlate_sbuf_printf(&sb, "cache size\t: %u KB\n",
				  p->cache_size_kb);
	xlate_sbuf_printf(&sb,
			  "physical id\t: %u\n"
			  "siblings\t: %u\n"
			  "core id\t\t: %u\n"
			  "cpu cores\t: %u\n"
			  "apicid\t\t: %u\n"
			  "initial apicid\t: %u\n",
			  t->physical_id, t->siblings, t->core_id,
			  t->cpu_cores, t->apicid, t->initial_apicid);
	xlate_sbuf_printf(&sb,
			  "fpu\t\t: yes\n"
			  "fpu_exception\t: yes\n"
			  "cpuid level\t: %u\n"
			  "wp\t\t: yes\n",
			  p->cpuid_level);
	xlate_sbuf_puts(&sb, "flags\t\t:");
	xlate_sbuf_names(&sb, p->flags, xlate_x86_cap_flags,
			 XLATE_X86_NCAPFLAGS, true);
	xlate_sbuf_puts(&sb, "\nbugs\t\t:");
	xlate_sbuf_names(&sb, p->bugs, xlate_x86_bug_flags,
			 XLATE_X86_NBUGFLAGS, true);
	xlate_sbuf_printf(&sb,
			  "\nbogomips\t: %u.%02u\n"
			  "clflush size\t: %u\n"
			  "cache_alignment\t: %u\n"
			  "address sizes\t: %u bits physical, %u bits virtual\n"
			  "power management:\n\n",
			  p->bogomips_centi / 100, p->bogomips_centi % 100,
			  p->clflush_size, p->cache_alignment,
			  p->phys_bits, p->virt_bits);
	return sb.len;
}
