// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of kmod/lib/elf_x86.c: which headers xlate hands to
 * the translator.  Every buffer is allocated with exactly the length
 * passed, so AddressSanitizer catches a read beyond @len.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../../kmod/lib/elf_x86.h"

#define HDR_BUF	256	/* size of bprm->buf */

enum mutation {
	M_NONE, M_BYTE, M_LE16, M_TRUNC, M_RAW,
};

struct elf_case {
	const char *name;
	unsigned int base_type;	/* e_type of the base header */
	enum mutation mut;
	unsigned int off;	/* M_BYTE, M_LE16: offset; M_TRUNC: length */
	unsigned int val;
	const char *raw;	/* M_RAW: the whole file */
	size_t len;		/* 0: 64 (a bare header) */
	int want;		/* for xlate_elf_is_x86_64() */
};

#define ET_EXEC	2
#define ET_DYN	3

static const struct elf_case cases[] = {
	{ "x86_64-exec", ET_EXEC, M_NONE, 0, 0, NULL, 0, 0 },
	{ "x86_64-dyn-pie", ET_DYN, M_NONE, 0, 0, NULL, 0, 0 },
	{ "x86_64-exec-bprm-buf", ET_EXEC, M_NONE, 0, 0, NULL, HDR_BUF, 0 },
	{ "x86_64-osabi-gnu", ET_EXEC, M_BYTE, 7, 3, NULL, 0, 0 },
	{ "x86_64-phnum-1", ET_EXEC, M_LE16, 56, 1, NULL, 0, 0 },
	{ "i386", ET_EXEC, M_RAW, 0, 0, NULL, 0, -ENOEXEC },
	{ "x32", ET_EXEC, M_BYTE, 4, 1, NULL, 0, -ENOEXEC },
	{ "class-none", ET_EXEC, M_BYTE, 4, 0, NULL, 0, -ENOEXEC },
	{ "class-3", ET_EXEC, M_BYTE, 4, 3, NULL, 0, -ENOEXEC },
	{ "big-endian", ET_EXEC, M_BYTE, 5, 2, NULL, 0, -ENOEXEC },
	{ "data-none", ET_EXEC, M_BYTE, 5, 0, NULL, 0, -ENOEXEC },
	{ "data-3", ET_EXEC, M_BYTE, 5, 3, NULL, 0, -ENOEXEC },
	{ "version-0", ET_EXEC, M_BYTE, 6, 0, NULL, 0, -ENOEXEC },
	{ "version-2", ET_EXEC, M_BYTE, 6, 2, NULL, 0, -ENOEXEC },
	{ "aarch64", ET_EXEC, M_LE16, 18, 183, NULL, 0, -ENOEXEC },
	{ "i386-machine-class64", ET_EXEC, M_LE16, 18, 3, NULL, 0, -ENOEXEC },
	{ "ia64", ET_EXEC, M_LE16, 18, 50, NULL, 0, -ENOEXEC },
	{ "machine-high-byte", ET_EXEC, M_LE16, 18, 0x13e, NULL, 0, -ENOEXEC },
	{ "machine-none", ET_EXEC, M_LE16, 18, 0, NULL, 0, -ENOEXEC },
	{ "et-none", ET_EXEC, M_LE16, 16, 0, NULL, 0, -ENOEXEC },
	{ "et-rel", ET_EXEC, M_LE16, 16, 1, NULL, 0, -ENOEXEC },
	{ "et-core", ET_EXEC, M_LE16, 16, 4, NULL, 0, -ENOEXEC },
	{ "et-exec-high-byte", ET_EXEC, M_LE16, 16, 0x102, NULL, 0, -ENOEXEC },
	{ "bad-magic-0", ET_EXEC, M_BYTE, 0, 0x7e, NULL, 0, -ENOEXEC },
	{ "bad-magic-1", ET_EXEC, M_BYTE, 1, 'e', NULL, 0, -ENOEXEC },
	{ "bad-magic-2", ET_EXEC, M_BYTE, 2, 'l', NULL, 0, -ENOEXEC },
	{ "bad-magic-3", ET_EXEC, M_BYTE, 3, 'G', NULL, 0, -ENOEXEC },
	{ "truncated-0", ET_EXEC, M_TRUNC, 0, 0, NULL, 0, -ENOEXEC },
	{ "truncated-4", ET_EXEC, M_TRUNC, 4, 0, NULL, 0, -ENOEXEC },
	{ "truncated-19", ET_EXEC, M_TRUNC, 19, 0, NULL, 0, -ENOEXEC },
	{ "truncated-63", ET_EXEC, M_TRUNC, 63, 0, NULL, 0, -ENOEXEC },
	{ "phentsize-0", ET_EXEC, M_LE16, 54, 0, NULL, 0, -ENOEXEC },
	{ "phentsize-elf32", ET_EXEC, M_LE16, 54, 32, NULL, 0, -ENOEXEC },
	{ "phentsize-57", ET_EXEC, M_LE16, 54, 57, NULL, 0, -ENOEXEC },
	{ "phnum-0", ET_EXEC, M_LE16, 56, 0, NULL, 0, -ENOEXEC },
	{ "script", ET_EXEC, M_RAW, 0, 0, "#!/bin/sh\necho hi\n", 0, -ENOEXEC },
	{ "script-elf-word", ET_EXEC, M_RAW, 0, 0, "#!/usr/bin/env ELF\n", 0,
	  -ENOEXEC },
	{ "pe-mz", ET_EXEC, M_RAW, 0, 0, "MZ\x90\x00\x03\x00\x00\x00", 0,
	  -ENOEXEC },
	{ "all-zero", ET_EXEC, M_RAW, 0, 0, "", 64, -ENOEXEC },
};

