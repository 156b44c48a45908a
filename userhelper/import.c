// SPDX-License-Identifier: GPL-2.0
/*
 * Reading the registration files translators ship, for xlatectl import:
 *
 *  - binfmt.d (systemd-binfmt, binfmt.d(5)): one registration line
 *    ":name:type:offset:magic:mask:interpreter:flags" per line, blank
 *    lines, and comments starting with '#' or ';'; surrounding
 *    whitespace is ignored.
 *  - update-binfmts (binfmt-support, update-binfmts(8) FORMAT FILES):
 *    "key value" lines (package, interpreter, magic, offset, mask,
 *    extension, detector, credentials, preserve, fix_binary), made into
 *    the registration line update-binfmts would write.  binfmt-support
 *    has no key for binfmt_misc's O flag, so such a line never has O.
 *
 * Each line is read by kmod/lib/binfmt_line.c, the parser
 * /sys/kernel/xlate/config uses, which reads it exactly as binfmt_misc
 * does: a line binfmt_misc would refuse makes the file malformed, and a
 * registration is x86-64's or i386's when it selects that ABI's ELF
 * files and no others.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "binfmt.h"
#include "import.h"
#include "xlatectl.h"

/* Delimiters for a line made from an update-binfmts file. */
static const char delimiters[] = ":|#!,;%&+=@^~";

static void __printf(4, 5) note(FILE *diag, const char *file, int lineno,
				const char *fmt, ...)
{
	va_list ap;

	if (!diag)
		return;
	if (lineno > 0)
		fprintf(diag, "xlatectl: %s:%d: ", file, lineno);
	else
		fprintf(diag, "xlatectl: %s: ", file);
	va_start(ap, fmt);
	vfprintf(diag, fmt, ap);
	va_end(ap);
	fputc('\n', diag);
}

/**
 * import_detect() - which format is this file in?
 * @text: the file's contents
 *
 * Return: IMPORT_UPDATE_BINFMTS if the first line that is not blank or
 * a comment starts with an update-binfmts key and whitespace, else
 * IMPORT_BINFMT_D.
 */
enum import_format import_detect(const char *text)
{
	static const char *const keys[] = {
		"package", "interpreter", "magic", "offset", "mask",
		"extension", "detector", "credentials", "preserve",
		"fix_binary", NULL,
	};
	const char *s = text;
	size_t n;
	int i;

	while (*s) {
		s += strspn(s, " \t\r\n");
		if (*s != '#' && *s != ';')
			break;
		s += strcspn(s, "\n");
	}
	n = strcspn(s, " \t\r\n");
	for (i = 0; keys[i]; i++)
		if (strlen(keys[i]) == n && !strncmp(s, keys[i], n) &&
		    (s[n] == ' ' || s[n] == '\t' || s[n] == '\n' ||
		     s[n] == '\r' || !s[n]))
			return IMPORT_UPDATE_BINFMTS;
	return IMPORT_BINFMT_D;
}

static bool is_i386(int abi)
{
	return abi == XLATE_ELF_I386;
}

/* Would binfmt_misc hand x86-64 ELF executables to this registration? */
static bool claims_x86_64(const struct xlate_binfmt_line *l)
{
	struct binfmt_entry e = { .extension = !!l->extension, .m = l->m };

	return binfmt_claims_x86_64(&e);
}

/*
 * One registration line: 1 if it is the ABI's @reg asks for (x86-64, or
 * i386 with @reg->i386; the first one is kept in @reg), 0 if it is not,
 * -EINVAL if binfmt_misc would refuse it.  It is read as the bytes
 * xlatectl writes to the config file: the line and a newline.
 */
static int take_line(const char *line, const char *file, int lineno,
		     struct import_reg *reg, FILE *diag)
{
	size_t len = strlen(line);
	struct xlate_binfmt_line *l;
	const char *why = NULL;
	char *bytes;
	int abi, ret = -ENOMEM;

