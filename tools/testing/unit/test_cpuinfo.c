// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of kmod/lib/cpuinfo_render.c: byte-for-byte golden
 * comparison with x86-64's show_cpuinfo() layout (golden text in
 * kmod/tests/cpuinfo_cases.h, shared with the KUnit suite), and truncation.
 * Uses unit.h: each check is one case, unit/host/cpuinfo/<test>/<case>.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../../kmod/tests/cpuinfo_cases.h"

/* One case per check, named "<test>/<name>". */
static void result(const char *name, int ok, const char *why)
{
	unit_case("%s", name);
	CHECK(ok, "%s", why ? why : "");
}

static char big[1 << 17];

static void check_text(const char *name, const char *got, size_t gotlen,
		       const char *want)
{
	char why[256];
	size_t i;

	if (gotlen == strlen(want) && !strcmp(got, want)) {
		result(name, 1, NULL);
		return;
	}
	for (i = 0; got[i] && got[i] == want[i]; i++)
		;
	snprintf(why, sizeof(why),
		 "differs at byte %zu (len %zu, want %zu): got \"%.20s\"",
		 i, gotlen, strlen(want), got + i);
	result(name, 0, why);
}

UNIT_TEST(golden)
{
	const struct xlate_cpuinfo_profile *p = &xlate_cpuinfo_default_profile;
	struct xlate_cpuinfo_profile sp;
	struct xlate_cpu_topo t;
	static char want[1 << 17];
	size_t len, wlen = 0;
	unsigned int cpu;

	len = golden_render_all(big, sizeof(big), p, 1);
	check_text("1cpu", big, len, golden_1cpu);
	len = golden_render_all(big, sizeof(big), p, 2);
	check_text("2cpu", big, len, golden_2cpu);
	for (cpu = 0; cpu < GOLDEN_64CPU_N; cpu++)
		wlen += snprintf(want + wlen, sizeof(want) - wlen,
				 golden_64cpu_fmt, cpu, GOLDEN_64CPU_N, cpu,
				 GOLDEN_64CPU_N, cpu, cpu);
	len = golden_render_all(big, sizeof(big), p, GOLDEN_64CPU_N);
	check_text("64cpu", big, len, want);

	golden_sparse_profile(&sp);
	t = golden_topo(3, 4);
	len = xlate_cpuinfo_render(big, sizeof(big), &sp, &t);
	check_text("sparse", big, len, golden_sparse);
}

UNIT_TEST(truncation)
{
	const struct xlate_cpuinfo_profile *p = &xlate_cpuinfo_default_profile;
	struct xlate_cpu_topo t = golden_topo(0, 1);
	size_t full = strlen(golden_1cpu), size, ret, want;
	char buf[2048];
	int ok = 1;
	char why[160] = "";

	for (size = 0; size <= full + 2 && ok; size++) {
		memset(buf, 'X', sizeof(buf));
		ret = xlate_cpuinfo_render(size ? buf : NULL, size, p, &t);
		want = size ? (size - 1 < full ? size - 1 : full) : 0;
		if (ret != full) {
			snprintf(why, sizeof(why), "size %zu returned %zu",
				 size, ret);
			ok = 0;
		} else if (size && (buf[want] != '\0' ||
				    memcmp(buf, golden_1cpu, want))) {
			snprintf(why, sizeof(why), "size %zu: bad prefix",
				 size);
			ok = 0;
		} else if (buf[size] != 'X' && size < sizeof(buf)) {
			snprintf(why, sizeof(why), "size %zu: wrote past end",
				 size);
			ok = 0;
		}
	}
	CHECK(ok, "%s", why);
}
