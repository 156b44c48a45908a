// SPDX-License-Identifier: GPL-2.0
/*
 * errno-to-sentence mapping (design.rst's errno table) and on/off
 * parsing.
 */
#include <errno.h>
#include <string.h>

#include "check.h"
#include "xlatectl.h"

struct msg_case {
	const char *name;
	const char *(*fn)(int err);
	int err;
	const char *needle;	/* must occur in the message */
};

static const struct msg_case cases[] = {
	{ "errmsg/open-eacces", open_errmsg, EACCES,
	  "permission denied: run as root" },
	{ "errmsg/open-enoent", open_errmsg, ENOENT, "loaded" },
	{ "errmsg/runtime-eperm", runtime_errmsg, EPERM,
	  "needs CAP_SYS_ADMIN in the initial user namespace, or the runtime is not owned by root / is writable by group or others / is set-id / has file capabilities (dmesg says which)",
	},
	{ "errmsg/runtime-einval", runtime_errmsg, EINVAL, "absolute" },
	{ "errmsg/runtime-enametoolong", runtime_errmsg, ENAMETOOLONG,
	  "4096" },
	{ "errmsg/runtime-enoent", runtime_errmsg, ENOENT, "no such file" },
	{ "errmsg/runtime-eacces", runtime_errmsg, EACCES, "noexec" },
	{ "errmsg/runtime-enoexec", runtime_errmsg, ENOEXEC,
	  "not an ELF executable for this machine" },
	{ "errmsg/runtime-etxtbsy", runtime_errmsg, ETXTBSY,
	  "open for writing" },
	{ "errmsg/switch-eperm", switch_errmsg, EPERM, "CAP_SYS_ADMIN" },
	{ "errmsg/switch-einval", switch_errmsg, EINVAL, "on or off" },
	{ "errmsg/cpuinfo-einval", cpuinfo_errmsg, EINVAL, "invalid value" },
	{ "errmsg/cpuinfo-e2big", cpuinfo_errmsg, E2BIG, "too long" },
	{ "errmsg/cpuinfo-eperm", cpuinfo_errmsg, EPERM, "CAP_SYS_ADMIN" },
	{ "errmsg/cpuinfo-estale", cpuinfo_errmsg, ESTALE, "runtime changed" },
};

int main(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const char *m = cases[i].fn(cases[i].err);
		const char *shown = m ? m : "(none)";

		check(cases[i].name, m && strstr(m, cases[i].needle),
		      "message \"%s\" lacks \"%s\"", shown, cases[i].needle);
	}
	check("errmsg/unknown-errno-falls-back", !runtime_errmsg(EXDEV) &&
	      !open_errmsg(EXDEV), "EXDEV should have no sentence");
	check("errmsg/errno-name", !strcmp(errno_name(ETXTBSY), "ETXTBSY") &&
	      !strcmp(errno_name(ENAMETOOLONG), "ENAMETOOLONG") &&
	      !strcmp(errno_name(9999), "errno 9999"),
	      "got %s", errno_name(ETXTBSY));
	check("args/onoff", parse_onoff("on") == 1 && parse_onoff("OFF") == 0 &&
	      parse_onoff("1") == 1 && parse_onoff("no") == 0 &&
	      parse_onoff("yes") == 1 && parse_onoff("maybe") == -1 &&
	      parse_onoff("") == -1, "parse_onoff mismatch");
	check("args/help", is_help("--help") && is_help("-h") &&
	      !is_help("help") && !is_help("--helpme"), "is_help mismatch");
	return check_exit();
}
