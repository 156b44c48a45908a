// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for kmod/lib/param_parse.c: the syntax checks of the
 * module parameters enabled, preserve_argv0, open_binary, credentials
 * (xlate_parse_bool) and runtime (xlate_parse_runtime_path).  The case
 * tables are in param_parse_cases.h, shared with
 * tools/testing/unit/test_param_parse.c.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "param_parse_cases.h"

/* What the output buffers hold before a call, to see what it wrote. */
#define POISON	0xa5

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
	const char *want;
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
	want = path_case_out(c);
	KUNIT_EXPECT_STREQ(test, out, want);
	/* Nothing written past the terminating NUL. */
	KUNIT_EXPECT_TRUE(test, is_poisoned(out + strlen(want) + 1,
					    outlen - strlen(want) - 1));
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
