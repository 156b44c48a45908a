// SPDX-License-Identifier: GPL-2.0
/* The files xlatectl knows, in the order design.rst lists them. */
#include <stddef.h>

#include "xlatectl.h"

const char *const param_names[] = {
	"runtime", "enabled", "preserve_argv0", "open_binary", "credentials",
	"runtime32", "enabled32", "preserve_argv0_32", "open_binary32",
	"credentials32", "cmdline", "exe", NULL
};

/* The on/off parameters. */
const char *const switch_names[] = {
	"enabled", "preserve_argv0", "open_binary", "credentials",
	"enabled32", "preserve_argv0_32", "open_binary32", "credentials32",
	NULL
};

const char *const stat_names[] = {
	"translated", "passed_over", "refused_disabled", "refused_no_runtime",
	"refused_inaccessible", "failed", "uname_virtualized",
	"cpuinfo_virtualized", "cmdline_program", "cmdline_kept", "hook_missed",
	"translated_i386", "refused_no_runtime32", "exe_program", "exe_kept",
	NULL
};

/* The profile's fields, in the order /proc/cpuinfo shows them. */
const char *const cpuinfo_fields[] = {
	"vendor_id", "model_name", "cpu_family", "model", "stepping",
	"microcode", "cpu_mhz", "cache_size", "cpuid_level", "flags", "bugs",
	"bogomips", "clflush_size", "cache_alignment", "phys_bits",
	"virt_bits", NULL
};

/* The write-only files of /sys/kernel/xlate/cpuinfo. */
const char *const cpuinfo_write_only[] = { "reset", "profile", NULL };
