// SPDX-License-Identifier: GPL-2.0
/*
 * fault-load KO [PARAMS]: load the module KO once for each allocation
 * its init makes, failing that allocation, while a task with the x86
 * view marker set by hand reads /proc/cpuinfo and calls uname(2).
 *
 * For N = 1, 2, ...: start the reader, write N to
 * /proc/thread-self/fail-nth and finit_module() KO with PARAMS.  The
 * kernel then fails the N-th slab allocation of this thread that the
 * failslab filter lets through (the suite sets it to allocations made
 * under do_one_initcall(), i.e. by the module's init).  The reader
 * keeps its last 64 /proc/cpuinfo descriptors open and reads each once
 * before closing it, so a file that got the module's operations in a
 * load that then failed is used after the module is gone.  The reader
 * is killed, and a load that succeeded is unloaded again.  It stops at
 * the first N whose fault was never injected: every allocation of init
 * has then failed once.  One line per load:
 *
 *   fault N: load failed (ENOMEM)     the init failed; nothing stays
 *   fault N: load survived            the init coped with the failure
 *
 * and at the end "faults=N failed=F survived=S".  A failed load that
 * leaves the module or /sys/kernel/xlate behind is a line "leftover N:
 * ..." and exit status 1; so is a load that cannot be undone, and one
 * that fails without an injected fault.
 */
#include <signal.h>
#include <stdlib.h>
#include <sys/personality.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>

#include "progs.h"
#include "xlate.h"

#define HELD	64

static void reader(int ready)
{
	int fds[HELD], i, n = 0;
	struct utsname u;
	char c;

	for (i = 0; i < HELD; i++)
		fds[i] = -1;
	if (personality(personality(0xffffffff) | XLATE_PER_X86) == -1)
		_exit(1);
	if (write(ready, "r", 1) != 1)
		_exit(1);
	close(ready);
	for (;;) {
		i = n++ % HELD;
		if (fds[i] >= 0) {
			if (read(fds[i], &c, 1) < 0)
				_exit(1);
			close(fds[i]);
		}
		fds[i] = open("/proc/cpuinfo", O_RDONLY);
		uname(&u);
	}
}

static pid_t start_reader(void)
{
	int p[2];
	pid_t pid;
	char c;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		reader(p[1]);
	}
	close(p[1]);
	if (pid > 0 && read(p[0], &c, 1) != 1) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		pid = -1;
	}
	close(p[0]);
	return pid;
}

static int loaded(const char *name)
{
	char line[256];

	return file_line("/proc/modules", name, line, sizeof(line)) == 1;
}

/* delete_module(), retried while something still holds the module. */
static int unload(const char *name)
{
	int i;

	for (i = 0; i < 600; i++) {
		if (!syscall(SYS_delete_module, name, O_NONBLOCK))
			return 0;
		if (errno != EWOULDBLOCK && errno != EAGAIN)
			break;
		usleep(100000);
	}
	return -1;
}

int main(int argc, char **argv)
{
	unsigned int n, failed = 0, survived = 0;
	const char *params = argc > 2 ? argv[2] : "";
	char num[16], left[32];
	int fd, ret, err, bad = 0;
	struct stat st;
	pid_t pid;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: fault-load KO [PARAMS]\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		printf("fault-load: %s: %s\n", argv[1], err_name(errno));
		return 1;
	}
	for (n = 1; n < 5000; n++) {
		pid = start_reader();
		if (pid < 0) {
			printf("fault-load: cannot start the reader\n");
			return 1;
		}
		snprintf(num, sizeof(num), "%u", n);
		if (write_text("/proc/thread-self/fail-nth", num)) {
			printf("fault-load: fail-nth: %s\n", err_name(errno));
			return 1;
		}
		ret = syscall(SYS_finit_module, fd, params, 0);
		err = errno;
		/* 0: the fault was injected; N left: it was not. */
		if (file_line("/proc/thread-self/fail-nth", "", left,
			      sizeof(left)) != 1)
			snprintf(left, sizeof(left), "?");
		write_text("/proc/thread-self/fail-nth", "0");
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		if (ret && strcmp(left, "0")) {
			printf("fault %u: load failed without a fault (%s)\n",
			       n, err_name(err));
			return 1;
		}
		if (ret) {
			failed++;
			printf("fault %u: load failed (%s)\n", n, err_name(err));
			if (loaded("xlate ") || !stat("/sys/kernel/xlate", &st)) {
				printf("leftover %u: the failed load left xlate behind\n",
				       n);
				bad = 1;
			}
		} else {
			if (unload("xlate")) {
				printf("leftover %u: cannot unload: %s\n", n,
				       err_name(errno));
				return 1;
			}
			if (strcmp(left, "0")) {
				printf("fault %u: not injected: every allocation of init failed once\n",
				       n);
				break;
			}
			survived++;
			printf("fault %u: load survived\n", n);
		}
		fflush(stdout);
	}
	printf("faults=%u failed=%u survived=%u\n", n - 1, failed, survived);
	return bad;
}
