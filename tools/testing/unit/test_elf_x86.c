// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of kmod/lib/elf_x86.c: which headers xlate hands to
 * the translator.  Every buffer is allocated with exactly the length
 * passed, so AddressSanitizer catches a read beyond @len.  The case table
 * is in kmod/tests/elf_x86_cases.h, shared with the KUnit suite.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../../kmod/tests/elf_x86_cases.h"

/*
 * Each case of elf_x86_cases.h in a heap buffer of exactly its length
 * (none for a null_buf case), judged as x86-64 and as arm64.
 */
UNIT_TEST(table)
{
	size_t i;

	CHECK(ARRAY_SIZE(elf_cases) >= 30, "only %zu cases",
	      ARRAY_SIZE(elf_cases));
	for (i = 0; i < ARRAY_SIZE(elf_cases); i++) {
		const struct elf_case *c = &elf_cases[i];
		unsigned char *buf = NULL;
		int got;

		unit_case("%s", c->name);
		CHECK(c->npatch <= MAX_PATCHES, "%u patches", c->npatch);
		if (!c->null_buf) {
			/* malloc(0): a distinct pointer ASan treats as 0 bytes */
			buf = malloc(c->len);
			if (!buf && c->len)
				abort();
			elf_case_fill(c, buf);
		}
		got = xlate_elf_is_x86_64(buf, c->len);
		CHECK(got == !c->want_x86_64, "is_x86_64 = %d, want %d (len %zu)",
		      got, !c->want_x86_64, c->len);
		got = xlate_elf_check(buf, c->len, XLATE_EM_X86_64);
		CHECK(got == c->want_x86_64, "check(X86_64) = %d, want %d", got,
		      c->want_x86_64);
		got = xlate_elf_check(buf, c->len, XLATE_EM_AARCH64);
		CHECK(got == c->want_aarch64, "check(AARCH64) = %d, want %d",
		      got, c->want_aarch64);
		got = xlate_elf32_check(buf, c->len, XLATE_EM_386);
		CHECK(got == (c->i386 ? 0 : -ENOEXEC), "check32(386) = %d, want %s",
		      got, c->i386 ? "0" : "-ENOEXEC");
		got = xlate_elf_x86_abi(buf, c->len);
		CHECK(got == (c->i386 ? XLATE_ELF_I386 :
			      !c->want_x86_64 ? XLATE_ELF_X86_64 :
			      XLATE_ELF_OTHER), "x86_abi = %d", got);
		free(buf);
	}
}

UNIT_TEST(null_buf)
{
	CHECK(!xlate_elf_is_x86_64(NULL, 64), "NULL, 64");
	CHECK(!xlate_elf_is_x86_64(NULL, 0), "NULL, 0");
	CHECK(xlate_elf_check(NULL, BPRM_BUF_SIZE, XLATE_EM_AARCH64) ==
	      -ENOEXEC,
	      "NULL, aarch64");
}

/* The same test is a parameterised check: aarch64 is found as aarch64. */
UNIT_TEST(machine_param)
{
	unsigned char *h = malloc(HDR);

	if (!h)
		abort();
	memcpy(h, x86_64_exec, HDR);
	h[OFF_TYPE] = ET_DYN_V;
	h[OFF_MACHINE] = 183;
	CHECK(xlate_elf_check(h, HDR, XLATE_EM_AARCH64) == 0, "aarch64 dyn");
	CHECK(xlate_elf_check(h, HDR, XLATE_EM_X86_64) == -ENOEXEC,
	      "aarch64 as x86_64");
	h[OFF_MACHINE] = 62;
	CHECK(xlate_elf_check(h, HDR, XLATE_EM_AARCH64) == -ENOEXEC,
	      "x86_64 as aarch64");
	free(h);
}

/* Every strict prefix of a valid header is refused, the full one not. */
UNIT_TEST(every_prefix)
{
	const unsigned char *full = x86_64_exec;
	size_t len;

	for (len = 0; len <= HDR; len++) {
		unsigned char *buf = malloc(len);
		bool want = len == HDR;
		bool got;

		if (!buf && len)
			abort();
		memcpy(buf, full, len);
		got = xlate_elf_is_x86_64(buf, len);
		CHECK(got == want, "len %zu: got %d want %d", len, got, want);
		free(buf);
	}
}

/* Every strict prefix of a valid i386 header is refused, the full one not. */
UNIT_TEST(every_prefix_i386)
{
	size_t len;

	for (len = 0; len <= sizeof(i386_exec); len++) {
		unsigned char *buf = malloc(len);
		bool want = len == sizeof(i386_exec);
		bool got;

		if (!buf && len)
			abort();
		memcpy(buf, i386_exec, len);
		got = xlate_elf_x86_abi(buf, len) == XLATE_ELF_I386;
		CHECK(got == want, "len %zu: got %d want %d", len, got, want);
		free(buf);
	}
}

/* Real files: the first BPRM_BUF_SIZE bytes, as the kernel's bprm->buf. */
static int judge_file(const char *path, unsigned int machine, int *got)
{
	unsigned char buf[BPRM_BUF_SIZE];
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
