// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of kmod/lib/cmdline_skip.c: where the program's argv
 * starts in its runtime's argv block.  Every case is scanned from a
 * heap copy of exactly its length (AddressSanitizer catches a read
 * beyond it) in pieces of every size, as the module reads user memory
 * a chunk at a time.  The cases are in kmod/tests/cmdline_skip_cases.h,
 * shared with the KUnit suite.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../../kmod/tests/cmdline_skip_cases.h"

UNIT_TEST(table)
{
	size_t i, chunk;

	for (i = 0; i < ARRAY_SIZE(cmdline_cases); i++) {
		const struct cmdline_case *c = &cmdline_cases[i];
		size_t len = strlen(c->block);
		/* malloc(0): a distinct pointer ASan treats as 0 bytes */
		char *copy = malloc(len);

		if (!copy && len)
			abort();
		cmdline_case_fill(c, copy);
		unit_case("%s", c->name);
		for (chunk = 1; chunk <= len + 1; chunk++) {
			long got = cmdline_case_run(c, copy, len, chunk);

			CHECK(got == c->want, "chunk %zu: got %ld, want %ld",
			      chunk, got, c->want);
		}
		free(copy);
	}
}

/* A scan that is done stays done: later bytes are not looked at. */
UNIT_TEST(done_is_final)
{
	struct xlate_cmdline_skip s;
	static const char blk[] = "/rt\0/p\0a\0";

	xlate_cmdline_skip_init(&s, "/rt", 1);
	CHECK(xlate_cmdline_skip_feed(&s, blk, sizeof(blk) - 1) ==
	      XLATE_CMDLINE_DONE, "not done");
	CHECK(s.pos == 4, "pos %zu", s.pos);
	CHECK(xlate_cmdline_skip_end(&s, sizeof(blk) - 1), "end refused");
	CHECK(!xlate_cmdline_skip_end(&s, 4), "end at the block's end taken");
}
