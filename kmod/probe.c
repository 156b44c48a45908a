// SPDX-License-Identifier: GPL-2.0
/*
 * Registering xlate's function hooks, which view.c arms and disarms
 * repeatedly, with their missed-hit counts kept across re-arming.
 *
 * One interface (struct xlate_probe, xlate.h), two families of
 * mechanism chosen at build time from the kernel's configuration
 * (XLATE_PROBE_FTRACE, compat.h):
 *
 * - ftrace (kernels with fprobe): a call from the function's patched
 *   entry.  An entry-only hook is a plain ftrace callback: a native
 *   caller pays the ftrace trampoline and the hook's test, nothing
 *   else.  A hook with an exit handler is an fprobe, which adds the
 *   function-graph tracer's bookkeeping for every caller; an entry
 *   handler that declines the call means no return hook for it.  The
 *   kernel counts in nmissed the calls an fprobe could not hook
 *   (recursion, no room on the shadow stack).
 * - kprobes (other kernels): a breakpoint at the function's entry (a
 *   BRK trap on arm64), which every caller takes.  Entry-only hooks
 *   are kprobes, the others kretprobes, whose return instances come
 *   from a pool; a call that finds it empty is counted in nmissed.
 *
 * Unregistering waits until no handler runs, so module unload cannot
 * free code that a CPU or a preempted task is still executing.
 */
#include "xlate.h"

#include <linux/cpumask.h>
#include <linux/fprobe.h>
#include <linux/ftrace.h>
#include <linux/kprobes.h>
#include <linux/string.h>

#include "compat.h"

#if XLATE_PROBE_FTRACE

/*
 * Called straight from the trampoline (no recursion guard: it calls
 * nothing that the filter covers), preemptible, for every caller.
 */
static void notrace probe_ftrace_entry(unsigned long ip,
				       unsigned long parent_ip,
				       struct ftrace_ops *ops,
				       struct ftrace_regs *fregs)
{
	struct xlate_probe *p = container_of(ops, struct xlate_probe, ops);

	p->entry(NULL, ftrace_regs_get_argument(fregs, 0),
		 ftrace_regs_get_argument(fregs, 1));
}

