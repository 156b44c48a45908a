// SPDX-License-Identifier: GPL-2.0
/*
 * xlatectl set runtime|runtime32 PATH | set SWITCH on|off: write a module
 * parameter and turn a refusal into a sentence that says what to fix.
 */
#include <stdio.h>
#include <string.h>

#include "xlatectl.h"

static const char set_usage[] =
	"usage: xlatectl set [--no-sync] runtime|runtime32 PATH\n"
	"       xlatectl set enabled|preserve_argv0|open_binary|credentials on|off\n"
	"       xlatectl set enabled32|preserve_argv0_32|open_binary32|credentials32 on|off\n"
	"       xlatectl set cmdline|exe auto|on|off\n"
	"Change xlate's configuration (needs CAP_SYS_ADMIN).  runtime32 and\n"
	"the *32 switches are for i386 programs.  An empty PATH ('') removes\n"
	"the runtime.  A change applies to later execs only.  After a new\n"
	"runtime, /proc/cpuinfo is synced to its CPUID (xlatectl cpuinfo\n"
	"sync) unless --no-sync is given.\n";

/**
 * parse_onoff() - "on"/"off" and their usual synonyms
 * @s: the argument
 *
 * Return: 1, 0, or -1 if @s is neither.
 */
int parse_onoff(const char *s)
{
	static const char *const on[] = { "on", "1", "yes", "y", "true", NULL };
	static const char *const off[] = { "off", "0", "no", "n", "false",
					   NULL };
	int i;

	for (i = 0; on[i]; i++)
		if (!strcasecmp(s, on[i]))
			return 1;
	for (i = 0; off[i]; i++)
		if (!strcasecmp(s, off[i]))
			return 0;
	return -1;
}

static bool known_switch(const char *name)
{
	int i;

	for (i = 0; switch_names[i]; i++)
		if (!strcmp(switch_names[i], name))
			return true;
	return false;
}

/* cmdline and exe: on, off or auto. */
static bool is_ident(const char *name)
{
	return !strcmp(name, "cmdline") || !strcmp(name, "exe");
}

/**
 * cmd_set() - xlatectl set: change the runtime or a switch
 * @argc: number of arguments, the command name included
 * @argv: the arguments; @argv[0] is "set"
 *
 * Return: the exit code (xlatectl.8, EXIT STATUS).
 */
int cmd_set(int argc, char **argv)
{
	char path[PATH_BUF], what[PATH_BUF];
	const char *(*msg)(int err);
	const char *value;
	bool at_open, sync = true;
	int on, err;

	if (argc > 1 && is_help(argv[1])) {
		fputs(set_usage, stdout);
		return EXIT_OK;
	}
	if (argc > 1 && !strcmp(argv[1], "--no-sync")) {
		sync = false;
		argc--;
		argv++;
	}
	if (argc != 3)
		return usage_error("set", "expected a parameter and a value");
	if (!strcmp(argv[1], "runtime") || !strcmp(argv[1], "runtime32")) {
		value = argv[2];
		msg = runtime_errmsg;
	} else if (is_ident(argv[1]) && !strcasecmp(argv[2], "auto")) {
		value = "auto";
		msg = switch_errmsg;
	} else if (known_switch(argv[1]) || is_ident(argv[1])) {
		on = parse_onoff(argv[2]);
		if (on < 0)
			return usage_error("set", "'%s' is not on or off",
					   argv[2]);
		value = on ? "1" : "0";
		msg = switch_errmsg;
	} else {
		return usage_error("set", "unknown parameter '%s'", argv[1]);
	}
	if (!module_loaded())
		return not_loaded();
	snprintf(path, sizeof(path), "%s/%s", XLATE_SYSFS_PARAMS, argv[1]);
	sys_path(what, sizeof(what), path);
	err = write_value(what, value, &at_open);
	if (err) {
		snprintf(what, sizeof(what), "set %s %s", argv[1], argv[2]);
		report_write_error(what, -err, at_open, msg);
		return EXIT_FAIL;
	}
	/* a new x86-64 runtime: the profile of the old one is out of effect */
	if (sync && !strcmp(argv[1], "runtime") && *value)
		cpuinfo_sync_after("set runtime");
	return EXIT_OK;
}
