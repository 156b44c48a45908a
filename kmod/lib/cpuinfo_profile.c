// SPDX-License-Identifier: GPL-2.0
/*
 * The cpuinfo profile: its default, Rosetta's template, and parsing and
 * printing for /sys/kernel/xlate/cpuinfo/ (a field per file, or several
 * in one write).  Pure logic, shared by the module,
 * KUnit, the host unit tests and the fuzzers.
 *
 * Why the default says what it says
 * ---------------------------------
 * A translated program reads /proc/cpuinfo to decide which code paths it
 * may take, so the default must never claim an instruction the runtime
 * cannot execute.  Of the runtimes xlate looks for, qemu-x86_64 (7.2 in
 * Debian bookworm) is the baseline: qemu-user's default x86-64 CPU model
 * is "max", which under TCG offers the TCG_FEATURES, TCG_EXT_FEATURES,
 * TCG_EXT2_FEATURES and TCG_EXT3_FEATURES words of target/i386/cpu.c.
 * Those include SSE through SSE4.2, POPCNT, CX16 and LAHF_LM, but not VME,
 * and AVX/AVX2/FMA only from 7.2 on (and box64 and FEX differ again).  So
 * the default claims x86-64-v2, the psABI level every x86-64 runtime in
 * use provides, and nothing of x86-64-v3:
 *
 *   baseline  fpu de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov
 *             pat pse36 clflush mmx fxsr sse sse2 syscall nx lm
 *   v2        pni (SSE3) ssse3 cx16 sse4_1 sse4_2 popcnt lahf_lm
 *   honest    hypervisor (a translator is a virtual CPU; TCG sets it too)
 *
 * Identity: vendor "GenuineIntel", family 6 model 26 stepping 3, cpuid
 * level 11 are those of QEMU's "Nehalem" CPU model, the first Intel core
 * with SSE4.2 and POPCNT, so family/model and flags agree for programs
 * that key quirks off the model.  The model name says what it is,
 * "xlate virtual x86-64 CPU"; lscpu and py-cpuinfo take any string there.
 * microcode 0x1, 2000 MHz, 8192 KB cache and 4000.00 bogomips are what a
 * typical virtual machine shows; 40 physical / 48 virtual address bits
 * are qemu's TCG defaults; clflush size and cache_alignment are 64.  The
 * bugs list names the speculation issues every Nehalem reports, so no
 * program concludes a mitigation is unnecessary.
 */
#include "cpuinfo_profile.h"

#define W(bit)	(1U << ((bit) % 32))

const struct xlate_cpuinfo_profile xlate_cpuinfo_default_profile = {
	.vendor_id = "GenuineIntel",
	.model_name = "xlate virtual x86-64 CPU",
	.family = 6,
	.model = 26,
	.stepping = 3,
	.microcode = 0x1,
	.cpu_khz = 2000000,
	.cache_size_kb = 8192,
	.cpuid_level = 11,
	.bogomips_centi = 400000,
	.clflush_size = 64,
	.cache_alignment = 64,
	.phys_bits = 40,
	.virt_bits = 48,
	.flags = {
		/* fpu de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov
		 * pat pse36 clflush mmx fxsr sse sse2
		 */
		[0] = W(0) | W(2) | W(3) | W(4) | W(5) | W(6) | W(7) | W(8) |
		      W(9) | W(11) | W(12) | W(13) | W(14) | W(15) | W(16) |
		      W(17) | W(19) | W(23) | W(24) | W(25) | W(26),
		/* syscall nx lm */
		[1] = W(11) | W(20) | W(29),
		/* pni ssse3 cx16 sse4_1 sse4_2 popcnt hypervisor */
		[4] = W(0) | W(9) | W(13) | W(19) | W(20) | W(23) | W(31),
		/* lahf_lm */
		[6] = W(0),
	},
	/* spectre_v1 spectre_v2 spec_store_bypass swapgs */
	.bugs = { [0] = W(15) | W(16) | W(17) | W(21) },
};

