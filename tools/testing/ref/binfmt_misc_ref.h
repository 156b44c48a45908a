/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A reference model of what fs/binfmt_misc.c makes of a write to its
 * register file, for differential tests of kmod/lib/binfmt_line.c.  See
 * binfmt_misc_ref.c.
 */
#ifndef XLATE_REF_BINFMT_MISC_H
#define XLATE_REF_BINFMT_MISC_H

#include <stdbool.h>
#include <stddef.h>

/* MAX_REGISTER_LENGTH, BINPRM_BUF_SIZE */
#define REF_REGISTER_MAX	1920
#define REF_BUF_SIZE		256

/* Node's flag bits that a line sets (MISC_FMT_*). */
#define REF_FMT_PRESERVE_ARGV0	(1U << 0)
#define REF_FMT_OPEN_BINARY	(1U << 1)
#define REF_FMT_CREDENTIALS	(1U << 2)
#define REF_FMT_OPEN_FILE	(1U << 3)

/**
 * struct ref_entry - the Node create_entry() builds
 * @ret: 0, or the errno the register write returns (-EINVAL from
 *       create_entry(), -ENAMETOOLONG from the name's lookup)
 * @magic_type: 'M' or 'E'
 * @offset: the offset (M)
 * @size: bytes of @magic (M)
 * @has_mask: a mask was given (M)
 * @flags: REF_FMT_*; C sets OPEN_BINARY too, as the kernel does
 * @name: the name
 * @interpreter: the interpreter
 * @extension: the extension (E)
 * @magic: the decoded magic (M)
 * @mask: the decoded mask (M, @has_mask)
 * @buf: the kernel's copy of the write, 8 delimiters after it, split in
 *       place; the strings above point into it
 */
struct ref_entry {
	int ret;
	char magic_type;
	int offset;
	int size;
	bool has_mask;
	unsigned int flags;
	const char *name;
	const char *interpreter;
	const char *extension;
	const unsigned char *magic;
	const unsigned char *mask;
	char buf[REF_REGISTER_MAX + 8 + 1];
};

void ref_register(struct ref_entry *e, const char *line, size_t count);
bool ref_check_file(const struct ref_entry *e, const unsigned char *buf);

#endif /* XLATE_REF_BINFMT_MISC_H */
