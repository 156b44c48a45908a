// SPDX-License-Identifier: GPL-2.0
/*
 * fork-child: fork; the child prints what it sees, the parent waits and
 * then prints the same, so a test can tell both inherited the view:
 *   child uname=<machine>
 *   child vendor_id=<value of the first vendor_id line, or "none">
 *   parent child_status=<wait status>
 *   parent uname=... / parent vendor_id=...
 */
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "progs.h"

static void report(const char *who)
{
	struct utsname u;
	char line[512];
	const char *vendor = "none";
	int r;

	if (uname(&u))
		snprintf(u.machine, sizeof(u.machine), "error");
	r = file_line("/proc/cpuinfo", "vendor_id", line, sizeof(line));
	if (r < 0)
		vendor = err_name(-r);
	else if (r > 0)
		vendor = strchr(line, ':') ? strchr(line, ':') + 2 : line;
	printf("%s uname=%s\n%s vendor_id=%s\n", who, u.machine, who, vendor);
	fflush(stdout);
}

int main(void)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		printf("fork: %s\n", err_name(errno));
		return 1;
	}
	if (pid == 0) {
		report("child");
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid) {
		printf("waitpid: %s\n", err_name(errno));
		return 1;
	}
	printf("parent child_status=%d\n", status);
	report("parent");
	return status != 0;
}
