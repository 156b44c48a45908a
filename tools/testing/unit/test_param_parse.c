// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of kmod/lib/param_parse.c: the syntax of the values
 * written to xlate's module parameters.  The case tables are in
 * kmod/tests/param_parse_cases.h, shared with the KUnit suite.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../../kmod/tests/param_parse_cases.h"

/* A printable rendering of @s for case names: \n as "\\n". */
static const char *show(const char *s)
{
	static char buf[64];
	size_t o = 0;

	if (!*s)
		return "(empty)";
	for (; *s && o < sizeof(buf) - 5; s++) {
		unsigned char c = *s;

		if (c == '\n') {
			buf[o++] = '\\';
			buf[o++] = 'n';
		} else if (c < 0x20 || c >= 0x7f || c == ' ') {
			o += snprintf(buf + o, sizeof(buf) - o, "\\x%02x", c);
		} else {
			buf[o++] = c;
		}
	}
	buf[o] = '\0';
	return buf;
}

UNIT_TEST(parse_bool)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bool_cases); i++) {
		const struct bool_case *c = &bool_cases[i];
		/* exact-size copy so ASan sees an over-read */
		char *in = strdup(c->in);
		bool out, sentinel;
		int ret;

		unit_case("%s", c->name);
		if (!in)
			abort();
		for (sentinel = false; ; sentinel = true) {
			out = sentinel;
			ret = xlate_parse_bool(in, &out);
			CHECK(ret == c->want_ret, "ret %d, want %d", ret,
			      c->want_ret);
			if (c->want_ret)
				CHECK(out == sentinel, "out changed on error");
			else
				CHECK(out == c->want_val, "out %d, want %d",
				      out, c->want_val);
			if (sentinel)
				break;
		}
		free(in);
	}
	unit_case("null");
	CHECK(xlate_parse_bool(NULL, &(bool){ false }) == -EINVAL, "NULL");
}

static void check_path(const char *in, size_t outlen, int want,
		       const char *want_out)
{
	char *s = strdup(in);
	char *out = malloc(outlen ? outlen : 1);
	int ret;

	if (!s || !out)
		abort();
	memset(out, '#', outlen ? outlen : 1);
	ret = xlate_parse_runtime_path(s, out, outlen);
	CHECK(ret == want, "ret %d, want %d", ret, want);
	if (!want && !ret)
		CHECK(!strcmp(out, want_out), "out \"%s\", want \"%s\"",
		      show(out), want_out);
	if (want)
		CHECK(out[0] == '#', "out written on error");
	free(out);
	free(s);
}

UNIT_TEST(runtime_path)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(path_cases); i++) {
		const struct path_case *c = &path_cases[i];

		unit_case("%s", c->name);
		check_path(c->in, XLATE_RUNTIME_PATH_MAX, c->want_ret,
			   path_case_out(c));
	}
}

/* "/" followed by "a"s, @len bytes in all, then @suffix. */
static char *long_path(size_t len, const char *suffix)
{
	char *p = malloc(len + strlen(suffix) + 1);

	if (!p)
		abort();
	p[0] = '/';
	memset(p + 1, 'a', len - 1);
	memcpy(p + len, suffix, strlen(suffix) + 1);
	return p;
}

UNIT_TEST(runtime_path_length)
{
	char *p;

	unit_case("4095-ok");
	p = long_path(4095, "");
	check_path(p, 4096, 0, p);
	free(p);

	unit_case("4095-newline-ok");
	p = long_path(4095, "\n");
	{
		char *want = long_path(4095, "");

		check_path(p, 4096, 0, want);
		free(want);
	}
	free(p);

	unit_case("4096-enametoolong");
	p = long_path(4096, "");
	check_path(p, 8192, -ENAMETOOLONG, NULL);
	free(p);

	unit_case("4096-newline-enametoolong");
	p = long_path(4096, "\n");
	check_path(p, 8192, -ENAMETOOLONG, NULL);
	free(p);

	unit_case("outlen-exact-fit");
	check_path("/usr/bin/x", 11, 0, "/usr/bin/x");

	unit_case("outlen-one-short");
	check_path("/usr/bin/x", 10, -ENAMETOOLONG, NULL);

	unit_case("outlen-newline-fit");
	check_path("/usr/bin/x\n", 11, 0, "/usr/bin/x");

	unit_case("outlen-1-empty");
	check_path("", 1, 0, "");

	unit_case("outlen-0");
	check_path("/x", 0, -EINVAL, NULL);

	unit_case("null-args");
	{
		char out[8];

		CHECK(xlate_parse_runtime_path(NULL, out, sizeof(out)) ==
		      -EINVAL, "NULL s");
		CHECK(xlate_parse_runtime_path("/x", NULL, 8) == -EINVAL,
		      "NULL out");
	}
}
