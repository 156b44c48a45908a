// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: xlate_binfmt_parse(), the parser of kmod/lib/
 * binfmt_line.c, differentially against tools/testing/ref/
 * binfmt_misc_ref.c, a model of the kernel's create_entry().  Every
 * input is one write of that many bytes; both must accept or refuse it
 * alike, and agree on every field.  For a line both accept:
 *  - binfmt_misc's search and xlate_binfmt_match() agree on headers made
 *    from the input's tail and from the line's own magic;
 *  - a line xlate takes as x86-64 or i386 matches no header of another
 *    ABI among those, and one it refuses as x86 matches a header that
 *    is not x86 (built from its magic);
 *  - xlate_binfmt_format() (what the config file shows) parses back to
 *    the same magic, mask, interpreter and modes.
 * The input is an exact-size heap copy: ASan catches a read past it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "binfmt_line.h"
#include "binfmt_misc_ref.h"

static struct xlate_binfmt_line xl, back;
static struct ref_entry ref;

static void same_fields(void)
{
	if (strcmp(xl.name, ref.name) || strcmp(xl.interpreter, ref.interpreter) ||
	    xl.interpreter_len != strlen(ref.interpreter))
		abort();
	if (xl.preserve_argv0 != !!(ref.flags & REF_FMT_PRESERVE_ARGV0) ||
	    (xl.open_binary || xl.credentials) !=
	    !!(ref.flags & REF_FMT_OPEN_BINARY) ||
	    xl.credentials != !!(ref.flags & REF_FMT_CREDENTIALS) ||
	    xl.fix_binary != !!(ref.flags & REF_FMT_OPEN_FILE))
		abort();
	if ((ref.magic_type == 'E') != !!xl.extension)
		abort();
	if (xl.extension) {
		if (strcmp(xl.extension, ref.extension))
			abort();
		return;
	}
	if (xl.m.offset != (unsigned int)ref.offset ||
	    xl.m.size != (unsigned int)ref.size ||
	    xl.m.has_mask != ref.has_mask ||
	    memcmp(xl.m.magic, ref.magic, ref.size) ||
	    (ref.has_mask && memcmp(xl.m.mask, ref.mask, ref.size)))
		abort();
}

/* The line's magic in an otherwise zero (or @fill) header. */
static void from_magic(unsigned char *h, unsigned char fill)
{
	memset(h, fill, XLATE_BINFMT_BUF_SIZE);
	memcpy(h + xl.m.offset, xl.m.magic, xl.m.size);
}

/* The bits of header byte @i the line does not compare. */
static unsigned char free_bits(unsigned int i)
{
	if (i < xl.m.offset || i >= xl.m.offset + xl.m.size)
		return 0xff;
	return ~xl.m.mask[i - xl.m.offset];
}

static void check_headers(const uint8_t *data, size_t size, int abi)
{
	unsigned char h[XLATE_BINFMT_BUF_SIZE];
	unsigned int i, k;

	for (k = 0; k < 4; k++) {
		if (k < 2) {
			from_magic(h, k ? 0xff : 0);
		} else {
			/* the input's bytes, the magic's where the mask is */
			memset(h, 0, sizeof(h));
			memcpy(h, data, size < sizeof(h) ? size : sizeof(h));
			if (k == 3)
				for (i = 0; i < xl.m.size; i++)
					h[xl.m.offset + i] =
						(h[xl.m.offset + i] & ~xl.m.mask[i]) |
						(xl.m.magic[i] & xl.m.mask[i]);
		}
		if (xlate_binfmt_match(&xl.m, h) != ref_check_file(&ref, h))
			abort();
		if (abi > 0 && xlate_binfmt_match(&xl.m, h) &&
		    xlate_binfmt_header_abi(h) != (enum xlate_elf_abi)abi)
			abort();
	}
	if (abi > 0)
		return;
	/*
	 * Refused: a header it matches that is not of an x86 ABI.  Changing
	 * the bits the line leaves free in one byte of the ELF magic,
	 * EI_CLASS or e_machine gives one.
	 */
	from_magic(h, 0);
	for (i = 0; i < 20 && xlate_binfmt_header_abi(h) != XLATE_ELF_OTHER; i++)
		if (i < 5 || i >= 18)
			h[i] ^= free_bits(i);
	if (xlate_binfmt_header_abi(h) != XLATE_ELF_OTHER ||
	    !xlate_binfmt_match(&xl.m, h))
		abort();
}

static void round_trip(int abi)
{
	static char buf[8192];
	const char *why;
	int len;

	len = xlate_binfmt_format(buf, sizeof(buf), xl.name, &xl.m,
				  xl.interpreter, xl.preserve_argv0,
				  xl.open_binary, xl.credentials);
	if (len <= 0 || (size_t)len >= sizeof(buf) || buf[len - 1] != '\n')
		abort();
	/* All delimiters used, or longer than a line once escaped: skip. */
	if (len > (int)XLATE_BINFMT_REGISTER_MAX ||
	    (strchr(xl.name, buf[0]) || strchr(xl.interpreter, buf[0])))
		return;
	if (xlate_binfmt_parse(&back, buf, len, &why))
		abort();
	if (strcmp(back.name, xl.name) ||
	    strcmp(back.interpreter, xl.interpreter) ||
	    back.m.offset != xl.m.offset || back.m.size != xl.m.size ||
	    back.m.has_mask != xl.m.has_mask ||
	    memcmp(back.m.magic, xl.m.magic, xl.m.size) ||
	    memcmp(back.m.mask, xl.m.mask, xl.m.size) ||
	    back.preserve_argv0 != xl.preserve_argv0 ||
	    back.open_binary != xl.open_binary ||
	    back.credentials != xl.credentials || !back.fix_binary ||
	    xlate_binfmt_line_abi(&back, &why) != abi)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = malloc(size ? size : 1);
	const char *why = NULL;
	int ret, abi;

	memcpy(line, data, size);
	ret = xlate_binfmt_parse(&xl, line, size, &why);
	ref_register(&ref, line, size);
	free(line);
	if (ret != ref.ret)
		abort();
	if (ret) {
		if (!why || !*why)
			abort();
		return 0;
	}
	same_fields();
	if (xl.extension)
		return 0;
	why = NULL;
	abi = xlate_binfmt_line_abi(&xl, &why);
	if (abi < 0 && (!why || !*why))
		abort();
	check_headers(data, size, abi);
	if (abi > 0)
		round_trip(abi);
	return 0;
}