	l = malloc(sizeof(*l));
	bytes = malloc(len + 1);
	if (!l || !bytes) {
		note(diag, file, lineno, "out of memory");
		goto out;
	}
	memcpy(bytes, line, len);
	bytes[len] = '\n';
	ret = xlate_binfmt_parse(l, bytes, len + 1, &why);
	if (ret) {
		note(diag, file, lineno, "binfmt_misc refuses it: %s", why);
		ret = -EINVAL;
		goto out;
	}
	abi = xlate_binfmt_line_abi(l, &why);
	ret = 0;
	if (abi < 0) {
		if (!reg->i386 && claims_x86_64(l))
			note(diag, file, lineno,
			     "takes x86-64 ELF files, but xlate cannot use it: %s",
			     why);
		goto out;
	}
	if (reg->i386 != is_i386(abi))
		goto out;
	ret = 1;
	if (reg->line[0]) {
		reg->others++;
		note(diag, file, lineno, "another %s registration (%s), not used",
		     reg->i386 ? "i386" : "x86-64", l->name);
		goto out;
	}
	snprintf(reg->line, sizeof(reg->line), "%s", line);
	reg->lineno = lineno;
	snprintf(reg->name, sizeof(reg->name), "%s", l->name);
	snprintf(reg->interpreter, sizeof(reg->interpreter), "%s",
		 l->interpreter);
	reg->preserve_argv0 = l->preserve_argv0;
	reg->open_binary = l->open_binary;
	reg->credentials = l->credentials;
out:
	free(bytes);
	free(l);
	return ret;
}

/* Cut the next line off @*s (NUL-terminating it in place); NULL at end. */
static char *next_line(char **s)
{
	char *line = *s, *end;

	if (!line || !*line)
		return NULL;
	end = strchr(line, '\n');
	if (end) {
		*end = '\0';
		*s = end + 1;
	} else {
		*s = line + strlen(line);
	}
	return line;
}

/* systemd's strstrip(): no leading or trailing " \t\r\n". */
static char *strip(char *s)
{
	char *e;

	s += strspn(s, " \t\r\n");
	e = s + strlen(s);
	while (e > s && strchr(" \t\r\n", e[-1]))
		*--e = '\0';
	return s;
}

static int binfmt_d(char *text, const char *file, struct import_reg *reg,
		    FILE *diag)
{
	int lineno = 0, found = 0, ret;
	char *line;

	while ((line = next_line(&text))) {
		lineno++;
		line = strip(line);
		if (!*line || *line == '#' || *line == ';')
			continue;
		ret = take_line(line, file, lineno, reg, diag);
		if (ret < 0)
			return ret;
		found |= ret;
	}
	return found;
}

enum ub_key {
	UB_PACKAGE, UB_INTERPRETER, UB_MAGIC, UB_OFFSET, UB_MASK,
	UB_EXTENSION, UB_DETECTOR, UB_CREDENTIALS, UB_PRESERVE, UB_FIX_BINARY,
	UB_NKEYS,
};

static const char *const ub_keys[UB_NKEYS] = {
	"package", "interpreter", "magic", "offset", "mask", "extension",
	"detector", "credentials", "preserve", "fix_binary",
};

/* A yes/no key: 1, 0 (absent or "no"), -1 for anything else. */
static int yes_no(const char *v)
{
	if (!v || !strcmp(v, "no"))
		return 0;
	return strcmp(v, "yes") ? -1 : 1;
}

/* The registration update-binfmts would make of the keys @v. */
static int ub_line(char **v, const int *at, const char *file,
		   const char *name, char *out, size_t size, FILE *diag)
{
	const char *d, *type = v[UB_EXTENSION] ? "E" : "M";
	const char *magic = v[UB_EXTENSION] ? v[UB_EXTENSION] : v[UB_MAGIC];
	int i, flag[3] = { UB_PRESERVE, UB_CREDENTIALS, UB_FIX_BINARY };
	char flags[4], *f = flags;

	if (!v[UB_INTERPRETER] || !*v[UB_INTERPRETER]) {
		note(diag, file, 0, "no interpreter key");
		return -EINVAL;
	}
	if (!v[UB_MAGIC] == !v[UB_EXTENSION]) {
		note(diag, file, at[UB_MAGIC] ? at[UB_MAGIC] : at[UB_EXTENSION],
		     "needs a magic key or an extension key, not both");
		return -EINVAL;
	}
	for (i = 0; i < 3; i++) {
		switch (yes_no(v[flag[i]])) {
		case 1:
			*f++ = "PCF"[i];
			break;
		case -1:
			note(diag, file, at[flag[i]], "%s must be yes or no",
			     ub_keys[flag[i]]);
			return -EINVAL;
		}
	}
	*f = '\0';
	for (d = delimiters; d[1]; d++) {
		for (i = 0; i < UB_NKEYS; i++)
			if (v[i] && strchr(v[i], *d))
				break;
		if (i == UB_NKEYS && !strchr(name, *d))
			break;
	}
	snprintf(out, size, "%c%s%c%s%c%s%c%s%c%s%c%s%c%s", *d, name, *d, type,
		 *d, v[UB_OFFSET] ? v[UB_OFFSET] : "", *d, magic, *d,
		 v[UB_MASK] ? v[UB_MASK] : "", *d, v[UB_INTERPRETER], *d, flags);
	return 0;
}

