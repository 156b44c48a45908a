// SPDX-License-Identifier: GPL-2.0
/*
 * The translator runtime of each ABI: opening it and checking that it
 * is safe to run for every user, the runtimes xlate knows, and the
 * load-time search for one.
 *
 * The search runs once at load, for each ABI whose runtime was not set
 * to "" there: the path given with runtime= (runtime32=), else the
 * known runtimes in order.  When it finds nothing (built in before the
 * root file system is mounted, or loaded from an initramfs), it runs
 * again each time PID 1 execs.  Searches run one at a time
 * (search_lock).  What an administrator names wins: a path given at
 * load is the only one its ABI's search looks at, and a runtime set
 * after load ends that search (searches[].pending, under the
 * configuration lock, is what a search checks before it publishes).
 *
 * Opening a path can block for good: an automount, a dead NFS server, a
 * FUSE daemon that does not answer.  So the search opens each path in a
 * kthread and waits a bounded time; a lookup still blocked then is left
 * to finish on its own.  The thread holds a module reference, taken
 * with try_module_get() before it starts, until it ends: xlate cannot be
 * unloaded under it (rmmod says it is in use), and once unload has
 * begun no thread starts, which also ends the search.  A failed init
 * frees the module whatever its reference count, so main.c starts the
 * search only after the last step of init that can fail.
 */
#include "xlate.h"

#include <linux/binfmts.h>
#include <linux/completion.h>
#include <linux/file.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uidgid.h>
#include <linux/workqueue.h>
#include <linux/xattr.h>

#include "compat.h"
#include "lib/elf_x86.h"
#include "lib/param_parse.h"
#include "lib/runtime_lines.h"

/* How long the search waits for one runtime path to open. */
#define XLATE_OPEN_TIMEOUT_MS	2000

#define P	.preserve_argv0 = true
#define O	.open_binary = true
#define C	.credentials = true

/*
 * The runtimes xlate looks for, in order, with the modes their own
 * packages register them with and those packages' lines
 * (Documentation/runtimes.rst says where each comes from).
 * binfmt_misc's F is what xlate always does.  cmdline: what
 * cmdline=auto does for it, on only where measured right (the runtime
 * neither rewrites its argv block nor sets arg_start).
 */
static const struct xlate_known_runtime known_x86_64[] = {
	/* Apple's update-binfmts line: --credentials yes --fix-binary yes */
	{ "/media/rosetta/rosetta", { C }, false, XLATE_LINE_ROSETTA },
	{ "/mnt/rosetta/rosetta", { C }, false, XLATE_LINE_ROSETTA },
	/* FEX's Data/binfmts/FEX-x86_64.conf.in: POCF */
	{ "/usr/bin/FEX", { P, O, C }, false, XLATE_LINE_FEX_X86_64 },
	{ "/usr/local/bin/FEX", { P, O, C }, false, XLATE_LINE_FEX_X86_64 },
	{ "/usr/bin/FEXInterpreter", { P, O, C }, false,
	  XLATE_LINE_FEX_X86_64 },
	{ "/usr/local/bin/FEXInterpreter", { P, O, C }, false,
	  XLATE_LINE_FEX_X86_64 },
	/* box64 registers with no flags */
	{ "/usr/bin/box64", { }, false, XLATE_LINE_BOX64 },
	{ "/usr/local/bin/box64", { }, false, XLATE_LINE_BOX64 },
	/* Debian's /usr/lib/binfmt.d/qemu-x86_64.conf: OPF */
	{ "/usr/bin/qemu-x86_64-static", { P, O }, true,
	  XLATE_LINE_QEMU_X86_64 },
	{ "/usr/libexec/qemu-binfmt/x86_64-binfmt-P", { P, O }, true,
	  XLATE_LINE_QEMU_X86_64 },
	{ "/usr/bin/qemu-x86_64", { P, O }, true, XLATE_LINE_QEMU_X86_64 },
};

/*
 * runtime32's: FEX serves i386 with the same binary (its FEX-x86.conf.in
 * registers the same interpreter and flags); box86 registers with no
 * flags; Debian's qemu-i386.conf: OPF.  Rosetta runs no i386 code.
 */
