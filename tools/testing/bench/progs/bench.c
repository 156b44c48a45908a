// SPDX-License-Identifier: GPL-2.0
/*
 * bench: the timing loops of `make bench` (tools/testing/bench), run
 * inside the arm64 VM.  Each mode times one operation N times with
 * clock_gettime(CLOCK_MONOTONIC) after a short warm-up, in BATCHES
 * batches of N/BATCHES operations, and prints one line of key=value
 * pairs, starting with "ns=", the mean cost per operation of the
 * fastest batch, then "mean=", the mean over all N.  The fastest batch
 * is what the script compares: on a shared host, other load only ever
 * adds time, so the minimum is the estimate least disturbed by it.
 *
 *   bench exec N PROG [ARG...]   fork + execv(PROG) + waitpid; PROG must
 *                                exit 0
 *   bench uname N                uname(2); prints machine=
 *   bench cpuinfo N native|marked
 *                                open + read to EOF + close of
 *                                /proc/cpuinfo; "marked" first adds
 *                                XLATE_PER_X86 to the personality (as
 *                                xlatectl exec does) and waits until the
 *                                x86 view appears; prints view= and bytes=
 *   bench hold N native|marked   N children that block (marked ones set
 *                                XLATE_PER_X86 first); prints the growth
 *                                of /proc/meminfo's Slab, SUnreclaim,
 *                                KernelStack and PageTables in kB while
 *                                they live
 *
 * Exit status: 0 when measured, 1 when the operation failed (the
 * measurement is then meaningless), 2 on bad usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "xlate.h"

#define WARMUP 3
#define BATCHES 10

static char readbuf[256 * 1024];

static void die(const char *what)
{
	fprintf(stderr, "bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/*
 * Time n calls of op(arg) in BATCHES batches; print ns= (the fastest
 * batch's mean) and mean=.
 */
static void timed(long n, void (*op)(void *), void *arg)
{
	long per = n >= BATCHES ? n / BATCHES : 1, done = 0, i;
	unsigned long long t0, t, total = 0;
	double best = 0;

	while (done < n) {
		long k = per < n - done ? per : n - done;

		t0 = now_ns();
		for (i = 0; i < k; i++)
			op(arg);
		t = now_ns() - t0;
		total += t;
		if (!best || (double)t / k < best)
			best = (double)t / k;
		done += k;
	}
	printf("ns=%.1f mean=%.1f", best, (double)total / n);
}

static void run_once(void *arg)
{
	char **argv = arg;
	int status;
	pid_t pid = fork();

	if (pid < 0)
		die("fork");
	if (pid == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		die("waitpid");
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "bench: %s: status 0x%x\n", argv[0], status);
		exit(1);
	}
}

static int mode_exec(long n, char **argv)
{
	long i;

	for (i = 0; i < WARMUP; i++)
		run_once(argv);
	timed(n, run_once, argv);
	printf("\n");
	return 0;
}

static void uname_once(void *arg)
{
	uname(arg);
}

static int mode_uname(long n)
{
	struct utsname u;
	long i;

	for (i = 0; i < WARMUP; i++)
		if (uname(&u))
			die("uname");
	timed(n, uname_once, &u);
	printf(" machine=%s\n", u.machine);
	return 0;
}

/* Read /proc/cpuinfo once; return its size. */
static long read_cpuinfo(void)
{
	long total = 0;
	ssize_t r;
	int fd = open("/proc/cpuinfo", O_RDONLY);

	if (fd < 0)
		die("open /proc/cpuinfo");
	while ((r = read(fd, readbuf, sizeof(readbuf) - 1)) > 0)
		total += r;
	if (r < 0)
		die("read /proc/cpuinfo");
	close(fd);
	return total;
}

static int is_x86_view(void)
{
	read_cpuinfo();
	/* readbuf holds the last chunk; the x86 view is one small chunk */
	return strstr(readbuf, "vendor_id") != NULL;
}

static void set_marker(void)
{
	int cur = personality(0xffffffff);

	if (cur == -1 || personality(cur | XLATE_PER_X86) == -1)
		die("personality");
}

static void cpuinfo_once(void *arg)
{
	*(long *)arg = read_cpuinfo();
}

static int mode_cpuinfo(long n, int marked)
{
	long i, bytes = 0;
	int x86, tries;

	if (marked)
		set_marker();
	/* xlate arms the hooks from a work item after personality(2). */
	for (tries = 0; (x86 = is_x86_view()) != marked && tries < 100; tries++)
		usleep(50000);
	if (x86 != marked) {
		fprintf(stderr, "bench: cpuinfo %s: got the %s view\n",
			marked ? "marked" : "native", x86 ? "x86" : "native");
		return 1;
	}
	for (i = 0; i < WARMUP; i++)
		read_cpuinfo();
	timed(n, cpuinfo_once, &bytes);
	printf(" bytes=%ld view=%s\n", bytes, x86 ? "x86" : "native");
	return 0;
}

struct mem {
	long slab, sunreclaim, kstack, ptables;
};

static struct mem meminfo(void)
{
	struct mem m = { -1, -1, -1, -1 };
	char line[256];
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		die("/proc/meminfo");
	while (fgets(line, sizeof(line), f)) {
		sscanf(line, "Slab: %ld", &m.slab);
		sscanf(line, "SUnreclaim: %ld", &m.sunreclaim);
		sscanf(line, "KernelStack: %ld", &m.kstack);
		sscanf(line, "PageTables: %ld", &m.ptables);
	}
	fclose(f);
	return m;
}

static int mode_hold(long n, int marked)
{
	int go[2], ready[2];
	struct mem before, after;
	long i;
	char c;

	if (pipe(go) || pipe(ready))
		die("pipe");
	before = meminfo();
	for (i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0)
			die("fork");
		if (pid == 0) {
			close(go[1]);
			if (marked)
				set_marker();
			if (write(ready[1], "r", 1) != 1)
				_exit(1);
			/* block until the parent closes go[1] */
			while (read(go[0], &c, 1) < 0 && errno == EINTR)
				;
			_exit(0);
		}
	}
	close(ready[1]);
	for (i = 0; i < n; i++)
		if (read(ready[0], &c, 1) != 1)
			die("children not ready");
	/* let the arming work item and the slab caches settle */
	usleep(300000);
	after = meminfo();
	close(go[1]);
	while (wait(NULL) > 0)
		;
	printf("slab_kb=%ld sunreclaim_kb=%ld kstack_kb=%ld ptables_kb=%ld tasks=%ld\n",
	       after.slab - before.slab, after.sunreclaim - before.sunreclaim,
	       after.kstack - before.kstack,
	       after.ptables - before.ptables, n);
	return 0;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: bench exec N PROG [ARG...] | uname N |\n"
		"       bench cpuinfo N native|marked | hold N native|marked\n");
	return 2;
}

int main(int argc, char **argv)
{
	long n;

	if (argc < 3)
		return usage();
	n = strtol(argv[2], NULL, 10);
	if (n <= 0)
		return usage();
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(argv[1], "exec") && argc >= 4)
		return mode_exec(n, argv + 3);
	if (!strcmp(argv[1], "uname") && argc == 3)
		return mode_uname(n);
	if (argc == 4 && (!strcmp(argv[3], "native") || !strcmp(argv[3], "marked"))) {
		int marked = !strcmp(argv[3], "marked");

		if (!strcmp(argv[1], "cpuinfo"))
			return mode_cpuinfo(n, marked);
		if (!strcmp(argv[1], "hold"))
			return mode_hold(n, marked);
	}
	return usage();
}
