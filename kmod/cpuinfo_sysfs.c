// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/xlate/cpuinfo/: the profile the x86 view of /proc/cpuinfo
 * shows, one 0644 file per field, a write-only "profile" that takes
 * several fields in one write, a write-only "reset" and a read-only
 * "source".
 *
 * The profile is one immutable object published with RCU.  A write
 * copies the profile in effect, changes the copy (validated completely
 * or not at all) and publishes it under profile_lock; readers (sysfs
 * show, the /proc hook) take rcu_read_lock() and never block a writer.
 *
 * A written profile belongs to the x86-64 runtime configured when it
 * was written: it is in effect only while that same runtime (the file
 * opened then, at the same path) is configured.  Under any other one,
 * and after a reset, the fallback is: Rosetta's template when the
 * runtime is Rosetta, else the conservative default.  So a change of
 * the runtime never leaves the profile of the one before, whoever
 * changes it and however.  The runtime is only compared, never
 * dereferenced or held: the configuration owns it.
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
 * @written: false for the default after load or reset: the fallback is
 *	     in effect
 * @file: the x86-64 runtime's file when it was written (NULL: none)
 * @inode: its inode
 * @p: the profile, never changed once published
 * @runtime: the runtime's path when it was written ("" for none)
 *
 * @file and @inode are only compared with the configuration's, never
 * dereferenced, and hold nothing (an unmount of the runtime's file
 * system must not fail because of a stale profile).  For a freed file
 * to be mistaken for a later runtime, the later one would need the same
 * path, its file the same address and its inode the same address too.
 */
