// SPDX-License-Identifier: GPL-2.0
/*
 * xlate's module parameters: runtime and runtime32, the mode switches
 * of each ABI, and cmdline and exe.
 *
 * Values given before init (modprobe, the kernel command line, or a
 * write to the parameter files, which exist from before init) are only
 * recorded here: built in, the setters run from start_kernel() before
 * the slab allocator exists, and a module's setters run before its init
 * (a failed load never calls module_exit), so they allocate nothing and
 * hold nothing.  xlate_params_init() applies them, under the parameter
 * lock that serialises the setters.  From then on a write needs
 * CAP_SYS_ADMIN and publishes a new configuration at once (config.c).
 */
#include "xlate.h"

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "lib/param_parse.h"

/* Set by xlate_params_init(): parameter writes take effect from then. */
static bool xlate_loaded;

/* One ABI's values given before init. */
struct xlate_staged {
	bool runtime_given;		/* false: look for one */
	char runtime[XLATE_RUNTIME_PATH_MAX];	/* "": none, or invalid */
	struct xlate_switches sw;
	struct xlate_switches given;	/* the switches given */
};

static struct xlate_staged xlate_staged[XLATE_NR_ABIS] = {
	[XLATE_ABI_X86_64].sw.enabled = true,
	[XLATE_ABI_I386].sw.enabled = true,
};

/* The cmdline and exe switches (XLATE_CMDLINE_*), for both ABIs, as given. */
static int xlate_cmdline_staged = XLATE_CMDLINE_AUTO;
static int xlate_exe_staged = XLATE_CMDLINE_AUTO;

static enum xlate_abi staged_abi(const struct xlate_staged *st)
{
	return st - xlate_staged;
}

static int runtime_set(const char *val, const struct kernel_param *kp)
{
	struct xlate_staged *st = kp->arg;
	enum xlate_abi abi = staged_abi(st);
	const char *param = xlate_abi_param(abi);
	struct file *file = NULL;
	const char *why;
	char *path;
	int ret;

	if (!READ_ONCE(xlate_loaded)) {
		ret = xlate_parse_runtime_path(val, st->runtime,
					       sizeof(st->runtime));
		if (ret) {
			pr_warn("%s \"%*pE\" rejected: %s (%d)\n", param,
				(int)min_t(size_t, strlen(val), 256), val,
				xlate_runtime_errmsg(ret), ret);
			st->runtime[0] = '\0';
		}
		st->runtime_given = true;
		return 0;
	}
	ret = xlate_config_may_write();
	if (ret)
		return ret;
	path = kmalloc(XLATE_RUNTIME_PATH_MAX, GFP_KERNEL);
	if (!path)
		return -ENOMEM;
	ret = xlate_parse_runtime_path(val, path, XLATE_RUNTIME_PATH_MAX);
	if (ret) {
		pr_warn_ratelimited("%s \"%*pE\" rejected: %s (%d)\n", param,
				    (int)min_t(size_t, strlen(val), 256), val,
				    xlate_runtime_errmsg(ret), ret);
		goto out;
	}
	if (*path) {
		file = xlate_runtime_open(path, &why);
		if (IS_ERR(file)) {
			ret = PTR_ERR(file);
			pr_warn_ratelimited("%s %s rejected: %s (%d)\n",
					    param, path, why, ret);
			goto out;
		}
	}
	ret = xlate_runtime_set(abi, path, file, NULL, NULL, 0, "parameters");
	if (!ret)
		pr_info_ratelimited("%s set to \"%s\"\n", param, path);
out:
	kfree(path);
	return ret;
}

static int runtime_get(char *buf, const struct kernel_param *kp)
{
	struct xlate_config *cfg = xlate_config_get_abi(staged_abi(kp->arg));
	int len = scnprintf(buf, PAGE_SIZE, "%s\n", cfg ? cfg->path : "");

	xlate_config_put(cfg);
	return len;
}

static const struct kernel_param_ops runtime_ops = {
	.set = runtime_set,
	.get = runtime_get,
};

module_param_cb(runtime, &runtime_ops, &xlate_staged[XLATE_ABI_X86_64], 0644);
MODULE_PARM_DESC(runtime,
		 "Absolute path of the x86-64 translator (empty: none; unset at load: look for one)");
module_param_cb(runtime32, &runtime_ops, &xlate_staged[XLATE_ABI_I386], 0644);
MODULE_PARM_DESC(runtime32,
		 "Absolute path of the i386 translator (empty: none; unset at load: look for one)");

/* A switch parameter: which ABI, and the offset of its bool. */
struct switch_param {
	enum xlate_abi abi;
	size_t off;
};

static bool *sw_field(struct xlate_switches *sw, const struct kernel_param *kp)
{
	const struct switch_param *sp = kp->arg;

	return (bool *)((char *)sw + sp->off);
}

