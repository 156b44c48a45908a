// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: xlate_parse_runtime_path() on arbitrary strings and
 * output sizes (the first byte picks the size).  A rejected value leaves
 * the output untouched; an accepted one is "" or an absolute path of
 * printable characters that fits.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "param_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t outlen, i, len;
	char *s, *out;
	int ret;

	if (!size)
		return 0;
	outlen = data[0] == 0xff ? XLATE_RUNTIME_PATH_MAX : data[0];
	s = malloc(size);
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	out = malloc(outlen + 1);
	memset(out, 'Z', outlen + 1);

	ret = xlate_parse_runtime_path(s, out, outlen);
	if (ret) {
		if (ret != -EINVAL && ret != -ENAMETOOLONG)
			abort();
		for (i = 0; i <= outlen; i++)
			if (out[i] != 'Z')
				abort();
	} else {
		len = strnlen(out, outlen);
		if (len >= outlen || out[outlen] != 'Z')
			abort();
		if (len && out[0] != '/')
			abort();
		for (i = 0; i < len; i++)
			if ((unsigned char)out[i] < 0x20 || out[i] == 0x7f)
				abort();
		if (strncmp(out, s, len))
			abort();
	}
	free(out);
	free(s);
	return 0;
}
