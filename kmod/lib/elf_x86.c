// SPDX-License-Identifier: GPL-2.0
/*
 * ELF recognition for xlate: is this executable one we hand to the
 * translator?  Pure logic, shared by the module, KUnit, the host unit
 * tests and the fuzzer.  It judges only the bytes it is given (for the
 * binfmt handler: bprm->buf) and never reads beyond @len.
 */
#include "elf_x86.h"

#ifdef __KERNEL__
#include <linux/build_bug.h>
#include <linux/elf.h>
#else
#include <assert.h>
#include <elf.h>
#endif

/* The header's constants, for code that does not include <elf.h>. */
static_assert(XLATE_EM_X86_64 == EM_X86_64, "EM_X86_64");
static_assert(XLATE_EM_AARCH64 == EM_AARCH64, "EM_AARCH64");

/* Offsets of ELF64 header fields, and the size of a program header. */
#define E_TYPE_OFF	16
#define E_MACHINE_OFF	18
#define E_PHENTSIZE_OFF	54
#define E_PHNUM_OFF	56
#define ELF64_PHDR_SIZE	56

static unsigned int le16_at(const unsigned char *p)
{
	return p[0] | (unsigned int)p[1] << 8;
}

/**
 * xlate_elf_check() - is @buf the start of a 64-bit little-endian ELF
 * executable or shared object for @machine?
 * @buf: first bytes of the file
 * @len: how many bytes of @buf are valid
 * @machine: the e_machine wanted (XLATE_EM_X86_64, XLATE_EM_AARCH64)
 *
 * Checks the ELF magic, ELFCLASS64, ELFDATA2LSB, EV_CURRENT, e_type
 * ET_EXEC or ET_DYN, e_machine, and that the header describes 64-bit
 * program headers (a header cut short reads as zeros there).
 *
 * Return: 0 if it is, -ENOEXEC otherwise.
 */
int xlate_elf_check(const unsigned char *buf, size_t len, unsigned int machine)
{
	unsigned int type;

	if (!buf || len < XLATE_ELF64_EHDR_SIZE)
		return -ENOEXEC;
	if (memcmp(buf, ELFMAG, SELFMAG))
		return -ENOEXEC;
	if (buf[EI_CLASS] != ELFCLASS64 || buf[EI_DATA] != ELFDATA2LSB ||
	    buf[EI_VERSION] != EV_CURRENT)
		return -ENOEXEC;
	type = le16_at(buf + E_TYPE_OFF);
	if (type != ET_EXEC && type != ET_DYN)
		return -ENOEXEC;
	if (le16_at(buf + E_MACHINE_OFF) != machine)
		return -ENOEXEC;
	if (le16_at(buf + E_PHENTSIZE_OFF) != ELF64_PHDR_SIZE ||
	    le16_at(buf + E_PHNUM_OFF) == 0)
		return -ENOEXEC;
	return 0;
}

/**
 * xlate_elf_is_x86_64() - should xlate translate this executable?
 * @buf: first bytes of the file
 * @len: how many bytes of @buf are valid
 *
 * i386 and x32 (ELFCLASS32 with EM_X86_64), big-endian files, other
 * machines, relocatable objects, core files, truncated headers and
 * scripts are all refused.
 *
 * Return: true for an x86-64 executable or PIE.
 */
bool xlate_elf_is_x86_64(const unsigned char *buf, size_t len)
{
	return !xlate_elf_check(buf, len, XLATE_EM_X86_64);
}
