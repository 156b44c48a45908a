/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A fixed-seed mutator of binfmt_misc registration lines, for the
 * differential tests of kmod/lib/binfmt_line.c: the host test
 * tools/testing/unit/test_binfmt_ref.c (against binfmt_misc_ref.c) and
 * the e2e program tools/testing/e2e/progs/binfmt-register.c (against the
 * kernel).  Each line is a seed with one to four edits that favour the
 * bytes binfmt_misc's rules are about: delimiters, backslashes, 'x', hex
 * digits, NUL, newlines, flag letters.
 */
#ifndef XLATE_REF_LINE_MUTATOR_H
#define XLATE_REF_LINE_MUTATOR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct line_mutator {
	uint64_t state;			/* xorshift64, never 0 */
	const char *const *seeds;
	const size_t *lens;
	size_t nseeds;
};

/* A number below @n (0 for @n 0). */
static inline uint32_t lm_rnd(struct line_mutator *m, uint32_t n)
{
	m->state ^= m->state << 13;
	m->state ^= m->state >> 7;
	m->state ^= m->state << 17;
	return n ? (uint32_t)(m->state % n) : 0;
}

/* Write a mutated seed of at most @max bytes to @out; return its length. */
static inline size_t lm_mutate(struct line_mutator *m, char *out, size_t max)
{
	static const char special[] =
		":|#aMExX\\0123456789abcdefABCDEFPOCF\n\r -+/.";
	size_t i = lm_rnd(m, m->nseeds), len = m->lens[i], n, k, at;

	if (len > max)
		len = max;
	memcpy(out, m->seeds[i], len);
	for (n = 1 + lm_rnd(m, 4); n; n--) {
		char c = lm_rnd(m, 4) ? special[lm_rnd(m, sizeof(special))] :
					(char)lm_rnd(m, 256);

		at = len ? lm_rnd(m, len + 1) : 0;
		switch (lm_rnd(m, 6)) {
		case 0:		/* replace */
		case 1:
			if (at < len)
				out[at] = c;
			break;
		case 2:		/* insert */
			if (len < max) {
				memmove(out + at + 1, out + at, len - at);
				out[at] = c;
				len++;
			}
			break;
		case 3:		/* delete */
			if (at < len) {
				memmove(out + at, out + at + 1, len - at - 1);
				len--;
			}
			break;
		case 4:		/* cut */
			len = at;
			break;
		default:	/* a piece of another seed */
			i = lm_rnd(m, m->nseeds);
			k = m->lens[i] ? lm_rnd(m, m->lens[i]) : 0;
			while (k < m->lens[i] && at < max && lm_rnd(m, 8)) {
				out[at++] = m->seeds[i][k++];
				if (at > len)
					len = at;
			}
			break;
		}
	}
	return len;
}

#endif /* XLATE_REF_LINE_MUTATOR_H */
