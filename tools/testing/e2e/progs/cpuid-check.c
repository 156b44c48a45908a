// SPDX-License-Identifier: GPL-2.0
/*
 * cpuid-check [--print] [CPUINFO]: execute CPUID and compare what it
 * says with /proc/cpuinfo (or the file CPUINFO), field by field, the way
 * the x86-64 kernel derives each field from CPUID
 * (arch/x86/kernel/cpu/common.c cpu_detect(), get_model_name(),
 * get_cpu_address_sizes(); arch/x86/kernel/cpu/proc.c show_cpuinfo()):
 *
 *   vendor_id      CPUID 0 EBX EDX ECX
 *   cpu family     CPUID 1 family, plus the extended family when it is 15
 *   model          CPUID 1 model, plus the extended model from family 6
 *   stepping       CPUID 1 stepping
 *   model name     the brand string 0x80000002..4 without its blanks,
 *                  "unknown" without one
 *   cpuid level    CPUID 0 EAX
 *   address sizes  CPUID 0x80000008 EAX, 36 and 48 bits without it
 *   flags          every flag whose CPUID bit the kernel's feature list
 *                  names (userhelper/cpuid_flags.c, generated from
 *                  cpufeatures.h): present exactly when the bit is set
 *
 * in every processor block.  Names in flags that are no CPUID bit (the
 * kernel's own, such as rep_good) are listed, not counted.  Also the
 * x86-64 psABI level (x86-64-v1 to v4, glibc's rule) that CPUID gives,
 * with XGETBV for the OS-enabled AVX state as glibc checks it, and the
 * level the cpuinfo flags claim.
 *
 * Prints "cpuid: ..." and "cpuinfo: ..." lines, one "DIFF: ..." line per
 * difference and "cpuid-check: N differences"; exits 0 with none, 1
 * with some, 2 when CPUINFO cannot be read.  --print prints KEY=VALUE
 * lines of both sides instead (for scripts that compare other tools,
 * and the first block's vendor, family, model and model name).
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>

#include "progs.h"
#include "../../../../userhelper/cpuid_flags.c"

#define MAX_CPUS	512

struct regs {
	unsigned int a, b, c, d;
};

static struct regs cpuid(unsigned int leaf, unsigned int sub)
{
	struct regs r;

	__asm__ volatile("cpuid"
			 : "=a"(r.a), "=b"(r.b), "=c"(r.c), "=d"(r.d)
			 : "a"(leaf), "c"(sub));
	return r;
}

/* What CPUID says, as the kernel would print it. */
struct ident {
	char vendor[13];
	char name[49];
	unsigned int family, model, stepping, level;
	unsigned int phys, virt;
	bool flag[512];		/* by index of cpuid_flags[] */
	int psabi;
};

/* One processor block of /proc/cpuinfo. */
struct block {
	char vendor[64], name[128], flags[8192];
	long family, model, stepping, level, phys, virt;
};

static struct block blocks[MAX_CPUS];
static int nblocks;
static int ndiff;

static unsigned int reg_of(const struct regs *r, enum cpuid_reg reg)
{
	switch (reg) {
	case CPUID_EAX:
		return r->a;
	case CPUID_EBX:
		return r->b;
	case CPUID_ECX:
		return r->c;
	default:
		return r->d;
	}
}

static bool has_flag(const struct ident *id, const char *name)
{
	unsigned int i;

	for (i = 0; i < cpuid_nflags; i++)
		if (!strcmp(cpuid_flags[i].name, name))
			return id->flag[i];
	return false;
}

static bool word_in(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p = list;

	while ((p = strstr(p, word))) {
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return true;
		p += n;
	}
	return false;
}

/*
 * The psABI level (glibc's sysdeps/x86/get-isa-level.h): v2 needs CX16,
 * LAHF, POPCNT, SSE3, SSE4.1, SSE4.2, SSSE3; v3 adds AVX, AVX2, BMI1,
 * BMI2, F16C, FMA, LZCNT (abm), MOVBE and OSXSAVE; v4 AVX512F, BW, CD,
 * DQ and VL.  @has says whether a name is there.
 */
static int psabi(bool (*has)(const void *, const char *), const void *ctx,
		 bool os_avx, bool os_avx512)
{
	static const char *const v1[] = { "cmov", "cx8", "fpu", "fxsr",
		"mmx", "sse", "sse2", "syscall", "lm", NULL };
	static const char *const v2[] = { "cx16", "lahf_lm", "popcnt", "pni",
		"sse4_1", "sse4_2", "ssse3", NULL };
	static const char *const v3[] = { "avx", "avx2", "bmi1", "bmi2",
		"f16c", "fma", "abm", "movbe", "xsave", NULL };
	static const char *const v4[] = { "avx512f", "avx512bw", "avx512cd",
		"avx512dq", "avx512vl", NULL };
	static const char *const *const levels[] = { v1, v2, v3, v4 };
	int l, i;

	for (l = 0; l < 4; l++) {
		for (i = 0; levels[l][i]; i++)
			if (!has(ctx, levels[l][i]))
				return l;
		if ((l == 2 && !os_avx) || (l == 3 && !os_avx512))
			return l;
	}
	return 4;
}

