// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/xlate/: the directory that holds xlate's counters and
 * cpuinfo profile, and the version file.
 */
#include "xlate.h"

#include <linux/sysfs.h>

static struct kobject *xlate_kobj;

static ssize_t version_show(struct kobject *kobj, struct kobj_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%s\n", XLATE_VERSION);
}

static struct kobj_attribute version_attr = __ATTR_RO(version);

/**
 * xlate_sysfs_init() - create /sys/kernel/xlate and its version file
 *
 * Return: the kobject, or an ERR_PTR.
 */
struct kobject *xlate_sysfs_init(void)
{
	int ret;

	xlate_kobj = kobject_create_and_add("xlate", kernel_kobj);
	if (!xlate_kobj)
		return ERR_PTR(-ENOMEM);
	ret = sysfs_create_file(xlate_kobj, &version_attr.attr);
	if (ret) {
		kobject_put(xlate_kobj);
		xlate_kobj = NULL;
		return ERR_PTR(ret);
	}
	return xlate_kobj;
}

/**
 * xlate_sysfs_exit() - remove /sys/kernel/xlate
 */
void xlate_sysfs_exit(void)
{
	kobject_put(xlate_kobj);
	xlate_kobj = NULL;
}
