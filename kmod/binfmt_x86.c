// SPDX-License-Identifier: GPL-2.0
/*
 * The binfmt handler: hand each file the registration line of its ABI
 * (runtime's, runtime32's) matches to that ABI's translator runtime, the
 * way fs/binfmt_misc.c does, so a runtime written for binfmt_misc cannot
 * tell the difference.
 */
#include "xlate.h"

#include <linux/binfmts.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/string.h>

#include "lib/binfmt_line.h"
#include "lib/marker.h"

/*
 * Rewrite the exec to run the runtime.  Mirrors load_misc_binary():
 * argv becomes "runtime path-of-binary argv[1..]" (or keeps argv[0]
 * after the path with preserve_argv0), and the runtime file becomes
 * bprm->interpreter for exec_binprm() to load.
 */
static int hand_off(struct linux_binprm *bprm, const struct xlate_config *cfg)
{
	struct file *interp;
	int ret;

	/*
	 * AT_FLAGS_PRESERVE_ARGV0 tells the runtime how the argv built here
	 * is laid out, so it follows this configuration alone.  An earlier
	 * binfmt_misc stage with P (an .exe registration whose interpreter
	 * is an x86 program) leaves the flag set, and binfmt_misc itself
	 * never clears it (6.1, 6.12 and 7.2 alike): a runtime without P
	 * would then drop the program's own argv[0].
	 */
	if (cfg->sw.preserve_argv0) {
		bprm->interp_flags |= BINPRM_FLAGS_PRESERVE_ARGV0;
	} else {
		bprm->interp_flags &= ~BINPRM_FLAGS_PRESERVE_ARGV0;
		ret = remove_arg_zero(bprm);
		if (ret)
			return ret;
	}
	if (cfg->execfd)
		bprm->have_execfd = 1;

	/* argv[1]: the path of the binary */
	ret = copy_string_kernel(bprm->interp, bprm);
	if (ret < 0)
		return ret;
	bprm->argc++;

	/* argv[0]: the runtime */
	ret = copy_string_kernel(cfg->path, bprm);
	if (ret < 0)
		return ret;
	bprm->argc++;

	ret = bprm_change_interp(cfg->path, bprm);
	if (ret < 0)
		return ret;

	/*
	 * The runtime was opened when it was configured (binfmt_misc's F
	 * flag): clone that open file so the runtime need not be visible
	 * in the caller's mount namespace or chroot.
	 */
	interp = file_clone_open(cfg->runtime);
	if (IS_ERR(interp))
		return PTR_ERR(interp);
	ret = exe_file_deny_write_access(interp);
	if (ret) {
		fput(interp);
		return ret;
	}
	bprm->interpreter = interp;
	if (cfg->sw.credentials)
		bprm->execfd_creds = 1;
	if (cfg->exe)
		xlate_exe_keep_program(bprm);
	/*
	 * Tag the exec as translated for marker.c, and mark the task as
	 * pending so the x86-view hooks stay armed until the exec is done.
	 */
	bprm->per_clear |= XLATE_PER_EXEC_TAG;
	current->personality = xlate_marker_at_handoff(current->personality);
	return 0;
}

/*
 * load_misc_binary() for xlate's two registrations, runtime's and
 * runtime32's, each of which has its line (config.c).  Each test below
 * either passes or ends the exec's turn here, at the one exit.
 */