static int switch_set(const char *val, const struct kernel_param *kp)
{
	const struct switch_param *sp = kp->arg;
	struct xlate_staged *st = &xlate_staged[sp->abi];
	struct xlate_config *cur, *cfg;
	bool on;
	int ret;

	if (READ_ONCE(xlate_loaded)) {
		ret = xlate_config_may_write();
		if (ret)
			return ret;
	}
	if (xlate_parse_bool(val, &on)) {
		pr_warn_ratelimited("%s: \"%*pE\" is not a boolean (use 1/0, y/n, on/off)\n",
				    kp->name, (int)min_t(size_t, strlen(val), 64),
				    val);
		return -EINVAL;
	}
	if (!READ_ONCE(xlate_loaded)) {
		*sw_field(&st->sw, kp) = on;
		*sw_field(&st->given, kp) = true;
		return 0;
	}
	ret = -ENODEV;
	xlate_config_lock();
	cur = xlate_config_current(sp->abi);
	if (cur) {
		cfg = xlate_config_dup(cur);
		ret = cfg ? 0 : -ENOMEM;
		if (cfg) {
			*sw_field(&cfg->sw, kp) = on;
			*sw_field(&cfg->given, kp) = true;
			/*
			 * P, O and C are the line's flags: the line written
			 * no longer says what is in force.  enabled is not
			 * in a line (binfmt_misc's entry file sets it).
			 */
			if (sp->off != offsetof(struct xlate_switches,
						enabled)) {
				cfg->line = NULL;
				cfg->line_len = 0;
				strscpy(cfg->source, "parameters",
					sizeof(cfg->source));
			}
			xlate_config_publish(sp->abi, cfg);
		}
	}
	xlate_config_unlock();
	return ret;
}

static int switch_get(char *buf, const struct kernel_param *kp)
{
	const struct switch_param *sp = kp->arg;
	struct xlate_config *cfg = xlate_config_get_abi(sp->abi);
	bool on = *sw_field(cfg ? &cfg->sw : &xlate_staged[sp->abi].sw, kp);

	xlate_config_put(cfg);
	return sysfs_emit(buf, "%c\n", on ? 'Y' : 'N');
}

static const struct kernel_param_ops switch_ops = {
	.set = switch_set,
	.get = switch_get,
};

#define SW(_abi, _field) \
	{ _abi, offsetof(struct xlate_switches, _field) }

/* The switches of each ABI, in the order of the parameters below. */
static const struct switch_param switch_params[] = {
	SW(XLATE_ABI_X86_64, enabled),
	SW(XLATE_ABI_X86_64, preserve_argv0),
	SW(XLATE_ABI_X86_64, open_binary),
	SW(XLATE_ABI_X86_64, credentials),
	SW(XLATE_ABI_I386, enabled),
	SW(XLATE_ABI_I386, preserve_argv0),
	SW(XLATE_ABI_I386, open_binary),
	SW(XLATE_ABI_I386, credentials),
};

#undef SW

module_param_cb(enabled, &switch_ops, (void *)&switch_params[0], 0644);
MODULE_PARM_DESC(enabled, "Translate x86-64 executables (default: 1)");
module_param_cb(preserve_argv0, &switch_ops, (void *)&switch_params[1], 0644);
MODULE_PARM_DESC(preserve_argv0,
		 "Pass the original argv[0] and AT_FLAGS_PRESERVE_ARGV0, like binfmt_misc's P flag (default: 0)");
module_param_cb(open_binary, &switch_ops, (void *)&switch_params[2], 0644);
MODULE_PARM_DESC(open_binary,
		 "Pass the binary to the runtime as AT_EXECFD, like binfmt_misc's O flag (default: 0)");
module_param_cb(credentials, &switch_ops, (void *)&switch_params[3], 0644);
MODULE_PARM_DESC(credentials,
		 "Take credentials from the binary, like binfmt_misc's C flag; implies open_binary (default: 0)");
module_param_cb(enabled32, &switch_ops, (void *)&switch_params[4], 0644);
MODULE_PARM_DESC(enabled32, "Translate i386 executables (default: 1)");
module_param_cb(preserve_argv0_32, &switch_ops, (void *)&switch_params[5],
		0644);
MODULE_PARM_DESC(preserve_argv0_32, "preserve_argv0 for runtime32 (default: 0)");
module_param_cb(open_binary32, &switch_ops, (void *)&switch_params[6], 0644);
MODULE_PARM_DESC(open_binary32, "open_binary for runtime32 (default: 0)");
module_param_cb(credentials32, &switch_ops, (void *)&switch_params[7], 0644);
MODULE_PARM_DESC(credentials32, "credentials for runtime32 (default: 0)");

/*
 * cmdline and exe: auto (the known-runtime table decides), or on/off for
 * every runtime.  Staged before init like the switches.  The parameter's
 * arg says which: &ident_exe or &ident_cmdline.
 */
static const bool ident_cmdline, ident_exe = true;

static int *ident_mode(struct xlate_config *cfg, bool exe)
{
	return exe ? &cfg->exe_mode : &cfg->cmdline_mode;
}

