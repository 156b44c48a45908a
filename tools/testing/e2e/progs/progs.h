/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small helpers shared by the e2e test programs.  Each program is one
 * .c file that includes this header; nothing here keeps state.
 */
#ifndef XLATE_E2E_PROGS_H
#define XLATE_E2E_PROGS_H

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* "ENOENT" for ENOENT; "E<number>" for errnos glibc cannot name. */
static inline const char *err_name(int err)
{
	static char buf[16];
	const char *name = strerrorname_np(err);

	if (name)
		return name;
	snprintf(buf, sizeof(buf), "E%d", err);
	return buf;
}

/*
 * Read the line of @path that starts with @key into @buf (without the
 * newline); return 1 if found, 0 if not, -errno if @path cannot be
 * opened.  @key "" matches the first line.
 */
static inline int file_line(const char *path, const char *key,
			    char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	int found = 0;

	if (!f)
		return -errno;
	while (fgets(buf, len, f)) {
		if (strncmp(buf, key, strlen(key)))
			continue;
		buf[strcspn(buf, "\n")] = '\0';
		found = 1;
		break;
	}
	fclose(f);
	return found;
}

/* Write @text to @path (a /proc file); 0 or -1 with errno. */
static inline int write_text(const char *path, const char *text)
{
	size_t len = strlen(text);
	int fd = open(path, O_WRONLY);
	int ret = 0;

	if (fd < 0)
		return -1;
	if (write(fd, text, len) != (ssize_t)len)
		ret = -1;
	if (close(fd) && !ret)
		ret = -1;
	return ret;
}

/*
 * Enter a new user namespace in which the caller's @uid and @gid are
 * root, as `unshare -U -r` does.  A uid change made the caller
 * non-dumpable, which makes the /proc/self maps root's: dumpable again
 * first.  Return NULL, or the step that failed (errno set).
 */
static inline const char *userns_map_self(unsigned int uid, unsigned int gid)
{
	char map[64];

	if (prctl(PR_SET_DUMPABLE, 1, 0, 0, 0))
		return "PR_SET_DUMPABLE";
	if (unshare(CLONE_NEWUSER))
		return "unshare(CLONE_NEWUSER)";
	if (write_text("/proc/self/setgroups", "deny"))
		return "/proc/self/setgroups";
	snprintf(map, sizeof(map), "0 %u 1\n", uid);
	if (write_text("/proc/self/uid_map", map))
		return "/proc/self/uid_map";
	snprintf(map, sizeof(map), "0 %u 1\n", gid);
	if (write_text("/proc/self/gid_map", map))
		return "/proc/self/gid_map";
	return NULL;
}

#endif /* XLATE_E2E_PROGS_H */
