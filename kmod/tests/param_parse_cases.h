/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cases for kmod/lib/param_parse.c, shared by the KUnit suite
 * (kmod/tests/param_parse_kunit.c) and the host unit test
 * (tools/testing/unit/test_param_parse.c): values written to the module
 * parameters enabled, preserve_argv0, open_binary, credentials
 * (xlate_parse_bool) and runtime (xlate_parse_runtime_path), with the
 * result the library returns (0 or a negative errno).
 */
#ifndef XLATE_TESTS_PARAM_PARSE_CASES_H
#define XLATE_TESTS_PARAM_PARSE_CASES_H

#include "../lib/param_parse.h"

struct bool_case {
	const char *name;
	const char *in;
	int want_ret;
	/* What @out holds on success; on error it is left untouched. */
	bool want_val;
};

static const struct bool_case bool_cases[] = {
	{ "1", "1", 0, true },
	{ "0", "0", 0, false },
	{ "y", "y", 0, true },
	{ "n", "n", 0, false },
	{ "Y", "Y", 0, true },
	{ "N", "N", 0, false },
	{ "N-newline", "N\n", 0, false },
	{ "yes", "yes", 0, true },
	{ "no", "no", 0, false },
	{ "YES", "YES", 0, true },
	{ "Yes-newline", "Yes\n", 0, true },
	{ "No", "No", 0, false },
	{ "nO", "nO", 0, false },
	{ "on", "on", 0, true },
	{ "off", "off", 0, false },
	{ "ON", "ON", 0, true },
	{ "ON-newline", "ON\n", 0, true },
	{ "oFf", "oFf", 0, false },
	{ "Off", "Off", 0, false },
	{ "true", "true", 0, true },
	{ "false", "false", 0, false },
	{ "TRUE", "TRUE", 0, true },
	{ "True-newline", "True\n", 0, true },
	{ "False", "False", 0, false },
	{ "FaLsE-newline", "FaLsE\n", 0, false },
	{ "1-newline", "1\n", 0, true },
	{ "0-newline", "0\n", 0, false },
	{ "yes-newline", "yes\n", 0, true },
	{ "off-newline", "off\n", 0, false },
	{ "empty", "", -EINVAL, false },
	{ "newline-only", "\n", -EINVAL, false },
	{ "two-newlines", "1\n\n", -EINVAL, false },
	{ "leading-newline", "\n1", -EINVAL, false },
	{ "2", "2", -EINVAL, false },
	{ "minus-1", "-1", -EINVAL, false },
	{ "10", "10", -EINVAL, false },
	{ "t", "t", -EINVAL, false },
	{ "f", "f", -EINVAL, false },
	{ "ye", "ye", -EINVAL, false },
	{ "yess", "yess", -EINVAL, false },
	{ "o", "o", -EINVAL, false },
	{ "of", "of", -EINVAL, false },
	{ "onn", "onn", -EINVAL, false },
	{ "truee", "truee", -EINVAL, false },
	{ "nope", "nope", -EINVAL, false },
	{ "enable", "enable", -EINVAL, false },
	{ "leading-space", " 1", -EINVAL, false },
	{ "trailing-space", "1 ", -EINVAL, false },
	{ "carriage-return", "1\r", -EINVAL, false },
	{ "crlf", "1\r\n", -EINVAL, false },
	{ "tab", "1\t", -EINVAL, false },
};

struct path_case {
	const char *name;
	const char *in;
	int want_ret;
	/* What @out holds on success; NULL: the same as @in. */
	const char *want_out;
};

