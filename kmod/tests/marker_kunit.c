// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for kmod/lib/marker.h: where the personality marker bits
 * lie, and how the hand-off, a successful exec and personality(2)
 * change them; and lib/uname_machine.h, the machine the view shows.
 */
#include <kunit/test.h>
#include <linux/bitops.h>
#include <linux/bits.h>
#include <linux/personality.h>
#include <linux/string.h>
#include <linux/utsname.h>

#include "../lib/marker.h"
#include "../lib/uname_machine.h"

/* Every flag <uapi/linux/personality.h> defines, and the type mask. */
static const struct {
	const char *name;
	unsigned int val;
} kernel_per_bits[] = {
	{ "PER_MASK", PER_MASK },
	{ "UNAME26", UNAME26 },
	{ "ADDR_NO_RANDOMIZE", ADDR_NO_RANDOMIZE },
	{ "FDPIC_FUNCPTRS", FDPIC_FUNCPTRS },
	{ "MMAP_PAGE_ZERO", MMAP_PAGE_ZERO },
	{ "ADDR_COMPAT_LAYOUT", ADDR_COMPAT_LAYOUT },
	{ "READ_IMPLIES_EXEC", READ_IMPLIES_EXEC },
	{ "ADDR_LIMIT_32BIT", ADDR_LIMIT_32BIT },
	{ "SHORT_INODE", SHORT_INODE },
	{ "WHOLE_SECONDS", WHOLE_SECONDS },
	{ "STICKY_TIMEOUTS", STICKY_TIMEOUTS },
	{ "ADDR_LIMIT_3GB", ADDR_LIMIT_3GB },
	{ "PER_CLEAR_ON_SETID", PER_CLEAR_ON_SETID },
	{ "PER_LINUX_32BIT", PER_LINUX_32BIT },
	{ "PER_LINUX_FDPIC", PER_LINUX_FDPIC },
	{ "PER_SVR4", PER_SVR4 },
	{ "PER_SCOSVR3", PER_SCOSVR3 },
	{ "PER_XENIX", PER_XENIX },
	{ "PER_LINUX32_3GB", PER_LINUX32_3GB },
	{ "PER_UW7", PER_UW7 },
	{ "PER_HPUX", PER_HPUX },
};

/* Bits used by other flags of the kernel's personality word. */
#define KERNEL_PER_FLAGS	(UNAME26 | ADDR_NO_RANDOMIZE | FDPIC_FUNCPTRS | \
				 MMAP_PAGE_ZERO | ADDR_COMPAT_LAYOUT |	\
				 READ_IMPLIES_EXEC | ADDR_LIMIT_32BIT |	\
				 SHORT_INODE | WHOLE_SECONDS |		\
				 STICKY_TIMEOUTS | ADDR_LIMIT_3GB)

static void marker_layout_test(struct kunit *test)
{
	unsigned int linux32 = PER_LINUX32 | XLATE_PER_MARKER;
	unsigned int i;

	KUNIT_EXPECT_EQ(test, XLATE_PER_X86, 0x40000000U);
	KUNIT_EXPECT_EQ(test, XLATE_PER_TRANSLATED, 0x20000000U);
	KUNIT_EXPECT_EQ(test, XLATE_PER_MARKER,
			XLATE_PER_X86 | XLATE_PER_TRANSLATED);
	KUNIT_EXPECT_EQ(test, hweight32(XLATE_PER_X86), 1U);
	KUNIT_EXPECT_EQ(test, hweight32(XLATE_PER_TRANSLATED), 1U);
	KUNIT_EXPECT_EQ(test, XLATE_PER_X86 & XLATE_PER_TRANSLATED, 0U);
	/* The top bit would read as an error from personality(2). */
	KUNIT_EXPECT_EQ(test, XLATE_PER_MARKER & BIT(31), 0U);
	/* Above every kernel flag, so a future one is likelier to miss it. */
	KUNIT_EXPECT_GT(test, XLATE_PER_TRANSLATED,
			(unsigned int)KERNEL_PER_FLAGS);
	for (i = 0; i < ARRAY_SIZE(kernel_per_bits); i++)
		KUNIT_EXPECT_EQ_MSG(test,
				    XLATE_PER_MARKER & kernel_per_bits[i].val,
				    0U, "marker overlaps %s",
				    kernel_per_bits[i].name);
	/* The personality type, as the kernel reads it, is unchanged. */
	KUNIT_EXPECT_EQ(test, personality(linux32), (unsigned int)PER_LINUX32);
}

