// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of kmod/lib/cpuinfo_profile.c: per-field validation as
 * sysfs sees it, and that a rejected write leaves the profile untouched.
 * The tables are in kmod/tests/profile_cases.h, shared with the KUnit suite.
 * Uses unit.h: each check is one case, unit/host/cpuinfo_profile/<test>/<case>.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../../kmod/tests/profile_cases.h"

/* One case per check, named "<test>/<name>". */
static void result(const char *name, int ok, const char *why)
{
	unit_case("%s", name);
	CHECK(ok, "%s", why ? why : "");
}

UNIT_TEST(set)
{
	unsigned int i;
	char name[96], why[256], buf[XLATE_PROFILE_SHOW_MAX];

	for (i = 0; i < ARRAY_SIZE(profile_cases); i++) {
		const struct set_case *c = &profile_cases[i];
		struct xlate_cpuinfo_profile p = xlate_cpuinfo_default_profile;
		struct xlate_cpuinfo_profile before = p;
		int err = xlate_profile_set(&p, c->field, c->value);
		int ok = err == c->err;

		snprintf(name, sizeof(name), "%02u-%s", i,
			 c->field ? c->field : "null");
		snprintf(why, sizeof(why), "value \"%.40s\": got %d want %d",
			 c->value, err, c->err);
		if (ok && err && memcmp(&p, &before, sizeof(p))) {
			ok = 0;
			snprintf(why, sizeof(why), "rejected but changed");
		}
		if (ok && !err) {
			int n = xlate_profile_show(&p, c->field, buf,
						   sizeof(buf));

			if (n < 0 || strcmp(buf, c->shown)) {
				ok = 0;
				snprintf(why, sizeof(why),
					 "show %d \"%.60s\" want \"%.60s\"",
					 n, buf, c->shown);
			}
		}
		result(name, ok, why);
	}
}

UNIT_TEST(defaults)
{
	const struct xlate_cpuinfo_profile *d = &xlate_cpuinfo_default_profile;
	char buf[XLATE_PROFILE_SHOW_MAX], why[256] = "";
	unsigned int i;
	int ok = xlate_profile_nfields == ARRAY_SIZE(default_shown);

	if (!ok)
		snprintf(why, sizeof(why), "%u fields", xlate_profile_nfields);
	for (i = 0; ok && i < xlate_profile_nfields; i++) {
		struct xlate_cpuinfo_profile p;
		int n = xlate_profile_show(d, xlate_profile_fields[i], buf,
					   sizeof(buf));

		if (n < 0 || strcmp(buf, default_shown[i])) {
			snprintf(why, sizeof(why), "%s: \"%.200s\"",
				 xlate_profile_fields[i], buf);
			ok = 0;
			break;
		}
		/* what show prints, set accepts, and it changes nothing */
		memset(&p, 0, sizeof(p));
		p = *d;
		if (xlate_profile_set(&p, xlate_profile_fields[i], buf) ||
		    memcmp(&p, d, sizeof(p))) {
			snprintf(why, sizeof(why), "%s: no round trip",
				 xlate_profile_fields[i]);
			ok = 0;
		}
	}
	result("defaults", ok, why);

	{
		int n = xlate_profile_show(d, "model_name", buf, 5);

		result("show-small-buffer",
		       n == -E2BIG && !strcmp(buf, "xlat"),
		       "expected -E2BIG and a cut-short value");
		n = xlate_profile_show(d, "nope", buf, sizeof(buf));
		result("show-unknown", n == -ENOENT,
		       "expected -ENOENT");
	}
}

