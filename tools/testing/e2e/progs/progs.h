/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small helpers shared by the e2e test programs.  Each program is one
 * .c file that includes this header; nothing here keeps state.
 */
#ifndef XLATE_E2E_PROGS_H
#define XLATE_E2E_PROGS_H

#include <errno.h>
#include <stdio.h>
#include <string.h>

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

#endif /* XLATE_E2E_PROGS_H */