struct exec_case {
	const char *name;
	unsigned int before;
	bool translated;
	bool secure;
	unsigned int after;
};

#define MARK	XLATE_PER_MARKER
#define X86	XLATE_PER_X86
#define TRANS	XLATE_PER_TRANSLATED
/* Bits that are not the marker's. */
#define OTHERS	(~MARK)
#define SOME	(PER_LINUX32 | ADDR_NO_RANDOMIZE | READ_IMPLIES_EXEC)

static const struct exec_case exec_cases[] = {
	{ "translated-from-plain", 0, true, false, MARK },
	{ "translated-keeps-others", SOME, true, false, SOME | MARK },
	{ "translated-from-marked", MARK, true, false, MARK },
	/* A hand-set marker stays hand-set (issue 13, defect 6). */
	{ "translated-keeps-hand-set", X86, true, false, X86 },
	/* ... but not into a privileged program's native children. */
	{ "translated-secure-from-hand-set", X86, true, true, MARK },
	{ "translated-secure-from-plain", SOME, true, true, SOME | MARK },
	{ "translated-from-pending", TRANS, true, false, MARK },
	{ "translated-all-others", OTHERS, true, false, ~0U },
	{ "translated-all-bits", ~0U, true, false, ~0U },
	{ "native-from-plain", 0, false, false, 0 },
	{ "native-keeps-others", SOME, false, false, SOME },
	{ "native-clears-translated", MARK, false, false, 0 },
	{ "native-clears-translated-keeps-others", SOME | MARK, false, false,
	  SOME },
	{ "native-clears-pending", TRANS, false, false, 0 },
	{ "native-keeps-hand-set", X86, false, false, X86 },
	{ "native-keeps-hand-set-and-others", SOME | X86, false, false,
	  SOME | X86 },
	/* Set-id and file-capability programs (issue 13, defect 5). */
	{ "secure-clears-hand-set", X86, false, true, 0 },
	{ "secure-clears-hand-set-keeps-others", SOME | X86, false, true,
	  SOME },
	{ "secure-clears-translated", MARK, false, true, 0 },
	{ "secure-from-plain", SOME, false, true, SOME },
	{ "native-all-others", OTHERS, false, false, OTHERS },
	{ "native-all-bits", ~0U, false, false, OTHERS },
	{ "native-all-but-translated", ~TRANS, false, false, ~TRANS },
	{ "secure-all-but-translated", ~TRANS, false, true, OTHERS },
};

static void exec_case_desc(const struct exec_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(marker_exec, exec_cases, exec_case_desc);

static void marker_after_exec_table_test(struct kunit *test)
{
	const struct exec_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, xlate_marker_after_exec(c->before, c->translated,
						      c->secure),
			c->after);
}

/* Properties over many personality words, with each marker state. */
static void marker_after_exec_sweep_test(struct kunit *test)
{
	static const unsigned int states[] = { 0, X86, TRANS, MARK };
	unsigned int i, s, p, native, xlated, secure, handoff;

	for (i = 0; i < 4096; i++) {
		for (s = 0; s < ARRAY_SIZE(states); s++) {
			/* Spread i over the word with Knuth's constant. */
			p = ((i * 2654435761U) & OTHERS) | states[s];
			xlated = xlate_marker_after_exec(p, true, false);
			native = xlate_marker_after_exec(p, false, false);
			secure = xlate_marker_after_exec(p, false, true);

			KUNIT_ASSERT_EQ(test, xlated,
					states[s] == X86 ? p : p | MARK);
			KUNIT_ASSERT_EQ(test, native & OTHERS, p & OTHERS);
			KUNIT_ASSERT_EQ(test, secure, p & OTHERS);
			KUNIT_ASSERT_TRUE(test,
					  xlate_marker_has_x86_view(xlated));
			KUNIT_ASSERT_EQ(test,
					xlate_marker_after_exec(native, false,
								false),
					native);
			KUNIT_ASSERT_EQ(test,
					xlate_marker_after_exec(xlated, true,
								false),
					xlated);
			/* A translated marker never survives a native exec. */
			if (states[s] != X86)
				KUNIT_ASSERT_EQ(test,
						xlate_marker_after_exec(xlated,
									false,
									false),
						p & OTHERS);
			KUNIT_ASSERT_EQ(test, native,
					states[s] == X86 ? p : p & OTHERS);
			/* The hand-off keeps the hooks armed till the end. */
			handoff = xlate_marker_at_handoff(p);
			KUNIT_ASSERT_TRUE(test,
					  xlate_marker_keeps_view_armed(handoff));
			KUNIT_ASSERT_EQ(test, handoff & OTHERS, p & OTHERS);
		}
	}
}

