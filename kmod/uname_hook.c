// SPDX-License-Identifier: GPL-2.0
/*
 * uname(2) for marked tasks: the machine an x86-64 kernel would answer
 * (lib/uname_machine.h: "x86_64", or "i686" under PER_LINUX32), every
 * other field as the kernel filled it.
 *
 * An entry probe (probe.c: an ftrace callback, or a kprobe) on the
 * newuname syscall wrapper, which native and AArch32 tasks share,
 * because every caller of uname(2) pays for it while the view is armed,
 * and an ftrace callback that lets the function run is the cheapest
 * hook there is (Documentation/benchmarks.rst, R4A).  For a native task
 * the entry handler only tests the personality.  For a marked task it
 * queues a task_work that runs when the syscall returns to user space:
 * there, in process context, if the syscall succeeded, it rewrites the
 * machine field of the user's buffer.
 *
 * Module lifetime: each queued fixup holds a module reference, so rmmod
 * is refused while one is pending.  The fixup drops it as its last
 * step (xlate_probe_module_put(), whose caller's last instructions
 * module exit waits for).
 */
#include "xlate.h"

#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>
#include <linux/task_work.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>
#include <asm/syscall.h>

#include "compat.h"
#include "lib/marker.h"
#include "lib/uname_machine.h"

struct uname_fixup {
	struct callback_head work;
	struct new_utsname __user *name;
};

/* Task context, on the way back to user space, may fault and sleep. */
static void uname_fixup_run(struct callback_head *work)
{
	const char *machine = xlate_uname_machine(current->personality);
	struct uname_fixup *fix = container_of(work, struct uname_fixup, work);

	BUILD_BUG_ON(sizeof_field(struct new_utsname, machine) !=
		     XLATE_UTS_MACHINE_LEN);
	if (!syscall_get_return_value(current, current_pt_regs()) &&
	    !copy_to_user(fix->name->machine, machine, XLATE_UTS_MACHINE_LEN))
		xlate_stat_inc(XLATE_STAT_UNAME);
	kfree(fix);
	xlate_probe_module_put();
}

static void *uname_entry(void)
{
	struct uname_fixup *fix;
	unsigned long args[6];

	if (likely(!xlate_marker_has_x86_view(current->personality)))
		return NULL;
	fix = kmalloc(sizeof(*fix), GFP_NOWAIT | __GFP_NOWARN);
	if (!fix) {
		xlate_probe_note_miss(&xlate_uname_probe);
		return NULL;
	}
	/* Fails only while xlate is being unloaded: native answer then. */
	if (!try_module_get(THIS_MODULE)) {
		kfree(fix);
		return NULL;
	}
	/* The syscall's arguments, in the user registers. */
	syscall_get_arguments(current, current_pt_regs(), args);
	fix->name = (struct new_utsname __user *)args[0];
	init_task_work(&fix->work, uname_fixup_run);
	/* Fails only for an exiting task, which reads no answer. */
	if (task_work_add(current, &fix->work, TWA_RESUME)) {
		kfree(fix);
		module_put(THIS_MODULE);
	}
	return NULL;
}

/* Armed and disarmed by view.c. */
struct xlate_probe xlate_uname_probe = {
	.symbol		= XLATE_SYM_NEWUNAME,
	.entry		= uname_entry,
};
