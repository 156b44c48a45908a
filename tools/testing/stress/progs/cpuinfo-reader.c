// SPDX-License-Identifier: GPL-2.0
/*
 * cpuinfo-reader STOPFILE PAUSE_US MODEL...: mark this task for the x86
 * view (XLATE_PER_X86) and exec itself, as `xlatectl exec` does (the
 * exec arms the view's hooks before it completes, design.rst; a marker
 * set without an exec arms them from a work item, a moment later),
 * then until STOPFILE exists: open, read and close /proc/cpuinfo, call
 * uname(2), sleep PAUSE_US microseconds.  At the end print
 *
 *   iterations=I x86=X native=N errors=E bad=B uname_x86=U uname_native=V
 *
 * x86: reads that gave the x86 view (a "vendor_id" line); native: reads
 * that did not (xlate unloaded or unloading); errors: open or read
 * failures; bad: x86 reads with a "model name" that is none of MODEL...
 * (the profile writer's values) or no "processor" line, i.e. torn or
 * corrupted output.  The first few problems are described on stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "xlate.h"

static char buf[1 << 16];

static int model_ok(const char *v, char **models, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(v, models[i]))
			return 1;
	return 0;
}

/* 1 if every "model name" line is an allowed value and a CPU is shown */
static int x86_view_ok(char *text, char **models, int n)
{
	int cpus = 0;
	char *line, *save;

	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(line, "processor\t: ", 12))
			cpus++;
		if (!strncmp(line, "model name\t: ", 13) &&
		    !model_ok(line + 13, models, n)) {
			fprintf(stderr, "cpuinfo-reader: model name '%s'\n",
				line + 13);
			return 0;
		}
	}
	return cpus > 0;
}

int main(int argc, char **argv)
{
	long iterations = 0, x86 = 0, native = 0, errors = 0, bad = 0;
	long uname_x86 = 0, uname_native = 0;
	struct utsname u;
	unsigned int pause_us;
	int per;

	if (argc < 4) {
		fprintf(stderr, "usage: cpuinfo-reader STOPFILE PAUSE_US MODEL...\n");
		return 2;
	}
	pause_us = atoi(argv[2]);
	per = personality(0xffffffff);
	if (per < 0) {
		perror("cpuinfo-reader: personality");
		return 2;
	}
	if (!(per & XLATE_PER_X86)) {
		if (personality(per | XLATE_PER_X86) < 0) {
			perror("cpuinfo-reader: personality");
			return 2;
		}
		execv("/proc/self/exe", argv);
		perror("cpuinfo-reader: exec");
		return 2;
	}
	while (access(argv[1], F_OK)) {
		size_t len = 0;
		ssize_t n;
		int fd;

		iterations++;
		fd = open("/proc/cpuinfo", O_RDONLY);
		if (fd < 0) {
			if (++errors <= 5)
				perror("cpuinfo-reader: open");
		} else {
			while ((n = read(fd, buf + len,
					 sizeof(buf) - 1 - len)) > 0)
				len += n;
			close(fd);
			buf[len] = '\0';
			if (n < 0) {
				if (++errors <= 5)
					perror("cpuinfo-reader: read");
			} else if (!strstr(buf, "\nvendor_id\t: ") &&
				   strncmp(buf, "vendor_id", 9)) {
				native++;
			} else if (x86_view_ok(buf, argv + 3, argc - 3)) {
				x86++;
			} else {
				bad++;
			}
		}
		if (uname(&u) == 0 && !strcmp(u.machine, "x86_64"))
			uname_x86++;
		else
			uname_native++;
		if (pause_us)
			usleep(pause_us);
	}
	printf("iterations=%ld x86=%ld native=%ld errors=%ld bad=%ld uname_x86=%ld uname_native=%ld\n",
	       iterations, x86, native, errors, bad, uname_x86, uname_native);
	return 0;
}