static void put16(unsigned char *p, unsigned int v)
{
	p[0] = v & 0xff;
	p[1] = v >> 8;
}

/* A minimal valid x86-64 ELF header of @type, 64 bytes, rest zero. */
static void make_header(unsigned char *h, size_t size, unsigned int type)
{
	memset(h, 0, size);
	memcpy(h, "\177ELF", 4);
	h[4] = 2;	/* ELFCLASS64 */
	h[5] = 1;	/* ELFDATA2LSB */
	h[6] = 1;	/* EV_CURRENT */
	put16(h + 16, type);
	put16(h + 18, 62);	/* EM_X86_64 */
	h[20] = 1;		/* e_version */
	h[24] = 0x40; h[25] = 0x10;	/* e_entry */
	h[32] = 64;		/* e_phoff */
	put16(h + 52, 64);	/* e_ehsize */
	put16(h + 54, 56);	/* e_phentsize */
	put16(h + 56, 9);	/* e_phnum */
	put16(h + 58, 64);	/* e_shentsize */
}

/* An i386 executable header: ELFCLASS32, EM_386, 52 bytes + padding. */
static void make_i386(unsigned char *h, size_t size)
{
	memset(h, 0, size);
	memcpy(h, "\177ELF", 4);
	h[4] = 1;
	h[5] = 1;
	h[6] = 1;
	put16(h + 16, ET_EXEC);
	put16(h + 18, 3);
	h[20] = 1;
	h[28] = 52;		/* e_phoff */
	put16(h + 40, 52);	/* e_ehsize */
	put16(h + 42, 32);	/* e_phentsize */
	put16(h + 44, 5);	/* e_phnum */
}

/* Build the bytes of @c in a heap buffer of exactly the tested length. */
static unsigned char *build(const struct elf_case *c, size_t *lenp)
{
	unsigned char full[HDR_BUF];
	size_t len = c->len ? c->len : 64;
	unsigned char *buf;

	make_header(full, sizeof(full), c->base_type);
	switch (c->mut) {
	case M_NONE:
		break;
	case M_BYTE:
		full[c->off] = c->val;
		break;
	case M_LE16:
		put16(full + c->off, c->val);
		break;
	case M_TRUNC:
		len = c->off;
		break;
	case M_RAW:
		if (!c->raw) {
			make_i386(full, sizeof(full));
		} else {
			memset(full, 0, sizeof(full));
			if (!c->len)
				len = strlen(c->raw);
			memcpy(full, c->raw, strlen(c->raw));
		}
		break;
	}
	/* malloc(0) gives a distinct pointer ASan treats as 0 bytes. */
	buf = malloc(len);
	if (!buf && len)
		abort();
	memcpy(buf, full, len);
	*lenp = len;
	return buf;
}

