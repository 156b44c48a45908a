// SPDX-License-Identifier: GPL-2.0
/*
 * Where the program's own argv starts in the argv block of the runtime
 * xlate handed it to, found in pieces (the kernel reads user memory a
 * chunk at a time, without faulting).  Only whole strings are skipped,
 * and only when the first is the runtime path xlate pushed, so the
 * answer is never the middle of a string.
 */
#include "cmdline_skip.h"

/**
 * xlate_cmdline_skip_init() - start a scan
 * @s: the scan
 * @runtime: the runtime path argv[0] must equal
 * @skip: strings to step over: 1, or 2 with preserve_argv0
 */
void xlate_cmdline_skip_init(struct xlate_cmdline_skip *s,
			     const char *runtime, unsigned int skip)
{
	s->runtime = runtime;
	s->runtime_len = strlen(runtime) + 1;
	s->skip = skip;
	s->pos = 0;
	s->seen = 0;
}

/**
 * xlate_cmdline_skip_feed() - scan the next bytes of the argv block
 * @s: the scan
 * @bytes: the bytes at offset @s->pos of the block
 * @len: how many
 *
 * Return: XLATE_CMDLINE_DONE with @s->pos at the first byte after the
 * @s->skip strings, XLATE_CMDLINE_MORE when they have not ended yet, or
 * XLATE_CMDLINE_NO when argv[0] is not the runtime path, or @s->skip is
 * not 1 or 2.
 */
int xlate_cmdline_skip_feed(struct xlate_cmdline_skip *s,
			    const char *bytes, size_t len)
{
	size_t i;

	if (s->skip < 1 || s->skip > 2)
		return XLATE_CMDLINE_NO;
	for (i = 0; i < len; i++) {
		char c = bytes[i];

		if (s->seen == 0 &&
		    (s->pos >= s->runtime_len || c != s->runtime[s->pos]))
			return XLATE_CMDLINE_NO;
		s->pos++;
		if (c == '\0' && ++s->seen == s->skip)
			return XLATE_CMDLINE_DONE;
	}
	return XLATE_CMDLINE_MORE;
}

/**
 * xlate_cmdline_skip_end() - may the block start at @s->pos?
 * @s: a scan that returned XLATE_CMDLINE_DONE
 * @block_len: the length of the whole argv block
 *
 * The program's argv must hold at least one string (the kernel gives an
 * empty argv one empty string), wholly inside the block.
 *
 * Return: true if the new start is inside the block.
 */
bool xlate_cmdline_skip_end(const struct xlate_cmdline_skip *s,
			    size_t block_len)
{
	return s->seen == s->skip && s->skip && s->pos < block_len;
}