static bool ident_has(const void *ctx, const char *name)
{
	return has_flag(ctx, name);
}

static bool list_has(const void *ctx, const char *name)
{
	return word_in(ctx, name);
}

static void identify(struct ident *id)
{
	struct regs r0 = cpuid(0, 0), r1 = { 0 }, r;
	unsigned int max_ext, leaf, i, sig;
	char *s, *e;

	memset(id, 0, sizeof(*id));
	id->level = r0.a;
	memcpy(id->vendor, &r0.b, 4);
	memcpy(id->vendor + 4, &r0.d, 4);
	memcpy(id->vendor + 8, &r0.c, 4);
	if (id->level >= 1) {
		r1 = cpuid(1, 0);
		sig = r1.a;
		id->family = (sig >> 8) & 0xf;
		if (id->family == 0xf)
			id->family += (sig >> 20) & 0xff;
		id->model = (sig >> 4) & 0xf;
		if (id->family >= 6)
			id->model += ((sig >> 16) & 0xf) << 4;
		id->stepping = sig & 0xf;
	}
	max_ext = cpuid(0x80000000, 0).a;
	if (max_ext < 0x80000000 || max_ext > 0x8000ffff)
		max_ext = 0;
	if (max_ext >= 0x80000004) {
		for (leaf = 0x80000002; leaf <= 0x80000004; leaf++) {
			r = cpuid(leaf, 0);
			memcpy(id->name + (leaf - 0x80000002) * 16, &r, 16);
		}
		for (s = id->name; *s == ' '; s++)
			;
		memmove(id->name, s, strlen(s) + 1);
		e = id->name + strlen(id->name);
		while (e > id->name && e[-1] == ' ')
			*--e = '\0';
	}
	if (!id->name[0])
		strcpy(id->name, "unknown");
	id->phys = 36;
	id->virt = 48;
	if (max_ext >= 0x80000008) {
		r = cpuid(0x80000008, 0);
		id->phys = r.a & 0xff;
		id->virt = (r.a >> 8) & 0xff;
	}
	for (i = 0; i < cpuid_nflags && i < 512; i++) {
		const struct cpuid_flag *f = &cpuid_flags[i];

		if (f->leaf & 0x80000000 ? f->leaf > max_ext : f->leaf > id->level)
			continue;
		/* leaf 7 gives its highest subleaf in EAX of subleaf 0 */
		if (f->leaf == 7 && f->subleaf && f->subleaf > cpuid(7, 0).a)
			continue;
		r = cpuid(f->leaf, f->subleaf);
		id->flag[i] = reg_of(&r, f->reg) >> f->bit & 1;
	}
	{
		/* glibc's usable AVX: OSXSAVE and XCR0 with XMM and YMM */
		bool os_avx = false, os_avx512 = false;

		if (r1.c & (1U << 27)) {
			unsigned int lo, hi;

			__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
			os_avx = (lo & 6) == 6;
			os_avx512 = os_avx && (lo & 0xe0) == 0xe0;
		}
		id->psabi = psabi(ident_has, id, os_avx, os_avx512);
	}
}

/* "key : value" lines into blocks[]; a line "processor" starts one. */
static int read_cpuinfo(const char *path)
{
	char line[9000], *v;
	struct block *b = NULL;
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		v = strstr(line, ": ");
		v = v ? v + 2 : strchr(line, ':') ? strchr(line, ':') + 1 : NULL;
		if (!strncmp(line, "processor", 9) && nblocks < MAX_CPUS) {
			b = &blocks[nblocks++];
			b->family = b->model = b->stepping = b->level = -1;
			b->phys = b->virt = -1;
			strcpy(b->vendor, "(none)");
			strcpy(b->name, "(none)");
			strcpy(b->flags, "");
			continue;
		}
		if (!b || !v)
			continue;
#define KEY(k)	(!strncmp(line, k, strlen(k)) && strchr("\t :", line[strlen(k)]))
		if (KEY("vendor_id"))
			snprintf(b->vendor, sizeof(b->vendor), "%s", v);
		else if (KEY("model name"))
			snprintf(b->name, sizeof(b->name), "%s", v);
		else if (KEY("cpu family"))
			b->family = strtol(v, NULL, 10);
		else if (KEY("model"))
			b->model = strtol(v, NULL, 10);
		else if (KEY("stepping"))
			b->stepping = strtol(v, NULL, 10);
		else if (KEY("cpuid level"))
			b->level = strtol(v, NULL, 10);
		else if (KEY("flags"))
			snprintf(b->flags, sizeof(b->flags), "%s", v);
		else if (KEY("address sizes") &&
			 sscanf(v, "%ld bits physical, %ld bits virtual",
				&b->phys, &b->virt) != 2)
			b->phys = b->virt = -2;
#undef KEY
	}
	fclose(f);
	return 0;
}

