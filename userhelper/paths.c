// SPDX-License-Identifier: GPL-2.0
/*
 * Where xlatectl finds sysfs and procfs, and small file helpers.
 * XLATECTL_SYSFS_ROOT and XLATECTL_PROC_ROOT replace /sys and /proc, and
 * XLATECTL_ROOT is put before the other files xlatectl reads (import's
 * registration directories and interpreters), so the host unit tests
 * can run against a fake tree.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xlatectl.h"

static const char *root_from_env(const char *var, const char *dflt)
{
	const char *r = getenv(var);

	return r && *r ? r : dflt;
}

/**
 * sys_root() - where sysfs is
 *
 * Return: $XLATECTL_SYSFS_ROOT if set and not empty, else "/sys".
 */
const char *sys_root(void)
{
	return root_from_env("XLATECTL_SYSFS_ROOT", "/sys");
}

/**
 * proc_root() - where procfs is
 *
 * Return: $XLATECTL_PROC_ROOT if set and not empty, else "/proc".
 */
const char *proc_root(void)
{
	return root_from_env("XLATECTL_PROC_ROOT", "/proc");
}

/**
 * fake_roots() - is xlatectl looking at a test tree?
 *
 * Return: true when sysfs is not at /sys.
 */
bool fake_roots(void)
{
	return strcmp(sys_root(), "/sys") != 0;
}

/* @abs starts with @prefix ("/sys" or "/proc"); swap it for @root. */
static void rooted(char *buf, size_t size, const char *abs,
		   const char *prefix, const char *root)
{
	size_t n = strlen(prefix);

	if (!strncmp(abs, prefix, n) && (abs[n] == '/' || !abs[n]))
		abs += n;
	snprintf(buf, size, "%s%s", root, abs);
}

/**
 * sys_path() - where a sysfs path is, below sys_root()
 * @buf: destination, always NUL-terminated (cut short if too small)
 * @size: bytes of @buf
 * @abs: the path as it is on a real system, starting with /sys
 */
void sys_path(char *buf, size_t size, const char *abs)
{
	rooted(buf, size, abs, "/sys", sys_root());
}

/**
 * proc_path() - where a procfs path is, below proc_root()
 * @buf: destination, always NUL-terminated (cut short if too small)
 * @size: bytes of @buf
 * @abs: the path as it is on a real system, starting with /proc
 */
void proc_path(char *buf, size_t size, const char *abs)
{
	rooted(buf, size, abs, "/proc", proc_root());
}

/**
 * root_path() - where a file of the system is, below $XLATECTL_ROOT
 * @buf: destination, always NUL-terminated (cut short if too small)
 * @size: bytes of @buf
 * @abs: the absolute path as it is on a real system
 *
 * Not for /sys and /proc (sys_path(), proc_path()).
 */
void root_path(char *buf, size_t size, const char *abs)
{
	const char *r = getenv("XLATECTL_ROOT");

	snprintf(buf, size, "%s%s", r && strcmp(r, "/") ? r : "", abs);
}

/**
 * read_value() - read a small text file, without its trailing newline
 * @path: the file
 * @buf: destination, always NUL-terminated
 * @size: bytes of @buf
 *
 * Return: 0, or -errno of the open or read.
 */
int read_value(const char *path, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;
	int fd, err = 0;

	buf[0] = '\0';
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (len + 1 < size) {
		n = read(fd, buf + len, size - 1 - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			break;
		}
		if (n == 0)
			break;
		len += n;
	}
	close(fd);
	buf[len] = '\0';
	if (len && buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	return err;
}

/**
 * write_value() - write @value and a newline in one write(2)
 * @path: the file
 * @value: the text
 * @at_open: set to whether the error (if any) came from open(2)
 *
 * Return: 0, or -errno.
 */
int write_value(const char *path, const char *value, bool *at_open)
{
	size_t len = strlen(value);
	int flags = O_WRONLY | O_CLOEXEC;
	char *buf;
	ssize_t n;
	int fd, err = 0;

	/* sysfs ignores the file size; a regular file in a test needs this */
	if (fake_roots())
		flags |= O_TRUNC;
	*at_open = true;
	buf = malloc(len + 2);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, value, len);
	buf[len++] = '\n';
	fd = open(path, flags);
	if (fd < 0) {
		err = -errno;
		free(buf);
		return err;
	}
	*at_open = false;
	n = write(fd, buf, len);
	if (n < 0)
		err = -errno;
	else if ((size_t)n != len)
		err = -EIO;
	if (close(fd) && !err)
		err = -errno;
	free(buf);
	return err;
}

/**
 * module_loaded() - is the xlate module loaded?
 *
 * Return: true if /sys/module/xlate is a directory.
 */
bool module_loaded(void)
{
	char p[PATH_BUF];
	struct stat st;

	sys_path(p, sizeof(p), "/sys/module/xlate");
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/**
 * module_version() - the loaded module's version string
 * @buf: destination, always NUL-terminated
 * @size: bytes of @buf
 *
 * Read from /sys/module/xlate/version (MODULE_VERSION), else from
 * /sys/kernel/xlate/version.
 *
 * Return: 0, or -errno of the last read tried.
 */
int module_version(char *buf, size_t size)
{
	char p[PATH_BUF];

	sys_path(p, sizeof(p), "/sys/module/xlate/version");
	if (!read_value(p, buf, size) && *buf)
		return 0;
	sys_path(p, sizeof(p), XLATE_SYSFS_DIR "/version");
	return read_value(p, buf, size);
}
