// SPDX-License-Identifier: GPL-2.0
/*
 * identity-probe: what a program sees of its own identity, for the
 * cmdline feature (issue 17), which must not change it:
 *   exe=<readlink /proc/self/exe, or the errno>
 *   exe_open=<ok e_machine=N, or the errno>   (open and read its header)
 *   cmdline=<the bytes of /proc/self/cmdline, NUL shown as '|'>
 *   argc=<argc>
 * With IDPROBE_SLEEP=N in the environment it then sleeps N seconds, so
 * another process can look at it (it works with an empty argv too).
 * With IDPROBE_REEXEC=1 it first re-execs /proc/self/exe with the same
 * argv (and without that variable), as self-re-exec'ing programs do;
 * "reexec=<errno>" if that fails.  With IDPROBE_FORKS=N it only forks N
 * children one after another, each of which exits at once, and prints
 * "forked=<how many were reaped with status 0>".
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "progs.h"

static int forks(int n)
{
	int i, ok = 0, status;
	pid_t pid;

	for (i = 0; i < n; i++) {
		pid = fork();
		if (pid == 0)
			_exit(0);
		if (pid > 0 && waitpid(pid, &status, 0) == pid &&
		    WIFEXITED(status) && !WEXITSTATUS(status))
			ok++;
	}
	printf("forked=%d\n", ok);
	return ok == n ? 0 : 1;
}

int main(int argc, char **argv)
{
	static char buf[65536];
	unsigned char hdr[20];
	const char *nap = getenv("IDPROBE_SLEEP");
	ssize_t n, i;
	int fd;

	if (getenv("IDPROBE_FORKS"))
		return forks(atoi(getenv("IDPROBE_FORKS")));
	if (getenv("IDPROBE_REEXEC")) {
		unsetenv("IDPROBE_REEXEC");
		execv("/proc/self/exe", argv);
		printf("reexec=%s\n", err_name(errno));
		return 1;
	}

	n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	if (n < 0)
		printf("exe=%s\n", err_name(errno));
	else
		printf("exe=%.*s\n", (int)n, buf);
	fd = open("/proc/self/exe", O_RDONLY);
	if (fd < 0) {
		printf("exe_open=%s\n", err_name(errno));
	} else {
		n = read(fd, hdr, sizeof(hdr));
		if (n == (ssize_t)sizeof(hdr) && !memcmp(hdr, "\177ELF", 4))
			printf("exe_open=ok e_machine=%d\n", hdr[18] | hdr[19] << 8);
		else
			printf("exe_open=short-or-not-elf\n");
		close(fd);
	}
	fd = open("/proc/self/cmdline", O_RDONLY);
	n = 0;
	if (fd >= 0) {
		ssize_t got;

		while (n < (ssize_t)sizeof(buf) &&
		       (got = read(fd, buf + n, sizeof(buf) - n)) > 0)
			n += got;
		close(fd);
	}
	for (i = 0; i < n; i++)
		if (!buf[i])
			buf[i] = '|';
	printf("cmdline=%.*s\nargc=%d\n", (int)n, buf, argc);
	fflush(stdout);
	if (nap)
		sleep(atoi(nap));
	return 0;
}
