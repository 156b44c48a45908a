// SPDX-License-Identifier: GPL-2.0
/*
 * marker-probe [-p PREFIX] [-s HEX] [-n N] [-R] [-x PROG [ARG...]]:
 * what a program sees of the personality marker and its credentials.
 * Built for both architectures: natively it shows what a native program
 * gets, run translated (x86-64) what the translated program gets.
 *
 * In order:
 *   -s HEX  call personality(HEX) first and print set_ret (its return
 *           value, the old personality as personality(2) reports it) or
 *           set_err
 *   -n N    call uname(2) N more times (counted by uname_virtualized
 *           when the task is marked)
 * then print one key=value per line, each key prefixed with PREFIX:
 *   machine           uname(2) machine (qemu-user always answers x86_64
 *                     for an x86-64 guest, so only native runs tell)
 *   personality       personality(0xffffffff) in hex
 *   proc_personality  /proc/self/personality: the kernel's word, which
 *                     personality(2) may filter but this file does not
 *                     (a program that is not dumpable makes itself
 *                     dumpable to read it)
 *   marker            none, x86, translated or x86+translated, from
 *                     proc_personality
 *   cpuinfo           x86 (first line "processor\t: 0" and a vendor_id
 *                     line), arm64 (a "CPU implementer" line), other
 *   at_secure         getauxval(AT_SECURE)
 *   uid euid gid egid capeff
 * then
 *   -R      make the effective ids the real and saved ones too
 *           (setresgid, setresuid), as sudo does before it runs a
 *           command; prints become=ok or become=ERRNO
 *   -x      exec PROG with its arguments (stdout flushed first); on
 *           failure print exec_error=ERRNO, then personality,
 *           proc_personality, marker and cpuinfo again with "after."
 *           added to the prefix, and exit 127
 */
#include <stdarg.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "progs.h"
#include "xlate.h"

static const char *prefix = "";

static void kv(const char *key, const char *fmt, ...)
{
	va_list ap;

	printf("%s%s=", prefix, key);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static const char *cpuinfo_kind(void)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	int first = 1, x86_first = 0, vendor = 0, arm = 0;
	char line[512];

	if (!f)
		return err_name(errno);
	while (fgets(line, sizeof(line), f)) {
		if (first)
			x86_first = !strncmp(line, "processor\t: 0\n", 14);
		first = 0;
		if (!strncmp(line, "vendor_id", 9))
			vendor = 1;
		if (!strncmp(line, "CPU implementer", 15))
			arm = 1;
	}
	fclose(f);
	if (x86_first && vendor && !arm)
		return "x86";
	if (arm && !vendor)
		return "arm64";
	return "other";
}

static void print_marker(void)
{
	static const char *const names[] = {
		"none", "translated", "x86", "x86+translated",
	};
	char line[64];
	unsigned long per;
	int r;

	r = file_line("/proc/self/personality", "", line, sizeof(line));
	/*
	 * A set-gid or file-capability program is not dumpable, which
	 * makes its /proc/self files root's (0400): become dumpable again
	 * and retry.
	 */
	if (r == -EACCES && !prctl(PR_SET_DUMPABLE, 1, 0, 0, 0))
		r = file_line("/proc/self/personality", "", line,
			      sizeof(line));
	if (r <= 0) {
		kv("proc_personality", "error:%s", r ? err_name(-r) : "empty");
		kv("marker", "unknown");
		return;
	}
	kv("proc_personality", "%s", line);
	per = strtoul(line, NULL, 16);
	kv("marker", "%s", names[(!!(per & XLATE_PER_X86) << 1) |
				 !!(per & XLATE_PER_TRANSLATED)]);
}

static void print_status(const char *key, const char *field)
{
	char line[256];
	char *p;
	int r = file_line("/proc/self/status", field, line, sizeof(line));

	if (r <= 0) {
		kv(key, "error:%s", r ? err_name(-r) : "missing");
		return;
	}
	p = line + strlen(field);
	p += strspn(p, " \t");
	kv(key, "%s", p);
}

int main(int argc, char **argv)
{
	struct utsname u;
	long set = -1, n = 0;
	int become = 0, do_exec = 0, opt, r;
	char after[256];

	while ((opt = getopt(argc, argv, "+p:s:n:Rx")) != -1) {
		switch (opt) {
		case 'p':
			prefix = optarg;
			break;
		case 's':
			set = strtol(optarg, NULL, 16);
			break;
		case 'n':
			n = strtol(optarg, NULL, 10);
			break;
		case 'R':
			become = 1;
			break;
		case 'x':
			do_exec = 1;
			goto parsed;
		default:
			return 2;
		}
	}
parsed:
	if (set >= 0) {
		r = personality((unsigned long)set);
		if (r == -1)
			kv("set_err", "%s", err_name(errno));
		else
			kv("set_ret", "0x%08x", (unsigned int)r);
	}
	while (n-- > 0)
		uname(&u);
	if (uname(&u))
		kv("machine", "error:%s", err_name(errno));
	else
		kv("machine", "%s", u.machine);
	kv("personality", "0x%08x", (unsigned int)personality(0xffffffff));
	print_marker();
	kv("cpuinfo", "%s", cpuinfo_kind());
	kv("at_secure", "%lu", getauxval(AT_SECURE));
	kv("uid", "%u", (unsigned int)getuid());
	kv("euid", "%u", (unsigned int)geteuid());
	kv("gid", "%u", (unsigned int)getgid());
	kv("egid", "%u", (unsigned int)getegid());
	print_status("capeff", "CapEff:");
	if (become) {
		gid_t g = getegid();
		uid_t u = geteuid();

		if (setresgid(g, g, g) || setresuid(u, u, u))
			kv("become", "%s", err_name(errno));
		else
			kv("become", "ok");
	}
	if (do_exec) {
		if (optind >= argc) {
			fprintf(stderr, "marker-probe: -x needs PROG\n");
			return 2;
		}
		fflush(stdout);
		execv(argv[optind], argv + optind);
		kv("exec_error", "%s", err_name(errno));
		snprintf(after, sizeof(after), "%safter.", prefix);
		prefix = after;
		kv("personality", "0x%08x",
		   (unsigned int)personality(0xffffffff));
		print_marker();
		kv("cpuinfo", "%s", cpuinfo_kind());
		return 127;
	}
	return 0;
}