static void marker_has_x86_view_test(struct kunit *test)
{
	KUNIT_EXPECT_FALSE(test, xlate_marker_has_x86_view(0));
	KUNIT_EXPECT_TRUE(test, xlate_marker_has_x86_view(X86));
	KUNIT_EXPECT_TRUE(test, xlate_marker_has_x86_view(MARK));
	KUNIT_EXPECT_FALSE(test, xlate_marker_has_x86_view(TRANS));
	KUNIT_EXPECT_TRUE(test, xlate_marker_has_x86_view(~0U));
	KUNIT_EXPECT_FALSE(test, xlate_marker_has_x86_view(~X86));
	KUNIT_EXPECT_FALSE(test, xlate_marker_has_x86_view(OTHERS));
	KUNIT_EXPECT_TRUE(test, xlate_marker_has_x86_view(SOME | X86));
	KUNIT_EXPECT_FALSE(test, xlate_marker_has_x86_view(PER_LINUX32 |
							   KERNEL_PER_FLAGS));
}

/* Pending marker at the hand-off (issue 13, defect 3). */
static void marker_at_handoff_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, xlate_marker_at_handoff(0), TRANS);
	KUNIT_EXPECT_EQ(test, xlate_marker_at_handoff(SOME), SOME | TRANS);
	KUNIT_EXPECT_EQ(test, xlate_marker_at_handoff(X86), X86);
	KUNIT_EXPECT_EQ(test, xlate_marker_at_handoff(MARK), MARK);
	KUNIT_EXPECT_EQ(test, xlate_marker_at_handoff(TRANS), TRANS);
	KUNIT_EXPECT_FALSE(test, xlate_marker_has_x86_view(TRANS));
	KUNIT_EXPECT_TRUE(test, xlate_marker_keeps_view_armed(TRANS));
	KUNIT_EXPECT_TRUE(test, xlate_marker_keeps_view_armed(X86));
	KUNIT_EXPECT_FALSE(test, xlate_marker_keeps_view_armed(OTHERS));
	/* The exec tags are never part of the marker, nor of each other. */
	KUNIT_EXPECT_EQ(test, XLATE_PER_EXEC_TAG & MARK, 0U);
	KUNIT_EXPECT_EQ(test, XLATE_PER_EXEC_TAG & (unsigned int)KERNEL_PER_FLAGS,
			0U);
	KUNIT_EXPECT_EQ(test, XLATE_PER_EXEC_TAG & PER_MASK, 0U);
	KUNIT_EXPECT_EQ(test, XLATE_PER_EXEC_EXE & MARK, 0U);
	KUNIT_EXPECT_EQ(test, XLATE_PER_EXEC_EXE & (unsigned int)KERNEL_PER_FLAGS,
			0U);
	KUNIT_EXPECT_EQ(test, XLATE_PER_EXEC_EXE & PER_MASK, 0U);
	KUNIT_EXPECT_EQ(test, XLATE_PER_EXEC_EXE & XLATE_PER_EXEC_TAG, 0U);
}

/* personality(2) by marked tasks: the "decide" item of issue 13. */
static void marker_personality_test(struct kunit *test)
{
	/* A translated marker survives and is hidden. */
	KUNIT_EXPECT_EQ(test, xlate_marker_after_personality(MARK,
							     ADDR_NO_RANDOMIZE),
			ADDR_NO_RANDOMIZE | MARK);
	KUNIT_EXPECT_EQ(test, xlate_marker_after_personality(SOME | MARK,
							     SOME | MARK),
			SOME | MARK);
	KUNIT_EXPECT_EQ(test, xlate_marker_hide(MARK, SOME | MARK), SOME);
	KUNIT_EXPECT_EQ(test, xlate_marker_hide(MARK, -EINVAL), -EINVAL);
	/* A pending marker left by a failed exec is hidden, not kept. */
	KUNIT_EXPECT_EQ(test, xlate_marker_hide(TRANS, SOME | TRANS), SOME);
	KUNIT_EXPECT_EQ(test, xlate_marker_after_personality(TRANS, 0), 0U);
	/* ... but a query does not drop it. */
	KUNIT_EXPECT_EQ(test, xlate_marker_after_personality(TRANS, TRANS),
			TRANS);
	/* A hand-set marker stays the user's. */
	KUNIT_EXPECT_EQ(test, xlate_marker_after_personality(X86, 0), 0U);
	KUNIT_EXPECT_EQ(test, xlate_marker_after_personality(X86, X86), X86);
	KUNIT_EXPECT_EQ(test, xlate_marker_hide(X86, X86), X86);
	/* Unmarked tasks: nothing changes. */
	KUNIT_EXPECT_EQ(test, xlate_marker_after_personality(0, X86), X86);
	KUNIT_EXPECT_EQ(test, xlate_marker_after_personality(SOME, 0), 0U);
	KUNIT_EXPECT_EQ(test, xlate_marker_hide(0, SOME), SOME);
}