static const struct xlate_known_runtime known_i386[] = {
	{ "/usr/bin/FEX", { P, O, C }, false, XLATE_LINE_FEX_X86 },
	{ "/usr/local/bin/FEX", { P, O, C }, false, XLATE_LINE_FEX_X86 },
	{ "/usr/bin/FEXInterpreter", { P, O, C }, false, XLATE_LINE_FEX_X86 },
	{ "/usr/local/bin/FEXInterpreter", { P, O, C }, false,
	  XLATE_LINE_FEX_X86 },
	{ "/usr/bin/box86", { }, false, XLATE_LINE_BOX86 },
	{ "/usr/local/bin/box86", { }, false, XLATE_LINE_BOX86 },
	{ "/usr/bin/qemu-i386-static", { P, O }, false, XLATE_LINE_QEMU_I386 },
	{ "/usr/libexec/qemu-binfmt/i386-binfmt-P", { P, O }, false,
	  XLATE_LINE_QEMU_I386 },
	{ "/usr/bin/qemu-i386", { P, O }, false, XLATE_LINE_QEMU_I386 },
};

/*
 * The line of a runtime xlate does not know, or of no runtime: Debian
 * qemu-user's, the most common runtime, which takes the files the
 * kernel's own ELF loader would (any OS/ABI up to 3, e_type 2 or 3).
 */
static const char *const unknown_runtime_line[XLATE_NR_ABIS] = {
	[XLATE_ABI_X86_64] = XLATE_LINE_QEMU_X86_64,
	[XLATE_ABI_I386] = XLATE_LINE_QEMU_I386,
};

#undef P
#undef O
#undef C

static const struct {
	const struct xlate_known_runtime *list;
	size_t nr;
} known_runtimes[XLATE_NR_ABIS] = {
	[XLATE_ABI_X86_64] = { known_x86_64, ARRAY_SIZE(known_x86_64) },
	[XLATE_ABI_I386] = { known_i386, ARRAY_SIZE(known_i386) },
};

/* @path's entry in @abi's table of known runtimes, or NULL. */
static const struct xlate_known_runtime *
known_runtime(enum xlate_abi abi, const char *path)
{
	size_t i;

	for (i = 0; i < known_runtimes[abi].nr; i++)
		if (!strcmp(path, known_runtimes[abi].list[i].path))
			return &known_runtimes[abi].list[i];
	return NULL;
}

/**
 * xlate_runtime_errmsg() - why a runtime path was refused, for log lines
 * @err: the errno of xlate_parse_runtime_path() or of opening the path
 *
 * Return: a short reason.
 */
const char *xlate_runtime_errmsg(int err)
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

static void runtime_release(struct file *file)
{
	exe_file_allow_write_access(file);
	fput(file);
}

/**
 * xlate_runtime_open() - open a runtime and check it is safe to run
 * @path: an absolute path, as xlate_parse_runtime_path() accepts it
 * @why: set to the reason on failure
 *
 * The runtime must be a regular executable (open_exec() checks that and
 * denies writes to it), owned by root, not writable by group or others,
 * not set-id, without file capabilities, and an ELF executable for this
 * machine.  Opens in the caller's context: it may block as long as the
 * lookup does.
 *
 * Return: the file, holding a write denial, or an ERR_PTR.
 */
struct file *xlate_runtime_open(const char *path, const char **why)
{
	unsigned char hdr[XLATE_ELF64_EHDR_SIZE];
	struct inode *inode;
	struct file *file;
	loff_t pos = 0;
	ssize_t n;
	int err;

	file = open_exec(path);
	if (IS_ERR(file)) {
		*why = xlate_runtime_errmsg(PTR_ERR(file));
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
		*why = xlate_runtime_errmsg(err);
		goto fail;
	}
	return file;
fail:
	runtime_release(file);
	return ERR_PTR(err);
}

/*
 * The load-time search of one ABI.  @given: the path given at load, or
 * NULL to look for a known runtime.  @pending: the search may still
 * publish; written under the configuration lock.
 */
struct runtime_search {
	const char *given;
	bool pending;
};

static struct runtime_search searches[XLATE_NR_ABIS];
/* One search at a time: init's, then the retries. */
static DEFINE_MUTEX(search_lock);
/* Set when init's search begins: from then on PID 1's execs retry. */
static bool search_started;

static void search_retry_fn(struct work_struct *work);
static DECLARE_WORK(search_retry_work, search_retry_fn);

