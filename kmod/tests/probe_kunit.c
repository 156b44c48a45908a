// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for kmod/probe.c: hook_missed, the missed-hit count of a
 * kretprobe that view.c arms and disarms repeatedly, must count every
 * miss exactly once, while armed and while disarmed (issue 13, defect
 * 4).  The probe sits on the uname syscall, as the uname hook does,
 * with a handler that does nothing; misses are simulated by raising
 * rp.nmissed by hand.
 */
#include "../xlate.h"

#include <kunit/test.h>
#include <linux/kprobes.h>

#include "../compat.h"

struct probe_ctx {
	struct xlate_probe probe;
	bool armed;
};

static int probe_test_handler(struct kretprobe_instance *ri,
			      struct pt_regs *regs)
{
	return 0;
}

static int probe_test_init(struct kunit *test)
{
	struct probe_ctx *ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);

	if (!ctx)
		return -ENOMEM;
	ctx->probe.rp.kp.symbol_name = XLATE_SYM_NEWUNAME;
	ctx->probe.rp.handler = probe_test_handler;
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

/* As a kretprobe does when it finds no free return instance. */
static void simulate_misses(struct probe_ctx *ctx, int n)
{
	ctx->probe.rp.nmissed += n;
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

static struct kunit_case probe_cases[] = {
	KUNIT_CASE(probe_missed_fresh_test),
	KUNIT_CASE(probe_missed_disarmed_test),
	KUNIT_CASE(probe_missed_rearm_test),
	{}
};

static struct kunit_suite probe_suite = {
	.name = "xlate_probe",
	.init = probe_test_init,
	.exit = probe_test_exit,
	.test_cases = probe_cases,
};

kunit_test_suites(&probe_suite);
