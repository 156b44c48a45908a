// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/xlate/config and config32: the runtime and the hand-off
 * modes in one binfmt_misc registration line, set in one write
 * (binfmt_misc sets an interpreter and its flags together too).  The
 * line's offset, magic and mask then decide which files the runtime is
 * given, as binfmt_misc's check_file() (binfmt_x86.c).  A line whose
 * magic selects i386 sets runtime32 instead; both files take either
 * line.
 *
 * Reading config (config32) gives back the x86-64 (i386) line in force:
 * the line written, byte for byte, without the newline binfmt_misc
 * strips; or, when the configuration came from elsewhere, a line made
 * from the runtime's own package's line (its name, magic and mask), the
 * runtime's path and the modes in force.  config_source
 * (config32_source) says where it came from: "config" (a line written
 * here), "parameters", "load" (runtime= at load), "autodetect" (found
 * at load) or "default" (nothing set).
 */
#include "xlate.h"

#include <linux/slab.h>
#include <linux/sysfs.h>

#include "lib/binfmt_line.h"
#include "lib/param_parse.h"

static ssize_t abi_config_show(enum xlate_abi abi, char *buf)
{
	struct xlate_config *cfg = xlate_config_get_abi(abi);
	size_t len = 0;

	if (cfg && cfg->runtime && cfg->line) {
		/* at most XLATE_BINFMT_REGISTER_MAX bytes: it fits */
		len = min_t(size_t, cfg->line_len, PAGE_SIZE - 1);
		memcpy(buf, cfg->line, len);
		buf[len++] = '\n';
	} else if (cfg && cfg->runtime) {
		len = xlate_binfmt_format(buf, PAGE_SIZE, cfg->name, &cfg->m,
					  cfg->path, cfg->sw.preserve_argv0,
					  cfg->sw.open_binary,
					  cfg->sw.credentials);
		len = min_t(size_t, len, PAGE_SIZE - 1);
	}
	xlate_config_put(cfg);
	return len;
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

static ssize_t abi_source_show(enum xlate_abi abi, char *buf)
{
	struct xlate_config *cfg = xlate_config_get_abi(abi);
	ssize_t len = cfg ? sysfs_emit(buf, "%s\n", cfg->source) : 0;

	xlate_config_put(cfg);
	return len;
}

static ssize_t config_source_show(struct kobject *kobj,
				  struct kobj_attribute *attr, char *buf)
{
	return abi_source_show(XLATE_ABI_X86_64, buf);
}

static ssize_t config32_source_show(struct kobject *kobj,
				    struct kobj_attribute *attr, char *buf)
{
	return abi_source_show(XLATE_ABI_I386, buf);
}

static ssize_t config_store(struct kobject *kobj, struct kobj_attribute *attr,
			    const char *buf, size_t count)
{
	struct xlate_binfmt_line *line;
	struct file *file;
	const char *why;
	size_t len;
	char *path;
	int ret;

	ret = xlate_config_may_write();
	if (ret)
		return ret;
	line = kmalloc(sizeof(*line), GFP_KERNEL);
	path = kmalloc(XLATE_RUNTIME_PATH_MAX, GFP_KERNEL);
	ret = -ENOMEM;
	if (!line || !path)
		goto out;
	/* the bytes written, NUL bytes included, as binfmt_misc reads them */
	ret = xlate_binfmt_parse_x86(line, buf, count, &why);
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
	/* xlate_binfmt_parse() took one newline only after the flags */
	len = count;
	if (buf[len - 1] == '\n')
		len--;
	ret = xlate_runtime_set(line->i386 ? XLATE_ABI_I386 : XLATE_ABI_X86_64,
				path, file, line, buf, len, "config");
	if (!ret)
		pr_info_ratelimited("configured from \"%s\": %s \"%s\" preserve_argv0=%d open_binary=%d credentials=%d\n",
				    line->name,
				    line->i386 ? "runtime32" : "runtime",
				    path, line->preserve_argv0,
				    line->open_binary, line->credentials);
out:
	kfree(path);
	kfree(line);
	return ret ? ret : count;
}

static struct kobj_attribute config_attr = __ATTR_RW(config);
static struct kobj_attribute config32_attr =
	__ATTR(config32, 0644, config32_show, config_store);
static struct kobj_attribute config_source_attr = __ATTR_RO(config_source);
static struct kobj_attribute config32_source_attr =
	__ATTR_RO(config32_source);
static struct attribute *config_attrs[] = {
	&config_attr.attr,
	&config32_attr.attr,
	&config_source_attr.attr,
	&config32_source_attr.attr,
	NULL,
};

static const struct attribute_group config_group = {
	.attrs = config_attrs,
};

static struct kobject *config_kobj;

/**
 * xlate_config_line_init() - create config, config32 and their _source
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