/*
 * Rosetta for Linux answers an absolute-path read of /proc/cpuinfo
 * itself, from a template in its binary ("Things You Might Want to Know
 * About Apple's Rosetta 2 for Linux VMs", blog.inoki.cc, 2026-02-28,
 * quoting `strings RosettaLinux/rosetta`):
 *
 *   vendor_id VirtualApple, cpu family 6, model 142, model name
 *   "VirtualApple @ 2.50GHz", stepping 10, cpu MHz 2502.057, cache size
 *   6144 KB, cpuid level 22, no bugs, bogomips 5184.11, clflush size and
 *   cache_alignment 64, 39 bits physical and 48 bits virtual, and
 *   flags: fpu tsc de cx8 apic sep cmov pat pse36 clflush mmx fxsr sse
 *   sse2 syscall nx lm rep_good nopl pni cpuid pclmulqdq ssse3 cx16
 *   sse4_1 popcnt sse4_2 aes lahf_lm movbe fma avx f16c rdrand bmi1 avx2
 *   bmi2
 *
 * A read that reaches the kernel (lscpu opens the file relative to a
 * directory) gets this same text from xlate when Rosetta is the runtime.
 * Its one line this renderer cannot say is "fpu_exception: no".
 */
const struct xlate_cpuinfo_profile xlate_cpuinfo_rosetta_profile = {
	.vendor_id = "VirtualApple",
	.model_name = "VirtualApple @ 2.50GHz",
	.family = 6,
	.model = 142,
	.stepping = 10,
	.microcode = 0,
	.cpu_khz = 2502057,
	.cache_size_kb = 6144,
	.cpuid_level = 22,
	.bogomips_centi = 518411,
	.clflush_size = 64,
	.cache_alignment = 64,
	.phys_bits = 39,
	.virt_bits = 48,
	.flags = {
		/* fpu de tsc cx8 apic sep cmov pat pse36 clflush mmx fxsr
		 * sse sse2
		 */
		[0] = W(0) | W(2) | W(4) | W(8) | W(9) | W(11) | W(15) |
		      W(16) | W(17) | W(19) | W(23) | W(24) | W(25) | W(26),
		/* syscall nx lm */
		[1] = W(11) | W(20) | W(29),
		/* rep_good nopl cpuid */
		[3] = W(16) | W(20) | W(25),
		/* pni pclmulqdq ssse3 fma cx16 sse4_1 sse4_2 movbe popcnt aes
		 * avx f16c rdrand
		 */
		[4] = W(0) | W(1) | W(9) | W(12) | W(13) | W(19) | W(20) |
		      W(22) | W(23) | W(25) | W(28) | W(29) | W(30),
		/* lahf_lm */
		[6] = W(0),
		/* bmi1 avx2 bmi2 */
		[9] = W(3) | W(5) | W(8),
	},
};

/**
 * xlate_runtime_is_rosetta() - is @path Apple's Rosetta for Linux?
 * @path: the configured runtime, or NULL
 *
 * Rosetta is the file "rosetta" of the directory share the VM mounts
 * (Apple's "Running Intel Binaries in Linux VMs with Rosetta" mounts it
 * at /media/rosetta; other tools pick other places), so the last path
 * component decides.
 *
 * Return: true if the file name of @path is "rosetta".
 */
bool xlate_runtime_is_rosetta(const char *path)
{
	size_t len;

	if (!path)
		return false;
	/* the tail only: every read of the x86 view asks */
	len = strlen(path);
	if (len == 7)
		return !memcmp(path, "rosetta", 7);
	return len > 7 && !memcmp(path + len - 8, "/rosetta", 8);
}

enum field_kind { F_TEXT, F_UINT, F_HEX, F_FIXED, F_FLAGS, F_BUGS };

/**
 * struct profile_field - one sysfs file of the profile
 * @name: file name
 * @kind: how the value is written
 * @off: offset of the member in struct xlate_cpuinfo_profile
 * @min: smallest number, or for F_TEXT unused
 * @max: largest number (F_FIXED: of the integer part), or for F_TEXT
 *	 the longest string
 * @step: a number must be a multiple of this (0: any); for F_FIXED the
 *	  digits after the point
 */
struct profile_field {
	const char *name;
	enum field_kind kind;
	size_t off;
	unsigned int min;
	unsigned int max;
	unsigned int step;
};

#define OFF(m)	offsetof(struct xlate_cpuinfo_profile, m)

