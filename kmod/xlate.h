/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xlate: declarations shared by the module's files.  Include it first
 * in every kernel-side .c file so pr_fmt applies everywhere.
 */
#ifndef XLATE_H
#define XLATE_H

#ifndef pr_fmt
#define pr_fmt(fmt) "xlate: " fmt
#endif

#include <linux/fs.h>
#include <linux/ftrace.h>
#include <linux/kobject.h>
#include <linux/kprobes.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/types.h>

#include "compat.h"
#include "lib/binfmt_line.h"

/* The x86 ABIs xlate translates, each with its own runtime and switches. */
enum xlate_abi {
	XLATE_ABI_X86_64,	/* runtime, enabled, preserve_argv0, ... */
	XLATE_ABI_I386,		/* runtime32, enabled32, preserve_argv0_32, ... */
	XLATE_NR_ABIS
};

/* An ABI's name in log lines. */
static inline const char *xlate_abi_name(enum xlate_abi abi)
{
	return abi == XLATE_ABI_I386 ? "i386" : "x86-64";
}

/* The parameter that sets an ABI's runtime. */
static inline const char *xlate_abi_param(enum xlate_abi abi)
{
	return abi == XLATE_ABI_I386 ? "runtime32" : "runtime";
}

/* The mode switches of one ABI. */
struct xlate_switches {
	bool enabled;
	bool preserve_argv0;
	bool open_binary;
	bool credentials;
};

/*
 * runtime.c: a runtime xlate knows, with the modes its own package
 * registers it with and that package's registration line
 * (lib/runtime_lines.h); cmdline: what cmdline=auto does for it.
 */
struct xlate_known_runtime {
	const char *path;
	struct xlate_switches modes;
	bool cmdline;
	const char *line;
};

/* The cmdline and exe switches: auto follows the known-runtime tables. */
#define XLATE_CMDLINE_AUTO	(-1)
#define XLATE_CMDLINE_OFF	0
#define XLATE_CMDLINE_ON	1

/*
 * config.c: one ABI's configuration, immutable once published; an exec
 * takes a reference and uses that snapshot throughout.
 */
struct xlate_config {
	refcount_t ref;
	struct rcu_head rcu;
	struct file *runtime;	/* opened with open_exec(); NULL: none */
	const struct inode *runtime_inode; /* its inode, only compared */
	const struct xlate_known_runtime *known; /* its entry, or NULL */
	struct xlate_switches sw;
	struct xlate_switches given; /* set by hand: known modes leave them */
	bool execfd;		/* open_binary or credentials: AT_EXECFD */
	int cmdline_mode;	/* XLATE_CMDLINE_AUTO, _ON or _OFF */
	bool cmdline;		/* resolved: /proc/PID/cmdline shows the program */
	int exe_mode;		/* the same, for exe */
	bool exe;		/* resolved: mm->exe_file is the program's file */
	/*
	 * The registration line in force: its offset, magic and mask decide
	 * which files go to the runtime, as binfmt_misc's check_file().
	 * From a line written to the config file, or else the runtime's own
	 * package's line (qemu-user's for a runtime xlate does not know).
	 */
	struct xlate_binfmt_magic m;
	char name[XLATE_BINFMT_NAME_MAX + 1];	/* the line's name */
	/*
	 * The line as written to the config file, without the newline
	 * binfmt_misc strips, in this object's allocation after path[];
	 * NULL once a parameter changed what it says, or when none was.
	 */
	const char *line;
	size_t line_len;
	char source[16];	/* "config", "parameters", "load", ... */
	char path[];		/* as configured; "" when runtime is NULL */
};

/* Readers: an exec, and atomic context under rcu_read_lock(). */
struct xlate_config *xlate_config_get_abi(enum xlate_abi abi);
void xlate_config_put(struct xlate_config *cfg);
struct xlate_config *xlate_config_rcu_abi(enum xlate_abi abi);
bool xlate_config_is_runtime(const struct file *file);

/* Writers: build a new object, then publish it under the lock. */
int xlate_config_may_write(void);
void xlate_config_lock(void);
void xlate_config_unlock(void);
struct xlate_config *xlate_config_current(enum xlate_abi abi);
struct xlate_config *xlate_config_new(const struct xlate_config *from,
				      const char *path, struct file *runtime,
				      const char *line, size_t line_len);
struct xlate_config *xlate_config_dup(const struct xlate_config *from);
void xlate_config_publish(enum xlate_abi abi, struct xlate_config *cfg);
void xlate_config_log(void);
void xlate_config_exit(void);

/* params.c: the module parameters */
int xlate_params_init(void);

