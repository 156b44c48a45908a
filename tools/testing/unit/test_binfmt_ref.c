// SPDX-License-Identifier: GPL-2.0
/*
 * The differential host test of kmod/lib/binfmt_line.c against
 * tools/testing/ref/binfmt_misc_ref.c, a model of fs/binfmt_misc.c's
 * create_entry() and search: the same bytes go to both, and every
 * verdict and every field must agree.
 *
 *  - table: the lines of kmod/tests/binfmt_line_cases.h;
 *  - seeds: the fuzzer's seed corpus (tools/testing/fuzz/seeds/
 *    binfmt_line/), the lines it starts from;
 *  - mutations: 300,000 lines made from both by the fixed-seed mutator
 *    of tools/testing/ref/line_mutator.h;
 *  - match: for each line both accept, headers made to sit on the edge
 *    of its magic and mask, matched by both;
 *  - abi: xlate_binfmt_line_abi() says x86-64 or i386 only when every
 *    header the line matches is one (a header that matches and is not
 *    is built for every refusal, and looked for among the edge headers
 *    for every acceptance);
 *  - takes: the exec decision of xlate's binfmt handler
 *    (xlate_binfmt_takes(): the ABI of the header, then the line of
 *    that ABI) against the model's search, for the lines xlate takes,
 *    on edge headers and on the line's magic with each of its first 24
 *    bytes set to boundary values, as e2e's binfmt-corpus does.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "binfmt_misc_ref.h"
#include "line_mutator.h"
#include "../../../kmod/tests/binfmt_line_cases.h"

#define MUTATIONS	300000
#define MAX_SEEDS	512

static struct xlate_binfmt_line *xl;
static struct ref_entry *ref;

/* The differences found, for the failure message. */
static unsigned long diffs;
static char first_diff[200];

static void note_diff(const char *what, const char *line, size_t len)
{
	if (!diffs++)
		snprintf(first_diff, sizeof(first_diff), "%s: '%.*s' (%zu bytes)",
			 what, (int)(len < 120 ? len : 120), line, len);
}

/* Both parsers on @line; returns xlate's verdict. */
static int compare(const char *line, size_t len)
{
	char *copy = malloc(len ? len : 1);
	const char *why = NULL;
	int ret, abi;

	if (!copy)
		abort();
	memcpy(copy, line, len);
	ret = xlate_binfmt_parse(xl, copy, len, &why);
	ref_register(ref, copy, len);
	free(copy);
	if (ret != ref->ret) {
		note_diff(ret ? "xlate refuses, binfmt_misc takes" :
			  "xlate takes, binfmt_misc refuses", line, len);
		return ret;
	}
	if (ret) {
		if (!why || !*why)
			note_diff("refused without a reason", line, len);
		return ret;
	}
	if (strcmp(xl->name, ref->name) ||
	    strcmp(xl->interpreter, ref->interpreter) ||
	    xl->interpreter_len != strlen(ref->interpreter))
		note_diff("name or interpreter", line, len);
	if (xl->preserve_argv0 != !!(ref->flags & REF_FMT_PRESERVE_ARGV0) ||
	    (xl->open_binary || xl->credentials) !=
	    !!(ref->flags & REF_FMT_OPEN_BINARY) ||
	    xl->credentials != !!(ref->flags & REF_FMT_CREDENTIALS) ||
	    xl->fix_binary != !!(ref->flags & REF_FMT_OPEN_FILE))
		note_diff("flags", line, len);
	if ((ref->magic_type == 'E') != !!xl->extension ||
	    (xl->extension && strcmp(xl->extension, ref->extension)))
		note_diff("type or extension", line, len);
	if (ref->magic_type == 'M' &&
	    (xl->m.offset != (unsigned int)ref->offset ||
	     xl->m.size != (unsigned int)ref->size ||
	     xl->m.has_mask != ref->has_mask ||
	     memcmp(xl->m.magic, ref->magic, ref->size) ||
	     (ref->has_mask && memcmp(xl->m.mask, ref->mask, ref->size))))
		note_diff("offset, magic or mask", line, len);
	abi = xlate_binfmt_line_abi(xl, &why);
	if (abi < 0 && (!why || !*why))
		note_diff("x86 refusal without a reason", line, len);
	return 0;
}

UNIT_TEST(table)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(binfmt_line_cases); i++) {
		const struct binfmt_line_case *c = &binfmt_line_cases[i];

		unit_case("%s", c->name);
		diffs = 0;
		compare(c->line, binfmt_case_len(c));
		CHECK(!diffs, "%s", first_diff);
		CHECK(ref->ret == c->ret, "the model says %d, the table %d",
		      ref->ret, c->ret);
	}
}

