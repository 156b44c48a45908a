// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for kmod/lib/param_parse.c: the syntax checks of the
 * module parameters enabled, preserve_argv0, open_binary, credentials
 * (xlate_parse_bool) and runtime (xlate_parse_runtime_path).
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../lib/param_parse.h"

/* What the output buffers hold before a call, to see what it wrote. */
#define POISON	0xa5

struct bool_case {
	const char *name;
	const char *in;
	int want_ret;
	bool want_val;
};

static const struct bool_case bool_cases[] = {
	{ "1", "1", 0, true },
	{ "0", "0", 0, false },
	{ "y", "y", 0, true },
	{ "n", "n", 0, false },
	{ "Y", "Y", 0, true },
	{ "N", "N", 0, false },
	{ "yes", "yes", 0, true },
	{ "no", "no", 0, false },
	{ "YES", "YES", 0, true },
	{ "No", "No", 0, false },
	{ "on", "on", 0, true },
	{ "off", "off", 0, false },
	{ "ON", "ON", 0, true },
	{ "oFf", "oFf", 0, false },
	{ "true", "true", 0, true },
	{ "false", "false", 0, false },
	{ "TRUE", "TRUE", 0, true },
	{ "False", "False", 0, false },
	{ "1-newline", "1\n", 0, true },
	{ "0-newline", "0\n", 0, false },
	{ "yes-newline", "yes\n", 0, true },
	{ "off-newline", "off\n", 0, false },
	{ "empty", "", -EINVAL },
	{ "newline-only", "\n", -EINVAL },
	{ "two-newlines", "1\n\n", -EINVAL },
	{ "2", "2", -EINVAL },
	{ "minus-1", "-1", -EINVAL },
	{ "10", "10", -EINVAL },
	{ "t", "t", -EINVAL },
	{ "f", "f", -EINVAL },
	{ "ye", "ye", -EINVAL },
	{ "yess", "yess", -EINVAL },
	{ "o", "o", -EINVAL },
	{ "of", "of", -EINVAL },
	{ "onn", "onn", -EINVAL },
	{ "truee", "truee", -EINVAL },
	{ "nope", "nope", -EINVAL },
	{ "enable", "enable", -EINVAL },
	{ "leading-space", " 1", -EINVAL },
	{ "trailing-space", "1 ", -EINVAL },
	{ "carriage-return", "1\r", -EINVAL },
	{ "crlf", "1\r\n", -EINVAL },
	{ "tab", "1\t", -EINVAL },
};

