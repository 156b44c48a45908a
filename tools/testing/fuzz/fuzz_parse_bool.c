// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: xlate_parse_bool() on arbitrary strings.  A rejected
 * value must leave the result untouched; an accepted one must be one of
 * the documented spellings.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "param_parse.h"

static const char * const yes[] = { "1", "y", "yes", "on", "true" };
static const char * const no[] = { "0", "n", "no", "off", "false" };

static int spelled(const char *s, size_t len, const char * const *set)
{
	unsigned int i;

	for (i = 0; i < 5; i++)
		if (strlen(set[i]) == len && !strncasecmp(s, set[i], len))
			return 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	bool out = false, canary;
	size_t len;
	int i, ret;

	memcpy(s, data, size);
	s[size] = '\0';
	len = strlen(s);
	if (len && s[len - 1] == '\n')
		len--;
	for (i = 0; i < 2; i++) {
		canary = i;
		out = canary;
		ret = xlate_parse_bool(s, &out);
		if (ret && (ret != -EINVAL || out != canary))
			abort();
		if (!ret && !(out ? spelled(s, len, yes) :
				    spelled(s, len, no)))
			abort();
	}
	free(s);
	return 0;
}
