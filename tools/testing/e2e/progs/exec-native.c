// SPDX-License-Identifier: GPL-2.0
/*
 * exec-native PROG [ARG...]: exec PROG with its arguments.  Run
 * translated with a native PROG, it shows that a native program started
 * by a translated one loses the x86 view.
 */
#include <unistd.h>

#include "progs.h"

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: exec-native PROG [ARG...]\n");
		return 2;
	}
	execv(argv[1], argv + 1);
	printf("exec-native: exec %s: %s\n", argv[1], err_name(errno));
	return 127;
}