/* Every name of the kernel's lists is accepted, and all fit a page. */
UNIT_TEST(all_names)
{
	static char list[8192], buf[XLATE_PROFILE_SHOW_MAX];
	struct xlate_cpuinfo_profile p = xlate_cpuinfo_default_profile;
	size_t len = 0;
	unsigned int i, count = 0;
	char *big;
	int ok;

	for (i = 0; i < XLATE_X86_NCAPFLAGS; i++) {
		if (!xlate_x86_cap_flags[i])
			continue;
		len += snprintf(list + len, sizeof(list) - len, "%s%s",
				len ? " " : "", xlate_x86_cap_flags[i]);
		count++;
	}
	ok = !xlate_profile_set(&p, "flags", list) &&
	     xlate_profile_show(&p, "flags", buf, sizeof(buf)) ==
	     (int)len + 1 && !strncmp(buf, list, len);
	result("all-flags", ok && count > 250,
	       "every cpufeatures.h name should round-trip");
	ok = xlate_cpuinfo_render(NULL, 0, &p,
				  &(struct xlate_cpu_topo){ 0 }) < 4096;
	result("render-all-flags-fit-page", ok,
	       "a block with every flag should fit a page");

	big = malloc(XLATE_PROFILE_VALUE_MAX + 2);
	memset(big, 'a', XLATE_PROFILE_VALUE_MAX + 1);
	big[XLATE_PROFILE_VALUE_MAX + 1] = '\0';
	p = xlate_cpuinfo_default_profile;
	result("overlong-flags",
	       xlate_profile_set(&p, "flags", big) == -E2BIG &&
	       !memcmp(&p, &xlate_cpuinfo_default_profile, sizeof(p)),
	       "a value over XLATE_PROFILE_VALUE_MAX should be -E2BIG");
	free(big);
}

/* Several fields in one write: all or nothing, and the runtime line. */
UNIT_TEST(load)
{
	char name[96], why[256], buf[XLATE_PROFILE_SHOW_MAX];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(load_cases); i++) {
		const struct load_case *c = &load_cases[i];
		struct xlate_cpuinfo_profile p = xlate_cpuinfo_default_profile;
		const char *rt = (const char *)1;
		size_t rt_len = 0;
		unsigned int line = 99;
		int err = xlate_profile_load(&p, c->text, strlen(c->text),
					     &rt, &rt_len, &line);
		int ok = err == c->err && line == c->bad_line;

		snprintf(name, sizeof(name), "load/%s", c->name);
		snprintf(why, sizeof(why), "got %d line %u, want %d line %u",
			 err, line, c->err, c->bad_line);
		if (ok && err && memcmp(&p, &xlate_cpuinfo_default_profile,
					sizeof(p))) {
			ok = 0;
			snprintf(why, sizeof(why), "refused but changed");
		}
		if (ok && !err) {
			if (c->runtime ? !rt || rt_len != strlen(c->runtime) ||
			    memcmp(rt, c->runtime, rt_len) : rt != NULL) {
				ok = 0;
				snprintf(why, sizeof(why), "runtime \"%.*s\"",
					 rt ? (int)rt_len : 6,
					 rt ? rt : "(none)");
			} else if (xlate_profile_show(&p, c->field, buf,
						      sizeof(buf)) < 0 ||
				   strcmp(buf, c->shown)) {
				ok = 0;
				snprintf(why, sizeof(why), "%s: \"%.60s\"",
					 c->field, buf);
			}
		}
		result(name, ok, why);
	}
}

/* Rosetta's template and when it is chosen. */
UNIT_TEST(rosetta)
{
	const struct xlate_cpuinfo_profile *r = &xlate_cpuinfo_rosetta_profile;
	char name[96], buf[XLATE_PROFILE_SHOW_MAX];
	unsigned int i;

	for (i = 0; i < xlate_profile_nfields; i++) {
		snprintf(name, sizeof(name), "rosetta/%s",
			 xlate_profile_fields[i]);
		result(name, i < ARRAY_SIZE(rosetta_shown) &&
		       xlate_profile_show(r, xlate_profile_fields[i], buf,
					  sizeof(buf)) > 0 &&
		       !strcmp(buf, rosetta_shown[i]), buf);
	}
	for (i = 0; i < ARRAY_SIZE(rosetta_cases); i++) {
		const struct rosetta_case *c = &rosetta_cases[i];

		snprintf(name, sizeof(name), "is-rosetta/%02u", i);
		result(name, xlate_runtime_is_rosetta(c->path) == c->rosetta,
		       c->path ? c->path : "(null)");
	}
}
