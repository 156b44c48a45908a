// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/xlate/config and config32: the runtime and the hand-off
 * modes in one binfmt_misc registration line, set in one write
 * (binfmt_misc sets an interpreter and its flags together too) and read
 * back the same way.  A line whose magic selects i386 sets runtime32
 * instead; config32 shows runtime32's line (with qemu-user's i386
 * magic), so each file reads back one line.  Both files take either
 * line.
 */
#include "xlate.h"

#include <linux/slab.h>
#include <linux/sysfs.h>

#include "lib/binfmt_line.h"
#include "lib/param_parse.h"

static ssize_t abi_config_show(enum xlate_abi abi, char *buf)
{
	struct xlate_config *cfg = xlate_config_get_abi(abi);
	int len = 0;

	if (cfg && cfg->runtime)
		len = (abi == XLATE_ABI_I386 ? xlate_binfmt_line_format_i386 :
		       xlate_binfmt_line_format)(buf, PAGE_SIZE, cfg->source,
						 cfg->path,
						 cfg->sw.preserve_argv0,
						 cfg->sw.open_binary,
						 cfg->sw.credentials);
	xlate_config_put(cfg);
	return min_t(int, len, PAGE_SIZE - 1);
}

static ssize_t config_show(struct kobject *kobj, struct kobj_attribute *attr,
			   char *buf)
{
	return abi_config_show(XLATE_ABI_X86_64, buf);
}

static ssize_t config32_show(struct kobject *kobj,
			     struct kobj_attribute *attr, char *buf)
{
	return abi_config_show(XLATE_ABI_I386, buf);
}

static ssize_t config_store(struct kobject *kobj, struct kobj_attribute *attr,
			    const char *buf, size_t count)
{
	struct xlate_switches modes = {};
	struct xlate_binfmt_line *line;
	struct file *file;
	const char *why;
	char *text, *path = NULL;
	int ret;

	ret = xlate_config_may_write();
	if (ret)
		return ret;
	text = kmemdup_nul(buf, count, GFP_KERNEL);
	line = kmalloc(sizeof(*line), GFP_KERNEL);
	path = kmalloc(XLATE_RUNTIME_PATH_MAX, GFP_KERNEL);
	ret = -ENOMEM;
	if (!text || !line || !path)
		goto out;
	ret = xlate_binfmt_line_parse_x86(text, line, &why);
	if (ret) {
		pr_warn_ratelimited("config line rejected: %s\n", why);
		goto out;
	}
	ret = xlate_parse_runtime_path(line->interpreter, path,
				       XLATE_RUNTIME_PATH_MAX);
	if (ret) {
		pr_warn_ratelimited("config line rejected: interpreter \"%*pE\": %s (%d)\n",
				    (int)min_t(size_t, line->interpreter_len, 256),
				    line->interpreter, xlate_runtime_errmsg(ret),
				    ret);
		goto out;
	}
	file = xlate_runtime_open(path, &why);
	if (IS_ERR(file)) {
		ret = PTR_ERR(file);
		pr_warn_ratelimited("config line rejected: runtime %s: %s (%d)\n",
				    path, why, ret);
		goto out;
	}
	modes.preserve_argv0 = line->preserve_argv0;
	modes.open_binary = line->open_binary;
	modes.credentials = line->credentials;
	ret = xlate_runtime_set(line->i386 ? XLATE_ABI_I386 : XLATE_ABI_X86_64,
				path, file, &modes, line->name);
	if (!ret)
		pr_info_ratelimited("configured from \"%s\": %s \"%s\" preserve_argv0=%d open_binary=%d credentials=%d\n",
				    line->name,
				    line->i386 ? "runtime32" : "runtime",
				    path, modes.preserve_argv0,
				    modes.open_binary, modes.credentials);
out:
	kfree(path);
	kfree(line);
	kfree(text);
	return ret ? ret : count;
}

static struct kobj_attribute config_attr = __ATTR_RW(config);
static struct kobj_attribute config32_attr =
	__ATTR(config32, 0644, config32_show, config_store);
static struct attribute *config_attrs[] = {
	&config_attr.attr,
	&config32_attr.attr,
	NULL,
};

static const struct attribute_group config_group = {
	.attrs = config_attrs,
};

static struct kobject *config_kobj;

/**
 * xlate_config_line_init() - create the config and config32 files
 * @kobj: /sys/kernel/xlate
 *
 * Return: 0 or a negative errno.
 */
int xlate_config_line_init(struct kobject *kobj)
{
	int ret = sysfs_create_group(kobj, &config_group);

	if (!ret)
		config_kobj = kobj;
	return ret;
}

/**
 * xlate_config_line_exit() - remove them; waits for writes in progress
 */
void xlate_config_line_exit(void)
{
	if (config_kobj)
		sysfs_remove_group(config_kobj, &config_group);
	config_kobj = NULL;
}
