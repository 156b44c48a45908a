// SPDX-License-Identifier: GPL-2.0
/*
 * json_fputs(): valid UTF-8 as itself, every other byte >= 0x80 as
 * \udcXX, control characters escaped; utf8_len() on RFC 3629's edges.
 * tests/cli.sh checks the same on xlatectl's output against Python's
 * UTF-8 decoder, python3 -m json.tool and jq.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "xlatectl.h"

struct json_case {
	const char *name;
	const char *in;
	const char *out;	/* without the quotes */
};

static const struct json_case cases[] = {
	{ "ascii", "/usr/bin/qemu-x86_64", "/usr/bin/qemu-x86_64" },
	{ "quote-backslash", "a\"b\\c", "a\\\"b\\\\c" },
	{ "controls", "\x01\t\n\r\x1f\x7f",
	  "\\u0001\\t\\n\\u000d\\u001f\\u007f" },
	{ "utf8-2", "/opt/pr\xc3\xbc\x66ung/bin/tool",
	  "/opt/pr\xc3\xbc\x66ung/bin/tool" },
	{ "utf8-3", "\xe2\x82\xac \xe6\x97\xa5\xe6\x9c\xac",
	  "\xe2\x82\xac \xe6\x97\xa5\xe6\x9c\xac" },
	{ "utf8-4", "\xf0\x9f\x90\xa7", "\xf0\x9f\x90\xa7" },
	{ "utf8-edges", "\xc2\x80\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf\xf4\x8f\xbf\xbf",
	  "\xc2\x80\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf\xf4\x8f\xbf\xbf" },
	{ "latin1", "/opt/pr\xfc\x66ung", "/opt/pr\\udcfcfung" },
	{ "lone-continuation", "\x80x\xbf", "\\udc80x\\udcbf" },
	{ "overlong-2", "\xc0\xaf\xc1\xbf", "\\udcc0\\udcaf\\udcc1\\udcbf" },
	{ "overlong-3", "\xe0\x9f\xbf", "\\udce0\\udc9f\\udcbf" },
	{ "overlong-4", "\xf0\x8f\xbf\xbf", "\\udcf0\\udc8f\\udcbf\\udcbf" },
	{ "surrogate", "\xed\xa0\x80", "\\udced\\udca0\\udc80" },
	{ "above-10ffff", "\xf4\x90\x80\x80", "\\udcf4\\udc90\\udc80\\udc80" },
	{ "f5-ff", "\xf5\xfe\xff", "\\udcf5\\udcfe\\udcff" },
	{ "truncated-at-end", "a\xe2\x82", "a\\udce2\\udc82" },
	{ "truncated-then-ascii", "\xe2\x82z\xf0\x9f\x90", "\\udce2\\udc82z\\udcf0\\udc9f\\udc90" },
	{ "valid-after-invalid", "\xff\xc3\xa9", "\\udcff\xc3\xa9" },
	{ "empty", "", "" },
};

int main(void)
{
	char *buf = NULL, want[256];
	size_t i, size = 0;
	FILE *f;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		char name[64];

		f = open_memstream(&buf, &size);
		if (!f)
			return 1;
		json_fputs(f, cases[i].in);
		fclose(f);
		snprintf(want, sizeof(want), "\"%s\"", cases[i].out);
		snprintf(name, sizeof(name), "json/%s", cases[i].name);
		check(name, !strcmp(buf, want), "got %s, want %s", buf, want);
		free(buf);
		buf = NULL;
	}
	check("json/utf8-len",
	      utf8_len((const unsigned char *)"\xc3") == 0 &&
	      utf8_len((const unsigned char *)"\xc3\xa9") == 2 &&
	      utf8_len((const unsigned char *)"\xef\xbf\xbd") == 3 &&
	      utf8_len((const unsigned char *)"\xf0\x90\x80\x80") == 4,
	      "utf8_len: wrong length");
	return check_exit();
}