static int ident_set(const char *val, const struct kernel_param *kp)
{
	struct xlate_config *cur, *cfg[XLATE_NR_ABIS] = {};
	bool exe = *(const bool *)kp->arg;
	int i, mode, ret;
	bool on;

	if (READ_ONCE(xlate_loaded)) {
		ret = xlate_config_may_write();
		if (ret)
			return ret;
	}
	if (sysfs_streq(val, "auto")) {
		mode = XLATE_CMDLINE_AUTO;
	} else if (!xlate_parse_bool(val, &on)) {
		mode = on ? XLATE_CMDLINE_ON : XLATE_CMDLINE_OFF;
	} else {
		pr_warn_ratelimited("%s: \"%*pE\" is not auto or a boolean (1/0, y/n, on/off)\n",
				    kp->name, (int)min_t(size_t, strlen(val), 64),
				    val);
		return -EINVAL;
	}
	if (!READ_ONCE(xlate_loaded)) {
		*(exe ? &xlate_exe_staged : &xlate_cmdline_staged) = mode;
		return 0;
	}
	xlate_config_lock();
	/* Both ABIs or neither: build both copies before publishing. */
	for (i = 0; i < XLATE_NR_ABIS; i++) {
		cur = xlate_config_current(i);
		ret = cur ? -ENOMEM : -ENODEV;
		cfg[i] = cur ? xlate_config_dup(cur) : NULL;
		if (!cfg[i])
			goto unlock;
	}
	ret = 0;
	/* Not in the line: the line and its source stay. */
	for (i = 0; i < XLATE_NR_ABIS; i++) {
		*ident_mode(cfg[i], exe) = mode;
		xlate_config_publish(i, cfg[i]);
		cfg[i] = NULL;
	}
unlock:
	xlate_config_unlock();
	for (i = 0; i < XLATE_NR_ABIS; i++)
		xlate_config_put(cfg[i]);
	return ret;
}

static int ident_get(char *buf, const struct kernel_param *kp)
{
	struct xlate_config *cfg = xlate_config_get_abi(XLATE_ABI_X86_64);
	bool exe = *(const bool *)kp->arg;
	int mode = exe ? xlate_exe_staged : xlate_cmdline_staged;
	bool on = false;

	if (cfg) {
		mode = *ident_mode(cfg, exe);
		on = exe ? cfg->exe : cfg->cmdline;
	}
	xlate_config_put(cfg);
	if (mode == XLATE_CMDLINE_AUTO)
		return sysfs_emit(buf, "auto (%s)\n", on ? "on" : "off");
	return sysfs_emit(buf, "%c\n", mode == XLATE_CMDLINE_ON ? 'Y' : 'N');
}

static const struct kernel_param_ops ident_ops = {
	.set = ident_set,
	.get = ident_get,
};

module_param_cb(cmdline, &ident_ops, (void *)&ident_cmdline, 0644);
MODULE_PARM_DESC(cmdline,
		 "/proc/PID/cmdline of a translated program shows its own argv, not the runtime's: auto (per known runtime), 1 or 0 (default: auto)");
module_param_cb(exe, &ident_ops, (void *)&ident_exe, 0644);
MODULE_PARM_DESC(exe,
		 "/proc/PID/exe of a translated program is its own file, also for the runtime itself: auto (off for every known runtime), 1 or 0 (default: auto)");

/**
 * xlate_params_init() - apply the values given before init
 *
 * Publishes each ABI's load-time configuration (its switches, no
 * runtime yet) and tells the runtime search what to look for: the
 * runtime given, or a known one.  Parameter writes wait meanwhile and
 * take effect at once from then on.  Opens and holds nothing.
 *
 * Return: 0, -ENOMEM, or -EINVAL for a built-in line that does not
 * parse.
 */
int xlate_params_init(void)
{
	struct xlate_config *cfg[XLATE_NR_ABIS] = {};
	struct xlate_staged *st;
	int i, ret = 0;

	kernel_param_lock(THIS_MODULE);
	for (i = 0; i < XLATE_NR_ABIS; i++) {
		st = &xlate_staged[i];
		cfg[i] = xlate_config_new(NULL, "", NULL, NULL, 0);
		ret = -ENOMEM;
		if (!cfg[i])
			goto unlock;
		/* no runtime yet: its line is that of an unknown runtime */
		ret = xlate_runtime_default_line(cfg[i], i);
		if (ret)
			goto unlock;
		cfg[i]->sw = st->sw;
		cfg[i]->given = st->given;
		cfg[i]->cmdline_mode = xlate_cmdline_staged;
		cfg[i]->exe_mode = xlate_exe_staged;
	}
	ret = 0;
	xlate_config_lock();
	for (i = 0; i < XLATE_NR_ABIS; i++) {
		st = &xlate_staged[i];
		xlate_config_publish(i, cfg[i]);
		cfg[i] = NULL;
		/* runtime= with an empty or invalid path: run without one. */
		xlate_runtime_search_prepare(i, st->runtime_given ?
					     st->runtime : NULL);
	}
	WRITE_ONCE(xlate_loaded, true);
	xlate_config_unlock();
unlock:
	kernel_param_unlock(THIS_MODULE);
	for (i = 0; i < XLATE_NR_ABIS; i++)
		xlate_config_put(cfg[i]);
	return ret;
}
