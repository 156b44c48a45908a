// SPDX-License-Identifier: GPL-2.0
/*
 * xlate's configuration: for each x86 ABI (x86-64, i386) one immutable,
 * reference-counted struct xlate_config published with RCU.
 *
 * A writer (params.c, config_line.c, runtime.c) builds a complete new
 * object, validating everything first, and publishes it under
 * xlate_cfg_lock; a failed write changes nothing.  An exec takes a
 * reference once and uses that snapshot throughout, so changes never
 * reach an exec in flight.  Each object owns one reference to its
 * runtime file and one write denial on it (taken by open_exec() or
 * exe_file_deny_write_access()), released when the last user puts it.
 */
#include "xlate.h"

#include <linux/capability.h>
#include <linux/file.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include "compat.h"

static DEFINE_MUTEX(xlate_cfg_lock);
/* NULL before init and after exit: writers then fail with -ENODEV. */
static struct xlate_config __rcu *xlate_configs[XLATE_NR_ABIS];

/**
 * xlate_config_rcu_abi() - an ABI's configuration, without a reference
 * @abi: XLATE_ABI_X86_64 or XLATE_ABI_I386
 *
 * For atomic context.  The caller holds rcu_read_lock() for as long as
 * it uses the result.
 *
 * Return: the configuration, or NULL.
 */
struct xlate_config *xlate_config_rcu_abi(enum xlate_abi abi)
{
	return rcu_dereference(xlate_configs[abi]);
}

/**
 * xlate_config_get_abi() - take a reference to an ABI's configuration
 * @abi: XLATE_ABI_X86_64 or XLATE_ABI_I386
 *
 * Return: the configuration, or NULL before init and after exit.
 */
struct xlate_config *xlate_config_get_abi(enum xlate_abi abi)
{
	struct xlate_config *cfg;

	rcu_read_lock();
	do {
		cfg = rcu_dereference(xlate_configs[abi]);
	} while (cfg && !refcount_inc_not_zero(&cfg->ref));
	rcu_read_unlock();
	return cfg;
}

/**
 * xlate_config_put() - drop a reference to a configuration
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

/**
 * xlate_config_is_runtime() - is @file a configured runtime's file?
 * @file: a file being executed
 *
 * Looks at the runtime of every ABI (runtime, runtime32).  Compares
 * inodes, so another path or a hard link to the runtime, or
 * /proc/self/exe, counts.  Safe in atomic context (the exec
 * tracepoint): the configurations are read under RCU and their inodes
 * are only compared, never dereferenced.
 *
 * Return: true if @file is the file of a configured runtime.
 */
bool xlate_config_is_runtime(const struct file *file)
{
	const struct inode *inode = file_inode(file);
	const struct xlate_config *cfg;
	bool ret = false;
	int abi;

	rcu_read_lock();
	for (abi = 0; abi < XLATE_NR_ABIS && !ret; abi++) {
		cfg = rcu_dereference(xlate_configs[abi]);
		ret = cfg && cfg->runtime_inode == inode;
	}
	rcu_read_unlock();
	return ret;
}

/**
 * xlate_config_may_write() - may the caller change the configuration?
 *
 * Every way of changing it after load (parameters, the config files)
 * asks this first.
 *
 * Return: 0, or -EPERM (logged) without CAP_SYS_ADMIN.
 */
int xlate_config_may_write(void)
{
	if (capable(CAP_SYS_ADMIN))
		return 0;
	pr_warn_ratelimited("configuration change by pid %d refused: needs CAP_SYS_ADMIN\n",
			    task_pid_nr(current));
	return -EPERM;
}

/**
 * xlate_config_lock() - begin a change of the configuration
 *
 * Serialises writers from xlate_config_current() to
 * xlate_config_publish().  Sleeps.
 */
void xlate_config_lock(void)
{
	mutex_lock(&xlate_cfg_lock);
}

/**
 * xlate_config_unlock() - end a change begun by xlate_config_lock()
 */
void xlate_config_unlock(void)
{
	mutex_unlock(&xlate_cfg_lock);
}

/**
 * xlate_config_current() - the published configuration, for a writer
 * @abi: XLATE_ABI_X86_64 or XLATE_ABI_I386
 *
 * The caller holds xlate_config_lock().  The result stays valid until
 * it unlocks.
 *
 * Return: the configuration, or NULL before init and after exit.
 */
struct xlate_config *xlate_config_current(enum xlate_abi abi)
{
	return rcu_dereference_protected(xlate_configs[abi],
					 lockdep_is_held(&xlate_cfg_lock));
}

/**
 * xlate_config_new() - a new configuration with another runtime
 * @from: the switches, modes, line and source to copy, or NULL for none
 * @path: the runtime's path, "" for none
 * @runtime: the runtime's file, or NULL for none; one file reference
 *	and one write denial pass to the new object, on success only
 * @line: the line as written to the config file, or NULL for none
 * @line_len: its length (it may hold NUL bytes)
 *
 * The new object takes @from's offset, magic, mask and name; the
 * caller sets them (and ->known for @path) when the runtime's line
 * changes, changes what else it wants, and publishes or puts the object.
 *
 * Return: the object, or NULL without memory.
 */
