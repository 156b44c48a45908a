// SPDX-License-Identifier: GPL-2.0
/*
 * exec-capture [-u UID] [-t SECONDS] [-e VAR=VALUE]... FILE...: exec each
 * FILE, one after the other, as `corpus 7` with an environment of PATH,
 * LANG=C and the -e variables only, stdin /dev/null, and print what
 * happened, the same way for the same outcome:
 *
 *   == FILE
 *   status=exit:N | signal:N | errno:EXXX | timeout
 *   stdout=TEXT
 *   stderr=TEXT
 *
 * TEXT is the output with '\\', newlines and other bytes outside
 * printable ASCII escaped (\\n, \\xHH), at most 8 KiB of it.  -u: the
 * exec runs as UID (and its group), -t: killed after SECONDS (default
 * 30).  The differential test (e2e/suite/27-binfmt-diff.sh) runs the
 * same list with binfmt_misc and with xlate and compares the output.
 * Each exec is a vfork() (no page tables copied: the VM runs under TCG,
 * where a fork costs more than a failed exec), its output goes to two
 * memfds used again for the next.
 */
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "progs.h"

#define OUT_MAX		8192
#define MAX_ENV		16

static char *envp[MAX_ENV + 3] = { "PATH=/usr/bin:/bin", "LANG=C" };
static int nenv = 2;

static void print_text(const char *key, int fd)
{
	unsigned char buf[OUT_MAX];
	ssize_t n = pread(fd, buf, sizeof(buf), 0), i;

	printf("%s=", key);
	for (i = 0; i < n; i++) {
		if (buf[i] == '\\')
			fputs("\\\\", stdout);
		else if (buf[i] == '\n')
			fputs("\\n", stdout);
		else if (buf[i] < 0x20 || buf[i] >= 0x7f)
			printf("\\x%02x", buf[i]);
		else
			putchar(buf[i]);
	}
	putchar('\n');
}

static int out_fd, err_fd, null_fd;
/* Written by the vfork()ed child when its execve() fails. */
static volatile int exec_errno;

static void run(const char *file, int uid, unsigned int timeout)
{
	char *argv[] = { "corpus", "7", NULL };
	int status;
	pid_t pid;

	if (ftruncate(out_fd, 0) || ftruncate(err_fd, 0) ||
	    lseek(out_fd, 0, SEEK_SET) || lseek(err_fd, 0, SEEK_SET)) {
		printf("== %s\nstatus=setup:%s\n", file, err_name(errno));
		exit(1);
	}
	exec_errno = 0;
	fflush(stdout);
	pid = vfork();
	if (pid == 0) {
		/* raw system calls: nothing of libc's state is touched */
		if (syscall(SYS_dup3, null_fd, 0, 0) < 0 ||
		    syscall(SYS_dup3, out_fd, 1, 0) < 0 ||
		    syscall(SYS_dup3, err_fd, 2, 0) < 0 ||
		    (uid >= 0 && (syscall(SYS_setgid, uid) ||
				  syscall(SYS_setuid, uid)))) {
			exec_errno = -1;
			_exit(126);
		}
		syscall(SYS_execve, file, argv, envp);
		exec_errno = errno;
		_exit(127);
	}
	alarm(timeout);
	if (pid < 0 || waitpid(pid, &status, 0) < 0) {
		if (pid > 0) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
		}
		status = -1;
	}
	alarm(0);
	printf("== %s\n", file);
	if (exec_errno > 0)
		printf("status=errno:%s\n", err_name(exec_errno));
	else if (exec_errno < 0 || pid < 0)
		printf("status=setup:failed\n");
	else if (status == -1)
		printf("status=timeout\n");
	else if (WIFEXITED(status))
		printf("status=exit:%d\n", WEXITSTATUS(status));
	else
		printf("status=signal:%d\n", WTERMSIG(status));
	print_text("stdout", out_fd);
	print_text("stderr", err_fd);
}

static void on_alarm(int sig)
{
	(void)sig;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	unsigned int timeout = 30;
	int opt, uid = -1, i;

	while ((opt = getopt(argc, argv, "u:t:e:")) != -1) {
		switch (opt) {
		case 'u':
			uid = atoi(optarg);
			break;
		case 't':
			timeout = atoi(optarg);
			break;
		case 'e':
			if (nenv < MAX_ENV)
				envp[nenv++] = optarg;
			break;
		default:
			fprintf(stderr, "usage: %s [-u UID] [-t SECONDS] [-e VAR=VALUE]... FILE...\n",
				argv[0]);
			return 2;
		}
	}
	sigaction(SIGALRM, &sa, NULL);
	out_fd = memfd_create("stdout", MFD_CLOEXEC);
	err_fd = memfd_create("stderr", MFD_CLOEXEC);
	null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (out_fd < 0 || err_fd < 0 || null_fd < 0) {
		fprintf(stderr, "exec-capture: %s\n", err_name(errno));
		return 1;
	}
	for (i = optind; i < argc; i++)
		run(argv[i], uid, timeout);
	return 0;
}
