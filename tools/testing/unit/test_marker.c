// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of kmod/lib/marker.h: the personality marker's rules
 * as a task lives through execs and personality(2) calls.
 *
 * The walk test drives one task through random events with the rules
 * marker.c and view.c apply, and checks them against what the marker
 * must mean: both bits only after a translated exec (a hand-off, or
 * the runtime's own file exec'd by such a task without raising
 * privileges), never after a secure exec that xlate did not hand off,
 * and XLATE_PER_TRANSLATED never from personality(2).
 */
#include <sys/personality.h>

#include "unit.h"
#include "../../../kmod/lib/marker.h"
#include "../../../kmod/uapi/xlate.h"

#define X86	XLATE_PER_X86
#define TRANS	XLATE_PER_TRANSLATED
#define MARK	XLATE_PER_MARKER
#define SOME	(PER_LINUX32 | ADDR_NO_RANDOMIZE | READ_IMPLIES_EXEC)

/* personality(2) as view.c's handlers apply it; returns what it shows. */
static unsigned int do_personality(unsigned int *per, unsigned int arg)
{
	unsigned int before = *per;
	long ret = before;

	if (arg != 0xffffffffU)
		*per = arg;
	*per = xlate_marker_after_personality(before, *per);
	return (unsigned int)xlate_marker_hide(before, ret);
}

/* A successful exec as marker.c applies it. */
static void do_exec(unsigned int *per, int handed_off, int runtime_file,
		    int secure)
{
	int xl;

	if (handed_off)
		*per = xlate_marker_at_handoff(*per);
	xl = xlate_marker_exec_translated(*per, handed_off, runtime_file,
					  secure);
	*per = xlate_marker_after_exec(*per, xl, secure);
}

UNIT_TEST(forged_translated_dropped)
{
	static const unsigned int befores[] = { 0, SOME, X86, SOME | X86,
						TRANS, SOME | TRANS };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(befores); i++) {
		unsigned int per = befores[i];

		do_personality(&per, 0x60000000U);
		CHECK(per == X86, "before %#x: personality(0x60000000) left %#x",
		      befores[i], per);
		per = befores[i];
		do_personality(&per, UNAME26 | TRANS);
		CHECK(!(per & TRANS), "before %#x: TRANSLATED kept: %#x",
		      befores[i], per);
	}
}

/* The sequence of issue 24: forge, then a secure exec of the runtime. */
UNIT_TEST(forged_then_secure_runtime_exec)
{
	unsigned int per = 0;

	do_personality(&per, 0x60000000U);
	do_exec(&per, 0, 1, 1);
	CHECK(per == 0, "marker after the secure exec: %#x", per);
}

UNIT_TEST(translated_then_secure_runtime_exec)
{
	unsigned int per = SOME;

	do_exec(&per, 1, 0, 0);
	CHECK(per == (SOME | MARK), "after the hand-off: %#x", per);
	do_exec(&per, 0, 1, 0);
	CHECK(per == (SOME | MARK), "runtime exec, not secure: %#x", per);
	do_exec(&per, 0, 1, 1);
	CHECK(per == SOME, "runtime exec, secure: %#x", per);
}

UNIT_TEST(translated_keeps_and_hides)
{
	unsigned int per = 0, shown;

	do_exec(&per, 1, 0, 0);
	shown = do_personality(&per, 0xffffffffU);
	CHECK(shown == 0 && per == MARK, "query: shown %#x, kept %#x", shown,
	      per);
	shown = do_personality(&per, ADDR_NO_RANDOMIZE);
	CHECK(shown == 0 && per == (ADDR_NO_RANDOMIZE | MARK),
	      "set: shown %#x, kept %#x", shown, per);
	do_exec(&per, 0, 0, 0);
	CHECK(per == ADDR_NO_RANDOMIZE, "native exec: %#x", per);
}

UNIT_TEST(pending_query_keeps)
{
	unsigned int per = xlate_marker_at_handoff(0), shown;

	CHECK(per == TRANS, "pending: %#x", per);
	shown = do_personality(&per, 0xffffffffU);
	CHECK(shown == 0 && per == TRANS, "query: shown %#x, kept %#x", shown,
	      per);
	do_personality(&per, shown | X86);
	CHECK(per == X86, "hand-set on a pending marker: %#x", per);
}

/* A tiny generator, so the walk is the same on every host. */
static unsigned int rnd(unsigned int *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

UNIT_TEST(walk)
{
	unsigned int seed = 0x2400u, per = 0, step;
	/* What the task's last marker-setting event was. */
	int by_kernel = 0;

	for (step = 0; step < 200000; step++) {
		unsigned int r = rnd(&seed), ev = r % 6, before = per;
		int secure = (r >> 8) & 1;

		switch (ev) {
		case 0:	/* personality(2) with random bits */
			do_personality(&per, (r >> 9) | ((r & 0x40) ? MARK : 0));
			if (!xlate_marker_is_translated(before))
				CHECK(!(per & TRANS),
				      "step %u: personality(2) set TRANSLATED",
				      step);
			else
				CHECK((per & MARK) == MARK,
				      "step %u: translated marker dropped",
				      step);
			break;
		case 1:	/* query */
			do_personality(&per, 0xffffffffU);
			CHECK(per == before, "step %u: a query changed %#x",
			      step, before);
			break;
		case 2:	/* a translated exec */
			do_exec(&per, 1, 0, secure);
			by_kernel = 1;
			CHECK(xlate_marker_has_x86_view(per),
			      "step %u: translated exec without view", step);
			break;
		case 3:	/* a native exec */
			do_exec(&per, 0, 0, secure);
			by_kernel = 0;
			if (secure)
				CHECK(!(per & MARK),
				      "step %u: secure native exec kept %#x",
				      step, per);
			break;
		case 4:	/* the runtime's own file */
			do_exec(&per, 0, 1, secure);
			if (secure || !xlate_marker_is_translated(before))
				by_kernel = 0;
			if (secure)
				CHECK(!(per & MARK),
				      "step %u: secure runtime exec kept %#x",
				      step, per);
			break;
		default: /* the hand-off of an exec that fails */
			per = xlate_marker_at_handoff(per);
			break;
		}
		if (xlate_marker_is_translated(per))
			CHECK(by_kernel, "step %u: both bits, %#x, without a translated exec",
			      step, per);
	}
}