static const struct profile_field fields[] = {
	/* CPUID 0: 12 characters */
	{ "vendor_id", F_TEXT, OFF(vendor_id), 0, 12, 0 },
	/* CPUID 0x80000002..4: 48 characters */
	{ "model_name", F_TEXT, OFF(model_name), 0, 48, 0 },
	{ "cpu_family", F_UINT, OFF(family), 0, 255, 0 },
	{ "model", F_UINT, OFF(model), 0, 255, 0 },
	{ "stepping", F_UINT, OFF(stepping), 0, 15, 0 },
	{ "microcode", F_HEX, OFF(microcode), 0, 0xffffffffU, 0 },
	{ "cpu_mhz", F_FIXED, OFF(cpu_khz), 0, 1000000, 3 },
	{ "cache_size", F_UINT, OFF(cache_size_kb), 0, 0x7fffffff, 0 },
	{ "cpuid_level", F_UINT, OFF(cpuid_level), 0, 0x7fffffff, 0 },
	{ "flags", F_FLAGS, OFF(flags), 0, 0, 0 },
	{ "bugs", F_BUGS, OFF(bugs), 0, 0, 0 },
	{ "bogomips", F_FIXED, OFF(bogomips_centi), 0, 10000000, 2 },
	/* CPUID 1 EBX[15:8] counts 8-byte units */
	{ "clflush_size", F_UINT, OFF(clflush_size), 8, 2040, 8 },
	{ "cache_alignment", F_UINT, OFF(cache_alignment), 8, 4096, 8 },
	{ "phys_bits", F_UINT, OFF(phys_bits), 32, 52, 0 },
	{ "virt_bits", F_UINT, OFF(virt_bits), 32, 57, 0 },
};

/* Names of the fields, in the order /proc/cpuinfo shows them. */
const char * const xlate_profile_fields[] = {
	"vendor_id", "model_name", "cpu_family", "model", "stepping",
	"microcode", "cpu_mhz", "cache_size", "cpuid_level", "flags",
	"bugs", "bogomips", "clflush_size", "cache_alignment", "phys_bits",
	"virt_bits",
};

const unsigned int xlate_profile_nfields = ARRAY_SIZE(xlate_profile_fields);

static const struct profile_field *find_field(const char *name)
{
	unsigned int i;

	if (!name)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(fields); i++)
		if (!strcmp(fields[i].name, name))
			return &fields[i];
	return NULL;
}

/* Digits of a decimal or hex number of up to 32 bits, leading zeros aside. */
static int parse_digits(const char *s, size_t len, unsigned int base,
			unsigned long long *out)
{
	unsigned long long v = 0;
	unsigned int d;
	size_t i;

	if (!len)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (base == 16 && c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (base == 16 && c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -EINVAL;
		v = v * base + d;
		if (v > 0xffffffffULL)
			return -EINVAL;
	}
	*out = v;
	return 0;
}

static int parse_number(const struct profile_field *f, const char *s,
			size_t len, unsigned int *out)
{
	unsigned long long v;
	int err;

	if (f->kind == F_HEX && len > 2 && s[0] == '0' &&
	    (s[1] == 'x' || s[1] == 'X'))
		err = parse_digits(s + 2, len - 2, 16, &v);
	else
		err = parse_digits(s, len, 10, &v);
	if (err)
		return err;
	if (v < f->min || v > f->max || (f->step && v % f->step))
		return -EINVAL;
	*out = v;
	return 0;
}

/* "N" or "N.D" with 1 to f->step digits D; the result is scaled. */
static int parse_fixed(const struct profile_field *f, const char *s,
		       size_t len, unsigned int *out)
{
	const char *dot = memchr(s, '.', len);
	size_t ilen = dot ? (size_t)(dot - s) : len;
	size_t flen = dot ? len - ilen - 1 : 0;
	unsigned long long ip, fp = 0;
	unsigned int i;
	int err;

	if (dot && (flen == 0 || flen > f->step))
		return -EINVAL;
	err = parse_digits(s, ilen, 10, &ip);
	if (!err && dot)
		err = parse_digits(dot + 1, flen, 10, &fp);
	if (err)
		return err;
	if (ip > f->max)
		return -EINVAL;
	for (i = flen; i < f->step; i++)
		fp *= 10;
	for (i = 0; i < f->step; i++)
		ip *= 10;
	*out = ip + fp;
	return 0;
}

/* Longest name in the feature and bug tables, with room to spare. */
#define FLAG_NAME_MAX	32

static int lookup_name(const char * const *names, unsigned int n,
		       const char *tok, size_t len)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (names[i] && strlen(names[i]) == len &&
		    !memcmp(names[i], tok, len))
			return i;
	return -EINVAL;
}

/* Space-separated names, each known and given once. */
static int parse_names(const char * const *names, unsigned int nbits,
		       const char *s, size_t len, unsigned int *map)
{
	size_t i = 0, start;
	int bit;

	memset(map, 0, nbits / 8);
	while (i < len) {
		if (s[i] == ' ') {
			i++;
			continue;
		}
		start = i;
		while (i < len && s[i] != ' ')
			i++;
		if (i - start >= FLAG_NAME_MAX)
			return -EINVAL;
		bit = lookup_name(names, nbits, s + start, i - start);
		if (bit < 0)
			return bit;
		if (xlate_bit_test(map, bit))
			return -EINVAL;
		xlate_bit_set(map, bit);
	}
	return 0;
}

