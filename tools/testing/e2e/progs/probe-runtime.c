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

int main(int argc, char **argv)
{
	unsigned long at_flags = getauxval(AT_FLAGS);
	unsigned int pers = self_personality();
	const char *code = getenv("PROBE_EXIT");
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
	printf("personality=0x%08x\n", pers);
	printf("marker_x86=%d\n", !!(pers & XLATE_PER_X86));
	printf("marker_translated=%d\n", !!(pers & XLATE_PER_TRANSLATED));
	print_view();
	fflush(stdout);
	return code ? atoi(code) : 0;
}
