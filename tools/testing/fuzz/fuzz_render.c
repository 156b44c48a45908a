// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: render after set.  The input is a series of
 * "<field byte><value>\xff" writes applied to the default profile, then
 * one CPU's block is rendered whole and into every smaller size picked
 * by the last two bytes; the cut-short output must be a NUL-terminated
 * prefix of the whole one, and nothing may be written past the size.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cpuinfo_profile.h"

#define FULL_MAX	8192

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char full[FULL_MAX], cut[FULL_MAX + 1];
	struct xlate_cpuinfo_profile p = xlate_cpuinfo_default_profile;
	struct xlate_cpu_topo t = { 0 };
	size_t i = 0, len, small, want;
	char *value;

	value = malloc(size + 1);
	while (i < size) {
		unsigned char f = data[i++];
		size_t v = 0;

		while (i < size && data[i] != 0xff)
			value[v++] = data[i++];
		value[v] = '\0';
		i++;
		if (f < xlate_profile_nfields)
			xlate_profile_set(&p, xlate_profile_fields[f], value);
		else
			t.processor = f;
	}
	free(value);

	len = xlate_cpuinfo_render(full, sizeof(full), &p, &t);
	if (len >= sizeof(full) || strlen(full) != len ||
	    len < 2 ||
	    full[len - 1] != '\n' || full[len - 2] != '\n')
		abort();
	small = size >= 2 ? (data[size - 2] | data[size - 1] << 8) % (len + 2)
			  : 0;
	memset(cut, 'X', sizeof(cut));
	if (xlate_cpuinfo_render(small ? cut : NULL, small, &p, &t) != len)
		abort();
	if (small) {
		want = small - 1 < len ? small - 1 : len;
		if (cut[want] != '\0' || memcmp(cut, full, want) ||
		    cut[small] != 'X')
			abort();
	}
	return 0;
}