static const struct path_case path_cases[] = {
	{ "qemu", "/usr/bin/qemu-x86_64-static", 0, NULL },
	{ "qemu-newline", "/usr/bin/qemu-x86_64-static\n", 0,
	  "/usr/bin/qemu-x86_64-static" },
	{ "box64-newline", "/usr/bin/box64\n", 0, "/usr/bin/box64" },
	{ "rosetta", "/media/rosetta/rosetta", 0, NULL },
	{ "empty-is-no-runtime", "", 0, NULL },
	{ "newline-is-no-runtime", "\n", 0, "" },
	{ "root", "/", 0, NULL },
	{ "hidden-file", "/opt/.fex/FEXInterpreter", 0, NULL },
	{ "hidden-last", "/a/.hidden", 0, NULL },
	{ "dotdot-prefix-name", "/opt/..fex", 0, NULL },
	{ "dotdot-prefix-last", "/a/..b", 0, NULL },
	{ "three-dots", "/opt/...", 0, NULL },
	{ "three-dots-root", "/...", 0, NULL },
	{ "dot-suffix", "/opt/box64.", 0, NULL },
	{ "dot-suffix-short", "/a/b.", 0, NULL },
	{ "dot-in-dir", "/opt/v1.0/box64", 0, NULL },
	{ "space", "/opt/my runtime", 0, NULL },
	{ "space-in-dir", "/opt/my runtime/bin", 0, NULL },
	{ "utf8", "/opt/\xc3\xbc/box64", 0, NULL },
	{ "utf8-last", "/opt/\xc3\xa9mu", 0, NULL },
	{ "relative", "usr/bin/box64", -EINVAL, NULL },
	{ "bare-name", "box64", -EINVAL, NULL },
	{ "relative-newline", "box64\n", -EINVAL, NULL },
	{ "dot-relative", "./box64", -EINVAL, NULL },
	{ "leading-space", " /usr/bin/box64", -EINVAL, NULL },
	{ "tilde", "~/box64", -EINVAL, NULL },
	{ "dot-component", "/usr/./bin/box64", -EINVAL, NULL },
	{ "dot-component-short", "/a/./b", -EINVAL, NULL },
	{ "dot-first", "/./box64", -EINVAL, NULL },
	{ "dot-last", "/usr/bin/.", -EINVAL, NULL },
	{ "dot-last-short", "/a/.", -EINVAL, NULL },
	{ "dot-last-newline", "/usr/bin/.\n", -EINVAL, NULL },
	{ "dot-last-short-newline", "/a/.\n", -EINVAL, NULL },
	{ "dotdot-component", "/usr/../bin/box64", -EINVAL, NULL },
	{ "dotdot-component-short", "/a/../b", -EINVAL, NULL },
	{ "dotdot-first", "/../box64", -EINVAL, NULL },
	{ "dotdot-last", "/usr/bin/..", -EINVAL, NULL },
	{ "dotdot-last-short", "/a/..", -EINVAL, NULL },
	{ "dot-only", "/.", -EINVAL, NULL },
	{ "dotdot-only", "/..", -EINVAL, NULL },
	{ "tab", "/usr/bin/\tbox64", -EINVAL, NULL },
	{ "tab-short", "/a\tb", -EINVAL, NULL },
	{ "ctrl-a", "/usr/bin/\x01", -EINVAL, NULL },
	{ "escape", "/usr/bin/\x1b[0mbox64", -EINVAL, NULL },
	{ "escape-last", "/a\x1b", -EINVAL, NULL },
	{ "del", "/usr/bin/box64\x7f", -EINVAL, NULL },
	{ "del-short", "/a\x7f", -EINVAL, NULL },
	{ "embedded-newline", "/usr/bin\n/box64", -EINVAL, NULL },
	{ "embedded-newline-short", "/a\nb", -EINVAL, NULL },
	{ "two-newlines", "/usr/bin/box64\n\n", -EINVAL, NULL },
	{ "two-newlines-short", "/a\n\n", -EINVAL, NULL },
	{ "carriage-return", "/usr/bin/box64\r", -EINVAL, NULL },
	{ "crlf", "/usr/bin/box64\r\n", -EINVAL, NULL },
};

/* The output of a successful @c. */
static inline const char *path_case_out(const struct path_case *c)
{
	return c->want_out ? c->want_out : c->in;
}

#endif /* XLATE_TESTS_PARAM_PARSE_CASES_H */