static void bool_case_desc(const struct bool_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(parse_bool, bool_cases, bool_case_desc);

static void parse_bool_table_test(struct kunit *test)
{
	const struct bool_case *c = test->param_value;
	bool out;

	/* Start from both values so "untouched" and "set" both show. */
	out = true;
	KUNIT_EXPECT_EQ(test, xlate_parse_bool(c->in, &out), c->want_ret);
	KUNIT_EXPECT_EQ(test, out, c->want_ret ? true : c->want_val);
	out = false;
	KUNIT_EXPECT_EQ(test, xlate_parse_bool(c->in, &out), c->want_ret);
	KUNIT_EXPECT_EQ(test, out, c->want_ret ? false : c->want_val);
}

static void parse_bool_null_test(struct kunit *test)
{
	bool out = true;

	KUNIT_EXPECT_EQ(test, xlate_parse_bool(NULL, &out), -EINVAL);
	KUNIT_EXPECT_TRUE(test, out);
}

struct path_case {
	const char *name;
	const char *in;
	int want_ret;
	/* What @out holds on success. */
	const char *want_out;
};

static const struct path_case path_cases[] = {
	{ "qemu", "/usr/bin/qemu-x86_64-static", 0,
	  "/usr/bin/qemu-x86_64-static" },
	{ "qemu-newline", "/usr/bin/qemu-x86_64-static\n", 0,
	  "/usr/bin/qemu-x86_64-static" },
	{ "rosetta", "/media/rosetta/rosetta", 0, "/media/rosetta/rosetta" },
	{ "empty-is-no-runtime", "", 0, "" },
	{ "newline-is-no-runtime", "\n", 0, "" },
	{ "root", "/", 0, "/" },
	{ "hidden-file", "/opt/.fex/FEXInterpreter", 0,
	  "/opt/.fex/FEXInterpreter" },
	{ "dotdot-prefix-name", "/opt/..fex", 0, "/opt/..fex" },
	{ "three-dots", "/opt/...", 0, "/opt/..." },
	{ "dot-suffix", "/opt/box64.", 0, "/opt/box64." },
	{ "dot-in-dir", "/opt/v1.0/box64", 0, "/opt/v1.0/box64" },
	{ "space", "/opt/my runtime", 0, "/opt/my runtime" },
	{ "utf8", "/opt/\xc3\xbc/box64", 0, "/opt/\xc3\xbc/box64" },
	{ "relative", "usr/bin/box64", -EINVAL },
	{ "bare-name", "box64", -EINVAL },
	{ "relative-newline", "box64\n", -EINVAL },
	{ "dot-relative", "./box64", -EINVAL },
	{ "leading-space", " /usr/bin/box64", -EINVAL },
	{ "tilde", "~/box64", -EINVAL },
	{ "dot-component", "/usr/./bin/box64", -EINVAL },
	{ "dot-first", "/./box64", -EINVAL },
	{ "dot-last", "/usr/bin/.", -EINVAL },
	{ "dot-last-newline", "/usr/bin/.\n", -EINVAL },
	{ "dotdot-component", "/usr/../bin/box64", -EINVAL },
	{ "dotdot-first", "/../box64", -EINVAL },
	{ "dotdot-last", "/usr/bin/..", -EINVAL },
	{ "dot-only", "/.", -EINVAL },
	{ "dotdot-only", "/..", -EINVAL },
	{ "tab", "/usr/bin/\tbox64", -EINVAL },
	{ "ctrl-a", "/usr/bin/\x01", -EINVAL },
	{ "escape", "/usr/bin/\x1b[0mbox64", -EINVAL },
	{ "del", "/usr/bin/box64\x7f", -EINVAL },
	{ "embedded-newline", "/usr/bin\n/box64", -EINVAL },
	{ "two-newlines", "/usr/bin/box64\n\n", -EINVAL },
	{ "carriage-return", "/usr/bin/box64\r", -EINVAL },
	{ "crlf", "/usr/bin/box64\r\n", -EINVAL },
};

static void path_case_desc(const struct path_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(parse_path, path_cases, path_case_desc);

/* True if @len bytes at @p all hold POISON. */
static bool is_poisoned(const char *p, size_t len)
{
	return !memchr_inv(p, POISON, len);
}

static void parse_path_table_test(struct kunit *test)
{
	const struct path_case *c = test->param_value;
	size_t outlen = XLATE_RUNTIME_PATH_MAX;
	char *out = kunit_kmalloc(test, outlen, GFP_KERNEL);
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, out);
	memset(out, POISON, outlen);
	ret = xlate_parse_runtime_path(c->in, out, outlen);
	KUNIT_EXPECT_EQ(test, ret, c->want_ret);
	if (c->want_ret) {
		KUNIT_EXPECT_TRUE_MSG(test, is_poisoned(out, outlen),
				      "out was written on error");
		return;
	}
	KUNIT_ASSERT_NOT_NULL(test, c->want_out);
	KUNIT_EXPECT_STREQ(test, out, c->want_out);
	/* Nothing written past the terminating NUL. */
	KUNIT_EXPECT_TRUE(test, is_poisoned(out + strlen(c->want_out) + 1,
					    outlen - strlen(c->want_out) - 1));
}

/* "/" followed by @len - 1 'a's, then @suffix. */
static char *long_path(struct kunit *test, size_t len, const char *suffix)
{
	char *s = kunit_kmalloc(test, len + strlen(suffix) + 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	s[0] = '/';
	memset(s + 1, 'a', len - 1);
	strscpy(s + len, suffix, strlen(suffix) + 1);
	return s;
}

static void parse_path_length_test(struct kunit *test)
{
	size_t max = XLATE_RUNTIME_PATH_MAX;
	char *out = kunit_kmalloc(test, 2 * max, GFP_KERNEL);
	char *s;

	KUNIT_ASSERT_NOT_NULL(test, out);
	KUNIT_EXPECT_EQ(test, max, (size_t)4096);

	s = long_path(test, max - 1, "");
	memset(out, POISON, 2 * max);
	KUNIT_EXPECT_EQ(test, xlate_parse_runtime_path(s, out, max), 0);
	KUNIT_EXPECT_EQ(test, strlen(out), max - 1);
	KUNIT_EXPECT_STREQ(test, out, s);

	s = long_path(test, max - 1, "\n");
	memset(out, POISON, 2 * max);
	KUNIT_EXPECT_EQ(test, xlate_parse_runtime_path(s, out, max), 0);
	KUNIT_EXPECT_EQ(test, strlen(out), max - 1);

	s = long_path(test, max, "");
	memset(out, POISON, 2 * max);
	KUNIT_EXPECT_EQ(test, xlate_parse_runtime_path(s, out, max),
			-ENAMETOOLONG);
	KUNIT_EXPECT_TRUE(test, is_poisoned(out, 2 * max));
	/* A bigger buffer does not raise the limit. */
	KUNIT_EXPECT_EQ(test, xlate_parse_runtime_path(s, out, 2 * max),
			-ENAMETOOLONG);
	KUNIT_EXPECT_TRUE(test, is_poisoned(out, 2 * max));

	s = long_path(test, max, "\n");
	KUNIT_EXPECT_EQ(test, xlate_parse_runtime_path(s, out, 2 * max),
			-ENAMETOOLONG);
	KUNIT_EXPECT_TRUE(test, is_poisoned(out, 2 * max));

	s = long_path(test, max + 100, "");
	KUNIT_EXPECT_EQ(test, xlate_parse_runtime_path(s, out, 2 * max),
			-ENAMETOOLONG);
	KUNIT_EXPECT_TRUE(test, is_poisoned(out, 2 * max));
}

static void parse_path_outlen_test(struct kunit *test)
{
	static const char path[] = "/usr/bin/box64";	/* 14 chars */
	char out[32];

	memset(out, POISON, sizeof(out));
	KUNIT_EXPECT_EQ(test, xlate_parse_runtime_path(path, out, 14),
			-ENAMETOOLONG);
	KUNIT_EXPECT_TRUE(test, is_poisoned(out, sizeof(out)));
	KUNIT_EXPECT_EQ(test, xlate_parse_runtime_path(path, out, 1),
			-ENAMETOOLONG);
	KUNIT_EXPECT_TRUE(test, is_poisoned(out, sizeof(out)));

	/* The newline does not need room. */
	KUNIT_EXPECT_EQ(test, xlate_parse_runtime_path("/usr/bin/box64\n",
						       out, 15), 0);
	KUNIT_EXPECT_STREQ(test, out, path);
	KUNIT_EXPECT_TRUE(test, is_poisoned(out + 15, sizeof(out) - 15));

	memset(out, POISON, sizeof(out));
	KUNIT_EXPECT_EQ(test, xlate_parse_runtime_path(path, out, 15), 0);
	KUNIT_EXPECT_STREQ(test, out, path);

	/* Empty needs one byte for its NUL. */
	memset(out, POISON, sizeof(out));
	KUNIT_EXPECT_EQ(test, xlate_parse_runtime_path("", out, 1), 0);
	KUNIT_EXPECT_EQ(test, out[0], '\0');
	KUNIT_EXPECT_TRUE(test, is_poisoned(out + 1, sizeof(out) - 1));
}

static void parse_path_null_test(struct kunit *test)
{
	char out[16];

	memset(out, POISON, sizeof(out));
	KUNIT_EXPECT_EQ(test, xlate_parse_runtime_path(NULL, out, sizeof(out)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, xlate_parse_runtime_path("/x", NULL, 16),
			-EINVAL);
	/* No room even for the NUL: an error, whichever. */
	KUNIT_EXPECT_LT(test, xlate_parse_runtime_path("/x", out, 0), 0);
	KUNIT_EXPECT_LT(test, xlate_parse_runtime_path("", out, 0), 0);
	KUNIT_EXPECT_TRUE(test, is_poisoned(out, sizeof(out)));
}

static struct kunit_case param_parse_cases[] = {
	KUNIT_CASE_PARAM(parse_bool_table_test, parse_bool_gen_params),
	KUNIT_CASE(parse_bool_null_test),
	KUNIT_CASE_PARAM(parse_path_table_test, parse_path_gen_params),
	KUNIT_CASE(parse_path_length_test),
	KUNIT_CASE(parse_path_outlen_test),
	KUNIT_CASE(parse_path_null_test),
	{}
};

static struct kunit_suite param_parse_suite = {
	.name = "xlate_param_parse",
	.test_cases = param_parse_cases,
};

kunit_test_suites(&param_parse_suite);
