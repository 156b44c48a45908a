// SPDX-License-Identifier: GPL-2.0
/*
 * binfmt-corpus SRC TAG DIR: write header mutations of the ELF program
 * SRC into DIR, for the differential test of registration lines
 * (e2e/suite/27-binfmt-diff.sh), and print each file's name, one a line.
 * Files are named TAG-WHAT; all are mode 0755 except the *-noread ones
 * (0711: executable, not readable by anyone but root).
 *
 *   TAG-orig              SRC unchanged
 *   TAG-ident-I-VV        e_ident[I] = 0xVV, for every I (0-15) and the
 *                         boundary values 00 01 02 03 7f 80 fe ff (the
 *                         byte's own value skipped)
 *   TAG-type-VVVV         e_type (bytes 16-17, little-endian) = 0xVVVV
 *   TAG-machine-VVVV      e_machine (bytes 18-19) = 0xVVVV
 *   TAG-version-VVVVVVVV  e_version (bytes 20-23) = 0xVVVVVVVV
 *   TAG-trunc-N           the first N bytes (N 0: an empty file)
 *   TAG-orig-noread, TAG-trunc-64-noread, TAG-ident-7-03-noread
 *                         as their namesakes, mode 0711
 *
 * SRC may be of either class: the offsets are those both classes share.
 */
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "progs.h"

static unsigned char *src;
static size_t src_len;
static const char *tag, *dir;

static void emit(const char *what, const unsigned char *buf, size_t len,
		 mode_t mode)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/%s-%s", dir, tag, what);
	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0 || (len && write(fd, buf, len) != (ssize_t)len) ||
	    fchmod(fd, mode) || close(fd)) {
		fprintf(stderr, "binfmt-corpus: %s: %s\n", path,
			err_name(errno));
		exit(1);
	}
	printf("%s-%s\n", tag, what);
}

/* SRC with @n bytes at @off set to @v, little-endian. */
static void patched(const char *what, unsigned int off, unsigned int n,
		    uint32_t v, mode_t mode)
{
	unsigned char *b = malloc(src_len);
	unsigned int i;

	if (!b)
		exit(1);
	memcpy(b, src, src_len);
	for (i = 0; i < n; i++)
		b[off + i] = v >> (8 * i);
	emit(what, b, src_len, mode);
	free(b);
}

int main(int argc, char **argv)
{
	static const unsigned char ident_values[] = {
		0x00, 0x01, 0x02, 0x03, 0x7f, 0x80, 0xfe, 0xff,
	};
	static const uint16_t types[] = {
		0x0000, 0x0001, 0x0002, 0x0003, 0x0004, 0x00ff, 0x0102,
		0x0103, 0xfe00, 0xfeff, 0xff00, 0xffff,
	};
	static const uint16_t machines[] = {
		0x0000, 0x0003, 0x0006, 0x0028, 0x0032, 0x003e, 0x003f,
		0x007e, 0x00b7, 0x00be, 0x0103, 0x013e, 0x0300, 0x3e00,
		0xffff,
	};
	static const uint32_t versions[] = {
		0x00000000, 0x00000001, 0x00000002, 0x00000100, 0x01000000,
		0x7fffffff, 0x80000000, 0xffffffff,
	};
	static const unsigned int truncs[] = {
		0, 1, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 23, 24, 51, 52, 53,
		63, 64, 65, 119, 120, 255, 256, 257, 1024, 4096,
	};
	char what[64];
	unsigned int i, v;
	struct stat st;
	int fd;

	if (argc != 4) {
		fprintf(stderr, "usage: %s SRC TAG DIR\n", argv[0]);
		return 2;
	}
	tag = argv[2];
	dir = argv[3];
	fd = open(argv[1], O_RDONLY);
	if (fd < 0 || fstat(fd, &st) || st.st_size < 64) {
		fprintf(stderr, "binfmt-corpus: %s: not an ELF file\n", argv[1]);
		return 1;
	}
	src_len = st.st_size;
	src = malloc(src_len);
	if (!src || read(fd, src, src_len) != (ssize_t)src_len)
		return 1;
	close(fd);

	emit("orig", src, src_len, 0755);
	for (i = 0; i < 16; i++) {
		for (v = 0; v < ARRAY_SIZE(ident_values); v++) {
			if (src[i] == ident_values[v])
				continue;
			snprintf(what, sizeof(what), "ident-%u-%02x", i,
				 ident_values[v]);
			patched(what, i, 1, ident_values[v], 0755);
		}
	}
	for (v = 0; v < ARRAY_SIZE(types); v++) {
		snprintf(what, sizeof(what), "type-%04x", types[v]);
		patched(what, 16, 2, types[v], 0755);
	}
	for (v = 0; v < ARRAY_SIZE(machines); v++) {
		snprintf(what, sizeof(what), "machine-%04x", machines[v]);
		patched(what, 18, 2, machines[v], 0755);
	}
	for (v = 0; v < ARRAY_SIZE(versions); v++) {
		snprintf(what, sizeof(what), "version-%08x", versions[v]);
		patched(what, 20, 4, versions[v], 0755);
	}
	for (v = 0; v < ARRAY_SIZE(truncs); v++) {
		snprintf(what, sizeof(what), "trunc-%u", truncs[v]);
		emit(what, src, truncs[v] < src_len ? truncs[v] : src_len,
		     0755);
	}
	emit("orig-noread", src, src_len, 0711);
	emit("trunc-64-noread", src, 64, 0711);
	patched("ident-7-03-noread", 7, 1, 3, 0711);
	return 0;
}
