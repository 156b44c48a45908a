// SPDX-License-Identifier: GPL-2.0
/*
 * xlate's configuration: the translator runtime and the hand-off mode
 * switches, set through module parameters.  Each x86 ABI (x86-64, and
 * i386 with runtime32 and its switches) has its own configuration,
 * handled alike: struct xlate_abi_state below.
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
#include <linux/completion.h>
#include <linux/file.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/uidgid.h>
#include <linux/workqueue.h>
#include <linux/xattr.h>

#include "compat.h"
#include "lib/binfmt_line.h"
#include "lib/elf_x86.h"
#include "lib/param_parse.h"

static DEFINE_MUTEX(xlate_cfg_lock);
/*
 * Set by xlate_config_init(): from then on parameter writes take effect
 * at once and need CAP_SYS_ADMIN.  Before it, they only record values.
 */
static bool xlate_loaded;
/*
 * Set by xlate_config_exit(), under xlate_cfg_lock.  The parameter files
 * outlive module_exit (the module core removes them only when it frees
 * the module), so a write that comes later must not publish a
 * configuration, and its runtime file, that nobody would release.
 */
static bool xlate_cfg_gone;

/*
 * Values given before init: module parameters or the kernel command
 * line, and writes to the parameter files, which exist from before
 * init.  Built in, the setters run from start_kernel() before the slab
 * allocator exists, and a module's setters run before its init (a
 * failed load never calls module_exit): so they only record here,
 * allocate nothing and hold nothing.  The parameter lock serialises
 * them with xlate_config_init(), which applies them.
 */
struct xlate_staged {
	bool runtime_given;		/* false: look for one */
	char runtime[XLATE_RUNTIME_PATH_MAX];	/* "": none, or invalid */
	struct xlate_switches sw;
	unsigned int given;		/* SW_BIT() of each switch given */
};

/* The cmdline and exe switches (XLATE_CMDLINE_*), for both ABIs, as given. */
static int xlate_cmdline_staged = XLATE_CMDLINE_AUTO;
static int xlate_exe_staged = XLATE_CMDLINE_AUTO;

static void boot_retry_fn(struct work_struct *work);
static DECLARE_WORK(boot_retry_work, boot_retry_fn);

/* How long module init waits for one runtime path to open. */
#define XLATE_OPEN_TIMEOUT_MS	2000

#define P	.preserve_argv0 = true
#define O	.open_binary = true
#define C	.credentials = true

/*
 * The runtimes xlate looks for, in order, with the modes their own
 * packages register them with (Documentation/runtimes.rst says where
 * each comes from).  binfmt_misc's F is what xlate always does.
 * cmdline: what cmdline=auto does for it, on only where measured right
 * (the runtime neither rewrites its argv block nor sets arg_start).
 */
struct xlate_known_runtime {
	const char *path;
	struct xlate_switches modes;
	bool cmdline;
};

static const struct xlate_known_runtime xlate_known_runtimes[] = {
	/* Apple's update-binfmts line: --credentials yes --fix-binary yes */
	{ "/media/rosetta/rosetta", { C } },
	{ "/mnt/rosetta/rosetta", { C } },
	/* FEX's Data/binfmts/FEX-x86_64.conf.in: POCF */
	{ "/usr/bin/FEX", { P, O, C } },
	{ "/usr/local/bin/FEX", { P, O, C } },
	{ "/usr/bin/FEXInterpreter", { P, O, C } },
	{ "/usr/local/bin/FEXInterpreter", { P, O, C } },
	/* box64 registers with no flags */
	{ "/usr/bin/box64", { } },
	{ "/usr/local/bin/box64", { } },
	/* Debian's /usr/lib/binfmt.d/qemu-x86_64.conf: OPF */
	{ "/usr/bin/qemu-x86_64-static", { P, O }, true },
	{ "/usr/libexec/qemu-binfmt/x86_64-binfmt-P", { P, O }, true },
	{ "/usr/bin/qemu-x86_64", { P, O }, true },
};

