// SPDX-License-Identifier: GPL-2.0
/*
 * Registering xlate's function hooks, which view.c arms and disarms
 * repeatedly, with their missed-hit counts kept across re-arming.
 *
 * One interface (struct xlate_probe, xlate.h): an entry handler that
 * either lets the function run or names a replacement to run instead.
 * Two mechanisms, chosen at build time from the kernel's configuration
 * (XLATE_PROBE_FTRACE, compat.h):
 *
 * - ftrace (every supported kernel): a callback called from the
 *   function's patched entry.  A native caller pays the trampoline and
 *   the hook's test.  A replacement is run by setting the saved
 *   instruction pointer, so the trampoline returns into it with the
 *   caller's arguments and return address (livepatch's technique); the
 *   probe then declares FTRACE_OPS_FL_IPMODIFY, and ftrace refuses a
 *   second ops that would modify the same function.
 * - kprobes (a kernel without function tracing): a breakpoint at the
 *   function's first instruction (a BRK trap on arm64).  A replacement
 *   is run by setting the pc and skipping the single-step, as the
 *   kernel's function error injection does.
 *
 * The callback is called directly by the trampoline, without ftrace's
 * recursion guard (no FTRACE_OPS_FL_RECURSION): the hooks call nothing
 * that a probe covers, so they cannot recurse, and with
 * DYNAMIC_FTRACE_WITH_CALL_OPS the call site then calls the callback
 * itself when it is the function's only user.  Unregistering waits
 * until no handler runs: unregister_ftrace_function() does, for a
 * module's ops (FTRACE_OPS_FL_DYNAMIC), with synchronize_rcu_tasks_rude()
 * and, on a preemptible kernel, synchronize_rcu_tasks();
 * unregister_kprobe() with synchronize_rcu().  A replacement may sleep
 * and is module code, so the hook takes a module reference before it
 * names one, which the replacement keeps or drops
 * (xlate_probe_module_put()).
 */
#include "xlate.h"

#include <linux/ftrace.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/ptrace.h>
#include <linux/string.h>

#include "compat.h"

#if XLATE_PROBE_FTRACE

static void notrace probe_ftrace_entry(unsigned long ip,
				       unsigned long parent_ip,
				       struct ftrace_ops *ops,
				       struct ftrace_regs *fregs)
{
	struct xlate_probe *p = container_of(ops, struct xlate_probe, ops);
	void *replacement = p->entry();

	if (replacement)
		xlate_ftrace_replace(fregs, replacement);
}

/*
 * The filter names the function by address, not by name:
 * ftrace_set_filter() that fails to allocate while matching the name
 * returns 0 with an empty filter, which means every function
 * (match_records() returns -ENOMEM, which ftrace_set_hash() takes for
 * a match; 6.12), and a replacing hook would then stand in for
 * every function a marked task calls.  ftrace_set_filter_ip() reports
 * the failure.  Modules have no kallsyms_lookup_name(): a kprobe
 * registered disabled, never armed, looks the symbol up once.
 */
static int probe_resolve(struct xlate_probe *p)
{
	struct kprobe kp = {
		.symbol_name	= p->symbol,
		.flags		= KPROBE_FLAG_DISABLED,
	};
	int ret;

	if (p->ip)
		return 0;
	ret = register_kprobe(&kp);
	if (ret)
		return ret;
	p->ip = (unsigned long)kp.addr;
	unregister_kprobe(&kp);
	return 0;
}

static int probe_do_register(struct xlate_probe *p)
{
	int ret;

	ret = probe_resolve(p);
	if (ret)
		return ret;
	memset(&p->ops, 0, sizeof(p->ops));
	p->ops.func = probe_ftrace_entry;
	if (p->replaces)
		p->ops.flags = XLATE_FTRACE_REPLACE_FLAGS;
	ret = ftrace_set_filter_ip(&p->ops, p->ip, 0, 1);
	if (ret)
		return ret;
	ret = register_ftrace_function(&p->ops);
	if (ret)
		ftrace_free_filter(&p->ops);
	return ret;
}

static void probe_do_unregister(struct xlate_probe *p)
{
	unregister_ftrace_function(&p->ops);
	ftrace_free_filter(&p->ops);
}

/* An ftrace callback is always called: nothing to count. */
static unsigned long probe_live_missed(const struct xlate_probe *p)
{
	return 0;
}

static void probe_clear_missed(struct xlate_probe *p)
{
}

/**
 * xlate_probe_mechanism() - the hook mechanism this build uses
 *
 * Return: "ftrace" or "kprobe".
 */
const char *xlate_probe_mechanism(void)
{
	return "ftrace";
}

#else /* kprobes */

static int probe_kpre(struct kprobe *kp, struct pt_regs *regs)
{
	struct xlate_probe *p = container_of(kp, struct xlate_probe, kp);
	void *replacement = p->entry();

	if (!replacement)
		return 0;
	/* The caller's arguments and return address are still in place. */
	instruction_pointer_set(regs, (unsigned long)replacement);
	return 1;
}

static int probe_do_register(struct xlate_probe *p)
{
	memset(&p->kp, 0, sizeof(p->kp));
	p->kp.symbol_name = p->symbol;
	p->kp.pre_handler = probe_kpre;
	return register_kprobe(&p->kp);
}

static void probe_do_unregister(struct xlate_probe *p)
{
	unregister_kprobe(&p->kp);
}

/* Hits the kprobe could not serve (recursion). */
static unsigned long probe_live_missed(const struct xlate_probe *p)
{
	return READ_ONCE(p->kp.nmissed);
}

static void probe_clear_missed(struct xlate_probe *p)
{
	WRITE_ONCE(p->kp.nmissed, 0);
}

/**
 * xlate_probe_mechanism() - the hook mechanism this build uses
 *
 * Return: "ftrace" or "kprobe".
 */
const char *xlate_probe_mechanism(void)
{
	return "kprobe";
}

#endif /* XLATE_PROBE_FTRACE */

/**
 * xlate_probe_register() - register (again) a probe by symbol name
 * @p: the probe; @p->symbol, @p->entry and @p->replaces set
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
 * Return: the mechanism's nmissed count over every time it was armed
 * (kprobes only), plus the misses the hook noted itself.
 */
unsigned long xlate_probe_missed(const struct xlate_probe *p)
{
	return READ_ONCE(p->missed_before) + probe_live_missed(p) +
	       atomic_long_read(&p->missed_hook);
}

static bool probe_put_late;	/* xlate_probe_module_put() ran since load */

/**
 * xlate_probe_module_put() - drop a hook's module reference as its last step
 *
 * For code that a hook started with a module reference (a replacement
 * function, a task_work) and that still runs a few instructions after
 * dropping it: xlate_probe_exit() waits for those.
 */
void xlate_probe_module_put(void)
{
	WRITE_ONCE(probe_put_late, true);
	module_put(THIS_MODULE);
}

/**
 * xlate_probe_exit() - wait until no task runs after its module_put()
 *
 * Module exit, after the probes are unregistered and the module's
 * reference count reached zero, so every holder has reached its
 * xlate_probe_module_put().  An RCU-tasks grace period ends once every
 * task has switched voluntarily or returned to user space, which a
 * task preempted between module_put() and its return has not.
 */
void xlate_probe_exit(void)
{
	if (READ_ONCE(probe_put_late))
		synchronize_rcu_tasks();
}