/**
 * xlate_runtime_default_line() - give @cfg its runtime's own line
 * @cfg: a configuration being built, with ->known set for its runtime
 * @abi: its ABI
 *
 * Sets @cfg's offset, magic, mask and name from the registration line
 * of ->known's package, or from unknown_runtime_line[@abi], and drops a
 * line written to the config file.  The built-in lines are checked by
 * the host test unit/host/binfmt_line/known_lines; one that does not
 * parse here is a bug.
 *
 * Return: 0, -ENOMEM, or -EINVAL (logged) for a built-in line that
 * does not parse.
 */
int xlate_runtime_default_line(struct xlate_config *cfg, enum xlate_abi abi)
{
	const char *text = cfg->known ? cfg->known->line :
			   unknown_runtime_line[abi];
	bool i386 = abi == XLATE_ABI_I386;
	struct xlate_binfmt_line *l;
	const char *why;
	int ret;

	l = kmalloc(sizeof(*l), GFP_KERNEL);
	if (!l)
		return -ENOMEM;
	ret = xlate_binfmt_parse_x86(l, text, strlen(text), &why);
	if (!ret && l->i386 != i386)
		ret = -EINVAL;
	if (WARN_ONCE(ret, "built-in line \"%s\": %s\n", text,
		      ret == -EINVAL ? "wrong ABI" : why)) {
		kfree(l);
		return ret;
	}
	cfg->m = l->m;
	strscpy(cfg->name, l->name, sizeof(cfg->name));
	cfg->line = NULL;
	cfg->line_len = 0;
	kfree(l);
	return 0;
}

/*
 * publish_locked() - the last step of configuring a runtime, under the
 * configuration lock: with @ret 0, publish @cfg, record @source and end
 * @abi's load-time search; otherwise drop @cfg (NULL or not) without
 * its runtime file, which the caller releases.
 */
static void publish_locked(enum xlate_abi abi, struct xlate_config *cfg,
			   int ret, const char *source)
{
	if (!cfg)
		return;
	if (!ret) {
		strscpy(cfg->source, source, sizeof(cfg->source));
		xlate_config_publish(abi, cfg);
		WRITE_ONCE(searches[abi].pending, false);
	} else {
		cfg->runtime = NULL;
		xlate_config_put(cfg);
	}
}

/**
 * xlate_runtime_set() - configure a runtime an administrator chose
 * @abi: XLATE_ABI_X86_64 or XLATE_ABI_I386
 * @path: its path, "" for none
 * @file: from xlate_runtime_open(), or NULL for none; ownership passes
 * @line: the registration line that chose it, which sets the modes,
 *	offset, magic and mask; NULL for the runtime's own line with the
 *	modes kept (a parameter)
 * @text: @line as written, without the newline binfmt_misc strips
 * @len: its length
 * @source: who chose it, for config_source ("config", "parameters")
 *
 * Publishes the current configuration with the new runtime in one step,
 * and ends @abi's load-time search, which must not replace it.
 *
 * Return: 0, -ENOMEM, or -ENODEV while xlate is being unloaded.
 */
int xlate_runtime_set(enum xlate_abi abi, const char *path,
		      struct file *file, const struct xlate_binfmt_line *line,
		      const char *text, size_t len, const char *source)
{
	struct xlate_config *cur, *cfg = NULL;
	int ret = -ENODEV;

	xlate_config_lock();
	cur = xlate_config_current(abi);
	if (cur) {
		cfg = xlate_config_new(cur, path, file, line ? text : NULL,
				       len);
		ret = cfg ? 0 : -ENOMEM;
	}
	if (cfg) {
		cfg->known = known_runtime(abi, path);
		if (line) {
			cfg->sw.preserve_argv0 = line->preserve_argv0;
			cfg->sw.open_binary = line->open_binary;
			cfg->sw.credentials = line->credentials;
			cfg->m = line->m;
			strscpy(cfg->name, line->name, sizeof(cfg->name));
		} else {
			ret = xlate_runtime_default_line(cfg, abi);
		}
	}
	publish_locked(abi, cfg, ret, source);
	xlate_config_unlock();
	if (ret && file)
		runtime_release(file);
	return ret;
}

/*
 * One path opened by a kthread.  The job is freed by whichever of the
 * waiter and the thread puts it last, with the file if nobody took it.
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

	job->file = xlate_runtime_open(job->path, &job->why);
	complete(&job->done);
	open_job_put(job);
	/* Drops the reference taken for this thread: kernel text from here. */
	module_put_and_kthread_exit(0);
}

/*
 * xlate_runtime_open() in a kthread, waited for a bounded time.  The
 * caller's module reference passes to the thread.  Return: the file,
 * -ETIMEDOUT when the lookup still blocks, or another ERR_PTR.
 */
