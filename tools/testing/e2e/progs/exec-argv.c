// SPDX-License-Identifier: GPL-2.0
/*
 * exec-argv [-n | -f] PATH [ARG0 ARG...]: exec PATH with exactly the
 * argv given (ARG0 is argv[0], as the caller passes it).
 *   -n  an empty argv (argv = { NULL })
 *   -f  fexecve() of an O_CLOEXEC descriptor of PATH (the path is
 *       gone for the new program: BINPRM_FLAGS_PATH_INACCESSIBLE)
 * On failure it prints "errno=E..." and exits 127.
 */
#include <fcntl.h>
#include <unistd.h>

#include "progs.h"

extern char **environ;

int main(int argc, char **argv)
{
	static char *none[] = { NULL };
	int fexec = 0, empty = 0, fd;

	if (argc > 1 && !strcmp(argv[1], "-n")) {
		empty = 1;
		argv++, argc--;
	} else if (argc > 1 && !strcmp(argv[1], "-f")) {
		fexec = 1;
		argv++, argc--;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: exec-argv [-n | -f] PATH [ARG0 ARG...]\n");
		return 2;
	}
	if (fexec) {
		fd = open(argv[1], O_RDONLY | O_CLOEXEC);
		if (fd >= 0)
			fexecve(fd, argv + 2, environ);
	} else {
		execve(argv[1], empty ? none : argv + 2, environ);
	}
	printf("errno=%s\n", err_name(errno));
	return 127;
}
