// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: xlate_elf_x86_abi() (both classes) and
 * xlate_elf_is_x86_64() on arbitrary first bytes of a file.  ASan catches a read beyond @len (the input is an exact-size heap
 * copy); the checks below catch a wrong verdict.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "elf_x86.h"

/* ELF magic, ELFCLASS64, ELFDATA2LSB, EV_CURRENT */
static const unsigned char elf64_lsb[7] = { 0x7f, 'E', 'L', 'F', 2, 1, 1 };
/* ELF magic, ELFCLASS32, ELFDATA2LSB, EV_CURRENT */
static const unsigned char elf32_lsb[7] = { 0x7f, 'E', 'L', 'F', 1, 1, 1 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *buf = malloc(size ? size : 1);
	enum xlate_elf_abi abi;
	bool x86_64;

	memcpy(buf, data, size);
	x86_64 = xlate_elf_is_x86_64(buf, size);
	if (x86_64 != !xlate_elf_check(buf, size, XLATE_EM_X86_64))
		abort();
	if (x86_64 &&
	    (size < XLATE_ELF64_EHDR_SIZE || memcmp(buf, elf64_lsb, 7) ||
	     buf[18] != XLATE_EM_X86_64 || buf[19] != 0))
		abort();
	/* x86-64 and arm64 verdicts never both say yes */
	if (x86_64 && xlate_elf_check(buf, size, XLATE_EM_AARCH64) == 0)
		abort();
	/* The class decides: x86-64 exactly as above, i386 by its header. */
	abi = xlate_elf_x86_abi(buf, size);
	if ((abi == XLATE_ELF_X86_64) != x86_64)
		abort();
	if ((abi == XLATE_ELF_I386) !=
	    !xlate_elf32_check(buf, size, XLATE_EM_386))
		abort();
	if (abi == XLATE_ELF_I386 &&
	    (size < XLATE_ELF32_EHDR_SIZE || memcmp(buf, elf32_lsb, 7) ||
	     buf[18] != XLATE_EM_386 || buf[19] != 0 || buf[42] != 32 ||
	     buf[43] != 0))
		abort();
	free(buf);
	return 0;
}
