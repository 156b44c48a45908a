// SPDX-License-Identifier: GPL-2.0
/*
 * xlate's configuration: the translator runtime and the hand-off mode
 * switches, set through module parameters.
 *
 * The configuration is one immutable, reference-counted object
 * published with RCU.  A writer builds a complete new object under
 * xlate_cfg_lock, validates everything first, and swaps the pointer; a
 * failed write changes nothing.  An exec takes a reference once and
 * uses that snapshot throughout, so changes never reach an exec in
 * flight.  Each object owns one reference to the runtime file and one
 * write denial on it (taken by open_exec() or exe_file_deny_write_access()),
 * released when the last user puts it.
 */
#include "xlate.h"

#include <linux/binfmts.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/file.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uidgid.h>
#include <linux/xattr.h>

#include "compat.h"
#include "lib/elf_x86.h"
#include "lib/param_parse.h"

static struct xlate_config __rcu *xlate_cfg;
static DEFINE_MUTEX(xlate_cfg_lock);
/* Set once init is done: from then on writes need CAP_SYS_ADMIN. */
static bool xlate_loaded;
/* runtime= was given, even empty: do not look for a runtime. */
static bool xlate_runtime_given;
/*
 * Set by xlate_config_exit(), under xlate_cfg_lock.  The parameter files
 * outlive module_exit (the module core removes them only when it frees
 * the module), so a write that comes later must not publish a
 * configuration, and its runtime file, that nobody would release.
 */
static bool xlate_cfg_gone;

static const char * const xlate_known_runtimes[] = {
	"/media/rosetta/rosetta",
	"/mnt/rosetta/rosetta",
	"/usr/bin/FEX",			/* FEXInterpreter's newer name */
	"/usr/local/bin/FEX",
	"/usr/bin/FEXInterpreter",
	"/usr/local/bin/FEXInterpreter",
	"/usr/bin/box64",
	"/usr/local/bin/box64",
	"/usr/bin/qemu-x86_64-static",
	"/usr/libexec/qemu-binfmt/x86_64-binfmt-P",
	"/usr/bin/qemu-x86_64",
};

/**
 * xlate_config_get() - take a reference to the current configuration
 *
 * Return: the configuration, or NULL before the module set one up.
 */
struct xlate_config *xlate_config_get(void)
{
	struct xlate_config *cfg;

	rcu_read_lock();
	do {
		cfg = rcu_dereference(xlate_cfg);
	} while (cfg && !refcount_inc_not_zero(&cfg->ref));
	rcu_read_unlock();
	return cfg;
}

/**
 * xlate_config_put() - drop a reference taken by xlate_config_get()
 * @cfg: the configuration, or NULL
 *
 * Must be called in process context: the last put releases the runtime
 * file.
 */
void xlate_config_put(struct xlate_config *cfg)
{
	if (!cfg || !refcount_dec_and_test(&cfg->ref))
		return;
	if (cfg->runtime) {
		exe_file_allow_write_access(cfg->runtime);
		fput(cfg->runtime);
	}
	kfree_rcu(cfg, rcu);
}

/*
 * Build a configuration with @path and @runtime (ownership of one file
 * reference and one write denial passes to it) and the switches of
 * @from, or the defaults.
 */
static struct xlate_config *cfg_new(const struct xlate_config *from,
				    const char *path, struct file *runtime)
{
	size_t len = strlen(path) + 1;
	struct xlate_config *cfg;

	cfg = kzalloc(struct_size(cfg, path, len), GFP_KERNEL);
	if (!cfg)
		return NULL;
	refcount_set(&cfg->ref, 1);
	memcpy(cfg->path, path, len);
	cfg->runtime = runtime;
	if (from) {
		cfg->enabled = from->enabled;
		cfg->preserve_argv0 = from->preserve_argv0;
		cfg->open_binary = from->open_binary;
		cfg->credentials = from->credentials;
	} else {
		cfg->enabled = true;
	}
	return cfg;
}

/* A copy of @from sharing its runtime file; NULL on failure. */
static struct xlate_config *cfg_dup(const struct xlate_config *from)
{
	struct xlate_config *cfg;

	if (!from)
		return cfg_new(NULL, "", NULL);
	if (from->runtime && exe_file_deny_write_access(from->runtime))
		return NULL;
	cfg = cfg_new(from, from->path, from->runtime);
	if (!cfg) {
		if (from->runtime)
			exe_file_allow_write_access(from->runtime);
		return NULL;
	}
	if (cfg->runtime)
		get_file(cfg->runtime);
	return cfg;
}

static struct xlate_config *cfg_current_locked(void)
{
	return rcu_dereference_protected(xlate_cfg,
					 lockdep_is_held(&xlate_cfg_lock));
}

static void cfg_publish_locked(struct xlate_config *cfg)
{
	struct xlate_config *old = cfg_current_locked();

	rcu_assign_pointer(xlate_cfg, cfg);
	xlate_config_put(old);
}

