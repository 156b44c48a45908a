// SPDX-License-Identifier: GPL-2.0
/*
 * cpuinfo-routes [NAME=PATH...]: open /proc/cpuinfo by every route we
 * know and print one line per route:
 *   NAME=x86          first line "processor\t: 0" and a vendor_id line
 *   NAME=native       anything else (e.g. arm64's format)
 *   NAME=error:EXXX   the open or read failed
 * Built-in routes: plain, openat-procdir (openat on an O_DIRECTORY fd of
 * /proc), self-root (/proc/self/root/proc/cpuinfo), fd-reopen (open of
 * /proc/self/fd/N of an open /proc/cpuinfo).  NAME=PATH arguments add
 * routes the caller prepared (a symlink, a second procfs mount).
 */
#include <fcntl.h>
#include <unistd.h>

#include "progs.h"

static char buf[1 << 16];

/* Classify the contents of @fd and print the verdict for @name. */
static void classify(const char *name, int fd)
{
	size_t len = 0;
	ssize_t n = 0;

	if (fd < 0) {
		printf("%s=error:%s\n", name, err_name(errno));
		return;
	}
	while (len < sizeof(buf) - 1 &&
	       (n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += n;
	if (n < 0 && len == 0) {
		printf("%s=error:%s\n", name, err_name(errno));
		close(fd);
		return;
	}
	close(fd);
	buf[len] = '\0';
	if (!strncmp(buf, "processor\t: 0\n", 14) && strstr(buf, "\nvendor_id"))
		printf("%s=x86\n", name);
	else
		printf("%s=native\n", name);
}

int main(int argc, char **argv)
{
	char path[64];
	int dfd, fd, i;

	classify("plain", open("/proc/cpuinfo", O_RDONLY));

	dfd = open("/proc", O_RDONLY | O_DIRECTORY);
	classify("openat-procdir",
		 dfd < 0 ? -1 : openat(dfd, "cpuinfo", O_RDONLY));
	if (dfd >= 0)
		close(dfd);

	classify("self-root",
		 open("/proc/self/root/proc/cpuinfo", O_RDONLY));

	fd = open("/proc/cpuinfo", O_RDONLY);
	if (fd >= 0) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		classify("fd-reopen", open(path, O_RDONLY));
		close(fd);
	} else {
		classify("fd-reopen", -1);
	}

	for (i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');

		if (!eq) {
			printf("%s=error:bad-argument\n", argv[i]);
			continue;
		}
		*eq = '\0';
		classify(argv[i], open(eq + 1, O_RDONLY));
	}
	return 0;
}
