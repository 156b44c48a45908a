// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/xlate/cpuinfo/: the profile the x86 view of /proc/cpuinfo
 * shows, one 0644 file per field plus a write-only "reset".
 *
 * The profile is one immutable object published with RCU.  A write
 * copies it, changes one field of the copy through xlate_profile_set()
 * (which validates completely or changes nothing), and publishes the
 * copy under profile_lock; readers (sysfs show, the /proc hook) take
 * rcu_read_lock() and never block a writer.
 */
#include "xlate.h"

#include <linux/bitmap.h>
#include <linux/capability.h>
#include <linux/cpumask.h>
#include <linux/kobject.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "cpuinfo.h"
#include "lib/cpuinfo_profile.h"

/**
 * struct profile_box - an RCU-published profile
 * @rcu: for kfree_rcu() once replaced
 * @p: the profile, never changed once published
 */
struct profile_box {
	struct rcu_head rcu;
	struct xlate_cpuinfo_profile p;
};

static struct profile_box __rcu *cur_profile;
static DEFINE_MUTEX(profile_lock);

static struct kobject *cpuinfo_kobj;
static struct kobj_attribute *field_attrs;
static struct attribute **group_attrs;
static struct attribute_group cpuinfo_group;

static const char *set_error(int err)
{
	switch (err) {
	case -ENOENT:
		return "unknown field";
	case -E2BIG:
		return "value too long";
	case -ENOMEM:
		return "out of memory";
	default:
		return "invalid value";
	}
}

/* Publish @new, which the caller has filled in, and retire the old one. */
static void publish(struct profile_box *new)
{
	struct profile_box *old;

	old = rcu_dereference_protected(cur_profile,
					lockdep_is_held(&profile_lock));
	rcu_assign_pointer(cur_profile, new);
	if (old)
		kfree_rcu(old, rcu);
}

static ssize_t field_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	struct profile_box *box;
	int n = -ENODEV;

	rcu_read_lock();
	box = rcu_dereference(cur_profile);
	if (box)
		n = xlate_profile_show(&box->p, attr->attr.name, buf,
				       PAGE_SIZE);
	rcu_read_unlock();
	return n;
}

static ssize_t field_store(struct kobject *kobj, struct kobj_attribute *attr,
			   const char *buf, size_t count)
{
	const char *field = attr->attr.name;
	struct profile_box *new;
	int err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	new = kmalloc(sizeof(*new), GFP_KERNEL);
	if (!new)
		return -ENOMEM;

	mutex_lock(&profile_lock);
	new->p = rcu_dereference_protected(cur_profile,
					   lockdep_is_held(&profile_lock))->p;
	/* sysfs NUL-terminates @buf; a NUL inside it is a bad value */
	err = strnlen(buf, count) != count ? -EINVAL :
	      xlate_profile_set(&new->p, field, buf);
	if (!err)
		publish(new);
	mutex_unlock(&profile_lock);

	if (err) {
		kfree(new);
		pr_warn_ratelimited("cpuinfo: %s not changed: %s\n", field,
				    set_error(err));
		return err;
	}
	return count;
}

