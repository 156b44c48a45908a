// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for kmod/probe.c, with the mechanism this build uses
 * (fprobe or kretprobe, compat.h):
 *
 * - hook_missed, the missed-hit count of a probe that view.c arms and
 *   disarms repeatedly, must count every miss exactly once, while armed
 *   and while disarmed (issue 13, defect 4).  The probe sits on the
 *   uname syscall, as the uname hook does, with a handler that does
 *   nothing; misses are simulated by raising the mechanism's nmissed.
 * - the handlers: the entry handler sees the arguments, the exit
 *   handler the return value and the entry's data, and an entry
 *   handler that declines a call skips the exit handler; an entry-only
 *   probe sees every call.  The probe sits on a function of this file.
 */
#include "../xlate.h"

#include <kunit/test.h>
#include <linux/sched.h>

#include "../compat.h"

struct probe_ctx {
	struct xlate_probe probe;
	bool armed;
};

static void probe_test_handler(void *data, unsigned long retval)
{
}

static int probe_test_init(struct kunit *test)
{
	struct probe_ctx *ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);

	if (!ctx)
		return -ENOMEM;
	ctx->probe.symbol = XLATE_SYM_NEWUNAME;
	ctx->probe.exit = probe_test_handler;
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

/*
 * As a kretprobe does when it finds no free return instance, or an
 * fprobe when it finds no room on the shadow stack.
 */
static void simulate_misses(struct probe_ctx *ctx, int n)
{
	XLATE_PROBE_NMISSED(&ctx->probe) += n;
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
	simulate_misses(ctx, 5);
	KUNIT_EXPECT_EQ(test, xlate_probe_missed(&ctx->probe), 5UL);
	disarm(ctx);
	KUNIT_EXPECT_EQ_MSG(test, xlate_probe_missed(&ctx->probe), 5UL,
			    "misses counted twice while disarmed");
}

static void probe_missed_rearm_test(struct kunit *test)
{
	struct probe_ctx *ctx = test->priv;

	arm(test, ctx);
	simulate_misses(ctx, 5);
	disarm(ctx);
	KUNIT_EXPECT_EQ(test, xlate_probe_missed(&ctx->probe), 5UL);
	arm(test, ctx);
	KUNIT_EXPECT_EQ(test, xlate_probe_missed(&ctx->probe), 5UL);
	simulate_misses(ctx, 2);
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

/* What the handlers saw; only this test's task counts. */
static struct {
	struct task_struct *task;
	bool decline, data_null;
	int entries, exits;
	unsigned long arg1, entry_arg0, retval;
} seen;

struct probe_test_call {
	unsigned long arg0;
};

static int probe_seen_entry(void *data, unsigned long arg0, unsigned long arg1)
{
	struct probe_test_call *call = data;

	if (current != READ_ONCE(seen.task))
		return 1;
	seen.entries++;
	seen.arg1 = arg1;
	call->arg0 = arg0;
	return seen.decline;
}

static void probe_seen_exit(void *data, unsigned long retval)
{
	struct probe_test_call *call = data;

	seen.exits++;
	seen.entry_arg0 = call->arg0;
	seen.retval = retval;
}

static void probe_handlers_test(struct kunit *test)
{
	struct probe_ctx *ctx = test->priv;

	kunit_info(test, "mechanism: %s\n", xlate_probe_mechanism());
	memset(&seen, 0, sizeof(seen));
	WRITE_ONCE(seen.task, current);
	ctx->probe.symbol = "xlate_probe_kunit_target";
	ctx->probe.entry = probe_seen_entry;
	ctx->probe.exit = probe_seen_exit;
	ctx->probe.data_size = sizeof(struct probe_test_call);
	arm(test, ctx);

	KUNIT_EXPECT_EQ(test, probe_target(40, 2), 42);
	KUNIT_EXPECT_EQ(test, seen.entries, 1);
	KUNIT_EXPECT_EQ(test, seen.arg1, 2UL);
	KUNIT_EXPECT_EQ_MSG(test, seen.exits, 1, "exit handler not run");
	KUNIT_EXPECT_EQ(test, seen.entry_arg0, 40UL);
	KUNIT_EXPECT_EQ(test, seen.retval, 42UL);

	seen.decline = true;
	KUNIT_EXPECT_EQ(test, probe_target(1, 2), 3);
	KUNIT_EXPECT_EQ(test, seen.entries, 2);
	KUNIT_EXPECT_EQ_MSG(test, seen.exits, 1,
			    "exit handler ran after the entry declined");

	disarm(ctx);
	KUNIT_EXPECT_EQ(test, probe_target(1, 2), 3);
	KUNIT_EXPECT_EQ_MSG(test, seen.entries, 2, "probe hit after disarm");
	KUNIT_EXPECT_EQ(test, xlate_probe_missed(&ctx->probe), 0UL);
	WRITE_ONCE(seen.task, NULL);
}

static int probe_seen_entry_only(void *data, unsigned long arg0,
				 unsigned long arg1)
{
	if (current != READ_ONCE(seen.task))
		return 1;
	seen.entries++;
	seen.entry_arg0 = arg0;
	seen.arg1 = arg1;
	seen.data_null = !data;
	return 1;
}

static void probe_entry_only_test(struct kunit *test)
{
	struct probe_ctx *ctx = test->priv;

	memset(&seen, 0, sizeof(seen));
	WRITE_ONCE(seen.task, current);
	ctx->probe.symbol = "xlate_probe_kunit_target";
	ctx->probe.entry = probe_seen_entry_only;
	ctx->probe.exit = NULL;
	arm(test, ctx);

	KUNIT_EXPECT_EQ(test, probe_target(40, 2), 42);
	KUNIT_EXPECT_EQ(test, probe_target(7, 8), 15);
	KUNIT_EXPECT_EQ(test, seen.entries, 2);
	KUNIT_EXPECT_EQ(test, seen.entry_arg0, 7UL);
	KUNIT_EXPECT_EQ(test, seen.arg1, 8UL);
	KUNIT_EXPECT_TRUE(test, seen.data_null);

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
	KUNIT_CASE(probe_handlers_test),
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
