// SPDX-License-Identifier: GPL-2.0
/*
 * xlate: run x86-64 Linux programs on arm64 through a userspace
 * translator, the way binfmt_misc would, and give translated tasks an
 * x86 view of uname(2) and /proc/cpuinfo.
 *
 * Init has two halves.  The first may fail, and each of its steps is
 * undone on failure: sysfs, the configuration (parameters given at load
 * only record values, params.c, so a load that fails, here or in the
 * module loader, holds nothing), then the exec tracepoint and the
 * personality probe, whose effects end when they are unregistered.  A
 * failed init frees the module whatever its reference count, so what
 * can outlive an undo starts only in the second half, which cannot
 * fail: the x86-view hooks (a /proc/cpuinfo file or a uname task_work
 * holds a module reference), the runtime search (its kthreads run
 * module code), and the binfmt handler last, so that nothing is
 * visible before it can work.  Exit takes them down in reverse, the
 * exec tracepoint before the runtime search it restarts.
 */
#include "xlate.h"

#include <linux/err.h>
#include <linux/module.h>
#include <linux/utsname.h>

#include "compat.h"
#include "cpuinfo.h"
#include "lib/marker.h"

static int __init xlate_init(void)
{
	struct kobject *kobj;
	int ret;

	/*
	 * Our bits must not collide with the kernel's personality flags,
	 * and the exec tags (bprm->per_clear) with the marker or each
	 * other.
	 */
	BUILD_BUG_ON((XLATE_PER_MARKER | XLATE_PER_EXEC_TAG |
		      XLATE_PER_EXEC_EXE) & (PER_MASK | UNAME26 |
		     ADDR_NO_RANDOMIZE | FDPIC_FUNCPTRS | MMAP_PAGE_ZERO |
		     ADDR_COMPAT_LAYOUT | READ_IMPLIES_EXEC | ADDR_LIMIT_32BIT |
		     SHORT_INODE | WHOLE_SECONDS | STICKY_TIMEOUTS |
		     ADDR_LIMIT_3GB));
	BUILD_BUG_ON((XLATE_PER_EXEC_TAG | XLATE_PER_EXEC_EXE) &
		     XLATE_PER_MARKER);
	BUILD_BUG_ON(XLATE_PER_EXEC_TAG & XLATE_PER_EXEC_EXE);

	if (!XLATE_HOST_IS_ARM64) {
		pr_err("xlate runs x86-64 programs on arm64 hosts; this is a %s kernel, which runs them natively\n",
		       utsname()->machine);
		return -ENODEV;
	}

	kobj = xlate_sysfs_init();
	if (IS_ERR(kobj))
		return PTR_ERR(kobj);
	ret = xlate_stats_init(kobj);
	if (ret)
		goto err_sysfs;
	ret = xlate_cpuinfo_init(kobj);
	if (ret)
		goto err_stats;
	ret = xlate_params_init();
	if (ret)
		goto err_cpuinfo;
	ret = xlate_config_line_init(kobj);
	if (ret)
		goto err_config;
	ret = xlate_marker_init();
	if (ret)
		goto err_config_line;
	ret = xlate_view_init();
	if (ret)
		goto err_marker;
	ret = xlate_binfmt_init();
	if (ret)
		goto err_view;

	/* Nothing below fails. */
	xlate_view_start();
	xlate_runtime_start();
	xlate_config_log();
	xlate_binfmt_start();
	pr_info("version %s loaded, x86-view hooks: %s\n", XLATE_VERSION,
		xlate_probe_mechanism());
	return 0;

err_view:
	xlate_view_exit();
err_marker:
	xlate_marker_exit();
err_config_line:
	xlate_config_line_exit();
err_config:
	xlate_config_exit();
err_cpuinfo:
	xlate_cpuinfo_exit();
err_stats:
	xlate_stats_exit();
err_sysfs:
	xlate_sysfs_exit();
	return ret;
}

static void __exit xlate_exit(void)
{
	xlate_binfmt_exit();
	xlate_view_exit();
	xlate_marker_exit();
	xlate_runtime_exit();
	xlate_config_line_exit();
	xlate_config_exit();
	xlate_cpuinfo_exit();
	xlate_stats_exit();
	xlate_sysfs_exit();
	pr_info("unloaded\n");
}
module_init(xlate_init);
module_exit(xlate_exit);

MODULE_DESCRIPTION("Run x86-64 programs through a userspace translator, binfmt_misc-compatible");
MODULE_AUTHOR("The xlate authors");
MODULE_LICENSE("GPL");
MODULE_VERSION(XLATE_VERSION);
/* Load binfmt_misc first so xlate's handler is inserted ahead of it. */
MODULE_SOFTDEP("pre: binfmt_misc");