static struct file *runtime_open_bounded(const char *path, const char **why)
{
	size_t len = strlen(path) + 1;
	struct task_struct *task;
	struct open_job *job;
	struct file *file;

	job = kzalloc(struct_size(job, path, len), GFP_KERNEL);
	if (!job) {
		module_put(THIS_MODULE);
		*why = "out of memory";
		return ERR_PTR(-ENOMEM);
	}
	init_completion(&job->done);
	refcount_set(&job->ref, 2);
	memcpy(job->path, path, len);
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

/* search_find(): unload has begun, the search stops. */
#define SEARCH_STOPPED	1

/*
 * Try @try for the search.  Each lookup's thread holds a module
 * reference; try_module_get() fails once delete_module() has begun
 * (race-free against its reference count check), so no lookup starts
 * after that.  Return: 0 and the runtime in @path/@file, SEARCH_STOPPED,
 * or an errno.
 */
static int search_try(const char *try, char *path, struct file **file,
		      const char **why)
{
	if (!try_module_get(THIS_MODULE))
		return SEARCH_STOPPED;
	*file = runtime_open_bounded(try, why);
	if (IS_ERR(*file))
		return PTR_ERR(*file);
	strscpy(path, try, XLATE_RUNTIME_PATH_MAX);
	return 0;
}

/*
 * The runtime @abi's search looks for: the given one, else the first
 * known path that opens and passes validation.  Return: as
 * search_try(), -ENOENT when no known runtime was found, -EALREADY when
 * a runtime was set meanwhile.
 */
static int search_find(enum xlate_abi abi, const char *given, char *path,
		       struct file **file, const char **why)
{
	size_t i;
	int ret;

	if (given)
		return search_try(given, path, file, why);
	for (i = 0; i < known_runtimes[abi].nr; i++) {
		if (!READ_ONCE(searches[abi].pending))
			return -EALREADY;
		ret = search_try(known_runtimes[abi].list[i].path, path, file,
				 why);
		if (!ret || ret == SEARCH_STOPPED)
			return ret;
	}
	return -ENOENT;
}

/* The modes @k registers with, for the switches nobody set by hand. */
static void known_modes(struct xlate_config *cfg,
			const struct xlate_known_runtime *k)
{
	if (!cfg->given.preserve_argv0)
		cfg->sw.preserve_argv0 = k->modes.preserve_argv0;
	if (!cfg->given.open_binary)
		cfg->sw.open_binary = k->modes.open_binary;
	if (!cfg->given.credentials)
		cfg->sw.credentials = k->modes.credentials;
}

/*
 * Publish the runtime the search found, with the known modes of a known
 * runtime for the switches nobody set by hand, unless the search was
 * ended meanwhile.  Return: 0, -EALREADY when an administrator set a
 * runtime meanwhile, -ENOMEM, or -ENODEV.
 */
static int search_publish(enum xlate_abi abi, const char *path,
			  struct file *file, const char *source)
{
	struct xlate_config *cur, *cfg;
	const struct xlate_known_runtime *k = known_runtime(abi, path);
	int ret = 0;

