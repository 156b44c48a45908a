// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of kmod/lib/uname_machine.h: the uname machine a task
 * with the x86 view sees, as an x86-64 kernel answers it.
 */
#include <string.h>
#include <sys/personality.h>

#include "unit.h"
#include "../../../kmod/lib/uname_machine.h"
#include "../../../kmod/uapi/xlate.h"

UNIT_TEST(machine)
{
	static const struct {
		const char *name;
		unsigned int personality;
		const char *want;
	} cases[] = {
		{ "plain", 0, "x86_64" },
		{ "marked", XLATE_PER_MARKER, "x86_64" },
		{ "linux32", PER_LINUX32, "i686" },
		{ "linux32-marked", PER_LINUX32 | XLATE_PER_MARKER, "i686" },
		{ "linux32-3gb", PER_LINUX32_3GB, "i686" },
		{ "linux32-no-randomize", PER_LINUX32 | ADDR_NO_RANDOMIZE,
		  "i686" },
		{ "bsd", PER_BSD, "x86_64" },
		{ "linux32-bits-above-mask", PER_LINUX32 | 0x100, "i686" },
		{ "type-0x18", 0x18, "x86_64" },
		{ "uname26", UNAME26, "x86_64" },
	};
	size_t i, j;

	CHECK(XLATE_PER_LINUX32 == PER_LINUX32, "PER_LINUX32");
	CHECK(XLATE_PER_MASK == PER_MASK, "PER_MASK");
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const char *got = xlate_uname_machine(cases[i].personality);

		unit_case("%s", cases[i].name);
		CHECK(!strcmp(got, cases[i].want), "got %s, want %s", got,
		      cases[i].want);
		for (j = strlen(got); j < XLATE_UTS_MACHINE_LEN; j++)
			CHECK(!got[j], "byte %zu not NUL", j);
	}
}
