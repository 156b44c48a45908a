// SPDX-License-Identifier: GPL-2.0
/*
 * hello: the program the hand-off tests run translated.
 *
 *   hello [ARG...]     print argc=N, argv[i]=... one per line, then
 *                      XLATE_TEST_ENV=<value> (or "XLATE_TEST_ENV unset")
 *   hello cat          then copy stdin to stdout
 *   hello N            then exit with status N (decimal)
 *   hello sig [N]      then kill itself with signal N (default SIGTERM)
 */
#include <ctype.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "progs.h"

static int is_number(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

static int copy_stdin(void)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(0, buf, sizeof(buf))) > 0)
		if (fwrite(buf, 1, n, stdout) != (size_t)n)
			return 1;
	return n < 0;
}

int main(int argc, char **argv)
{
	const char *env = getenv("XLATE_TEST_ENV");
	int i;

	printf("argc=%d\n", argc);
	for (i = 0; i < argc; i++)
		printf("argv[%d]=%s\n", i, argv[i]);
	if (env)
		printf("XLATE_TEST_ENV=%s\n", env);
	else
		printf("XLATE_TEST_ENV unset\n");
	fflush(stdout);

	if (argc < 2)
		return 0;
	if (!strcmp(argv[1], "cat")) {
		i = copy_stdin();
		fflush(stdout);
		return i;
	}
	if (is_number(argv[1]))
		return atoi(argv[1]);
	if (!strcmp(argv[1], "sig")) {
		int sig = argc > 2 ? atoi(argv[2]) : SIGTERM;

		signal(sig, SIG_DFL);
		kill(getpid(), sig);
		pause();
		return 126;
	}
	return 0;
}
