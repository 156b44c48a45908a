// SPDX-License-Identifier: GPL-2.0
/*
 * The CPUID probe: the bytes in cpuid_probe.c are those of the listing
 * cpuid_probe.lst, the ELF headers agree with the image, and (on an
 * x86-64 build host) running it reports what the CPUID instruction says.
 * Run from the userhelper directory.
 */
#include <stdlib.h>
#include <string.h>
#if defined(__x86_64__)
#include <cpuid.h>
#endif

#include "check.h"
#include "cpuid_probe.h"

#define LISTING	"cpuid_probe.lst"

static unsigned int le(const unsigned char *p, int n)
{
	unsigned int v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

/* Parse "OFFSET: BYTES | SOURCE" lines; returns the byte count or -1. */
static long parse_listing(unsigned char *out, size_t max, char *why,
			  size_t whysize)
{
	char line[512];
	size_t len = 0;
	int lineno = 0;
	FILE *f = fopen(LISTING, "r");

	if (!f) {
		snprintf(why, whysize, "cannot open %s", LISTING);
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		char *bar = strchr(line, '|'), *p, *end;
		unsigned long off;

		lineno++;
		if (line[0] == ';' || line[0] == '\n')
			continue;
		off = strtoul(line, &end, 16);
		if (end == line || *end != ':' || !bar) {
			snprintf(why, whysize, "line %d is not OFFSET: BYTES | SOURCE",
				 lineno);
			goto bad;
		}
		if (off != len) {
			snprintf(why, whysize, "line %d: offset %#lx, expected %#zx",
				 lineno, off, len);
			goto bad;
		}
		*bar = '\0';
		for (p = end + 1; *p; ) {
			unsigned long b;

			while (*p == ' ' || *p == '\t')
				p++;
			if (!*p)
				break;
			b = strtoul(p, &end, 16);
			if (end - p != 2 || len == max) {
				snprintf(why, whysize, "line %d: bad byte '%.4s'",
					 lineno, p);
				goto bad;
			}
			out[len++] = b;
			p = end;
		}
	}
	fclose(f);
	return len;
bad:
	fclose(f);
	return -1;
}

static void test_listing(void)
{
	unsigned char lst[4096];
	char why[256] = "";
	long n = parse_listing(lst, sizeof(lst), why, sizeof(why));
	size_t i;

	if (!check("probe/listing-parses", n > 0, "%s", why))
		return;
	check("probe/bytes-match-listing-size", (size_t)n == cpuid_probe_size,
	      "listing has %ld bytes, cpuid_probe.c %zu", n, cpuid_probe_size);
	for (i = 0; i < (size_t)n && i < cpuid_probe_size; i++)
		if (lst[i] != cpuid_probe_image[i])
			break;
	check("probe/bytes-match-listing", i == (size_t)n &&
	      (size_t)n == cpuid_probe_size,
	      "first difference at offset %#zx", i);
}

static void test_headers(void)
{
	const unsigned char *p = cpuid_probe_image;
	const unsigned char *ph = p + le(p + 32, 4);

	check("probe/elf-x86-64-exec", !memcmp(p, "\177ELF\x02\x01\x01", 7) &&
	      le(p + 16, 2) == 2 && le(p + 18, 2) == 62,
	      "not a 64-bit LSB ET_EXEC EM_X86_64 header");
	check("probe/one-pt-load", le(p + 54, 2) == 56 && le(p + 56, 2) == 1 &&
	      le(ph, 4) == 1 && le(ph + 4, 4) == 5,
	      "expected one PT_LOAD, R+X");
	check("probe/filesz-is-image", le(ph + 32, 4) == cpuid_probe_size &&
	      le(ph + 40, 4) == cpuid_probe_size && le(ph + 8, 4) == 0,
	      "p_filesz %u p_memsz %u, image %zu", le(ph + 32, 4),
	      le(ph + 40, 4), cpuid_probe_size);
	check("probe/entry-inside-image",
	      le(p + 24, 4) >= le(ph + 16, 4) + 120 &&
	      le(p + 24, 4) < le(ph + 16, 4) + cpuid_probe_size,
	      "e_entry %#x", le(p + 24, 4));
}

static void test_run(void)
{
#if defined(__x86_64__)
	struct cpuid_rec recs[CPUID_PROBE_NRECS];
	unsigned int a, b, c, d;
	char why[512] = "";
	int ok = cpuid_probe_run(recs, (char *[]){ NULL }, why, sizeof(why)) == 0;

	if (!check("probe/runs-natively", ok, "%s", why))
		return;
	__cpuid(0, a, b, c, d);
	check("probe/leaf0-vendor-matches-cpuid",
	      recs[0].eax == a && recs[0].ebx == b && recs[0].ecx == c &&
	      recs[0].edx == d,
	      "probe %08x %08x %08x %08x, cpuid %08x %08x %08x %08x",
	      recs[0].eax, recs[0].ebx, recs[0].ecx, recs[0].edx, a, b, c, d);
	__cpuid(1, a, b, c, d);
	/* EBX[31:24] is the APIC ID of whichever CPU ran the probe */
	check("probe/leaf1-matches-cpuid", recs[1].eax == a &&
	      recs[1].ecx == c && recs[1].edx == d &&
	      (recs[1].ebx & 0xffffff) == (b & 0xffffff),
	      "probe eax %08x ecx %08x edx %08x, cpuid %08x %08x %08x",
	      recs[1].eax, recs[1].ecx, recs[1].edx, a, c, d);
	__cpuid_count(7, 0, a, b, c, d);
	check("probe/leaf7-matches-cpuid", recs[2].ebx == b && recs[2].ecx == c &&
	      recs[2].edx == d, "probe ebx %08x, cpuid %08x", recs[2].ebx, b);
	__cpuid(0x80000001, a, b, c, d);
	check("probe/leaf80000001-matches-cpuid", recs[6].ecx == c &&
	      recs[6].edx == d, "probe ecx %08x edx %08x, cpuid %08x %08x",
	      recs[6].ecx, recs[6].edx, c, d);
#else
	check("probe/runs-natively", false,
	      "the build host is not x86-64, so the probe cannot run natively");
#endif
}

int main(void)
{
	test_listing();
	test_headers();
	test_run();
	return check_exit();
}
