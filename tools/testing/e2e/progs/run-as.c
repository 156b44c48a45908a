// SPDX-License-Identifier: GPL-2.0
/*
 * run-as [-u UID] [-g GID] [-0 ARGV0] [-S] [-N] [-U] PROG [ARG...]: exec
 * PROG (an absolute path) with the given ids (supplementary groups
 * cleared), argv[0] and, with -S, without CAP_SYS_ADMIN in the bounding
 * set (so root loses it at the exec).  After the ids are set, -N sets
 * no_new_privs and -U moves into a new user namespace in which the
 * (new) uid and gid are mapped to 0, so PROG runs as "root" with every
 * capability of that namespace and none of the initial one.
 */
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "progs.h"

static void die(const char *what)
{
	fprintf(stderr, "run-as: %s: %s\n", what, err_name(errno));
	exit(126);
}

/* unshare(CLONE_NEWUSER) and map the current ids to 0 in it. */
static void enter_userns(void)
{
	const char *step = userns_map_self(getuid(), getgid());

	if (step)
		die(step);
}

int main(int argc, char **argv)
{
	const char *argv0 = NULL;
	long uid = -1, gid = -1;
	int drop_sysadmin = 0, nnp = 0, userns = 0;
	int opt;

	while ((opt = getopt(argc, argv, "+u:g:0:SNU")) != -1) {
		switch (opt) {
		case 'u':
			uid = strtol(optarg, NULL, 10);
			break;
		case 'g':
			gid = strtol(optarg, NULL, 10);
			break;
		case '0':
			argv0 = optarg;
			break;
		case 'S':
			drop_sysadmin = 1;
			break;
		case 'N':
			nnp = 1;
			break;
		case 'U':
			userns = 1;
			break;
		default:
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: run-as [-u UID] [-g GID] [-0 ARGV0] [-S] [-N] [-U] PROG [ARG...]\n");
		return 2;
	}
	if (drop_sysadmin && prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN, 0, 0, 0))
		die("PR_CAPBSET_DROP");
	if ((gid >= 0 || uid >= 0) && setgroups(0, NULL))
		die("setgroups");
	if (gid >= 0 && setgid(gid))
		die("setgid");
	if (uid >= 0 && setuid(uid))
		die("setuid");
	if (nnp && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		die("PR_SET_NO_NEW_PRIVS");
	if (userns)
		enter_userns();
	{
		const char *prog = argv[optind];

		if (argv0)
			argv[optind] = (char *)argv0;
		execv(prog, argv + optind);
		die(prog);
	}
	return 127;
}
