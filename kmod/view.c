// SPDX-License-Identifier: GPL-2.0
/*
 * Arming the x86-view hooks only while marked tasks exist.
 *
 * A probe hit costs every caller of the probed function, marked or
 * not: a native uname(2) pays an ftrace callback, or a breakpoint trap
 * with the kprobe fallback (probe.c; Documentation/benchmarks.rst,
 * R4A).  So the uname and cpuinfo probes are registered only while
 * some task carries XLATE_PER_X86, and native tasks pay nothing
 * otherwise:
 *
 * - armed synchronously, before the exec completes, by every exec that
 *   xlate translates and by every exec of a task that set the marker
 *   by hand (load_binary runs in process context for both);
 * - armed from a work item when a task sets the marker with
 *   personality(2) and does not exec (kretprobes on the personality
 *   syscall, native and AArch32, hit only by personality(2) callers,
 *   notice it; they are kretprobes on every kernel, as they act on
 *   the syscall's result and rewrite its return value);
 * - disarmed by an idle check that finds, XLATE_VIEW_IDLE after the
 *   last translated exec, that no thread carries either marker bit.
 *   A translated exec gives its task XLATE_PER_TRANSLATED at the
 *   hand-off, so the hooks stay armed however long the exec takes
 *   (de_thread() waiting for a sibling, a slow file system) until the
 *   exec tracepoint sets the whole marker.
 *
 * Nothing arms before init has passed its last step that can fail
 * (view_live, set by xlate_view_start()): a failed init frees the
 * module whatever its reference count, and an armed hook hands out
 * references (a /proc/cpuinfo file, a uname task_work).
 *
 * The idle check clears view_armed before it scans the task list, and
 * the personality handler reads view_armed after the syscall set the
 * marker, with a full barrier on both sides: either the scan sees the
 * marker, or the handler sees view_armed false and queues arming.
 */
#include "xlate.h"

#include <linux/jiffies.h>
#include <linux/kprobes.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/workqueue.h>

#include "compat.h"
#include "lib/marker.h"

#define XLATE_VIEW_IDLE	(10 * HZ)

static DEFINE_MUTEX(view_lock);
static bool view_live;		/* under view_lock: arming allowed */
static bool view_armed;		/* written under view_lock */
static unsigned long view_last_use;	/* jiffies, under view_lock */

static void view_idle_check(struct work_struct *work);
static DECLARE_DELAYED_WORK(view_idle_work, view_idle_check);

static void view_arm_fn(struct work_struct *work)
{
	xlate_view_arm();
}

static DECLARE_WORK(view_arm_work, view_arm_fn);

static int view_arm_locked(void)
{
	int ret;

	if (view_armed)
		return 0;
	ret = xlate_probe_register(&xlate_uname_probe);
	if (ret)
		return ret;
	ret = xlate_probe_register(&xlate_cpuinfo_probe);
	if (ret) {
		xlate_probe_unregister(&xlate_uname_probe);
		return ret;
	}
	WRITE_ONCE(view_armed, true);
	schedule_delayed_work(&view_idle_work, XLATE_VIEW_IDLE);
	return 0;
}

/**
 * xlate_view_arm() - make sure the x86-view hooks are registered
 *
 * Process context only: registering a probe may sleep.  A failure
 * is logged by the hook; marked tasks then see native answers.
 */
void xlate_view_arm(void)
{
	mutex_lock(&view_lock);
	view_last_use = jiffies;
	if (view_live)
		view_arm_locked();
	mutex_unlock(&view_lock);
}

/**
 * xlate_view_note_exec() - called by load_binary for every native exec
 *
 * A task that set the marker by hand keeps it across this exec: arm
 * now, so the new program sees the x86 view from its first call.
 */
void xlate_view_note_exec(void)
{
	if (xlate_marker_has_x86_view(current->personality) &&
	    !READ_ONCE(view_armed))
		xlate_view_arm();
}

static bool any_task_marked(void)
{
	struct task_struct *p, *t;
	bool found = false;

	rcu_read_lock();
	for_each_process_thread(p, t) {
		if (xlate_marker_keeps_view_armed(READ_ONCE(t->personality))) {
			found = true;
			goto out;
		}
	}
out:
	rcu_read_unlock();
	return found;
}

static void view_idle_check(struct work_struct *work)
{
	mutex_lock(&view_lock);
	if (!view_armed)
		goto out;
	if (time_before(jiffies, view_last_use + XLATE_VIEW_IDLE))
		goto again;
	WRITE_ONCE(view_armed, false);
	smp_mb(); /* pairs with personality_return() */
	if (any_task_marked()) {
		WRITE_ONCE(view_armed, true);
		goto again;
	}
	xlate_probe_unregister(&xlate_cpuinfo_probe);
	xlate_probe_unregister(&xlate_uname_probe);
	goto out;
again:
	schedule_delayed_work(&view_idle_work, XLATE_VIEW_IDLE);
out:
	mutex_unlock(&view_lock);
}

