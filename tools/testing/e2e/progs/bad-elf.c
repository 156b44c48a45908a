// SPDX-License-Identifier: GPL-2.0
/*
 * bad-elf SRC DIR: write malformed copies of the ELF executable SRC into
 * DIR, one file per kind, mode 0755, and print each file's name.  The
 * e2e suite execs them (SRC an x86-64 program) or offers them as the
 * runtime (SRC an arm64 program).  Header offsets are those of ELF64.
 *
 *   empty            0 bytes
 *   magic-only       "\x7fELF"
 *   short-63         the first 63 bytes (one short of the ELF64 header)
 *   header-only      the first 64 bytes: header, no program headers
 *   truncated-phdr   header and the first program header only
 *   class32          e_ident[EI_CLASS] = ELFCLASS32 (x32 / i386 layout)
 *   big-endian       e_ident[EI_DATA] = ELFDATA2MSB
 *   bad-version      e_ident[EI_VERSION] = 0
 *   osabi-freebsd    e_ident[EI_OSABI] = 9 (FreeBSD)
 *   et-none, et-rel, et-core
 *                    e_type 0, 1 (relocatable object), 4 (core file)
 *   machine-i386     e_machine = EM_386
 *   machine-none     e_machine = EM_NONE
 *   phentsize-32     e_phentsize = 32
 *   phnum-zero       e_phnum = 0
 *   phnum-huge       e_phnum = 0xffff
 *   phoff-past-eof   e_phoff = 1 TiB
 *   garbage          4096 pseudo-random bytes (fixed seed), no ELF magic
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "progs.h"

#define EHDR_SIZE	64

static unsigned char *src;
static size_t src_len;
static const char *dir;

static void die(const char *what)
{
	fprintf(stderr, "bad-elf: %s: %s\n", what, err_name(errno));
	exit(1);
}

static void put(unsigned char *p, unsigned int off, uint64_t v, int bytes)
{
	int i;

	for (i = 0; i < bytes; i++)
		p[off + i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get(const unsigned char *p, unsigned int off, int bytes)
{
	uint64_t v = 0;
	int i;

	for (i = bytes - 1; i >= 0; i--)
		v = v << 8 | p[off + i];
	return v;
}

static void emit(const char *name, const unsigned char *buf, size_t len)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0755);
	if (fd < 0)
		die(path);
	if ((len && write(fd, buf, len) != (ssize_t)len) ||
	    fchmod(fd, 0755) || close(fd))
		die(path);
	printf("%s\n", name);
}

/* A full copy of SRC with @bytes bytes at @off set to @v. */
static void patched(const char *name, unsigned int off, uint64_t v,
		    int bytes)
{
	unsigned char *copy = malloc(src_len);

	if (!copy)
		die("malloc");
	memcpy(copy, src, src_len);
	put(copy, off, v, bytes);
	emit(name, copy, src_len);
	free(copy);
}

static void read_src(const char *path)
{
	size_t cap = 1 << 20;
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		die(path);
	src = malloc(cap);
	if (!src)
		die("malloc");
	while ((n = read(fd, src + src_len, cap - src_len)) > 0) {
		src_len += n;
		if (src_len == cap) {
			cap *= 2;
			src = realloc(src, cap);
			if (!src)
				die("realloc");
		}
	}
	if (n < 0)
		die(path);
	close(fd);
	if (src_len < EHDR_SIZE + 56 || memcmp(src, "\x7f" "ELF", 4) ||
	    src[4] != 2) {
		errno = ENOEXEC;
		die(path);
	}
}

int main(int argc, char **argv)
{
	unsigned char garbage[4096];
	uint32_t x = 12345;
	uint64_t phoff;
	size_t i;

	if (argc != 3) {
		fprintf(stderr, "usage: bad-elf SRC DIR\n");
		return 2;
	}
	dir = argv[2];
	read_src(argv[1]);
	phoff = get(src, 32, 8);

	emit("empty", src, 0);
	emit("magic-only", src, 4);
	emit("short-63", src, EHDR_SIZE - 1);
	emit("header-only", src, EHDR_SIZE);
	if (phoff + 56 <= src_len)
		emit("truncated-phdr", src, phoff + 56);
	patched("class32", 4, 1, 1);
	patched("big-endian", 5, 2, 1);
	patched("bad-version", 6, 0, 1);
	patched("osabi-freebsd", 7, 9, 1);
	patched("et-none", 16, 0, 2);
	patched("et-rel", 16, 1, 2);
	patched("et-core", 16, 4, 2);
	patched("machine-i386", 18, 3, 2);
	patched("machine-none", 18, 0, 2);
	patched("phentsize-32", 54, 32, 2);
	patched("phnum-zero", 56, 0, 2);
	patched("phnum-huge", 56, 0xffff, 2);
	patched("phoff-past-eof", 32, 1ULL << 40, 8);
	for (i = 0; i < sizeof(garbage); i++) {
		x = x * 1103515245 + 12345;
		garbage[i] = x >> 16;
	}
	garbage[0] = 0;
	emit("garbage", garbage, sizeof(garbage));
	return 0;
}
