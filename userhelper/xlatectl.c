// SPDX-License-Identifier: GPL-2.0
/*
 * xlatectl: the admin CLI of xlate, the x86-64 binfmt handler for arm64.
 * See xlatectl.8.
 */
#include <stdio.h>
#include <string.h>

#include "xlatectl.h"

#ifndef XLATE_VERSION
#error "XLATE_VERSION must be defined (the Makefile reads ../VERSION)"
#endif

static const char main_usage[] =
	"usage: xlatectl [--version] [--help] COMMAND [ARGS]\n"
	"\n"
	"Commands:\n"
	"  status [--json]                 module, configuration, profile, counters\n"
	"  set [--no-sync] runtime|runtime32 PATH\n"
	"                                  set the translator of x86-64 | i386\n"
	"                                  programs ('' removes it); the x86-64\n"
	"                                  one also syncs /proc/cpuinfo\n"
	"  set SWITCH on|off               x86-64: enabled, preserve_argv0,\n"
	"                                  open_binary, credentials;\n"
	"                                  i386: enabled32, preserve_argv0_32,\n"
	"                                  open_binary32, credentials32\n"
	"  set cmdline|exe auto|on|off     what other programs see of a\n"
	"                                  translated one\n"
	"  import [--dry-run] [--no-sync] [FILE|--auto]\n"
	"                                  runtime and modes from a binfmt.d or\n"
	"                                  update-binfmts registration\n"
	"  cpuinfo show                    the x86 /proc/cpuinfo profile\n"
	"  cpuinfo set FIELD VALUE         change one field\n"
	"  cpuinfo reset                   back to the default profile\n"
	"  cpuinfo sync [--dry-run|--raw]  take the profile from the runtime's CPUID\n"
	"  ps [--all] [--json]             tasks with the x86 view\n"
	"  exec [--] CMD [ARG...]          run CMD with the x86 view\n"
	"\n"
	"'xlatectl COMMAND --help' describes a command.  Exit status: 0 ok,\n"
	"1 failure, 2 usage error, 3 module not loaded.  --json output is\n"
	"UTF-8; bytes that are not are written as \\udcXX (xlatectl(8)).\n";

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} commands[] = {
	{ "status", cmd_status },
	{ "set", cmd_set },
	{ "import", cmd_import },
	{ "cpuinfo", cmd_cpuinfo },
	{ "ps", cmd_ps },
	{ "exec", cmd_exec },
};

/**
 * main() - run the command named by @argv[1]
 * @argc: number of arguments
 * @argv: xlatectl, the command, its arguments
 *
 * Return: the command's exit code; EXIT_USAGE for a bad command line.
 */
int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		fputs(main_usage, stderr);
		return EXIT_USAGE;
	}
	if (is_help(argv[1])) {
		fputs(main_usage, stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("xlatectl %s\n", XLATE_VERSION);
		return EXIT_OK;
	}
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "xlatectl: unknown command '%s' (see 'xlatectl --help')\n",
		argv[1]);
	return EXIT_USAGE;
}
