// SPDX-License-Identifier: GPL-2.0
/*
 * uname(2) for marked tasks: the machine an x86-64 kernel would answer
 * (lib/uname_machine.h: "x86_64", or "i686" under PER_LINUX32), every
 * other field as the kernel filled it.
 *
 * A probe (probe.c: fprobe or kretprobe) on the newuname syscall
 * wrapper.  The entry handler decides from the caller's personality and
 * returns non-zero for native tasks, so they never get a return hook;
 * the return handler runs with preemption off and rewrites the machine
 * field with
 * copy_to_user_nofault(), which never sleeps.  The kernel has just
 * written that buffer, so the fault-free copy fails only if the page
 * vanished in between; the task then sees the native answer and
 * hook_missed does not count it (nothing was missed by the probe).
 */
#include "xlate.h"

#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>
#include <asm/syscall.h>

#include "compat.h"
#include "lib/marker.h"
#include "lib/uname_machine.h"

struct uname_call {
	struct new_utsname __user *name;
};

static int uname_entry(void *data, unsigned long arg0, unsigned long arg1)
{
	struct uname_call *call = data;
	unsigned long args[6];

	if (!xlate_marker_has_x86_view(current->personality))
		return 1;
	/* The syscall wrapper takes the user's pt_regs. */
	syscall_get_arguments(current, (struct pt_regs *)arg0, args);
	call->name = (struct new_utsname __user *)args[0];
	return 0;
}

static void uname_return(void *data, unsigned long retval)
{
	const char *machine = xlate_uname_machine(current->personality);
	struct uname_call *call = data;

	BUILD_BUG_ON(sizeof_field(struct new_utsname, machine) !=
		     XLATE_UTS_MACHINE_LEN);
	if (retval)
		return;
	if (!copy_to_user_nofault(call->name->machine, machine,
				  XLATE_UTS_MACHINE_LEN))
		xlate_stat_inc(XLATE_STAT_UNAME);
}

/* Armed and disarmed by view.c. */
struct xlate_probe xlate_uname_probe = {
	.symbol		= XLATE_SYM_NEWUNAME,
	.entry		= uname_entry,
	.exit		= uname_return,
	.data_size	= sizeof(struct uname_call),
};
