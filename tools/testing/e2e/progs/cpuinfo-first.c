// SPDX-License-Identifier: GPL-2.0
/*
 * cpuinfo-first [PATH]: print the first two lines of /proc/cpuinfo (or
 * PATH).  x86 format starts "processor\t: 0" then "vendor_id\t: ...";
 * arm64's second line is "BogoMIPS\t: ...".
 */
#include "progs.h"

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/proc/cpuinfo";
	FILE *f = fopen(path, "r");
	char line[512];
	int i;

	if (!f) {
		printf("open %s: %s\n", path, err_name(errno));
		return 1;
	}
	for (i = 0; i < 2 && fgets(line, sizeof(line), f); i++)
		fputs(line, stdout);
	fclose(f);
	return 0;
}