/*
 * Check the @len bytes of @value: no control character (a newline
 * included), no non-ASCII byte, not over-long.
 */
static int value_check(const char *value, size_t len)
{
	size_t i;

	if (len > XLATE_PROFILE_VALUE_MAX)
		return -E2BIG;
	for (i = 0; i < len; i++) {
		unsigned char c = value[i];

		if (c < 0x20 || c >= 0x7f)
			return -EINVAL;
	}
	return 0;
}

/* A runtime path: no control character. */
static int path_check(const char *path, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)path[i] < 0x20)
			return -EINVAL;
	return 0;
}

/*
 * Length of @value without its one optional trailing newline, or an
 * error for control characters, non-ASCII bytes or an over-long value.
 */
static int value_length(const char *value, size_t *lenp)
{
	size_t len = 0;

	if (!value)
		return -EINVAL;
	while (value[len]) {
		unsigned char c = value[len];

		if (c == '\n' && value[len + 1] == '\0')
			break;
		if (c < 0x20 || c >= 0x7f)
			return -EINVAL;
		if (++len > XLATE_PROFILE_VALUE_MAX)
			return -E2BIG;
	}
	*lenp = len;
	return 0;
}

/* Set field @f of @p from the @len checked bytes of @value. */
static int set_value(struct xlate_cpuinfo_profile *p,
		     const struct profile_field *f, const char *value,
		     size_t len)
{
	unsigned int caps[XLATE_CPUINFO_CAP_WORDS];
	unsigned int bugs[XLATE_CPUINFO_BUG_WORDS];
	unsigned int num = 0;	/* for gcc -O1, which cannot see it set */
	int err;

	switch (f->kind) {
	case F_TEXT:
		if (len > f->max)
			return -E2BIG;
		memcpy((char *)p + f->off, value, len);
		((char *)p + f->off)[len] = '\0';
		return 0;
	case F_UINT:
	case F_HEX:
		err = parse_number(f, value, len, &num);
		break;
	case F_FIXED:
		err = parse_fixed(f, value, len, &num);
		break;
	case F_FLAGS:
		err = parse_names(xlate_x86_cap_flags, XLATE_X86_NCAPFLAGS,
				  value, len, caps);
		if (!err)
			memcpy(p->flags, caps, sizeof(caps));
		return err;
	case F_BUGS:
		err = parse_names(xlate_x86_bug_flags, XLATE_X86_NBUGFLAGS,
				  value, len, bugs);
		if (!err)
			memcpy(p->bugs, bugs, sizeof(bugs));
		return err;
	default:
		return -ENOENT;
	}
	if (err)
		return err;
	*(unsigned int *)((char *)p + f->off) = num;
	return 0;
}

/**
 * xlate_profile_set() - change one field of a profile
 * @p: the profile
 * @field: the field's name, one of xlate_profile_fields[]
 * @value: the new value as text; one trailing newline is ignored
 *
 * Numbers are decimal (microcode also 0x-prefixed hex), cpu_mhz and
 * bogomips take up to three and two digits after a point, flags and
 * bugs are space-separated names from the kernel's x86 lists.
 *
 * Return: 0 on success; -ENOENT for an unknown field; -EINVAL for a
 * value that is malformed, out of range, holds a control character, or
 * names an unknown or repeated flag; -E2BIG for a value that is too long.
 * On error *@p is unchanged.
 */
int xlate_profile_set(struct xlate_cpuinfo_profile *p, const char *field,
		      const char *value)
{
	const struct profile_field *f = find_field(field);
	size_t len;
	int err;

	if (!f)
		return -ENOENT;
	err = value_length(value, &len);
	if (err)
		return err;
	return set_value(p, f, value, len);
}

/* The field named by the @len bytes at @name, or NULL. */
static const struct profile_field *find_field_n(const char *name, size_t len)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(fields); i++)
		if (strlen(fields[i].name) == len &&
		    !memcmp(fields[i].name, name, len))
			return &fields[i];
	return NULL;
}

