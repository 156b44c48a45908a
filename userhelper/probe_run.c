// SPDX-License-Identifier: GPL-2.0
/*
 * Running the embedded x86-64 CPUID probe.  On an arm64 machine the
 * exec goes through xlate to the configured runtime, so the probe reports
 * the CPU the runtime emulates; on an x86-64 machine it runs natively.
 *
 * The image goes into a memfd (a temporary file where there is none).
 * The exec uses /proc/self/fd/N of a read-only descriptor that stays
 * open across it: the runtime opens that path again, and a descriptor
 * that was open for writing would make the exec fail with ETXTBSY.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cpuid_probe.h"
#include "xlatectl.h"

#define PROBE_TIMEOUT_MS	120000

/* Linux 6.3+: say the memfd is meant to be executed (else it logs) */
#ifndef MFD_EXEC
#define MFD_EXEC	0x0010U
#endif

static int write_all(int fd, const unsigned char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= n;
	}
	return 0;
}

/* A read-only descriptor of the image, and the path to exec it by. */
static int probe_file(char *path, size_t size, char *tmpname, size_t tmpsize)
{
	char self[64];
	int fd, ro;

	tmpname[0] = '\0';
	fd = memfd_create("xlatectl-cpuid-probe", MFD_EXEC);
	if (fd < 0 && errno == EINVAL)	/* before 6.3 */
		fd = memfd_create("xlatectl-cpuid-probe", 0);
	if (fd >= 0) {
		if (write_all(fd, cpuid_probe_image, cpuid_probe_size) ||
		    fchmod(fd, 0500)) {
			close(fd);
			return -1;
		}
		snprintf(self, sizeof(self), "/proc/self/fd/%d", fd);
		ro = open(self, O_RDONLY);
		close(fd);
		if (ro >= 0) {
			snprintf(path, size, "/proc/self/fd/%d", ro);
			return ro;
		}
	}
	/* no memfd, or no /proc: a temporary file */
	snprintf(tmpname, tmpsize, "%s/xlatectl-probe.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	fd = mkstemp(tmpname);
	if (fd < 0) {
		tmpname[0] = '\0';
		return -1;
	}
	if (write_all(fd, cpuid_probe_image, cpuid_probe_size) ||
	    fchmod(fd, 0500) || close(fd)) {
		unlink(tmpname);
		tmpname[0] = '\0';
		return -1;
	}
	snprintf(path, size, "%s", tmpname);
	return open(tmpname, O_RDONLY | O_CLOEXEC);
}

/* Read the child's stdout into @buf until EOF; -1 on timeout. */
static ssize_t read_output(int fd, unsigned char *buf, size_t size)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	size_t len = 0;
	ssize_t n;

	for (;;) {
		int r = poll(&pfd, 1, PROBE_TIMEOUT_MS);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		n = read(fd, buf + len, size - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -1 : (ssize_t)len;
		len += n;
		if (len == size)
			return len;
	}
}

/**
 * cpuid_probe_run() - run the probe and collect its records
 * @recs: CPUID_PROBE_NRECS records, filled in
 * @envp: the probe's environment (the runtime reads it)
 * @why: on failure, a sentence saying what went wrong
 * @whysize: bytes of @why
 *
 * Return: 0, or -1 with @why set.
 */
int cpuid_probe_run(struct cpuid_rec *recs, char *const *envp, char *why,
		    size_t whysize)
{
	unsigned char out[CPUID_PROBE_NRECS * CPUID_REC_SIZE + 1];
	char path[64], tmpname[PATH_BUF];
	int outp[2], errp[2], status, err = 0, fd, ret = -1;
	ssize_t len;
	pid_t pid;

	fd = probe_file(path, sizeof(path), tmpname, sizeof(tmpname));
	if (fd < 0) {
		snprintf(why, whysize, "cannot write the probe to a memfd or a temporary file: %s",
			 strerror(errno));
		goto out_unlink;
	}
	if (pipe2(outp, O_CLOEXEC)) {
		snprintf(why, whysize, "pipe: %s", strerror(errno));
		goto out_close;
	}
	if (pipe2(errp, O_CLOEXEC)) {
		snprintf(why, whysize, "pipe: %s", strerror(errno));
		close(outp[0]);
		close(outp[1]);
		goto out_close;
	}
	pid = fork();
	if (pid < 0) {
		snprintf(why, whysize, "fork: %s", strerror(errno));
		goto out_pipes;
	}
	if (pid == 0) {
		static char *const argv[] = { "xlatectl-cpuid-probe", NULL };

		if (dup2(outp[1], STDOUT_FILENO) < 0)
			_exit(127);
		execve(path, argv, envp);
		err = errno;
		if (write(errp[1], &err, sizeof(err)) < 0)
			_exit(127);
		_exit(127);
	}
	close(outp[1]);
	close(errp[1]);
	outp[1] = -1;
	errp[1] = -1;
	len = read_output(outp[0], out, sizeof(out));
	if (len < 0)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (read(errp[0], &err, sizeof(err)) == sizeof(err)) {
		snprintf(why, whysize, "the x86-64 probe could not be executed: %s (%s)%s",
			 strerror(err), errno_name(err),
			 err == ENOEXEC ? "; is xlate enabled, with a runtime set?" : "");
	} else if (len < 0) {
		snprintf(why, whysize, "the probe produced no result within %d s",
			 PROBE_TIMEOUT_MS / 1000);
	} else if (WIFSIGNALED(status)) {
		snprintf(why, whysize, "the probe was killed by signal %d under the runtime",
			 WTERMSIG(status));
	} else if (WEXITSTATUS(status)) {
		snprintf(why, whysize, "the probe exited %d under the runtime",
			 WEXITSTATUS(status));
	} else if (cpuid_probe_parse(out, len, recs)) {
		snprintf(why, whysize, "the probe wrote %zd bytes that are not %d CPUID records",
			 len, CPUID_PROBE_NRECS);
	} else {
		ret = 0;
	}
out_pipes:
	if (outp[1] >= 0)
		close(outp[1]);
	if (errp[1] >= 0)
		close(errp[1]);
	close(outp[0]);
	close(errp[0]);
out_close:
	close(fd);
out_unlink:
	if (tmpname[0])
		unlink(tmpname);
	return ret;
}
