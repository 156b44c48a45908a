// SPDX-License-Identifier: GPL-2.0
/*
 * The personality marker's exec rules, applied from the
 * sched_process_exec tracepoint.  That tracepoint fires only after an
 * exec has succeeded.  binfmt_x86.c tags a translated exec through
 * bprm->per_clear and gives its task the pending marker.  A translated
 * task that execs the runtime's own file (FEX and box64 start x86
 * children so) counts as translated too, unless the exec is a secure
 * one (lib/marker.h).
 *
 * The same tracepoint restarts the search for the load-time runtime
 * when PID 1 execs (runtime.c), since the root file system may hold it.
 */
#include "xlate.h"

#include <linux/binfmts.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

#include "lib/marker.h"

static struct tracepoint *tp_exec;

static void xlate_on_exec(void *data, struct task_struct *p, pid_t old_pid,
			  struct linux_binprm *bprm)
{
	bool tagged = bprm->per_clear & XLATE_PER_EXEC_TAG;
	bool runtime = false;
	bool translated;

	/* The configuration is looked at only for translated tasks. */
	if (!tagged && xlate_marker_is_translated(p->personality))
		runtime = xlate_config_is_runtime(bprm->file);
	translated = xlate_marker_exec_translated(p->personality, tagged,
						  runtime, bprm->secureexec);
	/* p is current: only the task itself writes its personality. */
	p->personality = xlate_marker_after_exec(p->personality, translated,
						 bprm->secureexec);
	/* Only a hand-off built the argv block cmdline.c expects. */
	if (tagged) {
		xlate_cmdline_after_exec(bprm);
		xlate_exe_after_exec(bprm);
	}
	if (unlikely(xlate_runtime_boot_pending()) && is_global_init(p))
		xlate_runtime_boot_exec();
}

static void find_exec_tracepoint(struct tracepoint *tp, void *priv)
{
	if (!strcmp(tp->name, "sched_process_exec"))
		*(struct tracepoint **)priv = tp;
}

/**
 * xlate_marker_init() - attach to the sched_process_exec tracepoint
 *
 * Return: 0 or a negative errno.
 */
int xlate_marker_init(void)
{
	int ret;

	for_each_kernel_tracepoint(find_exec_tracepoint, &tp_exec);
	if (!tp_exec) {
		pr_err("tracepoint sched_process_exec not found\n");
		return -ENOENT;
	}
	ret = tracepoint_probe_register(tp_exec, (void *)xlate_on_exec, NULL);
	if (ret) {
		pr_err("cannot attach to sched_process_exec: %d\n", ret);
		tp_exec = NULL;
	}
	return ret;
}

/**
 * xlate_marker_exit() - detach from the tracepoint and wait for probes
 */
void xlate_marker_exit(void)
{
	if (!tp_exec)
		return;
	tracepoint_probe_unregister(tp_exec, (void *)xlate_on_exec, NULL);
	tracepoint_synchronize_unregister();
	tp_exec = NULL;
}
