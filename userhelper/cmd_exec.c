// SPDX-License-Identifier: GPL-2.0
/*
 * xlatectl exec [--] CMD [ARG...]: run CMD with XLATE_PER_X86 set in the
 * personality, like setarch.  The bit survives native execs (design.rst,
 * "Personality marker"), so CMD and its children see uname machine
 * "x86_64" and the x86 /proc/cpuinfo while the module is loaded.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/personality.h>
#include <unistd.h>

#include "xlatectl.h"

static const char exec_usage[] =
	"usage: xlatectl exec [--] CMD [ARG...]\n"
	"Run CMD (looked up in PATH) with the x86 view: the personality bit\n"
	"XLATE_PER_X86 set.  CMD's exit status is xlatectl's.\n";

/**
 * cmd_exec() - xlatectl exec: run a command with the x86 view
 * @argc: number of arguments, the command name included
 * @argv: the arguments; @argv[0] is "exec"
 *
 * Return: the exit code (xlatectl.8, EXIT STATUS).
 */
int cmd_exec(int argc, char **argv)
{
	int first = 1, cur;

	if (argc > 1 && is_help(argv[1])) {
		fputs(exec_usage, stdout);
		return EXIT_OK;
	}
	if (argc > 1 && !strcmp(argv[1], "--"))
		first = 2;
	if (first >= argc)
		return usage_error("exec", "expected a command");
	cur = personality(0xffffffff);
	if (cur == -1 ||
	    personality((unsigned int)cur | XLATE_PER_X86) == -1) {
		fprintf(stderr, "xlatectl: exec: personality: %s\n",
			strerror(errno));
		return EXIT_FAIL;
	}
	execvp(argv[first], argv + first);
	fprintf(stderr, "xlatectl: exec: %s: %s\n", argv[first],
		strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
