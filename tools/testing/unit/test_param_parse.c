// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of kmod/lib/param_parse.c: the syntax of the values
 * written to xlate's module parameters.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../../kmod/lib/param_parse.h"

struct bool_case {
	const char *in;
	int ret;
	bool val;
};

static const struct bool_case bool_cases[] = {
	{ "1", 0, true }, { "0", 0, false },
	{ "1\n", 0, true }, { "0\n", 0, false },
	{ "y", 0, true }, { "Y", 0, true }, { "n", 0, false },
	{ "N\n", 0, false },
	{ "yes", 0, true }, { "YES", 0, true }, { "Yes\n", 0, true },
	{ "no", 0, false }, { "nO", 0, false },
	{ "on", 0, true }, { "ON\n", 0, true },
	{ "off", 0, false }, { "Off", 0, false },
	{ "true", 0, true }, { "TRUE", 0, true }, { "True\n", 0, true },
	{ "false", 0, false }, { "FaLsE\n", 0, false },
	{ "", -EINVAL, false }, { "\n", -EINVAL, false },
	{ "2", -EINVAL, false }, { "-1", -EINVAL, false },
	{ "o", -EINVAL, false }, { "of", -EINVAL, false },
	{ "yess", -EINVAL, false }, { "1\n\n", -EINVAL, false },
	{ " 1", -EINVAL, false }, { "1 ", -EINVAL, false },
	{ "enable", -EINVAL, false }, { "\n1", -EINVAL, false },
	{ "10", -EINVAL, false }, { "truee", -EINVAL, false },
};

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

		unit_case("%s", show(c->in));
		if (!in)
			abort();
		for (sentinel = false; ; sentinel = true) {
			out = sentinel;
			ret = xlate_parse_bool(in, &out);
			CHECK(ret == c->ret, "ret %d, want %d", ret, c->ret);
			if (c->ret)
				CHECK(out == sentinel, "out changed on error");
			else
				CHECK(out == c->val, "out %d, want %d", out,
				      c->val);
			if (sentinel)
				break;
		}
		free(in);
	}
	unit_case("null");
	CHECK(xlate_parse_bool(NULL, &(bool){ false }) == -EINVAL, "NULL");
}

struct path_case {
	const char *name;
	const char *in;
	int ret;
	const char *out;	/* NULL: same as in */
};

static const struct path_case path_cases[] = {
	{ "empty", "", 0, "" },
	{ "newline-only", "\n", 0, "" },
	{ "absolute", "/usr/bin/qemu-x86_64-static", 0, NULL },
	{ "absolute-newline", "/usr/bin/box64\n", 0, "/usr/bin/box64" },
	{ "hidden-component", "/a/.hidden", 0, NULL },
	{ "dotdot-prefix-name", "/a/..b", 0, NULL },
	{ "three-dots", "/...", 0, NULL },
	{ "trailing-dot-in-name", "/a/b.", 0, NULL },
	{ "space-in-name", "/opt/my runtime/bin", 0, NULL },
	{ "utf8-name", "/opt/\xc3\xa9mu", 0, NULL },
	{ "relative", "usr/bin/box64", -EINVAL, NULL },
	{ "relative-dot", "./box64", -EINVAL, NULL },
	{ "relative-newline", "box64\n", -EINVAL, NULL },
	{ "leading-space", " /usr/bin/box64", -EINVAL, NULL },
	{ "dot-component", "/a/./b", -EINVAL, NULL },
	{ "dotdot-component", "/a/../b", -EINVAL, NULL },
	{ "trailing-dot", "/a/.", -EINVAL, NULL },
	{ "trailing-dotdot", "/a/..", -EINVAL, NULL },
	{ "root-dot", "/.", -EINVAL, NULL },
	{ "root-dotdot", "/..", -EINVAL, NULL },
	{ "dot-newline", "/a/.\n", -EINVAL, NULL },
	{ "tab", "/a\tb", -EINVAL, NULL },
	{ "inner-newline", "/a\nb", -EINVAL, NULL },
	{ "two-newlines", "/a\n\n", -EINVAL, NULL },
	{ "escape", "/a\x1b", -EINVAL, NULL },
	{ "del", "/a\x7f", -EINVAL, NULL },
};

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
		check_path(c->in, XLATE_RUNTIME_PATH_MAX, c->ret,
			   c->out ? c->out : c->in);
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
