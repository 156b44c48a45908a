// SPDX-License-Identifier: GPL-2.0
/*
 * sysfs-write [-n] FILE VALUE: write VALUE and a newline (none with -n)
 * to FILE in one write(2) and print "ok" or the errno name (from the
 * open or the write).  Exits 0 on success, 1 otherwise.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "progs.h"

int main(int argc, char **argv)
{
	int newline = 1, first = 1;
	size_t len;
	char *buf;
	int fd;

	if (argc > 1 && !strcmp(argv[1], "-n")) {
		newline = 0;
		first = 2;
	}
	if (argc != first + 2) {
		fprintf(stderr, "usage: sysfs-write [-n] FILE VALUE\n");
		return 2;
	}
	len = strlen(argv[first + 1]);
	buf = malloc(len + 2);
	if (!buf)
		return 2;
	memcpy(buf, argv[first + 1], len);
	if (newline)
		buf[len++] = '\n';
	fd = open(argv[first], O_WRONLY);
	if (fd < 0) {
		printf("%s\n", err_name(errno));
		return 1;
	}
	if (write(fd, buf, len) != (ssize_t)len) {
		printf("%s\n", errno ? err_name(errno) : "short-write");
		close(fd);
		return 1;
	}
	if (close(fd)) {
		printf("%s\n", err_name(errno));
		return 1;
	}
	printf("ok\n");
	return 0;
}
