// SPDX-License-Identifier: GPL-2.0
/*
 * Registering xlate's function-return hooks, which view.c arms and
 * disarms repeatedly, with their missed-hit counts kept across
 * re-arming.
 *
 * Two mechanisms behind one interface (struct xlate_probe, xlate.h),
 * chosen at build time from the kernel's configuration (compat.h):
 *
 * - fprobe: an ftrace call at the function's entry.  A native caller
 *   costs the ftrace trampoline, the function-graph entry and
 *   xlate's entry handler, which returns non-zero, so no return hook
 *   is set up for it.  The kernel counts in nmissed the calls it could
 *   not hook (recursion, no room on the shadow stack).
 * - kretprobe: a breakpoint at the function's entry (a BRK trap on
 *   arm64), which every caller takes.  Return instances come from a
 *   pool; a call that finds it empty is counted in nmissed.
 *
 * Either way the handlers run with preemption off, and unregistering
 * waits until no handler runs, so module unload cannot free code that
 * a CPU is still executing.
 */
#include "xlate.h"

#include <linux/cpumask.h>
#include <linux/fprobe.h>
#include <linux/kprobes.h>

#include "compat.h"

#if XLATE_PROBE_FPROBE

static int probe_fentry(struct fprobe *fp, unsigned long entry_ip,
			unsigned long ret_ip, struct ftrace_regs *fregs,
			void *data)
{
	struct xlate_probe *p = container_of(fp, struct xlate_probe, fp);

	if (!p->entry)
		return 0;
	return p->entry(data, ftrace_regs_get_argument(fregs, 0),
			ftrace_regs_get_argument(fregs, 1));
}

static void probe_fexit(struct fprobe *fp, unsigned long entry_ip,
			unsigned long ret_ip, struct ftrace_regs *fregs,
			void *data)
{
	struct xlate_probe *p = container_of(fp, struct xlate_probe, fp);

	p->exit(data, ftrace_regs_get_return_value(fregs));
}

static int probe_do_register(struct xlate_probe *p)
{
	memset(&p->fp, 0, sizeof(p->fp));
	p->fp.entry_handler = probe_fentry;
	p->fp.exit_handler = probe_fexit;
	p->fp.entry_data_size = p->data_size;
	return register_fprobe_syms(&p->fp, &p->symbol, 1);
}

static void probe_do_unregister(struct xlate_probe *p)
{
	unregister_fprobe(&p->fp);
	if (!XLATE_FPROBE_UNREGISTER_SYNCS)
		synchronize_rcu();
}

/**
 * xlate_probe_mechanism() - the hook mechanism this build uses
 *
 * Return: "fprobe" or "kretprobe".
 */
const char *xlate_probe_mechanism(void)
{
	return "fprobe";
}

#else /* kretprobe */

/*
 * A return instance's data: the probe, then the hook's own data.  The
 * return handler takes the probe from here, not from the instance,
 * whose link to the kretprobe unregistering may clear (6.1).
 */
struct probe_kcall {
	struct xlate_probe *p;
	unsigned long data[];
};

static int probe_kentry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct probe_kcall *call = (struct probe_kcall *)ri->data;
	struct kretprobe *rp = get_kretprobe(ri);
	struct xlate_probe *p;

	if (!rp)
		return 1;	/* being unregistered */
	p = container_of(rp, struct xlate_probe, rp);
	call->p = p;
	if (!p->entry)
		return 0;
	return p->entry(call->data, regs_get_kernel_argument(regs, 0),
			regs_get_kernel_argument(regs, 1));
}

static int probe_kexit(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct probe_kcall *call = (struct probe_kcall *)ri->data;

	call->p->exit(call->data, regs_return_value(regs));
	return 0;
}

static int probe_do_register(struct xlate_probe *p)
{
	memset(&p->rp, 0, sizeof(p->rp));
	p->rp.kp.symbol_name = p->symbol;
	p->rp.entry_handler = probe_kentry;
	p->rp.handler = probe_kexit;
	p->rp.data_size = sizeof(struct probe_kcall) + p->data_size;
	/*
	 * Only marked tasks hold return instances, and only while inside
	 * the probed function, which may sleep: size the pool for that.
	 */
	p->rp.maxactive = 64 + 4 * num_possible_cpus();
	return register_kretprobe(&p->rp);
}

/* unregister_kretprobe() waits until no handler runs. */
static void probe_do_unregister(struct xlate_probe *p)
{
	unregister_kretprobe(&p->rp);
}

/**
 * xlate_probe_mechanism() - the hook mechanism this build uses
 *
 * Return: "fprobe" or "kretprobe".
 */
const char *xlate_probe_mechanism(void)
{
	return "kretprobe";
}

#endif /* XLATE_PROBE_FPROBE */

/**
 * xlate_probe_register() - register (again) a probe by symbol name
 * @p: the probe; @p->symbol, @p->exit and @p->data_size set
 *
 * Process context: registering may sleep.  The mechanism's own state
 * is rebuilt from scratch each time.
 *
 * Return: 0 or a negative errno.
 */
int xlate_probe_register(struct xlate_probe *p)
{
	int ret = probe_do_register(p);

	if (ret)
		/* Retried by every translated exec while it fails. */
		pr_err_ratelimited("cannot probe %s with %s: %d\n",
				   p->symbol, xlate_probe_mechanism(), ret);
	return ret;
}

/**
 * xlate_probe_unregister() - unregister a probe
 * @p: a registered probe
 *
 * Returns once no handler of @p runs.  The misses of this arming move
 * into missed_before, so xlate_probe_missed() counts them once while
 * the probe is disarmed.
 */
void xlate_probe_unregister(struct xlate_probe *p)
{
	probe_do_unregister(p);
	WRITE_ONCE(p->missed_before,
		   p->missed_before + XLATE_PROBE_NMISSED(p));
	WRITE_ONCE(XLATE_PROBE_NMISSED(p), 0);
}

/**
 * xlate_probe_missed() - how often the probe could not run
 * @p: the probe
 *
 * Return: the mechanism's nmissed count over every time it was armed.
 */
unsigned long xlate_probe_missed(const struct xlate_probe *p)
{
	return READ_ONCE(p->missed_before) + READ_ONCE(XLATE_PROBE_NMISSED(p));
}
