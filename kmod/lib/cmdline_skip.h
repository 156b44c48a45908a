/* SPDX-License-Identifier: GPL-2.0 */
#ifndef XLATE_LIB_CMDLINE_SKIP_H
#define XLATE_LIB_CMDLINE_SKIP_H

#include "pure.h"

/**
 * struct xlate_cmdline_skip - a scan of the runtime's argv strings
 * @runtime: the string argv[0] must be (the runtime path xlate pushed)
 * @runtime_len: its length, the NUL included
 * @skip: how many strings to step over (1, or 2 with preserve_argv0)
 * @pos: bytes consumed so far; when done, the program's argv offset
 * @seen: strings ended so far
 *
 * The runtime's argv block is "runtime\0path\0[argv0\0]argv1\0...".
 * The program's own argv is the suffix after @skip strings.
 */
struct xlate_cmdline_skip {
	const char *runtime;
	size_t runtime_len;
	unsigned int skip;
	size_t pos;
	unsigned int seen;
};

/* Results of xlate_cmdline_skip_feed() */
#define XLATE_CMDLINE_MORE	0	/* feed the next bytes */
#define XLATE_CMDLINE_DONE	1	/* @pos is the program's argv */
#define XLATE_CMDLINE_NO	(-1)	/* not the block xlate built */

void xlate_cmdline_skip_init(struct xlate_cmdline_skip *s,
			     const char *runtime, unsigned int skip);
int xlate_cmdline_skip_feed(struct xlate_cmdline_skip *s,
			    const char *bytes, size_t len);
bool xlate_cmdline_skip_end(const struct xlate_cmdline_skip *s,
			    size_t block_len);

#endif /* XLATE_LIB_CMDLINE_SKIP_H */
