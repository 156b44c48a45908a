/* SPDX-License-Identifier: GPL-2.0 */
/*
 * binfmt_misc registrations that would also take x86-64 ELF files.
 */
#ifndef XLATECTL_BINFMT_H
#define XLATECTL_BINFMT_H

#include <stdbool.h>
#include <stddef.h>

#include "../kmod/lib/binfmt_line.h"

/**
 * struct binfmt_entry - one /proc/sys/fs/binfmt_misc/<name> file
 * @enabled: first line "enabled"
 * @extension: an extension ('E') registration, never matches an ELF
 * @interpreter: the "interpreter" line
 * @flags: the "flags:" letters
 * @m: the "offset", "magic" and "mask" lines (mask all 0xff when there
 *     is no mask line), as binfmt_line.c keeps a line's
 */
struct binfmt_entry {
	bool enabled;
	bool extension;
	char interpreter[4096];
	char flags[32];
	struct xlate_binfmt_magic m;
};

int binfmt_parse(const char *text, struct binfmt_entry *e);
bool binfmt_claims_x86_64(const struct binfmt_entry *e);

#endif /* XLATECTL_BINFMT_H */