static ssize_t reset_store(struct kobject *kobj, struct kobj_attribute *attr,
			   const char *buf, size_t count)
{
	struct profile_box *new;
	unsigned int v;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (kstrtouint(buf, 10, &v) || v != 1) {
		pr_warn_ratelimited("cpuinfo: reset not done: write 1\n");
		return -EINVAL;
	}
	new = kmalloc(sizeof(*new), GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	new->p = xlate_cpuinfo_default_profile;
	mutex_lock(&profile_lock);
	publish(new);
	mutex_unlock(&profile_lock);
	return count;
}

static struct kobj_attribute reset_attr = __ATTR_WO(reset);

/**
 * xlate_cpuinfo_show() - print one CPU's block of the x86 /proc/cpuinfo
 * @m: the /proc/cpuinfo seq_file
 * @cpu: an online CPU
 *
 * Renders straight into the free space of @m's buffer under
 * rcu_read_lock(), without sleeping.  When the block does not fit, @m is
 * marked as overflowed, as seq_printf() does, so seq_read() retries with
 * a bigger buffer.  The topology is flat: one package whose cores are
 * the online CPUs, numbered by their rank among them.
 *
 * Return: 0.
 */
int xlate_cpuinfo_show(struct seq_file *m, unsigned int cpu)
{
	unsigned int online = num_online_cpus();
	unsigned int rank = bitmap_weight(cpumask_bits(cpu_online_mask), cpu);
	struct xlate_cpu_topo t = {
		.processor = cpu,
		.physical_id = 0,
		.siblings = online,
		.core_id = rank,
		.cpu_cores = online,
		.apicid = rank,
		.initial_apicid = rank,
	};
	struct profile_box *box;
	char *buf;
	size_t room = seq_get_buf(m, &buf);
	size_t len = 0;

	rcu_read_lock();
	box = rcu_dereference(cur_profile);
	if (box)
		len = xlate_cpuinfo_render(buf, room, &box->p, &t);
	rcu_read_unlock();

	/* -1 marks the buffer as overflowed, as seq_printf() does */
	seq_commit(m, len < room ? (int)len : -1);
	return 0;
}

/**
 * xlate_cpuinfo_init() - publish the default profile and its sysfs files
 * @xlate_kobj: /sys/kernel/xlate
 *
 * Return: 0 or a negative errno; on error nothing is left behind.
 */
int xlate_cpuinfo_init(struct kobject *xlate_kobj)
{
	unsigned int n = xlate_profile_nfields, i;
	struct profile_box *box;
	int err = -ENOMEM;

	box = kmalloc(sizeof(*box), GFP_KERNEL);
	field_attrs = kcalloc(n, sizeof(*field_attrs), GFP_KERNEL);
	group_attrs = kcalloc(n + 2, sizeof(*group_attrs), GFP_KERNEL);
	if (!box || !field_attrs || !group_attrs)
		goto fail;

	box->p = xlate_cpuinfo_default_profile;
	RCU_INIT_POINTER(cur_profile, box);
	box = NULL;

	for (i = 0; i < n; i++) {
		struct kobj_attribute *a = &field_attrs[i];

		sysfs_attr_init(&a->attr);
		a->attr.name = xlate_profile_fields[i];
		a->attr.mode = 0644;
		a->show = field_show;
		a->store = field_store;
		group_attrs[i] = &a->attr;
	}
	group_attrs[n] = &reset_attr.attr;
	cpuinfo_group.attrs = group_attrs;

	cpuinfo_kobj = kobject_create_and_add("cpuinfo", xlate_kobj);
	if (!cpuinfo_kobj)
		goto fail;
	err = sysfs_create_group(cpuinfo_kobj, &cpuinfo_group);
	if (err)
		goto fail;
	return 0;

fail:
	kobject_put(cpuinfo_kobj);
	cpuinfo_kobj = NULL;
	kfree(box);
	box = rcu_dereference_protected(cur_profile, true);
	RCU_INIT_POINTER(cur_profile, NULL);
	kfree(box);
	kfree(group_attrs);
	group_attrs = NULL;
	kfree(field_attrs);
	field_attrs = NULL;
	return err;
}

/**
 * xlate_cpuinfo_exit() - remove the sysfs files and free the profile
 *
 * The /proc hook must be gone before this is called; a reader still
 * inside xlate_cpuinfo_show() is waited for.
 */
void xlate_cpuinfo_exit(void)
{
	struct profile_box *box;

	if (cpuinfo_kobj)
		sysfs_remove_group(cpuinfo_kobj, &cpuinfo_group);
	kobject_put(cpuinfo_kobj);
	cpuinfo_kobj = NULL;

	mutex_lock(&profile_lock);
	box = rcu_dereference_protected(cur_profile,
					lockdep_is_held(&profile_lock));
	RCU_INIT_POINTER(cur_profile, NULL);
	mutex_unlock(&profile_lock);
	synchronize_rcu();
	kfree(box);

	kfree(group_attrs);
	group_attrs = NULL;
	kfree(field_attrs);
	field_attrs = NULL;
}
