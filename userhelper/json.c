// SPDX-License-Identifier: GPL-2.0
/*
 * Minimal JSON output: strings, escaped as RFC 8259 requires.
 *
 * What xlatectl prints comes from file names, command lines and sysfs
 * values: bytes, usually UTF-8, not always.  Valid UTF-8 is copied as
 * itself.  Each byte that is not part of a valid UTF-8 sequence is
 * written as the escape \udcXX (XX the byte): the lone low surrogate
 * U+DC80..U+DCFF, the representation Python calls "surrogateescape"
 * (PEP 383; os.fsdecode() uses it for file names).  It is lossless and
 * unambiguous, since valid UTF-8 never encodes a surrogate: Python's
 * json.loads(text) then s.encode("utf-8", "surrogateescape") gives the
 * original bytes back.  Readers that keep strings as UTF-8 (jq) accept
 * it and show U+FFFD for those bytes.  Control characters are escaped;
 * nothing else is.
 */
#include <stdio.h>

#include "xlatectl.h"

/**
 * utf8_len() - length of the valid UTF-8 sequence at @p
 * @p: a NUL-terminated string, at a byte >= 0x80
 *
 * RFC 3629's grammar: no overlong forms, no surrogates, nothing above
 * U+10FFFF.  A NUL ends the string, and fails the continuation test,
 * so nothing past it is read.
 *
 * Return: 2, 3 or 4, or 0 if the bytes at @p are not valid UTF-8.
 */
int utf8_len(const unsigned char *p)
{
	unsigned char lo = 0x80, hi = 0xbf;
	int n, i;

	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 2;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 3;
		if (p[0] == 0xe0)
			lo = 0xa0;	/* overlong below U+0800 */
		else if (p[0] == 0xed)
			hi = 0x9f;	/* surrogates */
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 4;
		if (p[0] == 0xf0)
			lo = 0x90;	/* overlong below U+10000 */
		else if (p[0] == 0xf4)
			hi = 0x8f;	/* above U+10FFFF */
	} else {
		return 0;
	}
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return n;
}

/**
 * json_fputs() - write @s to @f as a JSON string literal
 * @f: the stream
 * @s: bytes (see the top of this file for what becomes of them)
 */
void json_fputs(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int n;

	putc('"', f);
	while (*p) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				fprintf(f, "\\u%04x", *p);
			} else if (*p < 0x80) {
				putc(*p, f);
			} else {
				n = utf8_len(p);
				if (!n) {
					fprintf(f, "\\udc%02x", *p);
					break;
				}
				fwrite(p, 1, n, f);
				p += n;
				continue;
			}
		}
		p++;
	}
	putc('"', f);
}

/**
 * json_string() - print @s as a JSON string literal on stdout
 * @s: bytes, as json_fputs() takes them
 */
void json_string(const char *s)
{
	json_fputs(stdout, s);
}
