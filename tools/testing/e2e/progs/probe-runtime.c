// SPDX-License-Identifier: GPL-2.0
/*
 * probe-runtime: a fake translator.  Configured as xlate's runtime, it
 * prints what the kernel handed it, one key=value per line, and exits
 * 0 (or $PROBE_EXIT):
 *   argc, argv[i]           its own argv
 *   at_flags, preserve_argv0
 *   execfd (a number or "none"), execfd_ino, execfd_magic (first 4
 *   bytes in hex), execfd_machine (ELF e_machine; 62 is x86-64)
 *   uid, euid, gid, egid, capeff, capprm
 *   personality, marker_x86, marker_translated
 *   uname_machine, cpuinfo_first, cpuinfo_vendor_id ("none" if absent)
 *
 * With PROBE_HANDOFF=1 it stands in for a runtime in the differential
 * test of registration lines (e2e/suite/27-binfmt-diff.sh), where the
 * same exec runs once through binfmt_misc and once through xlate: it
 * prints only what the kernel handed over (argv, AT_FLAGS, AT_EXECFD
 * and the credentials), then, as a runtime would, opens the program
 * (AT_EXECFD if given, else the path argv[1]) and reads its first
 * bytes, printing program=<bytes read> or program=error:ERRNO, and
 * exits 0, or 1 if it could not read it.  The x86 view (personality
 * marker, uname, cpuinfo), which xlate gives on purpose, is left out.
 * PROBE_CMDLINE=1 adds cmdline=, its /proc/self/cmdline with NULs as
 * spaces (what ps shows).
 */
#include <stdlib.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "progs.h"
#include "xlate.h"

#ifndef AT_FLAGS_PRESERVE_ARGV0
#define AT_FLAGS_PRESERVE_ARGV0 1
#endif

static void print_execfd(void)
{
	unsigned char hdr[20];
	unsigned long fd;
	struct stat st;

	errno = 0;
	fd = getauxval(AT_EXECFD);
	if (errno == ENOENT) {
		printf("execfd=none\n");
		return;
	}
	printf("execfd=%lu\n", fd);
	if (fstat(fd, &st))
		printf("execfd_ino=error:%s\n", err_name(errno));
	else
		printf("execfd_ino=%lu\n", (unsigned long)st.st_ino);
	if (pread(fd, hdr, sizeof(hdr), 0) != sizeof(hdr)) {
		printf("execfd_magic=error:%s\n", err_name(errno));
		return;
	}
	printf("execfd_magic=%02x%02x%02x%02x\n", hdr[0], hdr[1], hdr[2],
	       hdr[3]);
	/* e_machine at offset 18, little-endian */
	printf("execfd_machine=%u\n", hdr[18] | hdr[19] << 8);
}

static void print_view(void)
{
	struct utsname u;
	char line[512];
	int r;

	if (uname(&u))
		printf("uname_machine=error:%s\n", err_name(errno));
	else
		printf("uname_machine=%s\n", u.machine);

	r = file_line("/proc/cpuinfo", "", line, sizeof(line));
	if (r < 0)
		printf("cpuinfo_first=error:%s\n", err_name(-r));
	else
		printf("cpuinfo_first=%s\n", r ? line : "");
	r = file_line("/proc/cpuinfo", "vendor_id", line, sizeof(line));
	if (r < 0)
		printf("cpuinfo_vendor_id=error:%s\n", err_name(-r));
	else
		printf("cpuinfo_vendor_id=%s\n", r ? line : "none");
}

/*
 * The personality as the kernel keeps it: personality(2) hides the
 * marker from a task marked by a translated exec, as the runtime is.
 */
static unsigned int self_personality(void)
{
	unsigned int pers = 0;
	FILE *f = fopen("/proc/self/personality", "r");

	if (!f || fscanf(f, "%x", &pers) != 1)
		pers = 0xffffffff;
	if (f)
		fclose(f);
	return pers;
}

/* PROBE_CMDLINE: /proc/self/cmdline, NULs as spaces. */
static void print_cmdline(void)
{
	char buf[4096];
	ssize_t n, i;
	int fd = open("/proc/self/cmdline", O_RDONLY);

	n = fd < 0 ? -1 : read(fd, buf, sizeof(buf));
	if (fd >= 0)
		close(fd);
	if (n < 0) {
		printf("cmdline=error:%s\n", err_name(errno));
		return;
	}
	for (i = 0; i < n; i++)
		if (!buf[i])
			buf[i] = ' ';
	while (n && buf[n - 1] == ' ')
		n--;
	printf("cmdline=%.*s\n", (int)n, buf);
}

/* PROBE_HANDOFF: read the program as a runtime would; 0 if it could. */
static int read_program(int argc, char **argv)
{
	unsigned char hdr[64];
	unsigned long fd;
	ssize_t n;
	int own = -1;

	errno = 0;
	fd = getauxval(AT_EXECFD);
	if (errno == ENOENT) {
		if (argc < 2) {
			printf("program=error:no-path\n");
			return 1;
		}
		own = open(argv[1], O_RDONLY);
		if (own < 0) {
			printf("program=error:%s\n", err_name(errno));
			return 1;
		}
		fd = own;
	}
	n = pread(fd, hdr, sizeof(hdr), 0);
	if (n < 0)
		printf("program=error:%s\n", err_name(errno));
	else
		printf("program=%zd\n", n);
	if (own >= 0)
		close(own);
	return n < 0;
}

int main(int argc, char **argv)
{
	unsigned long at_flags = getauxval(AT_FLAGS);
	unsigned int pers = self_personality();
	const char *code = getenv("PROBE_EXIT");
	const char *handoff = getenv("PROBE_HANDOFF");
	char line[256];
	int i, r;

	printf("argc=%d\n", argc);
	for (i = 0; i < argc; i++)
		printf("argv[%d]=%s\n", i, argv[i]);
	printf("at_flags=0x%lx\n", at_flags);
	printf("preserve_argv0=%d\n", !!(at_flags & AT_FLAGS_PRESERVE_ARGV0));
	print_execfd();
	printf("uid=%d\neuid=%d\ngid=%d\negid=%d\n", (int)getuid(),
	       (int)geteuid(), (int)getgid(), (int)getegid());
	r = file_line("/proc/self/status", "CapEff:", line, sizeof(line));
	printf("capeff=%s\n", r > 0 ? line + strspn(line + 7, "\t ") + 7 :
	       "unknown");
	r = file_line("/proc/self/status", "CapPrm:", line, sizeof(line));
	printf("capprm=%s\n", r > 0 ? line + strspn(line + 7, "\t ") + 7 :
	       "unknown");
	if (handoff && !strcmp(handoff, "1")) {
		if (getenv("PROBE_CMDLINE"))
			print_cmdline();
		r = read_program(argc, argv);
		fflush(stdout);
		return r;
	}
	printf("personality=0x%08x\n", pers);
	printf("marker_x86=%d\n", !!(pers & XLATE_PER_X86));
	printf("marker_translated=%d\n", !!(pers & XLATE_PER_TRANSLATED));
	print_view();
	fflush(stdout);
	return code ? atoi(code) : 0;
}
