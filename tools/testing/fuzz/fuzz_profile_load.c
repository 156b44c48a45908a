// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: xlate_profile_load(), the whole-profile write of
 * /sys/kernel/xlate/cpuinfo/profile.  A refused text leaves the profile
 * untouched and names a line that exists; an accepted one reports its
 * runtime line inside the text, and the profile shown field by field,
 * written back as one text, loads into the same profile.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cpuinfo_profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char text[XLATE_PROFILE_SHOW_MAX * 17];
	struct xlate_cpuinfo_profile p = xlate_cpuinfo_default_profile;
	struct xlate_cpuinfo_profile before = p, again;
	const char *rt, *in = (const char *)data;
	size_t rt_len, len = 0, lines = 1, i;
	unsigned int line;
	int ret, n;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	ret = xlate_profile_load(&p, in, size, &rt, &rt_len, &line);
	if (ret) {
		if (ret != -EINVAL && ret != -E2BIG && ret != -ENOENT)
			abort();
		if (memcmp(&p, &before, sizeof(p)) || !line || line > lines)
			abort();
		return 0;
	}
	if (line || (rt && (rt < in || rt + rt_len > in + size)))
		abort();
	for (i = 0; i < xlate_profile_nfields; i++) {
		len += snprintf(text + len, sizeof(text) - len, "%s=",
				xlate_profile_fields[i]);
		n = xlate_profile_show(&p, xlate_profile_fields[i], text + len,
				       sizeof(text) - len);
		if (n <= 0)
			abort();
		len += n;
	}
	again = xlate_cpuinfo_default_profile;
	if (xlate_profile_load(&again, text, len, &rt, &rt_len, &line) ||
	    rt || memcmp(&again, &p, sizeof(p)))
		abort();
	return 0;
}
