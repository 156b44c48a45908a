// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: xlate_profile_set().  The first byte picks the field
 * (or, past the last one, an unknown name), the rest is the value.  A
 * rejected value leaves the profile untouched; an accepted one shows
 * as text that set accepts again with the same result.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cpuinfo_profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char shown[XLATE_PROFILE_SHOW_MAX];
	struct xlate_cpuinfo_profile p = xlate_cpuinfo_default_profile;
	struct xlate_cpuinfo_profile before = p, again;
	const char *field = "no_such_field";
	char *value;
	int ret, n;

	if (!size)
		return 0;
	if (data[0] < xlate_profile_nfields)
		field = xlate_profile_fields[data[0]];
	value = malloc(size);
	memcpy(value, data + 1, size - 1);
	value[size - 1] = '\0';

	ret = xlate_profile_set(&p, field, value);
	if (ret) {
		if (ret != -EINVAL && ret != -E2BIG && ret != -ENOENT)
			abort();
		if (memcmp(&p, &before, sizeof(p)))
			abort();
	} else {
		n = xlate_profile_show(&p, field, shown, sizeof(shown));
		if (n <= 0 || (size_t)n != strlen(shown) || shown[n - 1] != '\n')
			abort();
		again = xlate_cpuinfo_default_profile;
		if (xlate_profile_set(&again, field, shown) ||
		    memcmp(&again, &p, sizeof(p)))
			abort();
	}
	free(value);
	return 0;
}