/* config_line.c: /sys/kernel/xlate/config and config32 */
int xlate_config_line_init(struct kobject *kobj);
void xlate_config_line_exit(void);

/* runtime.c: opening and checking a runtime, and the load-time search */
const char *xlate_runtime_errmsg(int err);
const char *xlate_runtime_privilege(struct file *file);
struct file *xlate_runtime_open(const char *path, const char **why);
int xlate_runtime_default_line(struct xlate_config *cfg, enum xlate_abi abi);
int xlate_runtime_set(enum xlate_abi abi, const char *path,
		      struct file *file, const struct xlate_binfmt_line *line,
		      const char *text, size_t len, const char *source);
void xlate_runtime_search_prepare(enum xlate_abi abi, const char *given);
void xlate_runtime_start(void);
void xlate_runtime_exit(void);
bool xlate_runtime_boot_pending(void);
void xlate_runtime_boot_exec(void);

/* stats.c: per-CPU counters shown under /sys/kernel/xlate/stats/. */
enum xlate_stat {
	XLATE_STAT_TRANSLATED,
	XLATE_STAT_PASSED_OVER,
	XLATE_STAT_REFUSED_DISABLED,
	XLATE_STAT_REFUSED_NO_RUNTIME,
	XLATE_STAT_REFUSED_INACCESSIBLE,
	XLATE_STAT_FAILED,
	XLATE_STAT_UNAME,
	XLATE_STAT_CPUINFO,
	XLATE_STAT_TRANSLATED_I386,	/* of TRANSLATED, i386 ones */
	XLATE_STAT_REFUSED_NO_RUNTIME32,	/* of REFUSED_NO_RUNTIME, i386 */
	XLATE_STAT_CMDLINE_PROGRAM,
	XLATE_STAT_CMDLINE_KEPT,
	XLATE_STAT_EXE_PROGRAM,
	XLATE_STAT_EXE_KEPT,
	XLATE_NR_STATS
};

void xlate_stat_inc(enum xlate_stat stat);
int xlate_stats_init(struct kobject *parent);
void xlate_stats_exit(void);

/* sysfs.c: /sys/kernel/xlate/ */
struct kobject *xlate_sysfs_init(void);
void xlate_sysfs_exit(void);

/* binfmt_x86.c */
int xlate_binfmt_init(void);
void xlate_binfmt_start(void);
void xlate_binfmt_exit(void);

/* marker.c */
int xlate_marker_init(void);
void xlate_marker_exit(void);

/* cmdline.c: /proc/PID/cmdline of a translated task shows the program */
struct linux_binprm;
void xlate_cmdline_after_exec(struct linux_binprm *bprm);

/* exe.c: mm->exe_file of a translated task is the program's file */
void xlate_exe_keep_program(struct linux_binprm *bprm);
void xlate_exe_after_exec(struct linux_binprm *bprm);

/*
 * probe.c: entry hooks on kernel functions, which view.c arms and
 * disarms repeatedly, with the cheapest mechanism the kernel offers
 * (XLATE_PROBE_FTRACE, compat.h: an ftrace callback, or a kprobe); the
 * hooks do not see which.
 *
 * @entry runs at every call of @symbol, in the caller's context, before
 * the function's first instruction; it must not sleep.  It returns NULL
 * to let the function run, or, for a probe with @replaces set, a
 * function of the same prototype to run instead: that function gets
 * the call's arguments and returns to the caller.
 */
struct xlate_probe {
	const char *symbol;
	void *(*entry)(void);
	bool replaces;
	unsigned long missed_before;	/* misses of earlier armings */
	atomic_long_t missed_hook;	/* misses the hook itself noted */
#if XLATE_PROBE_FTRACE
	unsigned long ip;		/* @symbol's address, once looked up */
	struct ftrace_ops ops;
#else
	struct kprobe kp;
#endif
};

int xlate_probe_register(struct xlate_probe *p);
void xlate_probe_unregister(struct xlate_probe *p);
unsigned long xlate_probe_missed(const struct xlate_probe *p);
void xlate_probe_note_miss(struct xlate_probe *p);
void xlate_probe_module_put(void);
void xlate_probe_exit(void);
const char *xlate_probe_mechanism(void);

/* uname_hook.c and cpuinfo_hook.c */
extern struct xlate_probe xlate_uname_probe;
extern struct xlate_probe xlate_cpuinfo_probe;

/* view.c: the x86-view hooks are armed only while marked tasks exist */
int xlate_view_init(void);
void xlate_view_start(void);
void xlate_view_exit(void);
void xlate_view_arm(void);
void xlate_view_note_exec(void);

#endif /* XLATE_H */
