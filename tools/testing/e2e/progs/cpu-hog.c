// SPDX-License-Identifier: GPL-2.0
/*
 * cpu-hog [-a AFTER [-m COMM] [-g GATE]] CPU SECONDS: take CPU for
 * SECONDS, with nothing else running there.
 *
 * A SCHED_FIFO spinner alone is not enough: RT throttling
 * (sched_rt_runtime_us) and, from 6.12, the CPU's fair server
 * (/sys/kernel/debug/sched/fair_server) give the other tasks about
 * 50 ms a second.  So it turns both off while it spins and puts them
 * back when it ends.  6.12's dl_server_stop() underflows the run-queue
 * bandwidth (a WARNING) when the fair server is changed while idle, so
 * a SCHED_OTHER companion stays queued on CPU throughout.
 *
 * With -a it first waits (polling every millisecond, up to 120 s) until
 * the file AFTER is not empty, and moves every task named COMM off CPU
 * (-m).  Once it holds CPU it creates the file GATE (-g) and prints
 * "triggered".  A test uses it to stop a work item bound to CPU at a
 * step it can watch, and to hold it there.  Exits 0, or 1 when it
 * cannot be set up.
 */
#include <dirent.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "progs.h"

#define RT_RUNTIME	"/proc/sys/kernel/sched_rt_runtime_us"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void spin_until(double end)
{
	while (now() < end)
		;
}

static int pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

/* Allow every task named @comm on every CPU but @cpu; how many moved. */
static int move_off(const char *comm, int cpu)
{
	char path[300], name[32];
	struct dirent *e;
	cpu_set_t set;
	int i, n = 0;
	DIR *d;

	CPU_ZERO(&set);
	for (i = 0; i < CPU_SETSIZE; i++)
		if (i != cpu)
			CPU_SET(i, &set);
	d = opendir("/proc");
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/comm", e->d_name);
		if (file_line(path, "", name, sizeof(name)) != 1 ||
		    strcmp(name, comm))
			continue;
		if (!sched_setaffinity(atoi(e->d_name), sizeof(set), &set))
			n++;
	}
	closedir(d);
	return n;
}

static int nonempty(const char *path)
{
	struct stat st;

	return !stat(path, &st) && st.st_size;
}

/* Write @val to @path; a line on failure. */
static void set_knob(const char *path, const char *val)
{
	if (write_text(path, val))
		printf("cpu-hog: %s: %s\n", path, err_name(errno));
}

int main(int argc, char **argv)
{
	struct sched_param sp = { .sched_priority = 1 };
	const char *after = NULL, *comm = NULL, *gate = NULL;
	char fair[96], rt_old[32] = "", fair_old[32] = "";
	double end;
	pid_t mate;
	int c, cpu;

	while ((c = getopt(argc, argv, "a:m:g:")) != -1) {
		switch (c) {
		case 'a':
			after = optarg;
			break;
		case 'm':
			comm = optarg;
			break;
		case 'g':
			gate = optarg;
			break;
		default:
			goto usage;
		}
	}
	if (argc - optind != 2 || (!after && (comm || gate)))
		goto usage;
	cpu = atoi(argv[optind]);
	snprintf(fair, sizeof(fair),
		 "/sys/kernel/debug/sched/fair_server/cpu%d/runtime", cpu);

	mate = fork();
	if (mate == 0) {
		if (pin(cpu) || nice(19) == -1)
			_exit(1);
		for (;;)
			;
	}
	if (mate < 0) {
		printf("cpu-hog: fork: %s\n", err_name(errno));
		return 1;
	}
	printf("waiting\n");
	fflush(stdout);
	if (after) {
		end = now() + 120;
		while (!nonempty(after)) {
			if (now() > end) {
				printf("cpu-hog: %s still empty after 120 s\n",
				       after);
				goto out;
			}
			usleep(1000);
		}
		if (comm)
			printf("moved %d\n", move_off(comm, cpu));
	}
	if (pin(cpu) || sched_setscheduler(0, SCHED_FIFO, &sp)) {
		printf("cpu-hog: cannot spin on CPU %d as SCHED_FIFO: %s\n", cpu,
		       err_name(errno));
		goto out;
	}
	file_line(RT_RUNTIME, "", rt_old, sizeof(rt_old));
	set_knob(RT_RUNTIME, "-1");
	if (file_line(fair, "", fair_old, sizeof(fair_old)) == 1)
		set_knob(fair, "0");
	if (gate)
		close(open(gate, O_WRONLY | O_CREAT, 0644));
	printf("triggered\n");
	fflush(stdout);
	spin_until(now() + atof(argv[optind + 1]));
	if (*fair_old)
		set_knob(fair, fair_old);
	if (*rt_old)
		set_knob(RT_RUNTIME, rt_old);
out:
	kill(mate, SIGKILL);
	waitpid(mate, NULL, 0);
	return 0;
usage:
	fprintf(stderr, "usage: cpu-hog [-a AFTER [-m COMM] [-g GATE]] CPU SECONDS\n");
	return 2;
}
