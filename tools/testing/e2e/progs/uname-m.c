// SPDX-License-Identifier: GPL-2.0
/* uname-m: print the machine field of uname(2), like `uname -m`. */
#include <sys/utsname.h>

#include "progs.h"

int main(void)
{
	struct utsname u;

	if (uname(&u)) {
		printf("uname: %s\n", err_name(errno));
		return 1;
	}
	printf("%s\n", u.machine);
	return 0;
}
