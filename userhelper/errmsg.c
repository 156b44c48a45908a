// SPDX-License-Identifier: GPL-2.0
/*
 * Turning an errno from a sysfs write into a sentence that says what to
 * fix (design.rst, "Errors of a runtime write").
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "xlatectl.h"

static const struct {
	int err;
	const char *name;
} errno_names[] = {
	{ EPERM, "EPERM" },	{ ENOENT, "ENOENT" },	{ EIO, "EIO" },
	{ E2BIG, "E2BIG" },	{ ENOEXEC, "ENOEXEC" },	{ ENOMEM, "ENOMEM" },
	{ EACCES, "EACCES" },	{ EBUSY, "EBUSY" },	{ EEXIST, "EEXIST" },
	{ ENODEV, "ENODEV" },	{ ENOTDIR, "ENOTDIR" },	{ EISDIR, "EISDIR" },
	{ EINVAL, "EINVAL" },	{ ETXTBSY, "ETXTBSY" },	{ EROFS, "EROFS" },
	{ ENOSPC, "ENOSPC" },	{ ERANGE, "ERANGE" },	{ ELOOP, "ELOOP" },
	{ ENAMETOOLONG, "ENAMETOOLONG" },
	{ EOPNOTSUPP, "EOPNOTSUPP" },	{ ESTALE, "ESTALE" },
};

/**
 * errno_name() - "ENOENT" for ENOENT
 * @err: a positive errno
 *
 * Return: the symbolic name, or "errno N" for one not in the table.
 */
const char *errno_name(int err)
{
	static char other[24];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(errno_names); i++)
		if (errno_names[i].err == err)
			return errno_names[i].name;
	snprintf(other, sizeof(other), "errno %d", err);
	return other;
}

/**
 * open_errmsg() - what to do about an open(2) error of a sysfs file
 * @err: the positive errno
 *
 * These are common to every change.
 *
 * Return: a sentence, or NULL when there is nothing better than
 * strerror().
 */
const char *open_errmsg(int err)
{
	switch (err) {
	case EACCES:
		return "permission denied: run as root";
	case ENOENT:
		return "no such file: is the xlate module loaded?";
	case EROFS:
		return "sysfs is mounted read-only";
	default:
		return NULL;
	}
}

struct errmsg {
	int err;
	const char *msg;
};

static const char *lookup(const struct errmsg *tab, size_t n, int err)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (tab[i].err == err)
			return tab[i].msg;
	return NULL;
}

static const struct errmsg runtime_msgs[] = {
	{ EPERM,
	  "needs CAP_SYS_ADMIN in the initial user namespace, or the runtime is not owned by root / is writable by group or others / is set-id / has file capabilities (dmesg says which)",
	},
	{ EINVAL,
	  "the path must be absolute, without control characters and without \".\" or \"..\" components",
	},
	{ ENAMETOOLONG, "the path is too long (4096 bytes or more)" },
	{ ENOENT, "no such file" },
	{ EACCES,
	  "not a regular executable file, or on a noexec mount: check its mode and the mount options",
	},
	{ ENOEXEC,
	  "not an ELF executable for this machine: the runtime must be a native program (e.g. the arm64 build of qemu-x86_64-static)",
	},
	{ ETXTBSY,
	  "the file is open for writing by another process: wait until it is written completely",
	},
	{ ENOMEM, "out of memory" },
};

/**
 * runtime_errmsg() - what to do about a failed write of the runtime
 * @err: the positive errno of a write to
 *       /sys/module/xlate/parameters/runtime
 *
 * Return: a sentence, or NULL for an errno the module does not return.
 */
const char *runtime_errmsg(int err)
{
	return lookup(runtime_msgs, ARRAY_SIZE(runtime_msgs), err);
}

/**
 * switch_errmsg() - what to do about a failed write of a switch
 * @err: the positive errno of a write to one of the on/off parameters
 *
 * Return: a sentence, or NULL for an errno the module does not return.
 */
const char *switch_errmsg(int err)
{
	switch (err) {
	case EPERM:
		return "needs CAP_SYS_ADMIN in the initial user namespace";
	case EINVAL:
		return "not a boolean: use on or off";
	case ENOMEM:
		return "out of memory";
	default:
		return NULL;
	}
}

static const struct errmsg cpuinfo_msgs[] = {
	{ EPERM, "needs CAP_SYS_ADMIN in the initial user namespace" },
	{ EINVAL,
	  "invalid value: numbers must be in range, flags and bugs must be names the kernel knows, each given once (see dmesg)",
	},
	{ E2BIG, "value too long" },
	{ ENOENT, "unknown field" },
	{ ENOMEM, "out of memory" },
	{ ESTALE,
	  "the x86-64 runtime changed while the probe ran: run xlatectl cpuinfo sync again",
	},
};

/**
 * cpuinfo_errmsg() - what to do about a failed write of a profile field
 * @err: the positive errno of a write to /sys/kernel/xlate/cpuinfo/<field>
 *
 * Return: a sentence, or NULL for an errno the module does not return.
 */
const char *cpuinfo_errmsg(int err)
{
	return lookup(cpuinfo_msgs, ARRAY_SIZE(cpuinfo_msgs), err);
}

/**
 * config_errmsg() - what to do about a failed write of a registration line
 * @err: the positive errno of a write to /sys/kernel/xlate/config
 *
 * EINVAL is the line (dmesg says why) or the interpreter's syntax; the
 * other errors are those of a runtime write.
 *
 * Return: a sentence, or NULL for an errno the module does not return.
 */
const char *config_errmsg(int err)
{
	static const struct errmsg config_msgs[] = {
		{ EINVAL,
		  "the kernel refused the line (dmesg: \"config line rejected: ...\"): magic and mask must select x86-64 ELF, and the interpreter must be an absolute path without control characters or \".\"/\"..\" components",
		},
	};

	return lookup(config_msgs, ARRAY_SIZE(config_msgs), err) ?:
	       runtime_errmsg(err);
}

/**
 * report_write_error() - print why a change failed
 * @what: what was being changed, e.g. "set runtime /usr/bin/x"
 * @err: the positive errno
 * @at_open: whether open(2) failed, rather than the write
 * @msg: the write's errno-to-sentence map
 */
void report_write_error(const char *what, int err, bool at_open,
			const char *(*msg)(int err))
{
	const char *s = at_open ? open_errmsg(err) : msg(err);

	if (!s)
		s = strerror(err);
	fprintf(stderr, "xlatectl: %s: %s (%s)\n", what, s, errno_name(err));
}

/**
 * not_loaded() - say that the module is not loaded
 *
 * Return: EXIT_NOT_LOADED, the exit code for that case.
 */
int not_loaded(void)
{
	fprintf(stderr,
		"xlatectl: the xlate module is not loaded (modprobe xlate)\n");
	return EXIT_NOT_LOADED;
}
