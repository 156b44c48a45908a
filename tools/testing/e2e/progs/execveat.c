// SPDX-License-Identifier: GPL-2.0
/*
 * execveat: the kernel's selftest tools/testing/selftests/exec/execveat.c
 * (execveat(2) by fd, by dirfd and path, AT_EMPTY_PATH, scripts, files
 * renamed or removed while open, the errnos), compiled from the kernel
 * source tree in the download cache (SELFTESTS in the Makefile),
 * nothing vendored.  It prints TAP ("ok N" / "not ok N") and needs the
 * files of the selftest's Makefile beside it (the e2e suite makes them).
 * Without the source tree it builds a stub that says so and fails.
 */
#if __has_include("exec/execveat.c")
/* The selftest passes NULL on purpose (its Makefile: -Wno-nonnull). */
#pragma GCC diagnostic ignored "-Wnonnull"
#pragma GCC diagnostic ignored "-Wunused-result"
#include "exec/execveat.c"
#else
#include <stdio.h>

int main(void)
{
	printf("1..1\nnot ok 1 execveat: built without the kernel's selftests (SELFTESTS)\n");
	return 4;
}
#endif