	xlate_config_lock();
	cur = xlate_config_current(abi);
	if (!cur) {
		ret = -ENODEV;
	} else if (!searches[abi].pending) {
		ret = -EALREADY;
	} else {
		cfg = xlate_config_new(cur, path, file, NULL, 0);
		ret = cfg ? 0 : -ENOMEM;
		if (cfg) {
			cfg->known = k;
			if (k)
				known_modes(cfg, k);
			ret = xlate_runtime_default_line(cfg, abi);
		}
		publish_locked(abi, cfg, ret, source);
	}
	xlate_config_unlock();
	if (ret)
		runtime_release(file);
	return ret;
}

/* End @abi's search: its given runtime can never be used. */
static void search_end(enum xlate_abi abi)
{
	xlate_config_lock();
	WRITE_ONCE(searches[abi].pending, false);
	xlate_config_unlock();
}

/*
 * Search for @abi's runtime once, if its search is still on, and log
 * the outcome.  Return: false once unload has begun.
 */
static bool search_abi(enum xlate_abi abi)
{
	const char *given = searches[abi].given;
	const char *param = xlate_abi_param(abi);
	const char *why = NULL;
	struct file *file;
	char *path;
	int ret;

	lockdep_assert_held(&search_lock);
	if (!READ_ONCE(searches[abi].pending))
		return true;
	path = kmalloc(XLATE_RUNTIME_PATH_MAX, GFP_KERNEL);
	if (!path) {
		pr_err("cannot look for %s: out of memory; looking again when init execs\n",
		       param);
		return true;
	}
	ret = search_find(abi, given, path, &file, &why);
	if (ret == SEARCH_STOPPED) {
		kfree(path);
		return false;
	}
	if (!ret) {
		ret = search_publish(abi, path, file,
				     given ? "load" : "autodetect");
		if (!ret && !given)
			pr_info("found %s \"%s\"\n", param, path);
		else if (ret == -EALREADY)
			pr_info("%s \"%s\" found, but %s was set meanwhile: keeping that\n",
				param, path, param);
		else if (ret == -ENOMEM)
			pr_err("%s \"%s\" found, but out of memory to apply it; looking again when init execs\n",
			       param, path);
	} else if (ret == -EALREADY) {
		/* Set meanwhile: that write logged it. */
	} else if (!given) {
		pr_info("no %s found; %s programs will not run until one is set in /sys/module/xlate/parameters/%s\n",
			param, xlate_abi_name(abi), param);
	} else if (ret == -ENOENT || ret == -ETIMEDOUT || ret == -ENOMEM ||
		   ret == -EINTR) {
		pr_warn("%s \"%s\" not available yet (%d): retrying when init starts\n",
			param, given, ret);
	} else {
		pr_warn("%s %s rejected: %s (%d)\n", param, given, why, ret);
		search_end(abi);
	}
	kfree(path);
	return ret != -ENODEV;
}

static void search_all(void)
{
	int abi;

	for (abi = 0; abi < XLATE_NR_ABIS; abi++)
		if (!search_abi(abi))
			break;
}

static void search_retry_fn(struct work_struct *work)
{
	mutex_lock(&search_lock);
	search_all();
	mutex_unlock(&search_lock);
}

/**
 * xlate_runtime_search_prepare() - set what @abi's load-time search does
 * @abi: XLATE_ABI_X86_64 or XLATE_ABI_I386
 * @given: the path given at load, valid as long as the module; "" for
 *	none (no search), or NULL to look for a known runtime
 *
 * Called with xlate_config_lock() held, as the load-time configuration
 * is published, so that a runtime set from then on ends the search.
 * Nothing is searched before xlate_runtime_start().
 */
void xlate_runtime_search_prepare(enum xlate_abi abi, const char *given)
{
	searches[abi].given = given;
	WRITE_ONCE(searches[abi].pending, !given || *given);
}

/**
 * xlate_runtime_start() - search for the load-time runtimes
 *
 * Part of init after its last step that can fail: it may leave a
 * kthread behind.  Returns when each ABI's runtime was found or the
 * search gave up; a lookup that blocks costs at most 2 s per path.
 * From now on each exec of PID 1 searches again while a search is on.
 */
void xlate_runtime_start(void)
{
	mutex_lock(&search_lock);
	/* An exec of PID 1 from now on queues a retry, run after this. */
	WRITE_ONCE(search_started, true);
	search_all();
	mutex_unlock(&search_lock);
}

/**
 * xlate_runtime_boot_pending() - is a load-time search still on?
 *
 * Safe in atomic context.
 *
 * Return: true while xlate_runtime_boot_exec() has something to do.
 */
bool xlate_runtime_boot_pending(void)
{
	int abi;

	if (!READ_ONCE(search_started))
		return false;
	for (abi = 0; abi < XLATE_NR_ABIS; abi++)
		if (READ_ONCE(searches[abi].pending))
			return true;
	return false;
}

/**
 * xlate_runtime_boot_exec() - PID 1 has exec'd: search again
 *
 * Called from the exec tracepoint (atomic context) for every exec of
 * the global init while xlate_runtime_boot_pending().
 */
void xlate_runtime_boot_exec(void)
{
	queue_work(system_long_wq, &search_retry_work);
}

/**
 * xlate_runtime_exit() - stop searching at module exit
 *
 * Called after the exec tracepoint is gone, so nothing queues a retry
 * again; waits for one that runs.  Unload has begun, so that search
 * starts no lookup: each started one holds a module reference, and
 * module exit runs only once they all ended.
 */
void xlate_runtime_exit(void)
{
	WRITE_ONCE(search_started, false);
	cancel_work_sync(&search_retry_work);
}
