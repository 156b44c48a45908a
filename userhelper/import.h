/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Registration files for xlatectl import: binfmt.d (systemd-binfmt) and
 * update-binfmts (binfmt-support) formats.
 */
#ifndef XLATECTL_IMPORT_H
#define XLATECTL_IMPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "../kmod/lib/binfmt_line.h"

/* Longest line kept; binfmt_misc takes at most 1920 bytes anyway. */
#define IMPORT_LINE_MAX		4352
/* Largest registration file read. */
#define IMPORT_FILE_MAX		(1024 * 1024)

enum import_format {
	IMPORT_BINFMT_D,
	IMPORT_UPDATE_BINFMTS,
};

/**
 * struct import_reg - the x86-64 or i386 registration found in a file
 * @line: the registration line to write, without a newline
 * @lineno: its line in the file (update-binfmts: the interpreter key's)
 * @name: its name
 * @interpreter: its interpreter
 * @preserve_argv0: flag P
 * @open_binary: flag O
 * @credentials: flag C
 * @others: further registrations of the ABI in the file, not used
 * @i386: the ABI looked for is i386 (runtime32), not x86-64
 */
struct import_reg {
	char line[IMPORT_LINE_MAX];
	int lineno;
	char name[XLATE_BINFMT_NAME_MAX + 1];
	char interpreter[IMPORT_LINE_MAX];
	bool preserve_argv0;
	bool open_binary;
	bool credentials;
	int others;
	bool i386;
};

enum import_format import_detect(const char *text);
int import_text(const char *text, enum import_format fmt, const char *file,
		const char *name, bool i386, struct import_reg *reg, FILE *diag);
int import_read_file(const char *path, char **text);

#endif /* XLATECTL_IMPORT_H */