static int update_binfmts(char *text, const char *file, const char *name,
			  struct import_reg *reg, FILE *diag)
{
	char *v[UB_NKEYS] = { NULL }, *line, *key, *line_buf;
	int at[UB_NKEYS] = { 0 }, lineno = 0, i, ret;

	while ((line = next_line(&text))) {
		lineno++;
		line = strip(line);
		if (!*line || *line == '#')
			continue;
		key = line;
		line += strcspn(line, " \t");
		if (*line)
			*line++ = '\0';
		line += strspn(line, " \t");
		for (i = 0; i < UB_NKEYS; i++)
			if (!strcmp(key, ub_keys[i]))
				break;
		if (i == UB_NKEYS) {
			note(diag, file, lineno, "unknown key '%s', ignored", key);
			continue;
		}
		if (v[i]) {
			note(diag, file, lineno, "%s given twice", key);
			return -EINVAL;
		}
		v[i] = line;
		at[i] = lineno;
	}
	if (v[UB_DETECTOR] && *v[UB_DETECTOR]) {
		note(diag, file, at[UB_DETECTOR],
		     "has a userspace detector, which xlate cannot run");
		return 0;
	}
	line_buf = malloc(IMPORT_LINE_MAX);
	if (!line_buf)
		return -ENOMEM;
	ret = ub_line(v, at, file, name, line_buf, IMPORT_LINE_MAX, diag);
	if (!ret)
		ret = take_line(line_buf, file, at[UB_INTERPRETER], reg, diag);
	free(line_buf);
	return ret;
}

/**
 * import_text() - find the x86-64 or i386 registration of a file
 * @text: the file's contents (not changed)
 * @fmt: its format
 * @file: its name, for messages ("FILE:LINE: ...")
 * @name: the registration's name for an update-binfmts file (the file
 *        name under /usr/share/binfmts)
 * @i386: look for the i386 registration (runtime32's), not x86-64's
 * @reg: emptied, then the first registration of that ABI
 * @diag: where messages go, or NULL
 *
 * Return: 1 if @reg holds one, 0 if the file has none, -EINVAL if it is
 * malformed (a message says where and why), -ENOMEM.
 */
int import_text(const char *text, enum import_format fmt, const char *file,
		const char *name, bool i386, struct import_reg *reg, FILE *diag)
{
	char *copy = strdup(text);
	int ret;

	memset(reg, 0, sizeof(*reg));
	reg->i386 = i386;
	if (!copy)
		return -ENOMEM;
	if (fmt == IMPORT_UPDATE_BINFMTS)
		ret = update_binfmts(copy, file, name, reg, diag);
	else
		ret = binfmt_d(copy, file, reg, diag);
	free(copy);
	if (ret < 0) {
		memset(reg, 0, sizeof(*reg));
		reg->i386 = i386;
	}
	return ret;
}

/**
 * import_read_file() - read a registration file
 * @path: the file
 * @text: set to its contents, NUL-terminated; free() it
 *
 * Return: 0, -errno, -EFBIG if larger than IMPORT_FILE_MAX, or -EINVAL
 * if it holds a NUL byte.
 */
int import_read_file(const char *path, char **text)
{
	size_t len = 0;
	ssize_t n;
	char *buf;
	int fd;

	*text = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	buf = malloc(IMPORT_FILE_MAX + 1);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	for (;;) {
		n = read(fd, buf + len, IMPORT_FILE_MAX + 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += n;
		if (len > IMPORT_FILE_MAX)
			break;
	}
	if (n < 0) {
		n = -errno;
		close(fd);
		free(buf);
		return n;
	}
	close(fd);
	if (len > IMPORT_FILE_MAX || memchr(buf, '\0', len)) {
		free(buf);
		return len > IMPORT_FILE_MAX ? -EFBIG : -EINVAL;
	}
	buf[len] = '\0';
	*text = buf;
	return 0;
}
