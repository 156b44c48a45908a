// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for kmod/probe.c, with the mechanism this build uses
 * (an ftrace callback or a kprobe, compat.h):
 *
 * - hook_missed, the missed-hit count of a probe that view.c arms and
 *   disarms repeatedly, must count every miss exactly once, while armed
 *   and while disarmed (issue 13, defect 4).  The probe sits on the
 *   uname syscall, as the uname hook does, with a handler that does
 *   nothing; misses are simulated by raising the kprobe's nmissed (an
 *   ftrace callback has no such count: those cases are skipped).
 * - the entry handler: it sees every call; returning NULL lets the
 *   function run, returning a replacement runs that instead, with the
 *   call's arguments, and the caller gets its return value.  The probe
 *   sits on a function of this file.
 */
#include "../xlate.h"

#include <kunit/test.h>
#include <linux/sched.h>

#include "../compat.h"

struct probe_ctx {
	struct xlate_probe probe;
	bool armed;
};

static void *probe_test_handler(void)
{
	return NULL;
}

static int probe_test_init(struct kunit *test)
{
	struct probe_ctx *ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);

	if (!ctx)
		return -ENOMEM;
	ctx->probe.symbol = XLATE_SYM_NEWUNAME;
	ctx->probe.entry = probe_test_handler;
	test->priv = ctx;
	return 0;
}

/* A failed assertion must not leave the probe registered. */
static void probe_test_exit(struct kunit *test)
{
	struct probe_ctx *ctx = test->priv;

	if (ctx->armed)
		xlate_probe_unregister(&ctx->probe);
}

static void arm(struct kunit *test, struct probe_ctx *ctx)
{
	KUNIT_ASSERT_EQ(test, xlate_probe_register(&ctx->probe), 0);
	ctx->armed = true;
}

static void disarm(struct probe_ctx *ctx)
{
	xlate_probe_unregister(&ctx->probe);
	ctx->armed = false;
}

/* As a kprobe does when its handler would recurse. */
static void simulate_misses(struct kunit *test, struct probe_ctx *ctx, int n)
{
#if XLATE_PROBE_FTRACE
	kunit_skip(test, "an ftrace callback counts no misses of its own");
#else
	ctx->probe.kp.nmissed += n;
#endif
}

static void probe_missed_fresh_test(struct kunit *test)
{
	struct probe_ctx *ctx = test->priv;

	arm(test, ctx);
	KUNIT_EXPECT_EQ(test, xlate_probe_missed(&ctx->probe), 0UL);
	disarm(ctx);
	KUNIT_EXPECT_EQ(test, xlate_probe_missed(&ctx->probe), 0UL);
	arm(test, ctx);
	KUNIT_EXPECT_EQ(test, xlate_probe_missed(&ctx->probe), 0UL);
	disarm(ctx);
	KUNIT_EXPECT_EQ(test, xlate_probe_missed(&ctx->probe), 0UL);
}

static void probe_missed_disarmed_test(struct kunit *test)
{
	struct probe_ctx *ctx = test->priv;

	arm(test, ctx);
	simulate_misses(test, ctx, 5);
	KUNIT_EXPECT_EQ(test, xlate_probe_missed(&ctx->probe), 5UL);
	disarm(ctx);
	KUNIT_EXPECT_EQ_MSG(test, xlate_probe_missed(&ctx->probe), 5UL,
			    "misses counted twice while disarmed");
}

static void probe_missed_rearm_test(struct kunit *test)
{
	struct probe_ctx *ctx = test->priv;

	arm(test, ctx);
	simulate_misses(test, ctx, 5);
	disarm(ctx);
	KUNIT_EXPECT_EQ(test, xlate_probe_missed(&ctx->probe), 5UL);
	arm(test, ctx);
	KUNIT_EXPECT_EQ(test, xlate_probe_missed(&ctx->probe), 5UL);
	simulate_misses(test, ctx, 2);
	KUNIT_EXPECT_EQ(test, xlate_probe_missed(&ctx->probe), 7UL);
	disarm(ctx);
	KUNIT_EXPECT_EQ_MSG(test, xlate_probe_missed(&ctx->probe), 7UL,
			    "misses counted twice while disarmed");
	/* Re-arming without misses changes nothing. */
	arm(test, ctx);
	KUNIT_EXPECT_EQ(test, xlate_probe_missed(&ctx->probe), 7UL);
	disarm(ctx);
	KUNIT_EXPECT_EQ(test, xlate_probe_missed(&ctx->probe), 7UL);
}

/* The probed function: not inlined, called through a pointer. */
static noinline int xlate_probe_kunit_target(unsigned long a, unsigned long b)
{
	return (int)(a + b);
}

