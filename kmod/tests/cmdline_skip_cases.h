/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cases for kmod/lib/cmdline_skip.c, shared by the KUnit suite
 * (kmod/tests/cmdline_skip_kunit.c) and the host unit test
 * (tools/testing/unit/test_cmdline_skip.c): a runtime's argv block, the
 * runtime path argv[0] must be, how many strings to skip, and where the
 * program's argv starts (or why it is not used).
 */
#ifndef XLATE_TESTS_CMDLINE_SKIP_CASES_H
#define XLATE_TESTS_CMDLINE_SKIP_CASES_H

#include "../lib/cmdline_skip.h"

#define CMDLINE_NO	(-1L)	/* argv[0] is not the runtime */
#define CMDLINE_SHORT	(-2L)	/* the strings to skip do not end in time */

struct cmdline_case {
	const char *name;
	const char *block;	/* '|' stands for NUL (cmdline_case_fill()) */
	const char *runtime;
	unsigned int skip;
	long want;		/* the offset, CMDLINE_NO or CMDLINE_SHORT */
};

static const struct cmdline_case cmdline_cases[] = {
	{ "plain", "/usr/bin/qemu-x86_64-static|/x86/bin/sleep|3|",
	  "/usr/bin/qemu-x86_64-static", 1, 28 },
	{ "preserve-argv0",
	  "/usr/bin/qemu-x86_64-static|/x86/bin/sleep|sleep|3|",
	  "/usr/bin/qemu-x86_64-static", 2, 43 },
	{ "preserve-argv0-empty", "/usr/bin/qemu-x86_64-static|/p||",
	  "/usr/bin/qemu-x86_64-static", 2, 31 },
	{ "no-args-left", "/usr/bin/qemu-x86_64-static|/p|",
	  "/usr/bin/qemu-x86_64-static", 2, CMDLINE_SHORT },
	{ "only-runtime", "/usr/bin/qemu-x86_64-static|",
	  "/usr/bin/qemu-x86_64-static", 1, CMDLINE_SHORT },
	{ "unterminated-path", "/usr/bin/qemu-x86_64-static|/x86/bin/sle",
	  "/usr/bin/qemu-x86_64-static", 1, 28 },
	{ "unterminated-path-p", "/usr/bin/qemu-x86_64-static|/x86/bin/sle",
	  "/usr/bin/qemu-x86_64-static", 2, CMDLINE_SHORT },
	{ "unterminated-runtime", "/usr/bin/qemu", "/usr/bin/qemu", 1,
	  CMDLINE_SHORT },
	{ "other-runtime", "/usr/bin/box64|/p|",
	  "/usr/bin/qemu-x86_64-static", 1, CMDLINE_NO },
	{ "runtime-prefix", "/usr/bin/qemu|/p|",
	  "/usr/bin/qemu-x86_64-static", 1, CMDLINE_NO },
	{ "runtime-longer", "/usr/bin/qemu-x86_64-static-x|/p|",
	  "/usr/bin/qemu-x86_64-static", 1, CMDLINE_NO },
	/* box64 moved its strings down over its own path */
	{ "runtime-shifted", "/x86/bin/sleep|3|",
	  "/usr/bin/qemu-x86_64-static", 1, CMDLINE_NO },
	{ "empty-block", "", "/usr/bin/qemu-x86_64-static", 1,
	  CMDLINE_SHORT },
	{ "skip-0", "/usr/bin/qemu-x86_64-static|/p|",
	  "/usr/bin/qemu-x86_64-static", 0, CMDLINE_NO },
	{ "skip-3", "/usr/bin/qemu-x86_64-static|/p|a|b|",
	  "/usr/bin/qemu-x86_64-static", 3, CMDLINE_NO },
	{ "empty-runtime", "|/p|", "", 1, 1 },
};

/* Copy @c's block to @buf (strlen(c->block) bytes), '|' made NUL. */
static inline size_t cmdline_case_fill(const struct cmdline_case *c,
				       char *buf)
{
	size_t i, len = strlen(c->block);

	for (i = 0; i < len; i++)
		buf[i] = c->block[i] == '|' ? '\0' : c->block[i];
	return len;
}

/*
 * Scan @len bytes at @block (filled from @c) in pieces of @chunk bytes,
 * as the module reads user memory; return the offset, CMDLINE_NO or
 * CMDLINE_SHORT.
 */
static inline long cmdline_case_run(const struct cmdline_case *c,
				    const char *block, size_t len,
				    size_t chunk)
{
	struct xlate_cmdline_skip s;
	size_t at = 0;
	int r = XLATE_CMDLINE_MORE;

	xlate_cmdline_skip_init(&s, c->runtime, c->skip);
	while (r == XLATE_CMDLINE_MORE && at < len) {
		size_t n = len - at < chunk ? len - at : chunk;

		r = xlate_cmdline_skip_feed(&s, block + at, n);
		at += n;
	}
	if (r == XLATE_CMDLINE_NO)
		return CMDLINE_NO;
	if (r != XLATE_CMDLINE_DONE || !xlate_cmdline_skip_end(&s, len))
		return CMDLINE_SHORT;
	return (long)s.pos;
}

#endif /* XLATE_TESTS_CMDLINE_SKIP_CASES_H */