/*
 * runtime32's: FEX serves i386 with the same binary (its FEX-x86.conf.in
 * registers the same interpreter and flags); box86 registers with no
 * flags; Debian's qemu-i386.conf: OPF.  Rosetta runs no i386 code.
 */
static const struct xlate_known_runtime xlate_known_runtimes32[] = {
	{ "/usr/bin/FEX", { P, O, C } },
	{ "/usr/local/bin/FEX", { P, O, C } },
	{ "/usr/bin/FEXInterpreter", { P, O, C } },
	{ "/usr/local/bin/FEXInterpreter", { P, O, C } },
	{ "/usr/bin/box86", { } },
	{ "/usr/local/bin/box86", { } },
	{ "/usr/bin/qemu-i386-static", { P, O } },
	{ "/usr/libexec/qemu-binfmt/i386-binfmt-P", { P, O } },
	{ "/usr/bin/qemu-i386", { P, O } },
};

#undef P
#undef O
#undef C

/*
 * One x86 ABI's configuration: the published one, the values given
 * before init, and the load-time search.
 *
 * @boot_retry: the load-time runtime was not found (built in before the
 * root file system is mounted, or a module loaded from an initramfs):
 * look again when PID 1 execs, until one is found or one is configured.
 */
struct xlate_abi_state {
	const char *name;	/* in log lines */
	const char *param;	/* its runtime parameter */
	const struct xlate_known_runtime *known;
	size_t nr_known;
	struct xlate_config __rcu *cfg;
	struct xlate_staged staged;
	bool boot_retry;
	char *boot_runtime;	/* the given runtime, for retries */
};

static struct xlate_abi_state xlate_abis[XLATE_NR_ABIS] = {
	[XLATE_ABI_X86_64] = {
		.name = "x86-64", .param = "runtime",
		.known = xlate_known_runtimes,
		.nr_known = ARRAY_SIZE(xlate_known_runtimes),
		.staged.sw.enabled = true,
	},
	[XLATE_ABI_I386] = {
		.name = "i386", .param = "runtime32",
		.known = xlate_known_runtimes32,
		.nr_known = ARRAY_SIZE(xlate_known_runtimes32),
		.staged.sw.enabled = true,
	},
};

/**
 * xlate_abi_name() - the name of @abi in log lines
 * @abi: the ABI
 *
 * Return: "x86-64" or "i386".
 */
const char *xlate_abi_name(enum xlate_abi abi)
{
	return xlate_abis[abi].name;
}

/**
 * xlate_abi_param() - the parameter that sets @abi's runtime
 * @abi: the ABI
 *
 * Return: "runtime" or "runtime32".
 */
const char *xlate_abi_param(enum xlate_abi abi)
{
	return xlate_abis[abi].param;
}

/* The bit of a switch in struct xlate_staged's given. */
#define SW_BIT(field)	(1U << offsetof(struct xlate_switches, field))

/*
 * The modes for @path: a known runtime's, except for the switches given
 * at load (@given), which keep @sw's value.
 */
static void known_modes(const struct xlate_abi_state *a,
			struct xlate_switches *sw, const char *path,
			unsigned int given)
{
	const struct xlate_switches *m = NULL;
	size_t i;

	for (i = 0; i < a->nr_known; i++)
		if (!strcmp(path, a->known[i].path))
			m = &a->known[i].modes;
	if (!m)
		return;
	if (!(given & SW_BIT(preserve_argv0)))
		sw->preserve_argv0 = m->preserve_argv0;
	if (!(given & SW_BIT(open_binary)))
		sw->open_binary = m->open_binary;
	if (!(given & SW_BIT(credentials)))
		sw->credentials = m->credentials;
}

