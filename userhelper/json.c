// SPDX-License-Identifier: GPL-2.0
/* Minimal JSON output: strings, escaped as RFC 8259 requires. */
#include <stdio.h>

#include "xlatectl.h"

/**
 * json_string() - print @s as a JSON string literal on stdout
 * @s: bytes; control characters are escaped, other bytes copied
 */
void json_string(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	putchar('"');
	for (; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", stdout);
			break;
		case '\\':
			fputs("\\\\", stdout);
			break;
		case '\n':
			fputs("\\n", stdout);
			break;
		case '\t':
			fputs("\\t", stdout);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f || *p >= 0x80)
				printf("\\u%04x", *p);
			else
				putchar(*p);
		}
	}
	putchar('"');
}
