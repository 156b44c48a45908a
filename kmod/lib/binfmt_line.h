/* SPDX-License-Identifier: GPL-2.0 */
#ifndef XLATE_LIB_BINFMT_LINE_H
#define XLATE_LIB_BINFMT_LINE_H

#include "pure.h"
#include "elf_x86.h"

/*
 * binfmt_misc's limits (fs/binfmt_misc.c): a registration write is 11 to
 * MAX_REGISTER_LENGTH bytes, offset plus magic fit in the BINPRM_BUF_SIZE
 * bytes exec reads, and the name is a file name (NAME_MAX).
 */
#define XLATE_BINFMT_REGISTER_MIN	11U
#define XLATE_BINFMT_REGISTER_MAX	1920U
#define XLATE_BINFMT_BUF_SIZE		256U
#define XLATE_BINFMT_NAME_MAX		255U
/* The line, the 8 delimiters create_entry() pads it with, and a NUL. */
#define XLATE_BINFMT_WORK_SIZE		(XLATE_BINFMT_REGISTER_MAX + 9U)

/**
 * struct xlate_binfmt_magic - what binfmt_misc's search compares
 * @offset: where in the first XLATE_BINFMT_BUF_SIZE bytes the magic starts
 * @size: bytes of @magic and @mask; @offset + @size is at most
 *        XLATE_BINFMT_BUF_SIZE
 * @has_mask: the line gave a mask (else @mask is all ones: exact match)
 * @magic: the magic, as written (not masked)
 * @mask: the mask
 */
struct xlate_binfmt_magic {
	unsigned int offset;
	unsigned int size;
	bool has_mask;
	unsigned char magic[XLATE_BINFMT_BUF_SIZE];
	unsigned char mask[XLATE_BINFMT_BUF_SIZE];
};

/**
 * struct xlate_binfmt_line - a registration line, as binfmt_misc reads it
 * @work: the line, then the delimiter 8 times and a NUL, split in place
 *        as create_entry() splits it; the strings below point into it
 * @len: the bytes written (the line's length, a trailing newline included)
 * @name: the name, NUL-terminated
 * @interpreter: the interpreter field, NUL-terminated and unchecked
 * @interpreter_len: its length
 * @extension: type E: the extension; NULL for type M
 * @preserve_argv0: flag P
 * @open_binary: flag O as written (binfmt_misc's C implies it too)
 * @credentials: flag C
 * @fix_binary: flag F
 * @m: type M: offset, magic and mask
 * @i386: set by xlate_binfmt_parse_x86(): the line selects i386
 */
struct xlate_binfmt_line {
	char work[XLATE_BINFMT_WORK_SIZE];
	size_t len;
	const char *name;
	const char *interpreter;
	size_t interpreter_len;
	const char *extension;
	bool preserve_argv0;
	bool open_binary;
	bool credentials;
	bool fix_binary;
	struct xlate_binfmt_magic m;
	bool i386;
};

int xlate_binfmt_hex_val(char c);
int xlate_binfmt_parse(struct xlate_binfmt_line *l, const char *text,
		       size_t count, const char **why);
int xlate_binfmt_line_abi(const struct xlate_binfmt_line *l,
			  const char **why);
enum xlate_elf_abi xlate_binfmt_header_abi(const unsigned char *buf);
bool xlate_binfmt_match(const struct xlate_binfmt_magic *m,
			const unsigned char *buf);
int xlate_binfmt_format(char *buf, size_t size, const char *name,
			const struct xlate_binfmt_magic *m,
			const char *interpreter, bool preserve_argv0,
			bool open_binary, bool credentials);
int xlate_binfmt_parse_x86(struct xlate_binfmt_line *l, const char *text,
			   size_t count, const char **why);
bool xlate_binfmt_takes(const struct xlate_binfmt_magic *m,
			enum xlate_elf_abi abi, const unsigned char *buf);

#endif /* XLATE_LIB_BINFMT_LINE_H */