static int probe_target(unsigned long a, unsigned long b)
{
	int (*fn)(unsigned long a, unsigned long b) = xlate_probe_kunit_target;

	OPTIMIZER_HIDE_VAR(fn);
	return fn(a, b);
}

/* What the entry handler saw; only this test's task counts. */
static struct {
	struct task_struct *task;
	bool replace;
	int entries, replaced;
	unsigned long a, b;
} seen;

static noinline int xlate_probe_kunit_replacement(unsigned long a,
						  unsigned long b)
{
	seen.replaced++;
	seen.a = a;
	seen.b = b;
	return (int)(a * b);
}

static void *probe_seen_entry(void)
{
	if (current != READ_ONCE(seen.task))
		return NULL;
	seen.entries++;
	return seen.replace ? xlate_probe_kunit_replacement : NULL;
}

static void probe_replace_test(struct kunit *test)
{
	struct probe_ctx *ctx = test->priv;

	kunit_info(test, "mechanism: %s\n", xlate_probe_mechanism());
	memset(&seen, 0, sizeof(seen));
	WRITE_ONCE(seen.task, current);
	ctx->probe.symbol = "xlate_probe_kunit_target";
	ctx->probe.entry = probe_seen_entry;
	ctx->probe.replaces = true;
	arm(test, ctx);

	/* NULL: the function itself runs. */
	KUNIT_EXPECT_EQ(test, probe_target(40, 2), 42);
	KUNIT_EXPECT_EQ(test, seen.entries, 1);
	KUNIT_EXPECT_EQ(test, seen.replaced, 0);
	/* A replacement runs instead, with the call's arguments. */
	seen.replace = true;
	KUNIT_EXPECT_EQ(test, probe_target(6, 7), 42);
	KUNIT_EXPECT_EQ(test, seen.entries, 2);
	KUNIT_EXPECT_EQ_MSG(test, seen.replaced, 1, "replacement not run");
	KUNIT_EXPECT_EQ(test, seen.a, 6UL);
	KUNIT_EXPECT_EQ(test, seen.b, 7UL);
	KUNIT_EXPECT_EQ(test, probe_target(3, 5), 15);
	KUNIT_EXPECT_EQ(test, seen.replaced, 2);

	disarm(ctx);
	KUNIT_EXPECT_EQ(test, probe_target(3, 5), 8);
	KUNIT_EXPECT_EQ_MSG(test, seen.entries, 3, "probe hit after disarm");
	KUNIT_EXPECT_EQ(test, seen.replaced, 2);
	KUNIT_EXPECT_EQ(test, xlate_probe_missed(&ctx->probe), 0UL);
	WRITE_ONCE(seen.task, NULL);
}

static void probe_entry_only_test(struct kunit *test)
{
	struct probe_ctx *ctx = test->priv;

	memset(&seen, 0, sizeof(seen));
	WRITE_ONCE(seen.task, current);
	ctx->probe.symbol = "xlate_probe_kunit_target";
	ctx->probe.entry = probe_seen_entry;
	ctx->probe.replaces = false;
	arm(test, ctx);

	KUNIT_EXPECT_EQ(test, probe_target(40, 2), 42);
	KUNIT_EXPECT_EQ(test, probe_target(7, 8), 15);
	KUNIT_EXPECT_EQ(test, seen.entries, 2);
	KUNIT_EXPECT_EQ(test, seen.replaced, 0);

	disarm(ctx);
	KUNIT_EXPECT_EQ(test, probe_target(1, 2), 3);
	KUNIT_EXPECT_EQ_MSG(test, seen.entries, 2, "probe hit after disarm");
	/* A miss the hook notes itself counts once, armed or not. */
	xlate_probe_note_miss(&ctx->probe);
	KUNIT_EXPECT_EQ(test, xlate_probe_missed(&ctx->probe), 1UL);
	arm(test, ctx);
	KUNIT_EXPECT_EQ(test, xlate_probe_missed(&ctx->probe), 1UL);
	disarm(ctx);
	KUNIT_EXPECT_EQ(test, xlate_probe_missed(&ctx->probe), 1UL);
	WRITE_ONCE(seen.task, NULL);
}

static struct kunit_case probe_cases[] = {
	KUNIT_CASE(probe_missed_fresh_test),
	KUNIT_CASE(probe_missed_disarmed_test),
	KUNIT_CASE(probe_missed_rearm_test),
	KUNIT_CASE(probe_replace_test),
	KUNIT_CASE(probe_entry_only_test),
	{}
};

static struct kunit_suite probe_suite = {
	.name = "xlate_probe",
	.init = probe_test_init,
	.exit = probe_test_exit,
	.test_cases = probe_cases,
};

kunit_test_suites(&probe_suite);