/* @path's entry in @a's table of known runtimes, or NULL. */
static const struct xlate_known_runtime *
known_runtime(const struct xlate_abi_state *a, const char *path)
{
	size_t i;

	for (i = 0; i < a->nr_known; i++)
		if (!strcmp(path, a->known[i].path))
			return &a->known[i];
	return NULL;
}

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
	return rcu_dereference(xlate_abis[abi].cfg);
}

/**
 * xlate_config_get_abi() - take a reference to an ABI's configuration
 * @abi: XLATE_ABI_X86_64 or XLATE_ABI_I386
 *
 * Return: the configuration, or NULL before the module set one up.
 */
struct xlate_config *xlate_config_get_abi(enum xlate_abi abi)
{
	struct xlate_config *cfg;

	rcu_read_lock();
	do {
		cfg = rcu_dereference(xlate_abis[abi].cfg);
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
		cfg = rcu_dereference(xlate_abis[abi].cfg);
		ret = cfg && cfg->runtime_inode == inode;
	}
	rcu_read_unlock();
	return ret;
}

/* A cmdline or exe mode, resolved: auto takes @known's answer. */
static bool ident_on(int mode, bool known)
{
	return mode == XLATE_CMDLINE_AUTO ? known : mode == XLATE_CMDLINE_ON;
}

/* Work out once what the switches imply, as binfmt_misc does per entry. */
static void cfg_resolve(const struct xlate_abi_state *a,
			struct xlate_config *cfg)
{
	const struct xlate_known_runtime *k = known_runtime(a, cfg->path);

	cfg->execfd = cfg->sw.open_binary || cfg->sw.credentials;
	cfg->cmdline = ident_on(cfg->cmdline_mode, k && k->cmdline);
	/*
	 * exe=auto is off for every runtime: each known one reads its own
	 * /proc/self/exe or its instances' (runtimes.rst, "exe").
	 */
	cfg->exe = ident_on(cfg->exe_mode, false);
}

/*
 * Build a configuration with @path and @runtime (ownership of one file
 * reference and one write denial passes to it) and the switches of
 * @from, or @a's load-time ones.
 */
static struct xlate_config *cfg_new(const struct xlate_abi_state *a,
				    const struct xlate_config *from,
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
	cfg->runtime_inode = runtime ? file_inode(runtime) : NULL;
	cfg->sw = from ? from->sw : a->staged.sw;
	cfg->cmdline_mode = from ? from->cmdline_mode : xlate_cmdline_staged;
	cfg->exe_mode = from ? from->exe_mode : xlate_exe_staged;
	strscpy(cfg->source, from ? from->source : "default",
		sizeof(cfg->source));
	cfg_resolve(a, cfg);
	return cfg;
}

/* A copy of @from sharing its runtime file; NULL on failure. */
static struct xlate_config *cfg_dup(const struct xlate_abi_state *a,
				    const struct xlate_config *from)
{
	struct xlate_config *cfg;

	if (!from)
		return cfg_new(a, NULL, "", NULL);
	if (from->runtime && exe_file_deny_write_access(from->runtime))
		return NULL;
	cfg = cfg_new(a, from, from->path, from->runtime);
	if (!cfg) {
		if (from->runtime)
			exe_file_allow_write_access(from->runtime);
		return NULL;
	}
	if (cfg->runtime)
		get_file(cfg->runtime);
	return cfg;
}

static struct xlate_config *cfg_current_locked(struct xlate_abi_state *a)
{
	return rcu_dereference_protected(a->cfg,
					 lockdep_is_held(&xlate_cfg_lock));
}

static void cfg_publish_locked(struct xlate_abi_state *a,
			       struct xlate_config *cfg)
{
	struct xlate_config *old = cfg_current_locked(a);

	rcu_assign_pointer(a->cfg, cfg);
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
 * binfmt_misc without C).  __vfs_getxattr() skips the LSM check; a file
 * system without xattrs answers -EOPNOTSUPP, one without the attribute
 * -ENODATA.
 */
static bool runtime_has_fcaps(struct file *file)
{
	struct dentry *dentry = file->f_path.dentry;

	return __vfs_getxattr(dentry, d_inode(dentry), XATTR_NAME_CAPS,
			      NULL, 0) > 0;
}

