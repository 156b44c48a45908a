// SPDX-License-Identifier: GPL-2.0
/*
 * set-marker [-t] PROG [ARG...]: add XLATE_PER_X86 to the personality
 * (with -t also XLATE_PER_TRANSLATED, as a translated exec would; xlate
 * drops that bit, which only the kernel sets) and exec PROG, so a native
 * program gets the x86 view by hand.
 */
#include <stdlib.h>
#include <sys/personality.h>
#include <unistd.h>

#include "progs.h"
#include "xlate.h"

int main(int argc, char **argv)
{
	unsigned int bits = XLATE_PER_X86;
	int first = 1;

	if (argc > 1 && !strcmp(argv[1], "-t")) {
		bits |= XLATE_PER_TRANSLATED;
		first = 2;
	}
	if (argc <= first) {
		fprintf(stderr, "usage: set-marker [-t] PROG [ARG...]\n");
		return 2;
	}
	if (personality(personality(0xffffffff) | bits) == -1) {
		fprintf(stderr, "set-marker: personality: %s\n",
			err_name(errno));
		return 1;
	}
	execvp(argv[first], argv + first);
	fprintf(stderr, "set-marker: exec %s: %s\n", argv[first],
		err_name(errno));
	return 127;
}