struct profile_box {
	struct rcu_head rcu;
	bool written;
	const struct file *file;
	const struct inode *inode;
	struct xlate_cpuinfo_profile p;
	char runtime[];
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

/*
 * A box for a profile written now, under the x86-64 runtime of @cfg (may
 * be NULL), or for the default (@cfg NULL, @written false).
 */
static struct profile_box *box_new(const struct xlate_config *cfg,
				   bool written)
{
	const char *path = cfg && cfg->runtime ? cfg->path : "";
	size_t len = strlen(path) + 1;
	struct profile_box *box;

	box = kmalloc(struct_size(box, runtime, len), GFP_KERNEL);
	if (!box)
		return NULL;
	box->written = written;
	box->file = cfg ? cfg->runtime : NULL;
	box->inode = cfg ? cfg->runtime_inode : NULL;
	memcpy(box->runtime, path, len);
	return box;
}

/* Is @cfg's runtime the one @box was written under? */
static bool box_current(const struct profile_box *box,
			const struct xlate_config *cfg)
{
	const struct file *file = cfg ? cfg->runtime : NULL;

	return box->written && box->file == file &&
	       box->inode == (cfg ? cfg->runtime_inode : NULL) &&
	       !strcmp(box->runtime, file ? cfg->path : "");
}

/* The fallback under @cfg: Rosetta's template or the default. */
static const struct xlate_cpuinfo_profile *
fallback(const struct xlate_config *cfg)
{
	if (cfg && cfg->runtime && xlate_runtime_is_rosetta(cfg->path))
		return &xlate_cpuinfo_rosetta_profile;
	return &xlate_cpuinfo_default_profile;
}

/* The profile in effect: @box's while its runtime is configured. */
static const struct xlate_cpuinfo_profile *
in_effect(const struct profile_box *box, const struct xlate_config *cfg)
{
	return box_current(box, cfg) ? &box->p : fallback(cfg);
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
	const struct xlate_config *cfg;
	struct profile_box *box;
	int n = -ENODEV;

	rcu_read_lock();
	box = rcu_dereference(cur_profile);
	cfg = xlate_config_rcu_abi(XLATE_ABI_X86_64);
	if (box)
		n = xlate_profile_show(in_effect(box, cfg), attr->attr.name,
				       buf, PAGE_SIZE);
	rcu_read_unlock();
	return n;
}

static ssize_t field_store(struct kobject *kobj, struct kobj_attribute *attr,
			   const char *buf, size_t count)
{
	const char *field = attr->attr.name;
	struct profile_box *new, *old;
	struct xlate_config *cfg;
	int err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	cfg = xlate_config_get_abi(XLATE_ABI_X86_64);
	new = box_new(cfg, true);
	if (!new) {
		xlate_config_put(cfg);
		return -ENOMEM;
	}

	mutex_lock(&profile_lock);
	old = rcu_dereference_protected(cur_profile,
					lockdep_is_held(&profile_lock));
	new->p = *in_effect(old, cfg);
	/* sysfs NUL-terminates @buf; a NUL inside it is a bad value */
	err = strnlen(buf, count) != count ? -EINVAL :
	      xlate_profile_set(&new->p, field, buf);
	if (!err)
		publish(new);
	mutex_unlock(&profile_lock);
	xlate_config_put(cfg);

	if (err) {
		kfree(new);
		pr_warn_ratelimited("cpuinfo: %s not changed: %s\n", field,
				    set_error(err));
		return err;
	}
	return count;
}

/*
 * "profile": lines NAME=VALUE set those fields of the fallback for the
 * configured runtime, all or none.  A line runtime=PATH makes the write
 * fail with ESTALE unless PATH is the configured x86-64 runtime, so a
 * profile measured under one runtime never lands under the next.
 */
static ssize_t profile_store(struct kobject *kobj,
			     struct kobj_attribute *attr, const char *buf,
			     size_t count)
{
	struct xlate_config *cfg;
	struct profile_box *new;
	const char *rt;
	size_t rt_len;
	unsigned int line;
	int err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	cfg = xlate_config_get_abi(XLATE_ABI_X86_64);
	new = box_new(cfg, true);
	if (!new) {
		xlate_config_put(cfg);
		return -ENOMEM;
	}
	new->p = *fallback(cfg);
	err = xlate_profile_load(&new->p, buf, count, &rt, &rt_len, &line);
	if (!err && rt && (rt_len != strlen(new->runtime) ||
			   memcmp(rt, new->runtime, rt_len)))
		err = -ESTALE;
	xlate_config_put(cfg);
	if (err) {
		if (err == -ESTALE)
			pr_warn_ratelimited("cpuinfo: profile not changed: written for runtime \"%.*s\", but the x86-64 runtime is \"%.256s\"\n",
					    (int)min_t(size_t, rt_len, 256), rt,
					    new->runtime);
		else
			pr_warn_ratelimited("cpuinfo: profile not changed: line %u: %s\n",
					    line, set_error(err));
		kfree(new);
		return err;
	}
	mutex_lock(&profile_lock);
	publish(new);
	mutex_unlock(&profile_lock);
	return count;
}

/*
 * "source": which profile /proc/cpuinfo shows: "runtime PATH" (one
 * written under PATH, or "runtime" alone when written with no runtime
 * configured), "rosetta" or "default".
 */
static ssize_t source_show(struct kobject *kobj, struct kobj_attribute *attr,
			   char *buf)
{
	const struct xlate_config *cfg;
	struct profile_box *box;
	int n = -ENODEV;

	rcu_read_lock();
	box = rcu_dereference(cur_profile);
	cfg = xlate_config_rcu_abi(XLATE_ABI_X86_64);
	if (box && box_current(box, cfg))
		n = sysfs_emit(buf, "runtime%s%s\n", *box->runtime ? " " : "",
			       box->runtime);
	else if (box)
		n = sysfs_emit(buf, "%s\n", fallback(cfg) ==
			       &xlate_cpuinfo_rosetta_profile ? "rosetta" :
			       "default");
	rcu_read_unlock();
	return n;
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
	new = box_new(NULL, false);
	if (!new)
		return -ENOMEM;
	new->p = xlate_cpuinfo_default_profile;
	mutex_lock(&profile_lock);
	publish(new);
	mutex_unlock(&profile_lock);
	return count;
}

static struct kobj_attribute reset_attr = __ATTR_WO(reset);
static struct kobj_attribute profile_attr = __ATTR_WO(profile);
static struct kobj_attribute source_attr = __ATTR_RO(source);

/**
 * xlate_cpuinfo_show() - print one CPU's block of the x86 /proc/cpuinfo
 * @m: the /proc/cpuinfo seq_file
 * @cpu: an online CPU
 *
 * Renders the profile in effect for the configured x86-64 runtime
 * straight into the free space of @m's buffer under rcu_read_lock(),
 * without sleeping.  When the block does not fit, @m is
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
	const struct xlate_config *cfg;
	struct profile_box *box;
	char *buf;
	size_t room = seq_get_buf(m, &buf);
	size_t len = 0;

	rcu_read_lock();
	box = rcu_dereference(cur_profile);
	cfg = xlate_config_rcu_abi(XLATE_ABI_X86_64);
	if (box)
		len = xlate_cpuinfo_render(buf, room, in_effect(box, cfg), &t);
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

	box = box_new(NULL, false);
	field_attrs = kcalloc(n, sizeof(*field_attrs), GFP_KERNEL);
	group_attrs = kcalloc(n + 4, sizeof(*group_attrs), GFP_KERNEL);
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
	group_attrs[n + 1] = &profile_attr.attr;
	group_attrs[n + 2] = &source_attr.attr;
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