static const char *runtime_errmsg(int err)
{
	switch (err) {
	case -ENOENT:
		return "no such file";
	case -EACCES:
		return "not an executable regular file, or on a noexec mount";
	case -ETXTBSY:
		return "the file is open for writing";
	case -ENOEXEC:
		return "not an ELF executable for this machine";
	case -ENAMETOOLONG:
		return "path too long";
	case -EINVAL:
		return "not an absolute path without control characters, '.' or '..' components";
	default:
		return "cannot open it";
	}
}

/*
 * File capabilities on the runtime would be granted to every program it
 * runs while credentials=0 (the runtime's file decides then, as for
 * binfmt_misc without C): refuse them as set-id bits are refused.
 * __vfs_getxattr() skips the LSM check; a file system without xattrs
 * answers -EOPNOTSUPP, one without the attribute -ENODATA.
 */
static bool runtime_has_fcaps(struct file *file)
{
	struct dentry *dentry = file->f_path.dentry;

	return __vfs_getxattr(dentry, d_inode(dentry), XATTR_NAME_CAPS,
			      NULL, 0) > 0;
}

/*
 * Open @path as the runtime and check that it is safe to run for
 * every user: a regular executable (open_exec() checks that and denies
 * writes to it), owned by root, not writable by group or others, not
 * set-id, without file capabilities, and an ELF executable for this
 * machine.
 */
static struct file *runtime_open(const char *path, const char **why)
{
	unsigned char hdr[XLATE_ELF64_EHDR_SIZE];
	struct inode *inode;
	struct file *file;
	loff_t pos = 0;
	ssize_t n;
	int err;

	file = open_exec(path);
	if (IS_ERR(file)) {
		*why = runtime_errmsg(PTR_ERR(file));
		return file;
	}
	inode = file_inode(file);
	err = -EPERM;
	if (!uid_eq(inode->i_uid, GLOBAL_ROOT_UID)) {
		*why = "not owned by root";
		goto fail;
	}
	if (inode->i_mode & 0022) {	/* group or other write */
		*why = "writable by group or others";
		goto fail;
	}
	if (inode->i_mode & (S_ISUID | S_ISGID)) {
		*why = "set-user-ID or set-group-ID";
		goto fail;
	}
	if (runtime_has_fcaps(file)) {
		*why = "has file capabilities (security.capability)";
		goto fail;
	}
	n = kernel_read(file, hdr, sizeof(hdr), &pos);
	if (n < 0) {
		err = n;
		*why = "cannot read it";
		goto fail;
	}
	err = xlate_elf_check(hdr, n, XLATE_HOST_EM);
	if (err) {
		*why = runtime_errmsg(err);
		goto fail;
	}
	return file;
fail:
	exe_file_allow_write_access(file);
	fput(file);
	return ERR_PTR(err);
}

static int config_may_write(void)
{
	if (!xlate_loaded || capable(CAP_SYS_ADMIN))
		return 0;
	pr_warn_ratelimited("configuration change by pid %d refused: needs CAP_SYS_ADMIN\n",
			    task_pid_nr(current));
	return -EPERM;
}

/* Install @path (already validated syntax) as the runtime. */
static int runtime_install(const char *path, bool quiet)
{
	struct xlate_config *cfg;
	struct file *file = NULL;
	const char *why = NULL;
	int ret = 0;

	if (*path) {
		file = runtime_open(path, &why);
		if (IS_ERR(file)) {
			if (!quiet)
				pr_warn_ratelimited("runtime %s rejected: %s (%ld)\n",
						    path, why, PTR_ERR(file));
			return PTR_ERR(file);
		}
	}
	mutex_lock(&xlate_cfg_lock);
	if (xlate_cfg_gone) {
		ret = -ENODEV;
	} else {
		cfg = cfg_new(cfg_current_locked(), path, file);
		if (cfg)
			cfg_publish_locked(cfg);
		else
			ret = -ENOMEM;
	}
	mutex_unlock(&xlate_cfg_lock);
	if (ret && file) {
		exe_file_allow_write_access(file);
		fput(file);
	}
	return ret;
}

static int runtime_set(const char *val, const struct kernel_param *kp)
{
	char *path;
	int ret;

	ret = config_may_write();
	if (ret)
		return ret;
	path = kmalloc(XLATE_RUNTIME_PATH_MAX, GFP_KERNEL);
	if (!path)
		return -ENOMEM;
	ret = xlate_parse_runtime_path(val, path, XLATE_RUNTIME_PATH_MAX);
	if (ret) {
		pr_warn_ratelimited("runtime \"%*pE\" rejected: %s (%d)\n",
				    (int)min_t(size_t, strlen(val), 256), val,
				    runtime_errmsg(ret), ret);
		goto out;
	}
	ret = runtime_install(path, false);
	if (!ret && xlate_loaded)
		pr_info("runtime set to \"%s\"\n", path);
out:
	kfree(path);
	if (!xlate_loaded) {
		/*
		 * At load time a runtime that is not there yet (say, on a
		 * file system mounted later in boot) must not keep the
		 * module from loading: it loads without a runtime, the
		 * reason is in the log, and the runtime can be set later.
		 */
		xlate_runtime_given = true;
		return 0;
	}
	return ret;
}