/**
 * xlate_runtime_privilege() - would running @file raise privileges?
 * @file: the runtime
 *
 * The set-id bits and file capabilities of the runtime decide the
 * credentials of every program it runs while credentials=0.  They are
 * refused when the runtime is configured, and checked again at every
 * hand-off, since they can be added to the file later.
 *
 * Return: NULL, or why the runtime must not be run.
 */
const char *xlate_runtime_privilege(struct file *file)
{
	umode_t mode = READ_ONCE(file_inode(file)->i_mode);

	if (mode & S_ISUID)
		return "set-user-ID";
	/* Without group execute, S_ISGID means mandatory locking. */
	if ((mode & (S_ISGID | 0010)) == (S_ISGID | 0010))
		return "set-group-ID";
	if (runtime_has_fcaps(file))
		return "has file capabilities (security.capability)";
	return NULL;
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
	*why = xlate_runtime_privilege(file);
	if (*why)
		goto fail;
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

static void runtime_release(struct file *file)
{
	exe_file_allow_write_access(file);
	fput(file);
}

/*
 * Opening a path can block for good: an automount, a dead NFS server, a
 * FUSE daemon that does not answer.  At load time (modprobe, boot) each
 * path is opened by a kthread and waited for a bounded time; a lookup
 * that is still blocked then is left to finish on its own.  The thread
 * holds a module reference until it ends, so xlate cannot be unloaded
 * under it (rmmod says it is in use).  The job is freed by whichever
 * of the waiter and the thread puts it last, with the file if nobody
 * took it.
 */
struct open_job {
	struct completion done;
	refcount_t ref;
	struct file *file;
	const char *why;
	char path[];
};

static void open_job_put(struct open_job *job)
{
	if (!refcount_dec_and_test(&job->ref))
		return;
	if (!IS_ERR_OR_NULL(job->file))
		runtime_release(job->file);
	kfree(job);
}

static int open_job_fn(void *arg)
{
	struct open_job *job = arg;

	job->file = runtime_open(job->path, &job->why);
	complete(&job->done);
	open_job_put(job);
	module_put_and_kthread_exit(0);
}

/* runtime_open() with a time limit: -ETIMEDOUT when it did not finish. */
static struct file *runtime_open_bounded(const char *path, const char **why)
{
	size_t len = strlen(path) + 1;
	struct task_struct *task;
	struct open_job *job;
	struct file *file;

	job = kzalloc(struct_size(job, path, len), GFP_KERNEL);
	if (!job)
		return ERR_PTR(-ENOMEM);
	init_completion(&job->done);
	refcount_set(&job->ref, 2);
	memcpy(job->path, path, len);
	__module_get(THIS_MODULE);
	task = kthread_run(open_job_fn, job, "xlate-open");
	if (IS_ERR(task)) {
		module_put(THIS_MODULE);
		kfree(job);
		*why = "cannot start a thread to open it";
		return ERR_CAST(task);
	}
	if (!wait_for_completion_timeout(&job->done,
					 msecs_to_jiffies(XLATE_OPEN_TIMEOUT_MS))) {
		pr_warn("runtime lookup of \"%s\" still blocked after %u ms: skipped\n",
			path, XLATE_OPEN_TIMEOUT_MS);
		*why = "its lookup blocks";
		file = ERR_PTR(-ETIMEDOUT);
	} else {
		file = job->file;
		*why = job->why;
		job->file = NULL;
	}
	open_job_put(job);
	return file;
}

static int config_may_write(void)
{
	if (capable(CAP_SYS_ADMIN))
		return 0;
	pr_warn_ratelimited("configuration change by pid %d refused: needs CAP_SYS_ADMIN\n",
			    task_pid_nr(current));
	return -EPERM;
}

/*
 * Publish the current configuration with @path and @file as runtime
 * (ownership of @file passes), the hand-off modes of @modes (NULL: keep
 * them) and @source, all in one step.  Any runtime configured ends the
 * load-time search; @searching: publish only while that search is on,
 * with the known modes of the runtime found for the switches nobody set.
 */
static int runtime_publish(struct xlate_abi_state *a, const char *path,
			   struct file *file,
			   const struct xlate_switches *modes,
			   const char *source, bool searching)
{
	struct xlate_config *cfg;
	int ret = 0;

	mutex_lock(&xlate_cfg_lock);
	if (xlate_cfg_gone || (searching && !a->boot_retry)) {
		ret = -ENODEV;
	} else {
		cfg = cfg_new(a, cfg_current_locked(a), path, file);
		if (cfg) {
			if (modes) {
				cfg->sw.preserve_argv0 = modes->preserve_argv0;
				cfg->sw.open_binary = modes->open_binary;
				cfg->sw.credentials = modes->credentials;
			}
			if (searching)
				known_modes(a, &cfg->sw, path, a->staged.given);
			cfg_resolve(a, cfg);
			strscpy(cfg->source, source, sizeof(cfg->source));
			cfg_publish_locked(a, cfg);
			WRITE_ONCE(a->boot_retry, false);
		} else {
			ret = -ENOMEM;
		}
	}
	mutex_unlock(&xlate_cfg_lock);
	if (ret && file)
		runtime_release(file);
	return ret;
}

static int runtime_set(const char *val, const struct kernel_param *kp)
{
	struct xlate_abi_state *a = kp->arg;
	struct xlate_staged *st = &a->staged;
	struct file *file = NULL;
	const char *why;
	char *path;
	int ret;

	if (!READ_ONCE(xlate_loaded)) {
		ret = xlate_parse_runtime_path(val, st->runtime,
					       sizeof(st->runtime));
		if (ret) {
			pr_warn("%s \"%*pE\" rejected: %s (%d)\n", a->param,
				(int)min_t(size_t, strlen(val), 256), val,
				runtime_errmsg(ret), ret);
			st->runtime[0] = '\0';
		}
		st->runtime_given = true;
		return 0;
	}
	ret = config_may_write();
	if (ret)
		return ret;
	path = kmalloc(XLATE_RUNTIME_PATH_MAX, GFP_KERNEL);
	if (!path)
		return -ENOMEM;
	ret = xlate_parse_runtime_path(val, path, XLATE_RUNTIME_PATH_MAX);
	if (ret) {
		pr_warn_ratelimited("%s \"%*pE\" rejected: %s (%d)\n",
				    a->param,
				    (int)min_t(size_t, strlen(val), 256), val,
				    runtime_errmsg(ret), ret);
		goto out;
	}
	if (*path) {
		file = runtime_open(path, &why);
		if (IS_ERR(file)) {
			ret = PTR_ERR(file);
			pr_warn_ratelimited("%s %s rejected: %s (%d)\n",
					    a->param, path, why, ret);
			goto out;
		}
	}
	ret = runtime_publish(a, path, file, NULL, "parameters", false);
	if (!ret)
		pr_info_ratelimited("%s set to \"%s\"\n", a->param, path);
out:
	kfree(path);
	return ret;
}

static int runtime_get(char *buf, const struct kernel_param *kp)
{
	const struct xlate_abi_state *a = kp->arg;
	struct xlate_config *cfg = xlate_config_get_abi(a - xlate_abis);
	int len = scnprintf(buf, PAGE_SIZE, "%s\n", cfg ? cfg->path : "");

	xlate_config_put(cfg);
	return len;
}

static const struct kernel_param_ops runtime_ops = {
	.set = runtime_set,
	.get = runtime_get,
};

module_param_cb(runtime, &runtime_ops, &xlate_abis[XLATE_ABI_X86_64], 0644);
MODULE_PARM_DESC(runtime,
		 "Absolute path of the x86-64 translator (empty: none; unset at load: look for one)");
module_param_cb(runtime32, &runtime_ops, &xlate_abis[XLATE_ABI_I386], 0644);
MODULE_PARM_DESC(runtime32,
		 "Absolute path of the i386 translator (empty: none; unset at load: look for one)");

/* A switch parameter: which ABI, and the offset of its bool. */
struct switch_param {
	struct xlate_abi_state *abi;
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
	struct xlate_abi_state *a = sp->abi;
	struct xlate_config *cfg;
	bool on;
	int ret;

	if (READ_ONCE(xlate_loaded)) {
		ret = config_may_write();
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
		*sw_field(&a->staged.sw, kp) = on;
		a->staged.given |= 1U << sp->off;
		return 0;
	}
	ret = -ENODEV;
	mutex_lock(&xlate_cfg_lock);
	if (!xlate_cfg_gone) {
		cfg = cfg_dup(a, cfg_current_locked(a));
		ret = cfg ? 0 : -ENOMEM;
		if (cfg) {
			*sw_field(&cfg->sw, kp) = on;
			a->staged.given |= 1U << sp->off;
			strscpy(cfg->source, "parameters", sizeof(cfg->source));
			cfg_resolve(a, cfg);
			cfg_publish_locked(a, cfg);
		}
	}
	mutex_unlock(&xlate_cfg_lock);
	return ret;
}

static int switch_get(char *buf, const struct kernel_param *kp)
{
	const struct switch_param *sp = kp->arg;
	struct xlate_config *cfg = xlate_config_get_abi(sp->abi - xlate_abis);
	bool on = *sw_field(cfg ? &cfg->sw : &sp->abi->staged.sw, kp);

	xlate_config_put(cfg);
	return sysfs_emit(buf, "%c\n", on ? 'Y' : 'N');
}

static const struct kernel_param_ops switch_ops = {
	.set = switch_set,
	.get = switch_get,
};

#define SW(_abi, _field) \
	{ &xlate_abis[_abi], offsetof(struct xlate_switches, _field) }

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
	struct xlate_config *cfg[XLATE_NR_ABIS] = {};
	bool exe = *(const bool *)kp->arg;
	int *staged = exe ? &xlate_exe_staged : &xlate_cmdline_staged;
	int i, mode, ret;
	bool on;

	if (READ_ONCE(xlate_loaded)) {
		ret = config_may_write();
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
		*staged = mode;
		return 0;
	}
	ret = -ENODEV;
	mutex_lock(&xlate_cfg_lock);
	if (xlate_cfg_gone)
		goto unlock;
	/* Both ABIs or neither: build both copies before publishing. */
	ret = -ENOMEM;
	for (i = 0; i < XLATE_NR_ABIS; i++) {
		cfg[i] = cfg_dup(&xlate_abis[i],
				 cfg_current_locked(&xlate_abis[i]));
		if (!cfg[i])
			goto unlock;
	}
	ret = 0;
	*staged = mode;
	for (i = 0; i < XLATE_NR_ABIS; i++) {
		*ident_mode(cfg[i], exe) = mode;
		strscpy(cfg[i]->source, "parameters", sizeof(cfg[i]->source));
		cfg_resolve(&xlate_abis[i], cfg[i]);
		cfg_publish_locked(&xlate_abis[i], cfg[i]);
		cfg[i] = NULL;
	}
unlock:
	mutex_unlock(&xlate_cfg_lock);
	for (i = 0; i < XLATE_NR_ABIS; i++)
		xlate_config_put(cfg[i]);
	return ret;
}

