/* SPDX-License-Identifier: GPL-2.0 */
#ifndef XLATE_LIB_BINFMT_LINE_H
#define XLATE_LIB_BINFMT_LINE_H

#include "pure.h"

/* Longest registration name kept, terminating NUL included. */
#define XLATE_BINFMT_NAME_MAX	64U
/* Longest magic or mask, as binfmt_misc allows (BINPRM_BUF_SIZE). */
#define XLATE_BINFMT_MAGIC_MAX	128U

/**
 * struct xlate_binfmt_line - a binfmt_misc registration, as xlate uses it
 * @name: the registration's name
 * @interpreter: the interpreter field, unchecked (see param_parse.h)
 * @interpreter_len: its length
 * @preserve_argv0: flag P
 * @open_binary: flag O
 * @credentials: flag C
 * @fix_binary: flag F (xlate always opens the runtime when configured)
 * @i386: the magic selects i386 executables: a runtime32 line
 */
struct xlate_binfmt_line {
	char name[XLATE_BINFMT_NAME_MAX];
	const char *interpreter;
	size_t interpreter_len;
	bool preserve_argv0;
	bool open_binary;
	bool credentials;
	bool fix_binary;
	bool i386;
};

int xlate_binfmt_line_parse(char *line, struct xlate_binfmt_line *out,
			    const char **why);
int xlate_binfmt_line_parse_x86(char *line, struct xlate_binfmt_line *out,
				const char **why);
bool xlate_binfmt_selects_i386(const unsigned char *magic,
			       const unsigned char *mask, size_t len);
bool xlate_binfmt_selects_x86_64(const unsigned char *magic,
				 const unsigned char *mask, size_t len);
int xlate_binfmt_line_format(char *buf, size_t size, const char *name,
			     const char *interpreter, bool preserve_argv0,
			     bool open_binary, bool credentials);

int xlate_binfmt_line_format_i386(char *buf, size_t size, const char *name,
				  const char *interpreter, bool preserve_argv0,
				  bool open_binary, bool credentials);

#endif /* XLATE_LIB_BINFMT_LINE_H */
