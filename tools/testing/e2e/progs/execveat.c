// SPDX-License-Identifier: GPL-2.0
/*
 * execveat: the kernel's selftest tools/testing/selftests/exec/execveat.c
 * (51 cases of execveat(2): fd and path forms, AT_EMPTY_PATH, symlinks,
 * scripts, ephemeral files, errors), compiled from the kernel source
 * tree in the download cache (SELFTESTS in the Makefile), nothing
 * vendored.  Built for arm64 (native reference), x86-64 and i386
 * (translated).  It prints TAP.  Its files (execveat.symlink,
 * execveat.denatured, script, subdir/, Makefile) are made by the suite.
 * Without the source tree it builds a stub that says so and fails.
 */
#if __has_include("exec/execveat.c")
/* The selftest passes NULL on purpose (its Makefile: -Wno-nonnull). */
#pragma GCC diagnostic ignored "-Wnonnull"
#include "exec/execveat.c"
#else
#include <stdio.h>

int main(void)
{
	printf("1..1\nnot ok 1 execveat: built without the kernel's selftests (SELFTESTS)\n");
	return 4;
}
#endif
