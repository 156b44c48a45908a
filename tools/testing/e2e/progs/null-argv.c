// SPDX-License-Identifier: GPL-2.0
/*
 * null-argv: the kernel's selftest tools/testing/selftests/exec/null-argv.c
 * (execve() with an empty argv must give the program argv = { "" }),
 * compiled from the kernel source tree in the download cache
 * (SELFTESTS in the Makefile), nothing vendored.  It prints TAP ("ok N"
 * / "not ok N"); run translated it passes only if the runtime keeps
 * argv[0] (preserve_argv0), else each child re-runs the test runner.
 * Without the source tree it builds a stub that says so and fails.
 */
#if __has_include("exec/null-argv.c")
/* The selftest passes NULL as argv on purpose (its Makefile: -Wno-nonnull). */
#pragma GCC diagnostic ignored "-Wnonnull"
#include "exec/null-argv.c"
#else
#include <stdio.h>

int main(void)
{
	printf("1..1\nnot ok 1 null-argv: built without the kernel's selftests (SELFTESTS)\n");
	return 4;
}
#endif