struct xlate_config *xlate_config_new(const struct xlate_config *from,
				      const char *path, struct file *runtime,
				      const char *line, size_t line_len)
{
	size_t len = strlen(path) + 1;
	struct xlate_config *cfg;
	char *copy;

	cfg = kzalloc(struct_size(cfg, path, len + (line ? line_len : 0)),
		      GFP_KERNEL);
	if (!cfg)
		return NULL;
	refcount_set(&cfg->ref, 1);
	memcpy(cfg->path, path, len);
	if (line) {
		copy = cfg->path + len;
		memcpy(copy, line, line_len);
		cfg->line = copy;
		cfg->line_len = line_len;
	}
	cfg->runtime = runtime;
	cfg->runtime_inode = runtime ? file_inode(runtime) : NULL;
	cfg->cmdline_mode = XLATE_CMDLINE_AUTO;
	cfg->exe_mode = XLATE_CMDLINE_AUTO;
	strscpy(cfg->source, "default", sizeof(cfg->source));
	if (from) {
		cfg->sw = from->sw;
		cfg->given = from->given;
		cfg->cmdline_mode = from->cmdline_mode;
		cfg->exe_mode = from->exe_mode;
		cfg->m = from->m;
		strscpy(cfg->name, from->name, sizeof(cfg->name));
		strscpy(cfg->source, from->source, sizeof(cfg->source));
	}
	return cfg;
}

/**
 * xlate_config_dup() - a copy of @from with the same runtime and line
 * @from: the configuration to copy
 *
 * Takes its own reference and write denial on the runtime file.
 *
 * Return: the copy, or NULL on failure.
 */
struct xlate_config *xlate_config_dup(const struct xlate_config *from)
{
	struct xlate_config *cfg;

	if (from->runtime && exe_file_deny_write_access(from->runtime))
		return NULL;
	cfg = xlate_config_new(from, from->path, from->runtime, from->line,
			       from->line_len);
	if (!cfg) {
		if (from->runtime)
			exe_file_allow_write_access(from->runtime);
		return NULL;
	}
	if (cfg->runtime)
		get_file(cfg->runtime);
	cfg->known = from->known;
	return cfg;
}

/* A cmdline or exe mode, resolved: auto takes @known's answer. */
static bool ident_on(int mode, bool known)
{
	return mode == XLATE_CMDLINE_AUTO ? known : mode == XLATE_CMDLINE_ON;
}

/* Work out once what the switches imply, as binfmt_misc does per entry. */
static void config_resolve(struct xlate_config *cfg)
{
	cfg->execfd = cfg->sw.open_binary || cfg->sw.credentials;
	cfg->cmdline = ident_on(cfg->cmdline_mode,
				cfg->known && cfg->known->cmdline);
	/*
	 * exe=auto is off for every runtime: each known one reads its own
	 * /proc/self/exe or its instances' (runtimes.rst, "exe").
	 */
	cfg->exe = ident_on(cfg->exe_mode, false);
}

/**
 * xlate_config_publish() - make @cfg the configuration of @abi
 * @abi: XLATE_ABI_X86_64 or XLATE_ABI_I386
 * @cfg: the new configuration (its reference passes), or NULL for none
 *
 * The caller holds xlate_config_lock().  Execs that start from now on
 * use @cfg; the old object goes when its last user puts it.
 */
void xlate_config_publish(enum xlate_abi abi, struct xlate_config *cfg)
{
	struct xlate_config *old = xlate_config_current(abi);

	if (cfg)
		config_resolve(cfg);
	rcu_assign_pointer(xlate_configs[abi], cfg);
	xlate_config_put(old);
}

/**
 * xlate_config_log() - log what is in force, one line per ABI
 */
void xlate_config_log(void)
{
	struct xlate_config *c;
	int abi;

	for (abi = 0; abi < XLATE_NR_ABIS; abi++) {
		c = xlate_config_get_abi(abi);
		if (!c)
			continue;
		pr_info("config: %s=\"%s\" enabled=%d preserve_argv0=%d open_binary=%d credentials=%d cmdline=%d exe=%d\n",
			xlate_abi_param(abi), c->path, c->sw.enabled,
			c->sw.preserve_argv0, c->sw.open_binary,
			c->sw.credentials, c->cmdline, c->exe);
		xlate_config_put(c);
	}
}

/**
 * xlate_config_exit() - drop the configuration at module exit
 *
 * Called once nothing can start an exec through xlate or search for a
 * runtime; releases the runtime files as their last users go.  Writes
 * that come later (the parameter files outlive module exit until the
 * module core frees the module) find no configuration and fail with
 * -ENODEV, so they cannot publish one that nobody would release.
 */
void xlate_config_exit(void)
{
	int abi;

	mutex_lock(&xlate_cfg_lock);
	for (abi = 0; abi < XLATE_NR_ABIS; abi++)
		xlate_config_publish(abi, NULL);
	mutex_unlock(&xlate_cfg_lock);
}
