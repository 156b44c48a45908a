/* SPDX-License-Identifier: GPL-2.0 */
#ifndef XLATE_LIB_ELF_X86_H
#define XLATE_LIB_ELF_X86_H

#include "pure.h"

#define XLATE_EM_X86_64		62U
#define XLATE_EM_AARCH64	183U
/* Bytes of an ELF64 file header; fewer than this is never an executable. */
#define XLATE_ELF64_EHDR_SIZE	64U

int xlate_elf_check(const unsigned char *buf, size_t len, unsigned int machine);
bool xlate_elf_is_x86_64(const unsigned char *buf, size_t len);

#endif /* XLATE_LIB_ELF_X86_H */
