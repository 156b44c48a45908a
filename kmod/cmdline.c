// SPDX-License-Identifier: GPL-2.0
/*
 * After a translated exec, point /proc/PID/cmdline at the program's own
 * argv instead of the runtime's.  The runtime's argv block is
 * "runtime\0path\0[argv0\0]argv1\0..." (binfmt_x86.c builds it); the
 * program's argv is a suffix of it, so moving mm->arg_start forward
 * past whole strings is enough.  ps, pgrep -f, pidof, audit PROCTITLE,
 * /proc/PID/stat and core dumps all read [arg_start, arg_end).  The
 * runtime's own argv array and what it serves its guest do not change.
 */
#include "xlate.h"

#include <linux/binfmts.h>
#include <linux/mm_types.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>

#include "lib/cmdline_skip.h"

/* Bytes read from user memory at a time (the probe's stack is small). */
#define XLATE_CMDLINE_CHUNK	64

/*
 * Find the program's argv in [start, end) of the new mm: skip @skip
 * strings, the first of which must be @runtime.  Return: its offset;
 * 0 when it cannot be found without faulting, or the strings do not
 * end in the block; -ENOENT when argv[0] is not @runtime.
 */
static long program_argv_offset(unsigned long start, unsigned long end,
				const char *runtime, unsigned int skip)
{
	struct xlate_cmdline_skip s;
	char chunk[XLATE_CMDLINE_CHUNK];
	unsigned long at = start;
	int r = XLATE_CMDLINE_MORE;

	xlate_cmdline_skip_init(&s, runtime, skip);
	while (r == XLATE_CMDLINE_MORE && at < end) {
		size_t n = min_t(unsigned long, sizeof(chunk), end - at);

		if (copy_from_user_nofault(chunk, (const void __user *)at, n))
			return 0;
		r = xlate_cmdline_skip_feed(&s, chunk, n);
		at += n;
	}
	if (r == XLATE_CMDLINE_NO)
		return -ENOENT;
	if (r != XLATE_CMDLINE_DONE || !xlate_cmdline_skip_end(&s, end - start))
		return 0;
	return s.pos;
}

/**
 * xlate_cmdline_after_exec() - show the program in /proc/PID/cmdline
 * @bprm: the exec that xlate translated and that has just succeeded
 *
 * Called from the sched_process_exec tracepoint (preemption disabled),
 * in the task itself, with current->mm the new mm.  Does nothing unless
 * the configuration of an ABI (x86-64 or i386) has cmdline on and its
 * runtime is the one whose path argv[0] holds.  Never sleeps: user
 * memory is read without faulting (the strings were just copied there),
 * and a read that fails leaves the runtime's argv shown.
 */
void xlate_cmdline_after_exec(struct linux_binprm *bprm)
{
	struct mm_struct *mm = current->mm;
	struct xlate_config *cfg;
	unsigned long start, end;
	long off = 0;
	unsigned int skip;
	bool on = false;
	int abi;

	if (!mm)
		return;
	/*
	 * With preserve_argv0, binfmt_x86.c kept argv[0] after the path:
	 * skip that too.  hand_off() set or cleared the flag for its own
	 * stage (an earlier binfmt_misc stage may have set it), and the
	 * runtime the exec ends in is xlate's, so the flag is this exec's.
	 */
	skip = (bprm->interp_flags & BINPRM_FLAGS_PRESERVE_ARGV0) ? 2 : 1;
	spin_lock(&mm->arg_lock);
	start = mm->arg_start;
	end = mm->arg_end;
	spin_unlock(&mm->arg_lock);

	/*
	 * The x86-64 or the i386 runtime: argv[0] says which.  Only a
	 * runtime with cmdline on counts, as shown or as kept.
	 */
	rcu_read_lock();
	for (abi = 0; abi < XLATE_NR_ABIS && !on; abi++) {
		cfg = xlate_config_rcu_abi(abi);
		if (!cfg || !cfg->cmdline || !cfg->runtime)
			continue;
		off = start < end ?
		      program_argv_offset(start, end, cfg->path, skip) : 0;
		on = off != -ENOENT;
	}
	rcu_read_unlock();
	if (!on)
		return;

	if (off > 0) {
		spin_lock(&mm->arg_lock);
		/* Only if nobody moved it meanwhile (prctl PR_SET_MM). */
		if (mm->arg_start == start && mm->arg_end == end)
			mm->arg_start = start + off;
		else
			off = 0;
		spin_unlock(&mm->arg_lock);
	}
	xlate_stat_inc(off > 0 ? XLATE_STAT_CMDLINE_PROGRAM :
			     XLATE_STAT_CMDLINE_KEPT);
}