static int ident_get(char *buf, const struct kernel_param *kp)
{
	struct xlate_config *cfg = xlate_config_get();
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

/*
 * Find the load-time runtime: the one given (its syntax already
 * checked), else the first of the known paths that opens and passes
 * validation.  Return: 0 and the runtime in @path/@file, or an errno.
 */
static int runtime_find(const struct xlate_abi_state *a, const char *given,
			char *path, struct file **file, const char **why)
{
	size_t i;

	if (given) {
		*file = runtime_open_bounded(given, why);
		if (IS_ERR(*file))
			return PTR_ERR(*file);
		strscpy(path, given, XLATE_RUNTIME_PATH_MAX);
		return 0;
	}
	for (i = 0; i < a->nr_known; i++) {
		*file = runtime_open_bounded(a->known[i].path, why);
		if (!IS_ERR(*file)) {
			strscpy(path, a->known[i].path, XLATE_RUNTIME_PATH_MAX);
			pr_info("found %s \"%s\"\n", a->param, path);
			return 0;
		}
	}
	return -ENOENT;
}

/*
 * Look for the load-time runtime and publish it, unless the search was
 * ended meanwhile (a runtime was configured, or xlate is going away).
 * A given runtime that is there but fails validation ends the search.
 */
static void runtime_search(struct xlate_abi_state *a, const char *given)
{
	const char *why = NULL;
	struct file *file;
	char *path;
	int ret;

	path = kmalloc(XLATE_RUNTIME_PATH_MAX, GFP_KERNEL);
	if (!path)
		return;
	ret = runtime_find(a, given, path, &file, &why);
	if (!ret) {
		runtime_publish(a, path, file, NULL,
				given ? "load" : "autodetect", true);
	} else if (!given) {
		pr_info("no %s found; %s programs will not run until one is set in /sys/module/xlate/parameters/%s\n",
			a->param, a->name, a->param);
	} else if (ret == -ENOENT || ret == -ETIMEDOUT) {
		pr_warn("%s \"%s\" not available yet (%d): retrying when init starts\n",
			a->param, given, ret);
	} else {
		pr_warn("%s %s rejected: %s (%d)\n", a->param, given, why,
			ret);
		WRITE_ONCE(a->boot_retry, false);
	}
	kfree(path);
}

/*
 * /sys/kernel/xlate/config: the runtime and the hand-off modes in one
 * binfmt_misc registration line, set in one write (binfmt_misc sets an
 * interpreter and its flags together too) and read back the same way.
 * A line whose magic selects i386 sets runtime32 instead; config32
 * shows runtime32's line (with qemu-user's i386 magic), so each file
 * reads back one line, as before.  Both files take either line.
 */
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

	ret = config_may_write();
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
				    line->interpreter, runtime_errmsg(ret), ret);
		goto out;
	}
	file = runtime_open(path, &why);
	if (IS_ERR(file)) {
		ret = PTR_ERR(file);
		pr_warn_ratelimited("config line rejected: runtime %s: %s (%d)\n",
				    path, why, ret);
		goto out;
	}
	modes.preserve_argv0 = line->preserve_argv0;
	modes.open_binary = line->open_binary;
	modes.credentials = line->credentials;
	ret = runtime_publish(&xlate_abis[line->i386 ? XLATE_ABI_I386 :
					  XLATE_ABI_X86_64],
			      path, file, &modes, line->name, false);
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

