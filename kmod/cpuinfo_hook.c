// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/cpuinfo for marked tasks: an x86-format view.
 *
 * Every route to the file (the plain path, openat() on a /proc
 * descriptor, /proc/self/root/..., symlinks, another procfs mount) ends
 * in fs/proc/cpuinfo.c's cpuinfo_open(), which seq_open()s the file
 * with the architecture's seq_operations.  An entry probe on it
 * (probe.c: an ftrace callback, or a kprobe) runs xlate_cpuinfo_open()
 * instead for a marked task, which opens the same seq_file with:
 *
 * - xlate's seq_operations (cpuinfo.h renders each CPU's block from the
 *   profile), and
 * - as the file's ->f_op, a copy of procfs's operations for this
 *   permanent entry (seq_read_iter, seq_lseek, seq_release) that names
 *   THIS_MODULE as owner.  The probe takes a module reference before it
 *   redirects the call, which the file keeps; __fput()'s fops_put()
 *   drops it when the file is closed.  So while a virtualized file is
 *   open, xlate cannot be unloaded (rmmod says it is in use) and the
 *   file keeps working.
 *
 * Both are in place before open() returns, so no other thread that
 * shares the descriptor table (or io_uring, which completes the open
 * in a worker) can read the file with the native operations.
 * cpuinfo is a PROC_ENTRY_PERMANENT entry: procfs keeps no per-opener
 * state for it, so replacing its open routine and f_op bypasses
 * nothing (cpuinfo_open() itself does nothing else on arm64).
 */
#include "xlate.h"

#include <linux/cpumask.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/seq_file.h>

#include "compat.h"
#include "cpuinfo.h"
#include "lib/marker.h"

static void *c_start(struct seq_file *m, loff_t *pos)
{
	*pos = cpumask_next(*pos - 1, cpu_online_mask);
	if (*pos < nr_cpu_ids)
		return (void *)(uintptr_t)(*pos + 1);
	return NULL;
}

static void *c_next(struct seq_file *m, void *v, loff_t *pos)
{
	(*pos)++;
	return c_start(m, pos);
}

static void c_stop(struct seq_file *m, void *v)
{
}

static int c_show(struct seq_file *m, void *v)
{
	return xlate_cpuinfo_show(m, (uintptr_t)v - 1);
}

static const struct seq_operations xlate_cpuinfo_seq_ops = {
	.start	= c_start,
	.next	= c_next,
	.stop	= c_stop,
	.show	= c_show,
};

static const struct file_operations xlate_cpuinfo_fops = {
	.owner		= THIS_MODULE,
	.llseek		= seq_lseek,
	.read_iter	= seq_read_iter,
	.splice_read	= XLATE_SPLICE_READ,
	.release	= seq_release,
};

/*
 * Runs instead of cpuinfo_open() for a marked task, with the module
 * reference the probe took.  Process context: seq_open() may sleep.
 */
static int xlate_cpuinfo_open(struct inode *inode, struct file *file)
{
	int ret = seq_open(file, &xlate_cpuinfo_seq_ops);

	if (ret) {
		xlate_probe_module_put();
		return ret;
	}
	file->f_op = &xlate_cpuinfo_fops;
	xlate_stat_inc(XLATE_STAT_CPUINFO);
	return 0;
}

static void *cpuinfo_entry(void)
{
	if (!xlate_marker_has_x86_view(current->personality))
		return NULL;
	/* Fails only while xlate is being unloaded: native view then. */
	if (!try_module_get(THIS_MODULE))
		return NULL;
	return xlate_cpuinfo_open;
}

/* Armed and disarmed by view.c. */
struct xlate_probe xlate_cpuinfo_probe = {
	.symbol		= XLATE_SYM_CPUINFO_OPEN,
	.entry		= cpuinfo_entry,
	.replaces	= true,
};
