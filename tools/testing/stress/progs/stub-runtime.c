// SPDX-License-Identifier: GPL-2.0
/*
 * stub-runtime: a translator runtime that translates nothing, for exec
 * stress.  xlate hands it an x86-64 program exactly as it would hand it
 * to qemu-x86_64; the stub checks what it was handed and exits at once,
 * so a translated exec costs the kernel's hand-off plus the start of a
 * small static arm64 program instead of qemu's start-up (milliseconds,
 * not half a second, under TCG).
 *
 * Exit status:
 *   42  the hand-off was right and uname(2) said x86_64 (the x86 view);
 *   44  the same, but uname(2) said aarch64: legal only while xlate is
 *       being unloaded or loaded (execloop decides with its state file);
 *   3   the program handed over (AT_EXECFD, else argv[1]) is not a
 *       64-bit little-endian x86-64 ELF executable;
 *   4   it cannot be opened or read;
 *   5   uname(2) failed or named another machine;
 *   6   argv does not match AT_FLAGS: with AT_FLAGS_PRESERVE_ARGV0 the
 *       layout is "runtime path argv0", else "runtime path" (execloop
 *       passes no arguments and argv[0] = the path).
 * A message on stderr explains every status but 42 and 44.
 */
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/utsname.h>
#include <unistd.h>

#ifndef AT_FLAGS_PRESERVE_ARGV0
#define AT_FLAGS_PRESERVE_ARGV0 1
#endif

static int die(int status, const char *what, const char *path)
{
	fprintf(stderr, "stub-runtime: %s: %s\n", path ? path : "?", what);
	return status;
}

int main(int argc, char **argv)
{
	unsigned long execfd = getauxval(AT_EXECFD);
	unsigned long flags = getauxval(AT_FLAGS);
	const char *path = argc > 1 ? argv[1] : NULL;
	Elf64_Ehdr eh;
	struct utsname u;
	int fd;

	if (flags & AT_FLAGS_PRESERVE_ARGV0) {
		if (argc != 3 || strcmp(argv[1], argv[2]))
			return die(6, "AT_FLAGS_PRESERVE_ARGV0 without \"path argv0\"",
				   path);
	} else if (argc != 2) {
		return die(6, "argv is not \"runtime path\"", path);
	}
	fd = execfd ? (int)execfd : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return die(4, "cannot open", path);
	if (pread(fd, &eh, sizeof(eh), 0) != sizeof(eh))
		return die(4, "cannot read an ELF header", path);
	if (memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh.e_machine != EM_X86_64 ||
	    (eh.e_type != ET_EXEC && eh.e_type != ET_DYN))
		return die(3, "not an x86-64 ELF executable", path);
	if (uname(&u))
		return die(5, "uname failed", path);
	if (!strcmp(u.machine, "x86_64"))
		return 42;
	if (!strcmp(u.machine, "aarch64"))
		return 44;
	return die(5, u.machine, path);
}