/*
 * Only the kernel sets XLATE_PER_TRANSLATED (issue 24, item 4): a
 * personality(2) call that writes it, personality(0x60000000) say,
 * leaves a marker set by hand, whatever the caller had before, unless
 * a translated exec marked the caller.
 */
static void marker_personality_forged_test(struct kunit *test)
{
	static const unsigned int befores[] = { 0, SOME, X86, SOME | X86,
						TRANS, SOME | TRANS };
	unsigned int i, b, p, got;

	KUNIT_EXPECT_EQ(test, xlate_marker_after_personality(0, MARK), X86);
	KUNIT_EXPECT_EQ(test, xlate_marker_after_personality(0, TRANS), 0U);
	KUNIT_EXPECT_EQ(test, xlate_marker_after_personality(X86, MARK), X86);
	KUNIT_EXPECT_EQ(test, xlate_marker_after_personality(TRANS, MARK),
			X86);
	KUNIT_EXPECT_EQ(test, xlate_marker_after_personality(SOME, SOME | MARK),
			SOME | X86);
	for (b = 0; b < ARRAY_SIZE(befores); b++) {
		for (i = 0; i < 4096; i++) {
			p = (i * 2654435761U) | TRANS;
			if (p == befores[b])
				continue;
			got = xlate_marker_after_personality(befores[b], p);
			KUNIT_ASSERT_EQ(test, got & TRANS, 0U);
			KUNIT_ASSERT_EQ(test, got, p & ~TRANS);
			KUNIT_ASSERT_FALSE(test,
					   xlate_marker_is_translated(got));
		}
	}
}

/*
 * Which execs count as translated: the hand-off, or the runtime's own
 * file exec'd by a task a translated exec marked (issue 15, item 3).
 */
struct counts_case {
	const char *name;
	unsigned int before;
	bool handed_off;
	bool runtime_file;
	bool secure;
	bool translated;
};

static const struct counts_case counts_cases[] = {
	{ "handed-off-plain", 0, true, false, false, true },
	{ "handed-off-runtime-file", 0, true, true, false, true },
	{ "handed-off-secure", 0, true, false, true, true },
	{ "native-plain", 0, false, false, false, false },
	{ "native-translated-task", SOME | MARK, false, false, false, false },
	/* box64 or FEX exec'ing itself for an x86 child. */
	{ "runtime-by-translated-task", MARK, false, true, false, true },
	{ "runtime-by-translated-task-others", SOME | MARK, false, true, false,
	  true },
	/* ... but a privileged runtime process gets the native rules. */
	{ "runtime-by-translated-task-secure", MARK, false, true, true,
	  false },
	/* Running the runtime by hand, or an env-like runtime path. */
	{ "runtime-by-plain-task", 0, false, true, false, false },
	{ "runtime-by-plain-task-others", SOME, false, true, false, false },
	/* A hand-set marker keeps the native rules. */
	{ "runtime-by-hand-set", X86, false, true, false, false },
	{ "runtime-by-hand-set-secure", X86, false, true, true, false },
	/* A translated exec that failed left only the pending bit. */
	{ "runtime-by-pending", TRANS, false, true, false, false },
};

static void counts_case_desc(const struct counts_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(marker_counts, counts_cases, counts_case_desc);

static void marker_exec_translated_test(struct kunit *test)
{
	const struct counts_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, xlate_marker_exec_translated(c->before,
							   c->handed_off,
							   c->runtime_file,
							   c->secure),
			c->translated);
}

