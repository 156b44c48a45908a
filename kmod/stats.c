// SPDX-License-Identifier: GPL-2.0
/*
 * Per-outcome counters, readable by everyone under
 * /sys/kernel/xlate/stats/.  They are per-CPU so that counting the
 * native execs xlate passes over costs no shared cache line.
 */
#include "xlate.h"

#include <linux/percpu.h>
#include <linux/sysfs.h>

struct xlate_stats {
	u64 count[XLATE_NR_STATS];
};

static DEFINE_PER_CPU(struct xlate_stats, xlate_stats);

/**
 * xlate_stat_inc() - count one event
 * @stat: which counter
 *
 * Safe in any context, including kretprobe handlers.
 */
void xlate_stat_inc(enum xlate_stat stat)
{
	this_cpu_inc(xlate_stats.count[stat]);
}

static u64 xlate_stat_sum(enum xlate_stat stat)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += per_cpu(xlate_stats, cpu).count[stat];
	return sum;
}

struct xlate_stat_attr {
	struct kobj_attribute attr;
	enum xlate_stat stat;
};

static ssize_t stat_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	struct xlate_stat_attr *sa = container_of(attr, struct xlate_stat_attr,
						  attr);

	return sysfs_emit(buf, "%llu\n", xlate_stat_sum(sa->stat));
}

static ssize_t hook_missed_show(struct kobject *kobj,
				struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%lu\n",
			  xlate_probe_missed(&xlate_uname_probe) +
			  xlate_probe_missed(&xlate_cpuinfo_probe));
}

#define XLATE_STAT_ATTR(_name, _stat)					\
	static struct xlate_stat_attr stat_attr_##_name = {		\
		.attr = __ATTR(_name, 0444, stat_show, NULL),		\
		.stat = _stat,						\
	}

XLATE_STAT_ATTR(translated, XLATE_STAT_TRANSLATED);
XLATE_STAT_ATTR(passed_over, XLATE_STAT_PASSED_OVER);
XLATE_STAT_ATTR(refused_disabled, XLATE_STAT_REFUSED_DISABLED);
XLATE_STAT_ATTR(refused_no_runtime, XLATE_STAT_REFUSED_NO_RUNTIME);
XLATE_STAT_ATTR(refused_inaccessible, XLATE_STAT_REFUSED_INACCESSIBLE);
XLATE_STAT_ATTR(failed, XLATE_STAT_FAILED);
XLATE_STAT_ATTR(uname_virtualized, XLATE_STAT_UNAME);
XLATE_STAT_ATTR(cpuinfo_virtualized, XLATE_STAT_CPUINFO);
XLATE_STAT_ATTR(translated_i386, XLATE_STAT_TRANSLATED_I386);
XLATE_STAT_ATTR(refused_no_runtime32, XLATE_STAT_REFUSED_NO_RUNTIME32);
XLATE_STAT_ATTR(cmdline_program, XLATE_STAT_CMDLINE_PROGRAM);
XLATE_STAT_ATTR(cmdline_kept, XLATE_STAT_CMDLINE_KEPT);
XLATE_STAT_ATTR(exe_program, XLATE_STAT_EXE_PROGRAM);
XLATE_STAT_ATTR(exe_kept, XLATE_STAT_EXE_KEPT);

static struct kobj_attribute hook_missed_attr =
	__ATTR(hook_missed, 0444, hook_missed_show, NULL);

static struct attribute *xlate_stats_attrs[] = {
	&stat_attr_translated.attr.attr,
	&stat_attr_passed_over.attr.attr,
	&stat_attr_refused_disabled.attr.attr,
	&stat_attr_refused_no_runtime.attr.attr,
	&stat_attr_refused_inaccessible.attr.attr,
	&stat_attr_failed.attr.attr,
	&stat_attr_uname_virtualized.attr.attr,
	&stat_attr_cpuinfo_virtualized.attr.attr,
	&stat_attr_translated_i386.attr.attr,
	&stat_attr_refused_no_runtime32.attr.attr,
	&stat_attr_cmdline_program.attr.attr,
	&stat_attr_cmdline_kept.attr.attr,
	&stat_attr_exe_program.attr.attr,
	&stat_attr_exe_kept.attr.attr,
	&hook_missed_attr.attr,
	NULL,
};

static const struct attribute_group xlate_stats_group = {
	.name = "stats",
	.attrs = xlate_stats_attrs,
};

static struct kobject *xlate_stats_parent;

/**
 * xlate_stats_init() - create /sys/kernel/xlate/stats/
 * @parent: the /sys/kernel/xlate kobject
 *
 * Return: 0 or a negative errno.
 */
int xlate_stats_init(struct kobject *parent)
{
	int ret = sysfs_create_group(parent, &xlate_stats_group);

	if (!ret)
		xlate_stats_parent = parent;
	return ret;
}

/**
 * xlate_stats_exit() - remove /sys/kernel/xlate/stats/
 */
void xlate_stats_exit(void)
{
	if (xlate_stats_parent)
		sysfs_remove_group(xlate_stats_parent, &xlate_stats_group);
	xlate_stats_parent = NULL;
}
