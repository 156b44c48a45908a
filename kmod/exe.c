// SPDX-License-Identifier: GPL-2.0
/*
 * exe=1: after a translated exec, make the program's file the new mm's
 * exe_file, so /proc/PID/exe, audit's exe= and every other reader of
 * the mm's executable name the x86 binary instead of the runtime.  It
 * also moves exe_file's write denial from the runtime to the program.
 *
 * It changes what the runtime itself reads at /proc/self/exe, so it is
 * off unless the administrator turns it on (design.rst, "Identity").
 *
 * The swap repeats set_mm_exe_file() (not exported) with the same
 * helpers: exe_file_deny_write_access() on the new file, and
 * exe_file_allow_write_access() and fput() on the old.  From then on
 * the kernel's own rules apply: fork's dup_mm_exe_file() takes another
 * denial, and exit or the next exec drops it.
 */
#include "xlate.h"

#include <linux/binfmts.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mm_types.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>

#include "lib/marker.h"

/**
 * xlate_exe_keep_program() - keep the program's file for the tracepoint
 * @bprm: the exec being handed off, bprm->file still the program
 *
 * Called from hand_off() when the configuration has exe on, after
 * have_execfd is decided.  With an execfd the kernel keeps the file
 * itself (bprm->executable, then the AT_EXECFD descriptor).  Otherwise
 * exec_binprm() would close it, so a reference goes into
 * bprm->executable, which nothing else uses without have_execfd and
 * which free_bprm() puts if the exec fails.  If an earlier format (a
 * binfmt_misc entry with O) already keeps a file, exe is left alone.
 */
void xlate_exe_keep_program(struct linux_binprm *bprm)
{
	if (bprm->executable)
		return;
	if (!bprm->have_execfd)
		bprm->executable = get_file(bprm->file);
	bprm->per_clear |= XLATE_PER_EXEC_EXE;
}

/* The program's file, with a reference; NULL if it is gone. */
static struct file *program_file(struct linux_binprm *bprm)
{
	struct file *file;

	if (bprm->have_execfd)
		return fget(bprm->execfd);
	file = bprm->executable;
	bprm->executable = NULL;
	return file;
}

/**
 * xlate_exe_after_exec() - make the program the mm's exe_file
 * @bprm: a translated exec that has just succeeded
 *
 * Called from the sched_process_exec tracepoint (preemption disabled)
 * in the task itself, which is single-threaded and owns a new mm, as
 * begin_new_exec() relies on when it calls set_mm_exe_file().  Nothing
 * here sleeps: fget() is RCU, fput() defers the last put.
 */
void xlate_exe_after_exec(struct linux_binprm *bprm)
{
	struct mm_struct *mm = current->mm;
	struct file *file, *old;

	if (!(bprm->per_clear & XLATE_PER_EXEC_EXE))
		return;
	file = program_file(bprm);
	/* A writer that opened it after exec_binprm() let go: keep. */
	if (!file || !mm || exe_file_deny_write_access(file)) {
		if (file)
			fput(file);
		xlate_stat_inc(XLATE_STAT_EXE_KEPT);
		return;
	}
	old = rcu_replace_pointer(mm->exe_file, file, true);
	if (old) {
		exe_file_allow_write_access(old);
		fput(old);
	}
	xlate_stat_inc(XLATE_STAT_EXE_PROGRAM);
}