/*
 * personality(2): a task marked by a translated exec neither sees nor
 * drops its marker, and no caller sets XLATE_PER_TRANSLATED
 * (lib/marker.h); a task that sets the marker by hand gets the hooks
 * armed.  AArch32 tasks reach the syscall through the compat table,
 * which calls the generic wrapper instead of arm64's own: both are
 * probed, with the same handlers (compat.h).
 */
struct personality_call {
	unsigned int before;
};

static int personality_entry(struct kretprobe_instance *ri,
			     struct pt_regs *regs)
{
	struct personality_call *call = (struct personality_call *)ri->data;

	call->before = current->personality;
	return 0;
}

static int personality_return(struct kretprobe_instance *ri,
			      struct pt_regs *regs)
{
	struct personality_call *call = (struct personality_call *)ri->data;
	unsigned int now = current->personality;
	unsigned int keep = xlate_marker_after_personality(call->before, now);

	/* Only the task itself writes its personality. */
	if (keep != now)
		current->personality = keep;
	if (call->before & XLATE_PER_TRANSLATED)
		regs_set_return_value(regs,
				      xlate_marker_hide(call->before,
							regs_return_value(regs)));
	if (!xlate_marker_has_x86_view(keep))
		return 0;
	smp_mb(); /* pairs with view_idle_check() */
	if (!READ_ONCE(view_armed))
		schedule_work(&view_arm_work);
	return 0;
}

static struct kretprobe personality_probe = {
	.kp.symbol_name	= XLATE_SYM_PERSONALITY,
	.entry_handler	= personality_entry,
	.handler	= personality_return,
	.data_size	= sizeof(struct personality_call),
};

#if XLATE_HAVE_COMPAT_PERSONALITY
static struct kretprobe compat_personality_probe = {
	.kp.symbol_name	= XLATE_SYM_COMPAT_PERSONALITY,
	.entry_handler	= personality_entry,
	.handler	= personality_return,
	.data_size	= sizeof(struct personality_call),
};
#endif

static struct kretprobe *personality_probes[] = {
	&personality_probe,
#if XLATE_HAVE_COMPAT_PERSONALITY
	&compat_personality_probe,
#endif
};

/* Both personality(2) entries, or neither. */
static int personality_register(void)
{
	int ret = register_kretprobes(personality_probes,
				      ARRAY_SIZE(personality_probes));

	if (ret)
		pr_err("cannot probe personality(2) (%s%s%s): %d\n",
		       XLATE_SYM_PERSONALITY,
		       XLATE_HAVE_COMPAT_PERSONALITY ? ", " : "",
		       XLATE_HAVE_COMPAT_PERSONALITY ?
		       XLATE_SYM_COMPAT_PERSONALITY : "", ret);
	return ret;
}

static void personality_unregister(void)
{
	unregister_kretprobes(personality_probes,
			      ARRAY_SIZE(personality_probes));
}

/**
 * xlate_view_init() - watch personality(2) for hand-set markers
 *
 * Arms nothing: see xlate_view_start().
 *
 * Return: 0 or a negative errno.
 */
int xlate_view_init(void)
{
	return personality_register();
}

/**
 * xlate_view_start() - allow arming, and arm if marked tasks exist
 *
 * Called once init cannot fail any more.  Tasks marked before a reload
 * (xlate was unloaded while translated programs ran) see the x86 view
 * at once; a marker set meanwhile either is seen by the scan or queued
 * an arming that runs after this.
 */
void xlate_view_start(void)
{
	mutex_lock(&view_lock);
	view_live = true;
	view_last_use = jiffies;
	if (any_task_marked())
		view_arm_locked();
	mutex_unlock(&view_lock);
}

/**
 * xlate_view_exit() - disarm everything
 *
 * Called after the binfmt handler is gone, so nothing arms again.
 */
void xlate_view_exit(void)
{
	personality_unregister();
	cancel_work_sync(&view_arm_work);
	cancel_delayed_work_sync(&view_idle_work);
	mutex_lock(&view_lock);
	if (view_armed) {
		xlate_probe_unregister(&xlate_cpuinfo_probe);
		xlate_probe_unregister(&xlate_uname_probe);
		view_armed = false;
	}
	mutex_unlock(&view_lock);
	xlate_probe_exit();
}