static struct kobject *xlate_config_kobj;

static void boot_retry_fn(struct work_struct *work)
{
	struct xlate_abi_state *a;

	for (a = xlate_abis; a < xlate_abis + XLATE_NR_ABIS; a++)
		if (READ_ONCE(a->boot_retry))
			runtime_search(a, a->boot_runtime);
}

/**
 * xlate_config_boot_exec() - PID 1 has exec'd: look for the runtime again
 *
 * Called from the exec tracepoint (atomic context) for every exec of
 * the global init while the load-time runtime has not been found.
 */
void xlate_config_boot_exec(void)
{
	schedule_work(&boot_retry_work);
}

/**
 * xlate_config_boot_pending() - is the load-time runtime still missing?
 *
 * Return: true while xlate_config_boot_exec() has something to do.
 */
bool xlate_config_boot_pending(void)
{
	struct xlate_abi_state *a;

	for (a = xlate_abis; a < xlate_abis + XLATE_NR_ABIS; a++)
		if (READ_ONCE(a->boot_retry))
			return true;
	return false;
}

/**
 * xlate_config_init() - apply the load-time configuration
 *
 * @kobj: /sys/kernel/xlate, where the config file goes
 *
 * Publishes the switches given at load, then looks for the runtime: the
 * one given with runtime=, or the first known one present.  Neither a
 * runtime that is missing nor one whose lookup blocks keeps xlate from
 * loading; the search is retried when PID 1 execs.  Logs the result.
 *
 * Return: 0 or a negative errno.
 */
