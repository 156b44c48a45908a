// SPDX-License-Identifier: GPL-2.0
/*
 * big-write [-r N] TARGET SIZE PATTERN: write SIZE bytes, PATTERN
 * repeated (and cut at SIZE), to TARGET in one write(2) and print "ok N"
 * (N: the bytes the write took) or the errno name of the open or the
 * write.  -r N opens and writes N times and prints the last result (a
 * flood of bad writes without N processes).
 * TARGET "fd:N" writes to the inherited descriptor N instead of opening
 * a file, so a descriptor opened by someone else can be tried.  PATTERN
 * may hold \n, \t, \\ and \xHH escapes.  Exits 0 on "ok", 1 otherwise.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "progs.h"

/* Decode the escapes of @s in place; return the decoded length. */
static size_t unescape(char *s)
{
	char *out = s, *in = s;

	while (*in) {
		if (*in != '\\' || !in[1]) {
			*out++ = *in++;
			continue;
		}
		in++;
		switch (*in) {
		case 'n':
			*out++ = '\n';
			in++;
			break;
		case 't':
			*out++ = '\t';
			in++;
			break;
		case 'x': {
			char hex[3] = { 0 };

			memcpy(hex, in + 1, in[1] && in[2] ? 2 : 0);
			*out++ = (char)strtoul(hex, NULL, 16);
			in += in[1] && in[2] ? 3 : 1;
			break;
		}
		default:
			*out++ = *in++;
			break;
		}
	}
	return out - s;
}

int main(int argc, char **argv)
{
	long repeat = 1, r;
	int errno_last = 0;
	size_t size, plen, i;
	ssize_t n = -1;
	char *buf;
	int fd;

	if (argc == 6 && !strcmp(argv[1], "-r")) {
		repeat = strtol(argv[2], NULL, 10);
		argc -= 2;
		argv += 2;
	}
	if (argc != 4 || repeat < 1) {
		fprintf(stderr, "usage: big-write [-r N] TARGET|fd:N SIZE PATTERN\n");
		return 2;
	}
	size = strtoul(argv[2], NULL, 0);
	plen = unescape(argv[3]);
	if (!plen && size) {
		fprintf(stderr, "big-write: empty pattern\n");
		return 2;
	}
	buf = malloc(size ? size : 1);
	if (!buf)
		return 2;
	for (i = 0; i < size; i++)
		buf[i] = argv[3][i % plen];
	for (r = 0; r < repeat; r++) {
		if (!strncmp(argv[1], "fd:", 3))
			fd = atoi(argv[1] + 3);
		else
			fd = open(argv[1], O_WRONLY);
		if (fd < 0) {
			printf("%s\n", err_name(errno));
			return 1;
		}
		n = write(fd, buf, size);
		if (n < 0)
			errno_last = errno;
		if (strncmp(argv[1], "fd:", 3))
			close(fd);
	}
	if (n < 0) {
		errno = errno_last;
		printf("%s\n", err_name(errno));
		return 1;
	}
	printf("ok %zd\n", n);
	return 0;
}
