// SPDX-License-Identifier: GPL-2.0
/*
 * container-run [-u UID -g GID] [-w] [-n NAME] ROOTFS PROG [ARG...]:
 * run PROG in a container made of ROOTFS the way container engines
 * (runc, crun) make one:
 *
 *  -u/-g  first become that unprivileged user and move into a new user
 *         namespace that maps it to 0, as rootless podman does
 *         (unshare -U with a one-line uid and gid map);
 *  then   new mount, pid, uts, ipc and network namespaces; a child is
 *         pid 1 of the new pid namespace and, in it:
 *         ROOTFS bind-mounted on itself; a fresh proc on /proc; sysfs
 *         on /sys (read-only, as engines mount it; -w: read-write, so
 *         that writes reach the files' own permission checks); tmpfs
 *         on /dev with null, zero, full, random, urandom and tty bound
 *         from the VM's /dev, and /dev/pts, /dev/shm; tmpfs on /tmp
 *         and /run; hostname NAME (default "ctr");
 *         pivot_root(".", ".") and a lazy unmount of the old root (on
 *         an initramfs root, which cannot be pivoted: a move over / and
 *         chroot, as runc does there), so nothing of the VM's file
 *         system (busybox, the runtime, /xlate) is reachable; a clean
 *         environment; exec PROG.
 *
 * The parent waits and exits with PROG's status (128 + signal when it
 * was killed).  Errors of the set-up exit 125 with "container-run:
 * STEP: ERRNO" on stderr.  ROOTFS must be a directory with /proc, /sys,
 * /dev, /tmp and /run (a Debian root file system), read-only is fine.
 */
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "progs.h"

static void die(const char *what)
{
	fprintf(stderr, "container-run: %s: %s\n", what, err_name(errno));
	exit(125);
}

/* Become UID/GID, then root of a new user namespace mapping only them. */
static void enter_userns(uid_t uid, gid_t gid)
{
	const char *step;

	if (setgroups(0, NULL) || setgid(gid) || setuid(uid))
		die("setuid");
	step = userns_map_self(uid, gid);
	if (step)
		die(step);
}

static void do_mount(const char *src, const char *dst, const char *type,
		     unsigned long flags, const char *data)
{
	char what[256];

	if (mount(src, dst, type, flags, data)) {
		snprintf(what, sizeof(what), "mount %s on %s", type ? type : src,
			 dst);
		die(what);
	}
}

/* /dev: a tmpfs with the usual device nodes bound from the VM's /dev. */
static void make_dev(void)
{
	static const char *const nodes[] = {
		"null", "zero", "full", "random", "urandom", "tty",
	};
	static const char *const links[][2] = {
		{ "/proc/self/fd", "dev/fd" },
		{ "/proc/self/fd/0", "dev/stdin" },
		{ "/proc/self/fd/1", "dev/stdout" },
		{ "/proc/self/fd/2", "dev/stderr" },
		{ "pts/ptmx", "dev/ptmx" },
	};
	char src[64], dst[64];
	size_t i;
	int fd;

	do_mount("tmpfs", "dev", "tmpfs", MS_NOSUID | MS_NOEXEC,
		 "mode=0755,size=64k");
	for (i = 0; i < ARRAY_SIZE(nodes); i++) {
		snprintf(src, sizeof(src), "/dev/%s", nodes[i]);
		snprintf(dst, sizeof(dst), "dev/%s", nodes[i]);
		fd = open(dst, O_CREAT | O_WRONLY, 0666);
		if (fd < 0 || close(fd))
			die(dst);
		do_mount(src, dst, NULL, MS_BIND, NULL);
	}
	for (i = 0; i < ARRAY_SIZE(links); i++)
		if (symlink(links[i][0], links[i][1]))
			die(links[i][1]);
	if (mkdir("dev/pts", 0755) || mkdir("dev/shm", 01777))
		die("mkdir dev/pts, dev/shm");
	do_mount("devpts", "dev/pts", "devpts", MS_NOSUID | MS_NOEXEC,
		 "newinstance,ptmxmode=0666,mode=0620");
	do_mount("shm", "dev/shm", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
		 "mode=1777,size=16m");
}

/* In the child, pid 1 of the new pid namespace: set up and exec. */
static void container_init(const char *rootfs, const char *name, int sys_rw,
			   char **argv)
{
	static char *const env[] = {
		"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"HOME=/root", "TERM=dumb", "LC_ALL=C.UTF-8", NULL,
	};
	unsigned long ro = sys_rw ? 0 : MS_RDONLY;

	if (sethostname(name, strlen(name)))
		die("sethostname");
	/* Nothing of what follows propagates back to the VM. */
	do_mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
	do_mount(rootfs, rootfs, NULL, MS_BIND | MS_REC, NULL);
	if (chdir(rootfs))
		die(rootfs);
	do_mount("proc", "proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
		 NULL);
	do_mount("sysfs", "sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC | ro,
		 NULL);
	make_dev();
	do_mount("tmpfs", "tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777");
	do_mount("tmpfs", "run", "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755");
	/* runc's way: the old root ends up on top of the new one, then goes. */
	if (!syscall(SYS_pivot_root, ".", ".")) {
		if (umount2(".", MNT_DETACH))
			die("umount old root");
	} else if (errno == EINVAL) {
		/*
		 * The VM's / is the initramfs, the one mount pivot_root cannot
		 * move: do what runc does there (no_pivot_root), move the root
		 * file system over / and chroot into it.  The old root stays
		 * under it, out of reach of every path.
		 */
		do_mount(".", "/", NULL, MS_MOVE, NULL);
		if (chroot("."))
			die("chroot");
	} else {
		die("pivot_root");
	}
	if (chdir("/"))
		die("chdir /");
	execve(argv[0], argv, env);
	/* A command name without a slash: look it up in the container. */
	if (errno == ENOENT && !strchr(argv[0], '/')) {
		environ = (char **)env;
		execvp(argv[0], argv);
	}
	die(argv[0]);
}

int main(int argc, char **argv)
{
	const char *name = "ctr";
	long uid = -1, gid = -1;
	int sys_rw = 0, opt, status;
	pid_t pid;

	while ((opt = getopt(argc, argv, "+u:g:wn:")) != -1) {
		switch (opt) {
		case 'u':
			uid = strtol(optarg, NULL, 10);
			break;
		case 'g':
			gid = strtol(optarg, NULL, 10);
			break;
		case 'w':
			sys_rw = 1;
			break;
		case 'n':
			name = optarg;
			break;
		default:
			return 2;
		}
	}
	/* -u and -g go together. */
	if (argc - optind < 2 || (uid < 0 && gid >= 0) || (uid >= 0 && gid < 0)) {
		fprintf(stderr, "usage: container-run [-u UID -g GID] [-w] [-n NAME] %s\n",
			"ROOTFS PROG [ARG...]");
		return 2;
	}
	if (uid >= 0)
		enter_userns(uid, gid);
	if (unshare(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC |
		    CLONE_NEWNET))
		die("unshare");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		/* A killed container-run (a timeout) takes the container along. */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0))
			die("PR_SET_PDEATHSIG");
		container_init(argv[optind], name, sys_rw, argv + optind + 1);
	}
	if (waitpid(pid, &status, 0) < 0)
		die("waitpid");
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