int xlate_config_init(struct kobject *kobj)
{
	struct xlate_config *cfg[XLATE_NR_ABIS] = {};
	char *path[XLATE_NR_ABIS] = {};
	struct xlate_abi_state *a;
	int i, ret;

	ret = sysfs_create_group(kobj, &config_group);
	if (ret)
		return ret;
	xlate_config_kobj = kobj;

	/* Parameter writes wait here; after it they take effect at once. */
	kernel_param_lock(THIS_MODULE);
	ret = -ENOMEM;
	for (i = 0; i < XLATE_NR_ABIS; i++) {
		a = &xlate_abis[i];
		if (a->staged.runtime_given) {
			path[i] = kstrdup(a->staged.runtime, GFP_KERNEL);
			if (!path[i])
				goto unlock;
		}
		cfg[i] = cfg_new(a, NULL, "", NULL);
		if (!cfg[i])
			goto unlock;
	}
	ret = 0;
	mutex_lock(&xlate_cfg_lock);
	for (i = 0; i < XLATE_NR_ABIS; i++) {
		a = &xlate_abis[i];
		cfg_publish_locked(a, cfg[i]);
		cfg[i] = NULL;
		/* runtime= with an empty or invalid path: run without one. */
		a->boot_retry = !path[i] || *path[i];
	}
	WRITE_ONCE(xlate_loaded, true);
	mutex_unlock(&xlate_cfg_lock);
unlock:
	kernel_param_unlock(THIS_MODULE);
	if (ret) {
		for (i = 0; i < XLATE_NR_ABIS; i++) {
			kfree(path[i]);
			kfree(cfg[i]);
		}
		sysfs_remove_group(kobj, &config_group);
		xlate_config_kobj = NULL;
		return ret;
	}

	for (i = 0; i < XLATE_NR_ABIS; i++) {
		a = &xlate_abis[i];
		a->boot_runtime = path[i];
		if (a->boot_retry)
			runtime_search(a, path[i]);
	}

	for (i = 0; i < XLATE_NR_ABIS; i++) {
		struct xlate_config *c = xlate_config_get_abi(i);

		pr_info("config: %s=\"%s\" enabled=%d preserve_argv0=%d open_binary=%d credentials=%d cmdline=%d exe=%d\n",
			xlate_abis[i].param, c->path, c->sw.enabled,
			c->sw.preserve_argv0, c->sw.open_binary,
			c->sw.credentials, c->cmdline, c->exe);
		xlate_config_put(c);
	}
	return 0;
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
	struct xlate_abi_state *a;

	if (xlate_config_kobj)
		sysfs_remove_group(xlate_config_kobj, &config_group);
	xlate_config_kobj = NULL;
	mutex_lock(&xlate_cfg_lock);
	xlate_cfg_gone = true;
	for (a = xlate_abis; a < xlate_abis + XLATE_NR_ABIS; a++) {
		WRITE_ONCE(a->boot_retry, false);
		cfg_publish_locked(a, NULL);
	}
	mutex_unlock(&xlate_cfg_lock);
	/* An exec tracepoint probe that saw the retry on may still queue it. */
	synchronize_rcu();
	cancel_work_sync(&boot_retry_work);
	for (a = xlate_abis; a < xlate_abis + XLATE_NR_ABIS; a++) {
		kfree(a->boot_runtime);
		a->boot_runtime = NULL;
	}
}