static void diff(const char *field, int cpu, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void diff(const char *field, int cpu, const char *fmt, ...)
{
	va_list ap;

	printf("DIFF: %s (processor block %d): ", field, cpu);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	ndiff++;
}

static void num(const char *field, int cpu, unsigned int want, long got)
{
	if (got != (long)want)
		diff(field, cpu, "CPUID %u, cpuinfo %ld", want, got);
}

static void str(const char *field, int cpu, const char *want, const char *got)
{
	if (strcmp(want, got))
		diff(field, cpu, "CPUID '%s', cpuinfo '%s'", want, got);
}

/* The flags of block @b against CPUID; @extra gets the non-CPUID names. */
static void flags(const struct ident *id, const struct block *b, int cpu,
		  char *extra, size_t size)
{
	char missing[4096] = "", claimed[4096] = "", word[64];
	const char *p = b->flags;
	size_t ml = 0, cl = 0, el = 0;
	unsigned int i;
	int n;

	for (i = 0; i < cpuid_nflags; i++) {
		bool in = word_in(b->flags, cpuid_flags[i].name);

		if (id->flag[i] && !in)
			ml += snprintf(missing + ml, sizeof(missing) - ml, " %s",
				       cpuid_flags[i].name);
		else if (!id->flag[i] && in)
			cl += snprintf(claimed + cl, sizeof(claimed) - cl, " %s",
				       cpuid_flags[i].name);
	}
	if (ml)
		diff("flags", cpu, "in CPUID, missing from cpuinfo:%s", missing);
	if (cl)
		diff("flags", cpu, "in cpuinfo, not in CPUID:%s", claimed);
	*extra = '\0';
	while (sscanf(p, "%63s%n", word, &n) == 1) {
		p += n;
		for (i = 0; i < cpuid_nflags; i++)
			if (!strcmp(cpuid_flags[i].name, word))
				break;
		if (i == cpuid_nflags && el < size)
			el += snprintf(extra + el, size - el, " %s", word);
	}
}

static void cpuid_flag_list(const struct ident *id, char *buf, size_t size)
{
	size_t len = 0;
	unsigned int i;

	*buf = '\0';
	for (i = 0; i < cpuid_nflags && len < size; i++)
		if (id->flag[i])
			len += snprintf(buf + len, size - len, "%s%s",
					len ? " " : "", cpuid_flags[i].name);
}

int main(int argc, char **argv)
{
	static struct ident id;
	static char list[8192], extra[4096];
	const char *path = "/proc/cpuinfo";
	bool print = false;
	int i, level = 0;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--print"))
			print = true;
		else
			path = argv[i];
	}
	identify(&id);
	cpuid_flag_list(&id, list, sizeof(list));
	if (read_cpuinfo(path) || !nblocks) {
		printf("cpuid-check: cannot read processor blocks from %s: %s\n",
		       path, nblocks ? "" : errno ? err_name(errno) : "none");
		return 2;
	}
	level = psabi(list_has, blocks[0].flags, true, true);
	if (print) {
		printf("vendor=%s\nfamily=%u\nmodel=%u\nstepping=%u\n"
		       "model_name=%s\nlevel=%u\nphys_bits=%u\nvirt_bits=%u\n"
		       "flags=%s\npsabi=%d\ncpuinfo_psabi=%d\nprocessors=%d\n",
		       id.vendor, id.family, id.model, id.stepping, id.name,
		       id.level, id.phys, id.virt, list, id.psabi, level,
		       nblocks);
		/* the first block as read, for a reader without a shell */
		printf("cpuinfo_vendor=%s\ncpuinfo_family=%ld\n"
		       "cpuinfo_model=%ld\ncpuinfo_model_name=%s\n",
		       blocks[0].vendor, blocks[0].family, blocks[0].model,
		       blocks[0].name);
		return 0;
	}
	printf("cpuid: vendor %s, family %u, model %u, stepping %u, level %u, '%s', %u/%u address bits, x86-64-v%d\n",
	       id.vendor, id.family, id.model, id.stepping, id.level, id.name,
	       id.phys, id.virt, id.psabi);
	printf("cpuid: flags %s\n", list);
	printf("cpuinfo: %d processor blocks, flags x86-64-v%d\n", nblocks,
	       level);
	for (i = 0; i < nblocks; i++) {
		const struct block *b = &blocks[i];

		str("vendor_id", i, id.vendor, b->vendor);
		num("cpu family", i, id.family, b->family);
		num("model", i, id.model, b->model);
		num("stepping", i, id.stepping, b->stepping);
		str("model name", i, id.name, b->name);
		num("cpuid level", i, id.level, b->level);
		num("address sizes (physical)", i, id.phys, b->phys);
		num("address sizes (virtual)", i, id.virt, b->virt);
		flags(&id, b, i, extra, sizeof(extra));
		if (i == 0 && *extra)
			printf("cpuinfo: flags that are no CPUID bit:%s\n", extra);
	}
	printf("cpuid-check: %d differences\n", ndiff);
	return ndiff ? 1 : 0;
}