UNIT_TEST(table)
{
	size_t i;

	CHECK(ARRAY_SIZE(cases) >= 30, "only %zu cases", ARRAY_SIZE(cases));
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct elf_case *c = &cases[i];
		unsigned char *buf;
		size_t len;
		int got;

		unit_case("%s", c->name);
		buf = build(c, &len);
		got = xlate_elf_is_x86_64(buf, len);
		CHECK(got == c->want, "is_x86_64 = %d, want %d (len %zu)",
		      got, c->want, len);
		got = xlate_elf_check(buf, len, XLATE_EM_X86_64);
		CHECK(got == c->want, "check(X86_64) = %d, want %d", got,
		      c->want);
		free(buf);
	}
}

UNIT_TEST(null_buf)
{
	CHECK(xlate_elf_is_x86_64(NULL, 64) == -ENOEXEC, "NULL, 64");
	CHECK(xlate_elf_is_x86_64(NULL, 0) == -ENOEXEC, "NULL, 0");
	CHECK(xlate_elf_check(NULL, HDR_BUF, XLATE_EM_AARCH64) == -ENOEXEC,
	      "NULL, aarch64");
}

/* The same test is a parameterised check: aarch64 is found as aarch64. */
UNIT_TEST(machine_param)
{
	unsigned char *h = malloc(64);

	make_header(h, 64, ET_DYN);
	put16(h + 18, 183);
	CHECK(xlate_elf_check(h, 64, XLATE_EM_AARCH64) == 0, "aarch64 dyn");
	CHECK(xlate_elf_check(h, 64, XLATE_EM_X86_64) == -ENOEXEC,
	      "aarch64 as x86_64");
	put16(h + 18, 62);
	CHECK(xlate_elf_check(h, 64, XLATE_EM_AARCH64) == -ENOEXEC,
	      "x86_64 as aarch64");
	free(h);
}

/* Every strict prefix of a valid header is refused, the full one not. */
UNIT_TEST(every_prefix)
{
	unsigned char full[64];
	size_t len;

	make_header(full, sizeof(full), ET_EXEC);
	for (len = 0; len <= sizeof(full); len++) {
		unsigned char *buf = malloc(len);
		int want = len == sizeof(full) ? 0 : -ENOEXEC;
		int got;

		if (!buf && len)
			abort();
		memcpy(buf, full, len);
		got = xlate_elf_is_x86_64(buf, len);
		CHECK(got == want, "len %zu: got %d want %d", len, got, want);
		free(buf);
	}
}

/* Real files: the first HDR_BUF bytes, as the kernel's bprm->buf. */
static int judge_file(const char *path, unsigned int machine, int *got)
{
	unsigned char buf[HDR_BUF];
	unsigned char *copy;
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	copy = malloc(n);
	if (!copy && n)
		abort();
	memcpy(copy, buf, n);
	*got = xlate_elf_check(copy, n, machine);
	free(copy);
	return 0;
}

UNIT_TEST(real_binaries)
{
	/* This test program: an x86-64 PIE built by the host gcc. */
	static const char *const arm64_lib =
		"/usr/aarch64-linux-gnu/lib/libc.so.6";
	int got = 1;

	unit_case("self-exe");
	CHECK(judge_file("/proc/self/exe", XLATE_EM_X86_64, &got) == 0,
	      "cannot read /proc/self/exe");
	CHECK(got == 0, "x86-64 host binary refused: %d", got);
	unit_case("arm64-libc");
	got = 1;
	CHECK(judge_file(arm64_lib, XLATE_EM_AARCH64, &got) == 0,
	      "cannot read %s (libc6-arm64-cross)", arm64_lib);
	CHECK(got == 0, "aarch64 libc refused as aarch64: %d", got);
	got = 1;
	CHECK(judge_file(arm64_lib, XLATE_EM_X86_64, &got) == 0,
	      "cannot read %s", arm64_lib);
	CHECK(got == -ENOEXEC, "aarch64 libc taken as x86-64: %d", got);
}
