/* SPDX-License-Identifier: GPL-2.0 */
#ifndef XLATE_LIB_ELF_X86_H
#define XLATE_LIB_ELF_X86_H

#include "pure.h"

#define XLATE_EM_X86_64		62U
#define XLATE_EM_AARCH64	183U
#define XLATE_EM_386		3U
/* Bytes of an ELF file header; fewer than this is never an executable. */
#define XLATE_ELF64_EHDR_SIZE	64U
#define XLATE_ELF32_EHDR_SIZE	52U

/* Which x86 runtime an executable is for. */
enum xlate_elf_abi {
	XLATE_ELF_OTHER,	/* none: not an x86 program xlate takes */
	XLATE_ELF_X86_64,	/* ELFCLASS64, EM_X86_64 */
	XLATE_ELF_I386,		/* ELFCLASS32, EM_386 */
};

int xlate_elf_check(const unsigned char *buf, size_t len, unsigned int machine);
int xlate_elf32_check(const unsigned char *buf, size_t len,
		      unsigned int machine);
enum xlate_elf_abi xlate_elf_x86_abi(const unsigned char *buf, size_t len);
bool xlate_elf_is_x86_64(const unsigned char *buf, size_t len);

#endif /* XLATE_LIB_ELF_X86_H */
