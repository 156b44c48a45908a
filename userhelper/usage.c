// SPDX-License-Identifier: GPL-2.0
/* Command-line helpers shared by the commands. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "xlatectl.h"

/**
 * is_help() - does @arg ask for help?
 * @arg: a command-line argument
 *
 * Return: true for "--help" and "-h".
 */
bool is_help(const char *arg)
{
	return !strcmp(arg, "--help") || !strcmp(arg, "-h");
}

/**
 * usage_error() - complain about the command line
 * @cmd: the command, for "xlatectl CMD --help"
 * @fmt: what is wrong, a printf() format
 * @...: the arguments of @fmt
 *
 * Return: EXIT_USAGE.
 */
int usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "xlatectl: %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see 'xlatectl %s --help')\n", cmd);
	return EXIT_USAGE;
}