/* The fuzzer's seeds, and the table's lines: the mutator's start. */
static char *seeds[MAX_SEEDS + ARRAY_SIZE(binfmt_line_cases)];
static size_t seed_len[ARRAY_SIZE(seeds)];
static size_t nseeds;
static struct line_mutator mut = {
	.state = 0x2545f4914f6cdd1dULL,
	.seeds = (const char *const *)seeds,
	.lens = seed_len,
};

static void load_seeds(void)
{
	const char *end = strstr(__FILE__, "/tools/testing/unit/");
	char dir[1024], path[1300];
	struct dirent *de;
	size_t i;
	DIR *d;

	for (i = 0; i < ARRAY_SIZE(binfmt_line_cases); i++) {
		seed_len[nseeds] = binfmt_case_len(&binfmt_line_cases[i]);
		seeds[nseeds] = malloc(seed_len[nseeds] + 1);
		memcpy(seeds[nseeds], binfmt_line_cases[i].line,
		       seed_len[nseeds]);
		nseeds++;
	}
	snprintf(dir, sizeof(dir), "%.*s/tools/testing/fuzz/seeds/binfmt_line",
		 end ? (int)(end - __FILE__) : 1, end ? __FILE__ : ".");
	mut.nseeds = nseeds;
	d = opendir(dir);
	if (!d)
		return;
	while ((de = readdir(d)) && nseeds < ARRAY_SIZE(seeds)) {
		FILE *f;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		f = fopen(path, "rb");
		if (!f)
			continue;
		seeds[nseeds] = malloc(4096);
		seed_len[nseeds] = fread(seeds[nseeds], 1, 4096, f);
		fclose(f);
		nseeds++;
	}
	closedir(d);
	mut.nseeds = nseeds;
}

UNIT_TEST(seed_corpus)
{
	size_t i, files;

	load_seeds();
	files = nseeds - ARRAY_SIZE(binfmt_line_cases);
	CHECK(files >= 8, "%zu seed files", files);
	diffs = 0;
	for (i = ARRAY_SIZE(binfmt_line_cases); i < nseeds; i++)
		compare(seeds[i], seed_len[i]);
	CHECK(!diffs, "%lu differences; first: %s", diffs, first_diff);
}

UNIT_TEST(mutations)
{
	static char line[XLATE_BINFMT_REGISTER_MAX + 64];
	unsigned long taken = 0, i;

	if (!nseeds)
		load_seeds();
	diffs = 0;
	for (i = 0; i < MUTATIONS; i++) {
		size_t len = lm_mutate(&mut, line, sizeof(line));

		if (!compare(line, len))
			taken++;
	}
	CHECK(!diffs, "%lu differences in %d lines; first: %s", diffs,
	      MUTATIONS, first_diff);
	/* A mutator that only makes garbage proves little. */
	CHECK(taken > MUTATIONS / 20, "only %lu of %d lines accepted", taken,
	      MUTATIONS);
	printf("binfmt_ref: %d mutated lines, %lu accepted by both, %lu differences\n",
	       MUTATIONS, taken, diffs);
}

/* Headers on the edge of @m: the magic, with masked and unmasked bits flipped. */
static void edge_header(unsigned char *h, const struct xlate_binfmt_magic *m,
			unsigned int kind)
{
	unsigned int j;

	for (j = 0; j < XLATE_BINFMT_BUF_SIZE; j++)
		h[j] = kind & 1 ? lm_rnd(&mut, 256) : 0;
	for (j = 0; j < m->size; j++)
		h[m->offset + j] = m->magic[j];
	if (kind & 2) {		/* unmasked bits only: still a match */
		for (j = 0; j < m->size; j++)
			h[m->offset + j] ^= lm_rnd(&mut, 256) & ~m->mask[j];
	}
	if (kind & 4 && m->size) {	/* one masked bit: no match */
		j = lm_rnd(&mut, m->size);
		if (m->mask[j])
			h[m->offset + j] ^= m->mask[j] & -m->mask[j];
	}
}

/*
 * The next mutated line both parsers take as type M (their differences
 * noted by compare()), in @line; its length.
 */
static size_t next_m_line(char *line, size_t max)
{
	size_t len;

	do
		len = lm_mutate(&mut, line, max);
	while (compare(line, len) || ref->magic_type != 'M');
	return len;
}

UNIT_TEST(match)
{
	static char line[XLATE_BINFMT_REGISTER_MAX + 64];
	unsigned char h[XLATE_BINFMT_BUF_SIZE];
	unsigned long tried = 0, matched = 0, i;
	unsigned int k;

	if (!nseeds)
		load_seeds();
	diffs = 0;
	for (i = 0; i < 2000; i++) {
		size_t len = next_m_line(line, sizeof(line));

		for (k = 0; k < 8; k++) {
			bool a, b;

			edge_header(h, &xl->m, k);
			a = xlate_binfmt_match(&xl->m, h);
			b = ref_check_file(ref, h);
			tried++;
			matched += a;
			if (a != b)
				note_diff("match", line, len);
		}
	}
	CHECK(!diffs, "%lu differences; first: %s", diffs, first_diff);
	CHECK(matched > tried / 4 && matched < tried, "%lu of %lu matched",
	      matched, tried);
}

