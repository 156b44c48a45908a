// SPDX-License-Identifier: GPL-2.0
/* personality: print the current personality(2) value in hex. */
#include <sys/personality.h>

#include "progs.h"

int main(void)
{
	printf("0x%08x\n", (unsigned int)personality(0xffffffff));
	return 0;
}