/* The whole exec rule for the runtime's own file, by starting state. */
static void marker_runtime_exec_test(struct kunit *test)
{
	unsigned int p;
	bool xl;

	/* A translated shell's x86 child through the runtime keeps it all. */
	p = SOME | MARK;
	xl = xlate_marker_exec_translated(p, false, true, false);
	KUNIT_EXPECT_EQ(test, xlate_marker_after_exec(p, xl, false), p);
	/* ... unless that exec is a secure one (issue 24, item 4). */
	xl = xlate_marker_exec_translated(p, false, true, true);
	KUNIT_EXPECT_EQ(test, xlate_marker_after_exec(p, xl, true), SOME);
	/* A plain task running the runtime stays plain. */
	p = SOME;
	xl = xlate_marker_exec_translated(p, false, true, false);
	KUNIT_EXPECT_EQ(test, xlate_marker_after_exec(p, xl, false), p);
	/* A hand-set marker is dropped by a secure exec of it. */
	p = SOME | X86;
	xl = xlate_marker_exec_translated(p, false, true, false);
	KUNIT_EXPECT_EQ(test, xlate_marker_after_exec(p, xl, false), p);
	xl = xlate_marker_exec_translated(p, false, true, true);
	KUNIT_EXPECT_EQ(test, xlate_marker_after_exec(p, xl, true), SOME);
	/* The pending bit of a failed translated exec is cleared. */
	p = SOME | TRANS;
	xl = xlate_marker_exec_translated(p, false, true, false);
	KUNIT_EXPECT_EQ(test, xlate_marker_after_exec(p, xl, false), SOME);
	/*
	 * The forged marker of issue 24: personality(0x60000000), then a
	 * secure exec of the runtime.  Nothing of it survives.
	 */
	p = xlate_marker_after_personality(SOME, SOME | MARK);
	xl = xlate_marker_exec_translated(p, false, true, true);
	KUNIT_EXPECT_EQ(test, xlate_marker_after_exec(p, xl, true), SOME);
}

/* uname's machine for the x86 view: i686 under PER_LINUX32 only. */
static void marker_uname_machine_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, XLATE_PER_LINUX32, (unsigned int)PER_LINUX32);
	KUNIT_EXPECT_EQ(test, XLATE_PER_MASK, (unsigned int)PER_MASK);
	KUNIT_EXPECT_EQ(test, XLATE_UTS_MACHINE_LEN,
			sizeof_field(struct new_utsname, machine));
	KUNIT_EXPECT_STREQ(test, xlate_uname_machine(0), "x86_64");
	KUNIT_EXPECT_STREQ(test, xlate_uname_machine(XLATE_PER_MARKER),
			   "x86_64");
	KUNIT_EXPECT_STREQ(test, xlate_uname_machine(PER_LINUX32), "i686");
	KUNIT_EXPECT_STREQ(test, xlate_uname_machine(PER_LINUX32 |
						     XLATE_PER_MARKER |
						     ADDR_NO_RANDOMIZE),
			   "i686");
	KUNIT_EXPECT_STREQ(test, xlate_uname_machine(PER_LINUX32_3GB), "i686");
	KUNIT_EXPECT_STREQ(test, xlate_uname_machine(PER_BSD), "x86_64");
	KUNIT_EXPECT_STREQ(test, xlate_uname_machine(PER_LINUX32 | 0x100),
			   "i686");
	KUNIT_EXPECT_STREQ(test, xlate_uname_machine(0x0018), "x86_64");
	KUNIT_EXPECT_EQ(test, xlate_uname_machine(0)[XLATE_UTS_MACHINE_LEN - 1],
			0);
}

static struct kunit_case marker_cases[] = {
	KUNIT_CASE(marker_layout_test),
	KUNIT_CASE_PARAM(marker_after_exec_table_test, marker_exec_gen_params),
	KUNIT_CASE(marker_after_exec_sweep_test),
	KUNIT_CASE(marker_has_x86_view_test),
	KUNIT_CASE(marker_at_handoff_test),
	KUNIT_CASE(marker_personality_test),
	KUNIT_CASE(marker_personality_forged_test),
	KUNIT_CASE_PARAM(marker_exec_translated_test, marker_counts_gen_params),
	KUNIT_CASE(marker_runtime_exec_test),
	KUNIT_CASE(marker_uname_machine_test),
	{}
};

static struct kunit_suite marker_suite = {
	.name = "xlate_marker",
	.test_cases = marker_cases,
};

kunit_test_suites(&marker_suite);