/*
 * A header the line matches that is not of the ABI: the line's magic,
 * with the free bits of the bytes that decide the ABI changed.
 */
static bool counterexample(const struct xlate_binfmt_magic *m,
			   unsigned char *h)
{
	static const unsigned int decide[] = { 0, 1, 2, 3, 4, 18, 19 };
	unsigned int j, b;

	memset(h, 0, XLATE_BINFMT_BUF_SIZE);
	for (j = 0; j < m->size; j++)
		h[m->offset + j] = m->magic[j];
	for (j = 0; j < ARRAY_SIZE(decide); j++) {
		unsigned int at = decide[j];
		unsigned char free_bits;

		if (at < m->offset || at >= m->offset + m->size) {
			free_bits = 0xff;
		} else {
			free_bits = ~m->mask[at - m->offset];
		}
		for (b = 0; b < 8; b++) {
			if (!(free_bits & 1U << b))
				continue;
			h[at] ^= 1U << b;
			if (xlate_binfmt_header_abi(h) == XLATE_ELF_OTHER)
				return true;
			h[at] ^= 1U << b;
		}
	}
	/* Nothing free there: the line's own bytes decide. */
	return xlate_binfmt_header_abi(h) == XLATE_ELF_OTHER;
}

UNIT_TEST(abi)
{
	static char line[XLATE_BINFMT_REGISTER_MAX + 64];
	unsigned char h[XLATE_BINFMT_BUF_SIZE];
	unsigned long taken = 0, refused = 0, i;
	unsigned int k;

	if (!nseeds)
		load_seeds();
	diffs = 0;
	for (i = 0; i < 4000; i++) {
		size_t len = next_m_line(line, sizeof(line));
		const char *why;
		int abi = xlate_binfmt_line_abi(xl, &why);

		if (abi < 0) {
			refused++;
			/* x86 lines of both classes are never refused */
			if (!counterexample(&xl->m, h))
				note_diff("refused, yet every match is x86",
					  line, len);
			else if (!xlate_binfmt_match(&xl->m, h))
				note_diff("counterexample does not match",
					  line, len);
			continue;
		}
		taken++;
		for (k = 0; k < 64; k++) {
			edge_header(h, &xl->m, k & 3);
			if (xlate_binfmt_match(&xl->m, h) &&
			    xlate_binfmt_header_abi(h) != (enum xlate_elf_abi)abi)
				note_diff("taken, yet matches another header",
					  line, len);
		}
	}
	CHECK(!diffs, "%lu differences; first: %s", diffs, first_diff);
	CHECK(taken > 100 && refused > 100, "%lu taken, %lu refused", taken,
	      refused);
}

UNIT_TEST(takes)
{
	static const unsigned char values[] = { 0, 1, 2, 3, 0x7f, 0x80, 0xfe,
						0xff };
	static char line[XLATE_BINFMT_REGISTER_MAX + 64];
	unsigned char h[XLATE_BINFMT_BUF_SIZE];
	unsigned long lines = 0, tried = 0, taken = 0, i;
	unsigned int k, at, v;

	if (!nseeds)
		load_seeds();
	diffs = 0;
	for (i = 0; lines < 1000 && i < 200000; i++) {
		size_t len = next_m_line(line, sizeof(line));
		const char *why;
		int abi = xlate_binfmt_line_abi(xl, &why);

		if (abi < 0)
			continue;
		lines++;
		for (k = 0; k < 8 + 24 * ARRAY_SIZE(values); k++) {
			if (k < 8) {
				edge_header(h, &xl->m, k);
			} else {
				edge_header(h, &xl->m, 0);
				at = (k - 8) / ARRAY_SIZE(values);
				v = values[(k - 8) % ARRAY_SIZE(values)];
				h[at] = v;
			}
			tried++;
			taken += xlate_binfmt_takes(&xl->m, abi, h);
			if (xlate_binfmt_takes(&xl->m, abi, h) !=
			    ref_check_file(ref, h))
				note_diff("takes", line, len);
		}
	}
	CHECK(!diffs, "%lu differences; first: %s", diffs, first_diff);
	CHECK(lines == 1000, "only %lu x86 lines", lines);
	CHECK(taken > tried / 8 && taken < tried, "%lu of %lu headers taken",
	      taken, tried);
	printf("binfmt_ref: takes: %lu x86 lines, %lu headers, %lu taken, %lu differences\n",
	       lines, tried, taken, diffs);
}

int unit_setup(void) __attribute__((constructor(200)));
int unit_setup(void)
{
	xl = malloc(sizeof(*xl));
	ref = malloc(sizeof(*ref));
	if (!xl || !ref)
		abort();
	return 0;
}
