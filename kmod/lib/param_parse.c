// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing of xlate's module parameter values.  Pure logic, shared by
 * the module, KUnit, the host unit tests and the fuzzer.  The checks
 * that need the file system (exists, regular, owned by root, ...) are
 * made by the module in config.c.
 */
#include "param_parse.h"

/* Length of @s without one trailing newline, as sysfs writes carry it. */
static size_t value_len(const char *s)
{
	size_t n = strlen(s);

	if (n && s[n - 1] == '\n')
		n--;
	return n;
}

/**
 * xlate_parse_bool() - parse a switch value
 * @s: the value as written, maybe with one trailing newline
 * @out: where the result goes; untouched on error
 *
 * Accepts what kstrtobool() accepts in its common forms: 1/0, y/n,
 * yes/no, on/off, true/false, in any case.
 *
 * Return: 0, or -EINVAL for anything else.
 */
int xlate_parse_bool(const char *s, bool *out)
{
	static const struct {
		const char *word;
		bool val;
	} words[] = {
		{ "1", true }, { "0", false }, { "y", true }, { "n", false },
		{ "yes", true }, { "no", false }, { "on", true },
		{ "off", false }, { "true", true }, { "false", false },
	};
	size_t n, i, j;

	if (!s)
		return -EINVAL;
	n = value_len(s);
	for (i = 0; i < ARRAY_SIZE(words); i++) {
		const char *w = words[i].word;

		if (strlen(w) != n)
			continue;
		for (j = 0; j < n; j++) {
			char c = s[j];

			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			if (c != w[j])
				break;
		}
		if (j == n) {
			*out = words[i].val;
			return 0;
		}
	}
	return -EINVAL;
}

/**
 * xlate_parse_runtime_path() - check the syntax of a runtime path
 * @s: the value as written, maybe with one trailing newline
 * @out: buffer for the path without the newline; untouched on error
 * @outlen: size of @out
 *
 * An empty value means "no runtime" and yields "".  Anything else must
 * be an absolute path of printable characters with no "." or ".."
 * component that fits in XLATE_RUNTIME_PATH_MAX and in @out.
 *
 * Return: 0, -EINVAL for a malformed path, -ENAMETOOLONG if too long.
 */
int xlate_parse_runtime_path(const char *s, char *out, size_t outlen)
{
	size_t n, i;

	if (!s || !out || !outlen)
		return -EINVAL;
	n = value_len(s);
	if (n >= XLATE_RUNTIME_PATH_MAX || n >= outlen)
		return -ENAMETOOLONG;
	if (n && s[0] != '/')
		return -EINVAL;
	for (i = 0; i < n; i++) {
		unsigned char c = s[i];

		if (c < 0x20 || c == 0x7f)
			return -EINVAL;
		if (c == '.' && s[i - 1] == '/' &&
		    (i + 1 == n || s[i + 1] == '/' ||
		     (s[i + 1] == '.' && (i + 2 == n || s[i + 2] == '/'))))
			return -EINVAL;
	}
	memcpy(out, s, n);
	out[n] = '\0';
	return 0;
}
