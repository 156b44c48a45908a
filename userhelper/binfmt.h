/* SPDX-License-Identifier: GPL-2.0 */
/*
 * binfmt_misc registrations that would also take x86-64 ELF files.
 */
#ifndef XLATECTL_BINFMT_H
#define XLATECTL_BINFMT_H

#include <stdbool.h>
#include <stddef.h>

/* binfmt_misc reads BINPRM_BUF_SIZE bytes; magic+offset must fit. */
#define BINFMT_BUF_SIZE		256
#define BINFMT_MAGIC_MAX	128

/**
 * struct binfmt_entry - one /proc/sys/fs/binfmt_misc/<name> file
 * @enabled: first line "enabled"
 * @extension: an extension ('E') registration, never matches an ELF
 * @interpreter: the "interpreter" line
 * @flags: the "flags:" letters
 * @offset: the "offset" line
 * @magic: the "magic" bytes
 * @mask: the "mask" bytes (all 0xff when there is no mask line)
 * @len: bytes of @magic and @mask
 */
struct binfmt_entry {
	bool enabled;
	bool extension;
	char interpreter[4096];
	char flags[32];
	unsigned int offset;
	unsigned char magic[BINFMT_MAGIC_MAX];
	unsigned char mask[BINFMT_MAGIC_MAX];
	size_t len;
};

int binfmt_parse(const char *text, struct binfmt_entry *e);
bool binfmt_matches(const struct binfmt_entry *e, const unsigned char *buf,
		    size_t len);
bool binfmt_claims_x86_64(const struct binfmt_entry *e);

#endif /* XLATECTL_BINFMT_H */
