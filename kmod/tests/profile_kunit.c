// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for kmod/lib/cpuinfo_profile.c: per-field validation of
 * /sys/kernel/xlate/cpuinfo/ writes (newlines and control characters,
 * over-long values, unknown and repeated flags, unknown fields, numeric
 * ranges), that a rejected write leaves the profile untouched, and that
 * what show prints, set accepts; whole-profile writes (all or nothing,
 * the runtime line) and Rosetta's template.  The tables are in
 * profile_cases.h, shared with tools/testing/unit/test_cpuinfo_profile.c.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "profile_cases.h"

static void set_case_desc(const struct set_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s=\"%.30s\"",
		 c->field ? c->field : "(null)", c->value);
	strreplace(desc, '\n', '|');
	strreplace(desc, '\t', '|');
	strreplace(desc, '\r', '|');
}

KUNIT_ARRAY_PARAM(profile_set, profile_cases, set_case_desc);

static void profile_set_test(struct kunit *test)
{
	const struct set_case *c = test->param_value;
	struct xlate_cpuinfo_profile *p, *before;
	char *buf;
	int err, n;

	p = kunit_kmalloc(test, sizeof(*p), GFP_KERNEL);
	before = kunit_kmalloc(test, sizeof(*p), GFP_KERNEL);
	buf = kunit_kzalloc(test, XLATE_PROFILE_SHOW_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, before);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	*p = xlate_cpuinfo_default_profile;
	*before = *p;

	err = xlate_profile_set(p, c->field, c->value);
	KUNIT_EXPECT_EQ(test, err, c->err);
	if (err) {
		KUNIT_EXPECT_EQ_MSG(test, memcmp(p, before, sizeof(*p)), 0,
				    "rejected write changed the profile");
		return;
	}
	n = xlate_profile_show(p, c->field, buf, XLATE_PROFILE_SHOW_MAX);
	KUNIT_EXPECT_EQ(test, n, (int)strlen(c->shown));
	KUNIT_EXPECT_STREQ(test, buf, c->shown);
}

/* The default, field by field; and show's output is accepted by set. */
static void profile_defaults_test(struct kunit *test)
{
	const struct xlate_cpuinfo_profile *d = &xlate_cpuinfo_default_profile;
	struct xlate_cpuinfo_profile *p;
	unsigned int i;
	char *buf;

	p = kunit_kmalloc(test, sizeof(*p), GFP_KERNEL);
	buf = kunit_kzalloc(test, XLATE_PROFILE_SHOW_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, xlate_profile_nfields,
			(unsigned int)ARRAY_SIZE(default_shown));
	for (i = 0; i < xlate_profile_nfields; i++) {
		const char *f = xlate_profile_fields[i];

		KUNIT_EXPECT_GT(test, xlate_profile_show(d, f, buf,
							 XLATE_PROFILE_SHOW_MAX),
				0);
		KUNIT_EXPECT_STREQ(test, buf, default_shown[i]);
		*p = *d;
		KUNIT_EXPECT_EQ_MSG(test, xlate_profile_set(p, f, buf), 0,
				    "%s", f);
		KUNIT_EXPECT_EQ_MSG(test, memcmp(p, d, sizeof(*p)), 0,
				    "%s", f);
	}
}

static void profile_show_errors_test(struct kunit *test)
{
	const struct xlate_cpuinfo_profile *d = &xlate_cpuinfo_default_profile;
	char buf[8];

	KUNIT_EXPECT_EQ(test, xlate_profile_show(d, "model_name", buf, 5),
			-E2BIG);
	KUNIT_EXPECT_STREQ(test, buf, "xlat");
	KUNIT_EXPECT_EQ(test, xlate_profile_show(d, "nope", buf, sizeof(buf)),
			-ENOENT);
}

/* Every name of the kernel's list is accepted; a block still fits a page. */
static void profile_all_flags_test(struct kunit *test)
{
	struct xlate_cpuinfo_profile *p;
	struct xlate_cpu_topo t = { 0 };
	char *list, *buf;
	size_t len = 0;
	unsigned int i;

	p = kunit_kmalloc(test, sizeof(*p), GFP_KERNEL);
	list = kunit_kzalloc(test, 8192, GFP_KERNEL);
	buf = kunit_kzalloc(test, XLATE_PROFILE_SHOW_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, list);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	*p = xlate_cpuinfo_default_profile;
	for (i = 0; i < XLATE_X86_NCAPFLAGS; i++)
		if (xlate_x86_cap_flags[i])
			len += scnprintf(list + len, 8192 - len, "%s%s",
					 len ? " " : "",
					 xlate_x86_cap_flags[i]);
	KUNIT_ASSERT_EQ(test, xlate_profile_set(p, "flags", list), 0);
	KUNIT_EXPECT_EQ(test, xlate_profile_show(p, "flags", buf,
						 XLATE_PROFILE_SHOW_MAX),
			(int)len + 1);
	KUNIT_EXPECT_EQ(test, strncmp(buf, list, len), 0);
	KUNIT_EXPECT_LT(test, xlate_cpuinfo_render(NULL, 0, p, &t),
			(size_t)4096);
}