static int runtime_get(char *buf, const struct kernel_param *kp)
{
	struct xlate_config *cfg = xlate_config_get();
	int len = scnprintf(buf, PAGE_SIZE, "%s\n", cfg ? cfg->path : "");

	xlate_config_put(cfg);
	return len;
}

static const struct kernel_param_ops runtime_ops = {
	.set = runtime_set,
	.get = runtime_get,
};

module_param_cb(runtime, &runtime_ops, NULL, 0644);
MODULE_PARM_DESC(runtime,
		 "Absolute path of the x86-64 translator (empty: none; unset at load: look for one)");

/* The switches: kp->arg is the offset of the bool in the config. */
static bool *cfg_switch(struct xlate_config *cfg, const struct kernel_param *kp)
{
	return (bool *)((char *)cfg + (uintptr_t)kp->arg);
}

static int switch_set(const char *val, const struct kernel_param *kp)
{
	struct xlate_config *cfg;
	bool on;
	int ret;

	ret = config_may_write();
	if (ret)
		return ret;
	if (xlate_parse_bool(val, &on)) {
		pr_warn_ratelimited("%s: \"%*pE\" is not a boolean (use 1/0, y/n, on/off)\n",
				    kp->name, (int)min_t(size_t, strlen(val), 64),
				    val);
		return -EINVAL;
	}
	ret = -ENODEV;
	mutex_lock(&xlate_cfg_lock);
	if (!xlate_cfg_gone) {
		cfg = cfg_dup(cfg_current_locked());
		ret = cfg ? 0 : -ENOMEM;
		if (cfg) {
			*cfg_switch(cfg, kp) = on;
			cfg_publish_locked(cfg);
		}
	}
	mutex_unlock(&xlate_cfg_lock);
	return ret;
}

static int switch_get(char *buf, const struct kernel_param *kp)
{
	struct xlate_config *cfg = xlate_config_get();
	bool on = cfg ? *cfg_switch(cfg, kp) :
		  kp->arg == (void *)offsetof(struct xlate_config, enabled);

	xlate_config_put(cfg);
	return sysfs_emit(buf, "%c\n", on ? 'Y' : 'N');
}

static const struct kernel_param_ops switch_ops = {
	.set = switch_set,
	.get = switch_get,
};

module_param_cb(enabled, &switch_ops,
		(void *)offsetof(struct xlate_config, enabled), 0644);
MODULE_PARM_DESC(enabled, "Translate x86-64 executables (default: 1)");
module_param_cb(preserve_argv0, &switch_ops,
		(void *)offsetof(struct xlate_config, preserve_argv0), 0644);
MODULE_PARM_DESC(preserve_argv0,
		 "Pass the original argv[0] and AT_FLAGS_PRESERVE_ARGV0, like binfmt_misc's P flag (default: 0)");
module_param_cb(open_binary, &switch_ops,
		(void *)offsetof(struct xlate_config, open_binary), 0644);
MODULE_PARM_DESC(open_binary,
		 "Pass the binary to the runtime as AT_EXECFD, like binfmt_misc's O flag (default: 0)");
module_param_cb(credentials, &switch_ops,
		(void *)offsetof(struct xlate_config, credentials), 0644);
MODULE_PARM_DESC(credentials,
		 "Take credentials from the binary, like binfmt_misc's C flag; implies open_binary (default: 0)");

/**
 * xlate_config_autodetect() - set up the configuration at module init
 *
 * Makes sure a configuration exists; unless runtime= was given, tries
 * the well-known runtime paths in order and takes the first that
 * passes validation.
 */
void xlate_config_autodetect(void)
{
	struct xlate_config *cfg = xlate_config_get();
	size_t i;

	if (!cfg) {
		runtime_install("", true);
		cfg = xlate_config_get();
	}
	if (cfg && cfg->runtime) {
		pr_info("runtime \"%s\"\n", cfg->path);
	} else if (!xlate_runtime_given) {
		for (i = 0; i < ARRAY_SIZE(xlate_known_runtimes); i++) {
			if (!runtime_install(xlate_known_runtimes[i], true)) {
				pr_info("found runtime \"%s\"\n",
					xlate_known_runtimes[i]);
				break;
			}
		}
		if (i == ARRAY_SIZE(xlate_known_runtimes))
			pr_info("no runtime found; x86-64 programs will not run until one is set in /sys/module/xlate/parameters/runtime\n");
	}
	xlate_config_put(cfg);
}

/**
 * xlate_config_mark_loaded() - from now on, writes need CAP_SYS_ADMIN
 */
void xlate_config_mark_loaded(void)
{
	WRITE_ONCE(xlate_loaded, true);
}

/**
 * xlate_config_exit() - drop the configuration at module exit
 *
 * Called after the binfmt handler is gone; releases the runtime file.
 * Parameter writes that come after it (their sysfs files are removed
 * only once the module is freed) fail with -ENODEV.
 */
void xlate_config_exit(void)
{
	mutex_lock(&xlate_cfg_lock);
	xlate_cfg_gone = true;
	cfg_publish_locked(NULL);
	mutex_unlock(&xlate_cfg_lock);
}