static int probe_fentry(struct fprobe *fp, unsigned long entry_ip,
			unsigned long ret_ip, struct ftrace_regs *fregs,
			void *data)
{
	struct xlate_probe *p = container_of(fp, struct xlate_probe, fp);

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

static int probe_register_entry_only(struct xlate_probe *p)
{
	char name[KSYM_NAME_LEN];
	int ret;

	memset(&p->ops, 0, sizeof(p->ops));
	p->ops.func = probe_ftrace_entry;
	strscpy(name, p->symbol, sizeof(name));
	ret = ftrace_set_filter(&p->ops, name, strlen(name), 1);
	if (ret)
		return ret;
	ret = register_ftrace_function(&p->ops);
	if (ret)
		ftrace_free_filter(&p->ops);
	return ret;
}

static int probe_do_register(struct xlate_probe *p)
{
	if (!p->exit)
		return probe_register_entry_only(p);
	memset(&p->fp, 0, sizeof(p->fp));
	p->fp.entry_handler = probe_fentry;
	p->fp.exit_handler = probe_fexit;
	p->fp.entry_data_size = p->data_size;
	return register_fprobe_syms(&p->fp, &p->symbol, 1);
}

/*
 * For a module's ftrace_ops, unregister_ftrace_function() waits for
 * running and preempted callbacks (synchronize_rcu_tasks()).
 */
static void probe_do_unregister(struct xlate_probe *p)
{
	if (!p->exit) {
		unregister_ftrace_function(&p->ops);
		ftrace_free_filter(&p->ops);
		return;
	}
	unregister_fprobe(&p->fp);
	if (!XLATE_FPROBE_UNREGISTER_SYNCS)
		synchronize_rcu();
}

static unsigned long probe_live_missed(const struct xlate_probe *p)
{
	return p->exit ? READ_ONCE(p->fp.nmissed) : 0;
}

static void probe_clear_missed(struct xlate_probe *p)
{
	WRITE_ONCE(p->fp.nmissed, 0);
}

/**
 * xlate_probe_mechanism() - the hook mechanisms this build uses
 *
 * Return: "ftrace+fprobe" or "kprobe+kretprobe" (entry-only hooks,
 * hooks with an exit handler).
 */
const char *xlate_probe_mechanism(void)
{
	return "ftrace+fprobe";
}

#else /* kprobes */

/*
 * A return instance's data: the probe, then the hook's own data.  The
 * return handler takes the probe from here, not from the instance,
 * whose link to the kretprobe unregistering may clear (6.1).
 */
struct probe_kcall {
	struct xlate_probe *p;
	unsigned long data[];
};

static int probe_kpre(struct kprobe *kp, struct pt_regs *regs)
{
	struct xlate_probe *p = container_of(kp, struct xlate_probe, rp.kp);

	p->entry(NULL, regs_get_kernel_argument(regs, 0),
		 regs_get_kernel_argument(regs, 1));
	return 0;
}

static int probe_kentry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct probe_kcall *call = (struct probe_kcall *)ri->data;
	struct kretprobe *rp = get_kretprobe(ri);
	struct xlate_probe *p;

	if (!rp)
		return 1;	/* being unregistered */
	p = container_of(rp, struct xlate_probe, rp);
	call->p = p;
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
	if (!p->exit) {
		p->rp.kp.pre_handler = probe_kpre;
		return register_kprobe(&p->rp.kp);
	}
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

/* unregister_k(ret)probe() waits until no handler runs. */
static void probe_do_unregister(struct xlate_probe *p)
{
	if (p->exit)
		unregister_kretprobe(&p->rp);
	else
		unregister_kprobe(&p->rp.kp);
}

/* Pool exhaustion (kretprobe) and recursion (the kprobe underneath). */
static unsigned long probe_live_missed(const struct xlate_probe *p)
{
	return READ_ONCE(p->rp.nmissed) + READ_ONCE(p->rp.kp.nmissed);
}

static void probe_clear_missed(struct xlate_probe *p)
{
	WRITE_ONCE(p->rp.nmissed, 0);
	WRITE_ONCE(p->rp.kp.nmissed, 0);
}

/**
 * xlate_probe_mechanism() - the hook mechanisms this build uses
 *
 * Return: "ftrace+fprobe" or "kprobe+kretprobe" (entry-only hooks,
 * hooks with an exit handler).
 */
const char *xlate_probe_mechanism(void)
{
	return "kprobe+kretprobe";
}

#endif /* XLATE_PROBE_FTRACE */

/**
 * xlate_probe_register() - register (again) a probe by symbol name
 * @p: the probe; @p->symbol and @p->entry set, @p->exit and
 *     @p->data_size if it has an exit handler
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
	WRITE_ONCE(p->missed_before, p->missed_before + probe_live_missed(p));
	probe_clear_missed(p);
}

/**
 * xlate_probe_note_miss() - count a call the hook itself could not serve
 * @p: the probe
 *
 * For a hook that needs more than its handler (memory, a module
 * reference) and did not get it: the call saw the native answer.  Any
 * context.
 */
void xlate_probe_note_miss(struct xlate_probe *p)
{
	atomic_long_inc(&p->missed_hook);
}

/**
 * xlate_probe_missed() - how often the probe could not run
 * @p: the probe
 *
 * Return: the mechanism's nmissed count over every time it was armed,
 * plus the misses the hook noted itself.
 */
unsigned long xlate_probe_missed(const struct xlate_probe *p)
{
	return READ_ONCE(p->missed_before) + probe_live_missed(p) +
	       atomic_long_read(&p->missed_hook);
}
