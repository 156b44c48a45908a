// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: xlate_binfmt_line_parse() on arbitrary lines, in a
 * heap buffer of exactly their size (ASan catches a read past the NUL).
 * A refused line has a reason; an accepted one
 *  - has a name and an interpreter that are what the line says,
 *  - has a magic and mask that select x86-64 ELF executables and PIEs
 *    and not arm64, i386 or x32 ones, compare the whole ELF magic and
 *    nothing past e_version: checked here again, with this file's own
 *    unescaping and headers, the way binfmt_misc's check_file() would;
 *  - formats (xlate_binfmt_line_format(), what the config file shows)
 *    to a line that parses back to the same name, interpreter and modes,
 *    unless name and interpreter use up every delimiter format() has.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "binfmt_line.h"

#define HDR	64

/* x86-64 ET_EXEC, x86-64 ET_DYN, arm64 ET_DYN, i386 and x32 ET_EXEC. */
static void header(unsigned char *h, int class, int type, int machine)
{
	memset(h, 0, HDR);
	memcpy(h, "\177ELF", 4);
	h[4] = class;
	h[5] = 1;		/* ELFDATA2LSB */
	h[6] = 1;		/* EV_CURRENT */
	h[16] = type;
	h[18] = machine;
	h[20] = 1;		/* e_version */
	h[24] = 0x40;		/* e_entry, past what the mask may compare */
	h[32] = class == 2 ? 64 : 0;
}

static bool check_file(const unsigned char *magic, const unsigned char *mask,
		       size_t len, const unsigned char *h)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((h[i] ^ magic[i]) & mask[i])
			return false;
	return true;
}

static int hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* "\xH" or "\xHH" is a byte, anything else itself; -1 if over @max. */
static long unescape(const char *s, unsigned char *out, size_t max)
{
	size_t n = 0;

	while (*s) {
		if (n == max)
			return -1;
		if (s[0] == '\\' && s[1] == 'x' && hex(s[2]) >= 0) {
			int v = hex(s[2]);

			s += 3;
			if (hex(*s) >= 0)
				v = v * 16 + hex(*s++);
			out[n++] = v;
		} else {
			out[n++] = *s++;
		}
	}
	return n;
}

static void recheck_x86_64(const char *fmagic, const char *fmask)
{
	unsigned char magic[XLATE_BINFMT_MAGIC_MAX], mask[XLATE_BINFMT_MAGIC_MAX];
	unsigned char h[HDR];
	long n, k;
	size_t i;

	n = unescape(fmagic, magic, sizeof(magic));
	k = unescape(fmask, mask, sizeof(mask));
	if (n <= 0 || k < 0 || (k && k != n))
		abort();
	if (!k)
		memset(mask, 0xff, n);
	if (n < 4 || mask[0] != 0xff || mask[1] != 0xff || mask[2] != 0xff ||
	    mask[3] != 0xff)
		abort();
	for (i = 24; i < (size_t)n; i++)
		if (mask[i])
			abort();
	if (n > HDR)
		n = HDR;
	header(h, 2, 2, 62);
	if (!check_file(magic, mask, n, h))
		abort();
	header(h, 2, 3, 62);
	if (!check_file(magic, mask, n, h))
		abort();
	header(h, 2, 3, 183);
	if (check_file(magic, mask, n, h))
		abort();
	header(h, 1, 2, 3);
	if (check_file(magic, mask, n, h))
		abort();
	header(h, 1, 2, 62);
	if (check_file(magic, mask, n, h))
		abort();
}

/* The @i-th field of @line (delimiter: its first byte), copied. */
static char *field(const char *line, int i)
{
	const char *p = line + 1, *e;
	char *f;

	while (i--) {
		p = strchr(p, line[0]);
		if (!p)
			abort();
		p++;
	}
	e = strchr(p, line[0]);
	if (!e)
		e = p + strlen(p);
	f = strndup(p, e - p);
	if (!f)
		abort();
	return f;
}

/*
 * xlate_binfmt_line_parse_x86() on the same line: it takes what parse()
 * takes, as x86-64, and beyond that only i386 lines; an i386 line
 * formats and parses back as i386.
 */
static void check_x86(const char *orig, int ret64)
{
	struct xlate_binfmt_line a, b;
	char *copy = strdup(orig), *buf;
	const char *why = NULL;
	int ret, len;

	if (!copy)
		abort();
	ret = xlate_binfmt_line_parse_x86(copy, &a, &why);
	if (!ret64 && (ret || a.i386))
		abort();
	if (ret64 && !ret && !a.i386)
		abort();
	if (!ret && a.i386) {
		len = xlate_binfmt_line_format_i386(NULL, 0, a.name,
						    a.interpreter, false,
						    false, false);
		buf = malloc(len + 1);
		if (!buf || xlate_binfmt_line_format_i386(buf, len + 1, a.name,
							  a.interpreter, false,
							  false, false) != len)
			abort();
		if (!xlate_binfmt_line_parse_x86(buf, &b, &why) && !b.i386)
			abort();
		free(buf);
	}
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char delims[] = ":|#!,;%&+=@^~";
	struct xlate_binfmt_line a, b;
	char *line, *orig, *fm, *fk, *buf;
	const char *why = NULL, *d;
	bool all_used = true;
	int ret, len;

	line = malloc(size + 1);
	memcpy(line, data, size);
	line[size] = '\0';
	orig = strdup(line);
	if (!orig)
		abort();
	memset(&a, 0x5a, sizeof(a));
	ret = xlate_binfmt_line_parse(line, &a, &why);
	if (ret) {
		if (ret != -EINVAL || !why || !*why)
			abort();
		goto out;
	}
	/* orig without its newline: the line as parse() split it */
	if (strlen(orig) && orig[strlen(orig) - 1] == '\n')
		orig[strlen(orig) - 1] = '\0';
	fm = field(orig, 0);
	if (strcmp(fm, a.name) || strlen(a.name) >= XLATE_BINFMT_NAME_MAX)
		abort();
	free(fm);
	fm = field(orig, 5);
	if (strcmp(fm, a.interpreter) || a.interpreter_len != strlen(fm) ||
	    a.interpreter < line || a.interpreter > line + size)
		abort();
	free(fm);
	fm = field(orig, 3);
	fk = field(orig, 4);
	recheck_x86_64(fm, fk);
	free(fm);
	free(fk);

	len = xlate_binfmt_line_format(NULL, 0, a.name, a.interpreter,
				       a.preserve_argv0, a.open_binary,
				       a.credentials);
	if (len <= 0)
		abort();
	buf = malloc(len + 1);
	if (xlate_binfmt_line_format(buf, len + 1, a.name, a.interpreter,
				     a.preserve_argv0, a.open_binary,
				     a.credentials) != len ||
	    strlen(buf) != (size_t)len || buf[len - 1] != '\n')
		abort();
	for (d = delims; *d; d++)
		if (!strchr(a.name, *d) && !strchr(a.interpreter, *d))
			all_used = false;
	if (!all_used) {
		if (xlate_binfmt_line_parse(buf, &b, &why))
			abort();
		if (strcmp(a.name, b.name) ||
		    strcmp(a.interpreter, b.interpreter) ||
		    a.preserve_argv0 != b.preserve_argv0 ||
		    a.open_binary != b.open_binary ||
		    a.credentials != b.credentials || !b.fix_binary)
			abort();
	}
	free(buf);
out:
	check_x86(orig, ret);
	free(orig);
	free(line);
	return 0;
}