/**
 * xlate_profile_load() - change several fields of a profile at once
 * @p: the profile
 * @text: lines "NAME=VALUE", each ended by a newline (the last one may
 *	  be unterminated); NAME is a field of xlate_profile_fields[] or
 *	  "runtime"
 * @len: bytes of @text
 * @runtime: receives where the value of the "runtime" line starts in
 *	     @text, or NULL without one; the caller decides what it means
 * @runtime_len: receives its length
 * @bad_line: receives the number (from 1) of the line refused, or 0
 *
 * Every line is checked as xlate_profile_set() checks one field (the
 * runtime line, a path, only for control characters); a name may
 * appear once.  Nothing changes unless every line is accepted.
 *
 * Return: 0; -ENOENT for an unknown name; -EINVAL for a line without
 * "=", an empty line, a repeated name, a NUL or a bad value; -E2BIG for
 * a value too long.  On error *@p is unchanged.
 */
int xlate_profile_load(struct xlate_cpuinfo_profile *p, const char *text,
		       size_t len, const char **runtime, size_t *runtime_len,
		       unsigned int *bad_line)
{
	struct xlate_cpuinfo_profile next = *p;
	const char *rt = NULL;
	size_t rt_len = 0, pos = 0;
	unsigned int seen = 0, line = 0;
	int err = 0;

	*bad_line = 0;
	while (pos < len) {
		const char *s = text + pos, *nl, *eq;
		const struct profile_field *f;
		size_t n, name_len, vlen;

		line++;
		nl = memchr(s, '\n', len - pos);
		n = nl ? (size_t)(nl - s) : len - pos;
		pos += n + (nl ? 1 : 0);
		eq = memchr(s, '=', n);
		if (!eq || memchr(s, '\0', n)) {
			err = -EINVAL;
			break;
		}
		name_len = eq - s;
		vlen = n - name_len - 1;
		if (name_len == 7 && !memcmp(s, "runtime", 7)) {
			err = rt ? -EINVAL : path_check(eq + 1, vlen);
			if (err)
				break;
			rt = eq + 1;
			rt_len = vlen;
			continue;
		}
		err = value_check(eq + 1, vlen);
		if (err)
			break;
		f = find_field_n(s, name_len);
		if (!f) {
			err = -ENOENT;
			break;
		}
		if (seen & (1U << (f - fields))) {
			err = -EINVAL;
			break;
		}
		seen |= 1U << (f - fields);
		err = set_value(&next, f, eq + 1, vlen);
		if (err)
			break;
	}
	if (err) {
		*bad_line = line;
		return err;
	}
	*p = next;
	*runtime = rt;
	*runtime_len = rt_len;
	return 0;
}

/**
 * xlate_profile_show() - print one field of a profile
 * @p: the profile
 * @field: the field's name, one of xlate_profile_fields[]
 * @buf: destination
 * @size: bytes of @buf; XLATE_PROFILE_SHOW_MAX is always enough
 *
 * Prints the value as xlate_profile_set() accepts it, newline-terminated
 * (flags and bugs in the kernel's bit order).
 *
 * Return: the length printed, NUL excluded; -ENOENT for an unknown
 * field; -E2BIG if it does not fit (@buf then holds a cut-short value).
 */
int xlate_profile_show(const struct xlate_cpuinfo_profile *p,
		       const char *field, char *buf, size_t size)
{
	const struct profile_field *f = find_field(field);
	struct xlate_sbuf sb = { .buf = buf, .size = size, .len = 0 };
	unsigned int num;

	if (!f)
		return -ENOENT;
	if (size)
		buf[0] = '\0';
	num = f->kind == F_TEXT ? 0 : *(const unsigned int *)
		((const char *)p + f->off);
	switch (f->kind) {
	case F_TEXT:
		xlate_sbuf_printf(&sb, "%s\n", (const char *)p + f->off);
		break;
	case F_UINT:
		xlate_sbuf_printf(&sb, "%u\n", num);
		break;
	case F_HEX:
		xlate_sbuf_printf(&sb, "0x%x\n", num);
		break;
	case F_FIXED:
		if (f->step == 3)
			xlate_sbuf_printf(&sb, "%u.%03u\n", num / 1000,
					  num % 1000);
		else
			xlate_sbuf_printf(&sb, "%u.%02u\n", num / 100,
					  num % 100);
		break;
	case F_FLAGS:
		xlate_sbuf_names(&sb, p->flags, xlate_x86_cap_flags,
				 XLATE_X86_NCAPFLAGS, false);
		xlate_sbuf_puts(&sb, "\n");
		break;
	case F_BUGS:
		xlate_sbuf_names(&sb, p->bugs, xlate_x86_bug_flags,
				 XLATE_X86_NBUGFLAGS, false);
		xlate_sbuf_puts(&sb, "\n");
		break;
	}
	if (sb.len >= size)
		return -E2BIG;
	return sb.len;
}