static void profile_overlong_test(struct kunit *test)
{
	struct xlate_cpuinfo_profile *p;
	char *big;

	p = kunit_kmalloc(test, sizeof(*p), GFP_KERNEL);
	big = kunit_kzalloc(test, XLATE_PROFILE_VALUE_MAX + 2, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, big);
	memset(big, 'a', XLATE_PROFILE_VALUE_MAX + 1);
	*p = xlate_cpuinfo_default_profile;
	KUNIT_EXPECT_EQ(test, xlate_profile_set(p, "flags", big), -E2BIG);
	KUNIT_EXPECT_EQ(test, xlate_profile_set(p, "model_name", big), -E2BIG);
	KUNIT_EXPECT_EQ(test, memcmp(p, &xlate_cpuinfo_default_profile,
				     sizeof(*p)), 0);
}

static void load_case_desc(const struct load_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(profile_load, load_cases, load_case_desc);

static void profile_load_test(struct kunit *test)
{
	const struct load_case *c = test->param_value;
	struct xlate_cpuinfo_profile *p;
	const char *rt = NULL;
	size_t rt_len = 0;
	unsigned int line = 99;
	char *buf;
	int err;

	p = kunit_kmalloc(test, sizeof(*p), GFP_KERNEL);
	buf = kunit_kzalloc(test, XLATE_PROFILE_SHOW_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	*p = xlate_cpuinfo_default_profile;
	err = xlate_profile_load(p, c->text, strlen(c->text), &rt, &rt_len,
				 &line);
	KUNIT_EXPECT_EQ(test, err, c->err);
	KUNIT_EXPECT_EQ(test, line, c->bad_line);
	if (err) {
		KUNIT_EXPECT_EQ_MSG(test, memcmp(p, &xlate_cpuinfo_default_profile,
						 sizeof(*p)), 0,
				    "refused write changed the profile");
		return;
	}
	if (c->runtime) {
		KUNIT_ASSERT_NOT_NULL(test, rt);
		KUNIT_EXPECT_EQ(test, rt_len, strlen(c->runtime));
		KUNIT_EXPECT_EQ(test, memcmp(rt, c->runtime, rt_len), 0);
	} else {
		KUNIT_EXPECT_NULL(test, rt);
	}
	KUNIT_EXPECT_GT(test, xlate_profile_show(p, c->field, buf,
						 XLATE_PROFILE_SHOW_MAX), 0);
	KUNIT_EXPECT_STREQ(test, buf, c->shown);
}

/* Rosetta's template field by field, and which paths are Rosetta. */
static void profile_rosetta_test(struct kunit *test)
{
	const struct xlate_cpuinfo_profile *r = &xlate_cpuinfo_rosetta_profile;
	unsigned int i;
	char *buf;

	buf = kunit_kzalloc(test, XLATE_PROFILE_SHOW_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, xlate_profile_nfields,
			(unsigned int)ARRAY_SIZE(rosetta_shown));
	for (i = 0; i < xlate_profile_nfields; i++) {
		KUNIT_EXPECT_GT(test, xlate_profile_show(r, xlate_profile_fields[i],
							 buf, XLATE_PROFILE_SHOW_MAX),
				0);
		KUNIT_EXPECT_STREQ(test, buf, rosetta_shown[i]);
	}
	for (i = 0; i < ARRAY_SIZE(rosetta_cases); i++)
		KUNIT_EXPECT_EQ_MSG(test,
				    xlate_runtime_is_rosetta(rosetta_cases[i].path),
				    rosetta_cases[i].rosetta, "%s",
				    rosetta_cases[i].path ?: "(null)");
}

static struct kunit_case cpuinfo_profile_cases[] = {
	KUNIT_CASE_PARAM(profile_set_test, profile_set_gen_params),
	KUNIT_CASE(profile_defaults_test),
	KUNIT_CASE(profile_show_errors_test),
	KUNIT_CASE(profile_all_flags_test),
	KUNIT_CASE(profile_overlong_test),
	KUNIT_CASE_PARAM(profile_load_test, profile_load_gen_params),
	KUNIT_CASE(profile_rosetta_test),
	{}
};

static struct kunit_suite cpuinfo_profile_suite = {
	.name = "xlate_cpuinfo_profile",
	.test_cases = cpuinfo_profile_cases,
};

kunit_test_suites(&cpuinfo_profile_suite);
