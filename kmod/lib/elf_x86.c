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
static_assert(XLATE_EM_386 == EM_386, "EM_386");

/*
 * Offsets of the header fields (e_type and e_machine are at the same
 * place in both classes), and the size of a program header.
 */
#define E_TYPE_OFF		16
#define E_MACHINE_OFF		18
#define ELF64_PHENTSIZE_OFF	54
#define ELF64_PHNUM_OFF		56
#define ELF64_PHDR_SIZE		56
#define ELF32_PHENTSIZE_OFF	42
#define ELF32_PHNUM_OFF		44
#define ELF32_PHDR_SIZE		32

/* What each class's header must say, and where. */
static const struct elf_class_layout {
	unsigned char ei_class;
	size_t ehdr_size;
	unsigned int phentsize_off;
	unsigned int phnum_off;
	unsigned int phdr_size;
} elf_layouts[] = {
	{ ELFCLASS64, XLATE_ELF64_EHDR_SIZE, ELF64_PHENTSIZE_OFF,
	  ELF64_PHNUM_OFF, ELF64_PHDR_SIZE },
	{ ELFCLASS32, XLATE_ELF32_EHDR_SIZE, ELF32_PHENTSIZE_OFF,
	  ELF32_PHNUM_OFF, ELF32_PHDR_SIZE },
};

static unsigned int le16_at(const unsigned char *p)
{
	return p[0] | (unsigned int)p[1] << 8;
}

/* The checks of xlate_elf_check() for the header layout @l. */
static int elf_check(const unsigned char *buf, size_t len,
		     const struct elf_class_layout *l, unsigned int machine)
{
	unsigned int type;

	if (!buf || len < l->ehdr_size)
		return -ENOEXEC;
	if (memcmp(buf, ELFMAG, SELFMAG))
		return -ENOEXEC;
	if (buf[EI_CLASS] != l->ei_class || buf[EI_DATA] != ELFDATA2LSB ||
	    buf[EI_VERSION] != EV_CURRENT)
		return -ENOEXEC;
	type = le16_at(buf + E_TYPE_OFF);
	if (type != ET_EXEC && type != ET_DYN)
		return -ENOEXEC;
	if (le16_at(buf + E_MACHINE_OFF) != machine)
		return -ENOEXEC;
	if (le16_at(buf + l->phentsize_off) != l->phdr_size ||
	    le16_at(buf + l->phnum_off) == 0)
		return -ENOEXEC;
	return 0;
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
	return elf_check(buf, len, &elf_layouts[0], machine);
}

/**
 * xlate_elf32_check() - is @buf the start of a 32-bit little-endian ELF
 * executable or shared object for @machine?
 * @buf: first bytes of the file
 * @len: how many bytes of @buf are valid
 * @machine: the e_machine wanted (XLATE_EM_386)
 *
 * The checks of xlate_elf_check(), for ELFCLASS32 and 32-bit program
 * headers.
 *
 * Return: 0 if it is, -ENOEXEC otherwise.
 */
int xlate_elf32_check(const unsigned char *buf, size_t len,
		      unsigned int machine)
{
	return elf_check(buf, len, &elf_layouts[1], machine);
}

/**
 * xlate_elf_x86_abi() - which x86 runtime, if any, is this executable for?
 * @buf: first bytes of the file
 * @len: how many bytes of @buf are valid
 *
 * x32 (ELFCLASS32 with EM_X86_64) is refused: no runtime xlate stands
 * beside runs it (qemu-user has no x32 target, FEX, box64 and Rosetta
 * neither), and Debian's kernels build x86-64 without CONFIG_X86_X32_ABI
 * so it does not run on a real x86-64 kernel either.  EM_486, which an
 * x86 kernel still accepts, is refused like binfmt_misc's qemu-i386
 * registration does: nothing has produced it for decades.
 *
 * Return: XLATE_ELF_X86_64, XLATE_ELF_I386, or XLATE_ELF_OTHER.
 */
enum xlate_elf_abi xlate_elf_x86_abi(const unsigned char *buf, size_t len)
{
	/* One byte tells the classes apart; a short buffer is neither. */
	if (!buf || len <= EI_CLASS)
		return XLATE_ELF_OTHER;
	if (buf[EI_CLASS] == ELFCLASS64)
		return xlate_elf_check(buf, len, XLATE_EM_X86_64) ?
			XLATE_ELF_OTHER : XLATE_ELF_X86_64;
	return xlate_elf32_check(buf, len, XLATE_EM_386) ?
		XLATE_ELF_OTHER : XLATE_ELF_I386;
}

/**
 * xlate_elf_is_x86_64() - should xlate translate this executable?
 * @buf: first bytes of the file
 * @len: how many bytes of @buf are valid
 *
 * i386 (see xlate_elf_x86_abi()) and x32 (ELFCLASS32 with EM_X86_64),
 * big-endian files, other machines, relocatable objects, core files, truncated headers and
 * scripts are all refused.
 *
 * Return: true for an x86-64 executable or PIE.
 */
bool xlate_elf_is_x86_64(const unsigned char *buf, size_t len)
{
	return !xlate_elf_check(buf, len, XLATE_EM_X86_64);
}