static int load_x86_binary(struct linux_binprm *bprm)
{
	enum xlate_elf_abi elf = xlate_binfmt_header_abi(bprm->buf);
	enum xlate_stat stat = XLATE_STAT_PASSED_OVER;
	struct xlate_config *cfg = NULL;
	const char *name, *param, *why;
	enum xlate_abi abi;
	int ret = -ENOEXEC;

	BUILD_BUG_ON(XLATE_BINFMT_BUF_SIZE != BINPRM_BUF_SIZE);
	/*
	 * Every line xlate takes compares the ELF magic, EI_CLASS and
	 * e_machine in full, with x86-64's or i386's values: a file that
	 * has neither is matched by no line (a native exec costs this
	 * test alone), and one that has them is for that ABI's line.
	 */
	if (elf == XLATE_ELF_OTHER)
		goto out;
	abi = elf == XLATE_ELF_I386 ? XLATE_ABI_I386 : XLATE_ABI_X86_64;
	name = xlate_abi_name(abi);
	param = xlate_abi_param(abi);

	/*
	 * binfmt_misc's check_file(): the line's offset, magic and mask
	 * against bprm->buf (zero-filled past the end of a shorter file)
	 * alone decide whether the file is the runtime's.
	 */
	cfg = xlate_config_get_abi(abi);
	if (!cfg || !xlate_binfmt_match(&cfg->m, bprm->buf))
		goto out;
	/* binfmt_misc's disabled entry: the file goes on to other formats */
	if (!cfg->sw.enabled) {
		stat = XLATE_STAT_REFUSED_DISABLED;
		goto out;
	}
	if (!cfg->runtime) {
		/* the caller chose the name: escape control characters */
		pr_warn_ratelimited("%*pE: %s executable refused: no %s set; write its path to /sys/module/xlate/parameters/%s or run 'xlatectl set %s PATH'\n",
				    (int)min_t(size_t, strlen(bprm->filename), 256),
				    bprm->filename, name, param, param, param);
		stat = XLATE_STAT_REFUSED_NO_RUNTIME;
		if (abi == XLATE_ABI_I386)
			xlate_stat_inc(XLATE_STAT_REFUSED_NO_RUNTIME32);
		goto out;
	}
	/*
	 * binfmt_misc refuses when the path is gone after exec (execveat
	 * of an O_CLOEXEC descriptor).  The runtime cannot open it either,
	 * unless it is given the file as AT_EXECFD.
	 */
	if ((bprm->interp_flags & BINPRM_FLAGS_PATH_INACCESSIBLE) &&
	    !cfg->execfd) {
		stat = XLATE_STAT_REFUSED_INACCESSIBLE;
		ret = -ENOENT;
		goto out;
	}
	/*
	 * The runtime's set-id bits and file capabilities may have been
	 * added after it was configured; with credentials=0 they would
	 * decide the credentials of the program it runs.
	 */
	why = NULL;
	if (!cfg->sw.credentials)
		why = xlate_runtime_privilege(cfg->runtime);
	if (why) {
		pr_warn_ratelimited("%s execs refused: %s %s is now %s; remove that or configure the runtime again\n",
				    name, param, cfg->path, why);
		stat = XLATE_STAT_FAILED;
		ret = -EPERM;
		goto out;
	}
	stat = XLATE_STAT_FAILED;
	ret = hand_off(bprm, cfg);
	if (!ret) {
		stat = XLATE_STAT_TRANSLATED;
		if (abi == XLATE_ABI_I386)
			xlate_stat_inc(XLATE_STAT_TRANSLATED_I386);
		xlate_view_arm();
	}
out:
	/* not the runtime's: a native exec, or another format's */
	if (stat == XLATE_STAT_PASSED_OVER)
		xlate_view_note_exec();
	xlate_stat_inc(stat);
	xlate_config_put(cfg);
	return ret;
}

static struct linux_binfmt xlate_format = {
	.module		= THIS_MODULE,
	.load_binary	= load_x86_binary,
};

/*
 * binfmt_misc also inserts itself at the head of the format list, so
 * when it is loaded after xlate its registrations are asked first.
 * Moving xlate back to the head is not safe: unregister_binfmt()
 * poisons the entry's list pointers, and an exec that has just left
 * load_binary() goes on walking the list from it.  Only module exit
 * may unregister, when no exec can be inside.  The softdep in main.c
 * makes modprobe load binfmt_misc first; this warns when it came later
 * anyway (insmod, or binfmt_misc loaded by hand).
 */
#ifdef CONFIG_MODULES
static int binfmt_misc_notify(struct notifier_block *nb, unsigned long action,
			      void *data)
{
	struct module *mod = data;

	if (action == MODULE_STATE_LIVE && !strcmp(mod->name, "binfmt_misc"))
		pr_warn("binfmt_misc was loaded after xlate: its x86-64 registrations are now asked first; reload xlate to take x86-64 executables first again\n");
	return NOTIFY_DONE;
}

static struct notifier_block binfmt_misc_nb = {
	.notifier_call = binfmt_misc_notify,
};

static int watch_binfmt_misc(void)
{
	return register_module_notifier(&binfmt_misc_nb);
}

static void unwatch_binfmt_misc(void)
{
	unregister_module_notifier(&binfmt_misc_nb);
}
#else
/* Without modules, xlate and binfmt_misc (if any) are both built in. */
static int watch_binfmt_misc(void)
{
	return 0;
}

static void unwatch_binfmt_misc(void)
{
}
#endif

/**
 * xlate_binfmt_init() - prepare to handle execs
 *
 * Watches for binfmt_misc to be loaded later (see above).
 *
 * Return: 0 or a negative errno.
 */
int xlate_binfmt_init(void)
{
	int ret = watch_binfmt_misc();

	if (ret)
		pr_err("cannot watch module loads: %d\n", ret);
	return ret;
}

/**
 * xlate_binfmt_start() - start handling execs
 *
 * Registers at the head of the format list, ahead of binfmt_misc, so a
 * binfmt_misc registration for x86-64 is only used while xlate passes
 * x86-64 executables over (disabled or no runtime).  The last step of
 * init: an exec runs module code from here on.
 */
void xlate_binfmt_start(void)
{
	insert_binfmt(&xlate_format);
}

/**
 * xlate_binfmt_exit() - stop handling execs
 */
void xlate_binfmt_exit(void)
{
	unregister_binfmt(&xlate_format);
	unwatch_binfmt_misc();
}
