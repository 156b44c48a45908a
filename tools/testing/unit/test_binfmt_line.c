// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of kmod/lib/binfmt_line.c: the binfmt_misc
 * registration lines /sys/kernel/xlate/config takes and shows.  Every
 * line is parsed from a heap buffer of exactly its size, so
 * AddressSanitizer catches a read past its NUL.  The case table is in
 * kmod/tests/binfmt_line_cases.h, shared with the KUnit suite; the real
 * lines in it must be those of tools/testing/data/binfmt/.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../../kmod/tests/binfmt_line_cases.h"

#define DATA_DIR	"tools/testing/data/binfmt"

static char *dup_exact(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (!p)
		abort();
	return memcpy(p, s, n);
}

UNIT_TEST(table)
{
	size_t i;

	CHECK(ARRAY_SIZE(binfmt_line_cases) >= 25, "only %zu cases",
	      ARRAY_SIZE(binfmt_line_cases));
	for (i = 0; i < ARRAY_SIZE(binfmt_line_cases); i++) {
		const struct binfmt_line_case *c = &binfmt_line_cases[i];
		struct xlate_binfmt_line out;
		const char *why = NULL;
		char *line = dup_exact(c->line);
		int ret;

		unit_case("%s", c->name);
		ret = xlate_binfmt_line_parse(line, &out, &why);
		CHECK(ret == c->want_ret, "ret %d, want %d (why: %s)", ret,
		      c->want_ret, ret ? why : "-");
		if (!ret && !c->want_ret) {
			CHECK(!strcmp(out.name, c->want_name), "name '%s'",
			      out.name);
			CHECK(!strcmp(out.interpreter, c->want_interpreter),
			      "interpreter '%s'", out.interpreter);
			CHECK(out.interpreter_len == strlen(c->want_interpreter),
			      "interpreter_len %zu", out.interpreter_len);
			CHECK(out.preserve_argv0 == c->p &&
			      out.open_binary == c->o &&
			      out.credentials == c->c && out.fix_binary == c->f,
			      "flags P%d O%d C%d F%d, want P%d O%d C%d F%d",
			      out.preserve_argv0, out.open_binary,
			      out.credentials, out.fix_binary, c->p, c->o, c->c,
			      c->f);
		} else if (ret && c->want_ret) {
			CHECK(why && !strncmp(why, c->want_why,
					      strlen(c->want_why)),
			      "why '%s', want '%s...'", why ? why : "(null)",
			      c->want_why);
		}
		free(line);
	}
}

/* The file's registration lines, stripped and without comments. */
static int registrations(const char *file, char lines[][1024], int max)
{
	const char *slash = strrchr(__FILE__, '/');
	char path[1024], buf[1024];
	int n = 0;
	FILE *f;

	/* run.sh compiles this file by its absolute path */
	snprintf(path, sizeof(path), "%.*s/../data/binfmt/%s",
		 slash ? (int)(slash - __FILE__) : 1, slash ? __FILE__ : ".",
		 file);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(buf, sizeof(buf), f)) {
		char *s = buf, *e = buf + strlen(buf);

		while (*s == ' ' || *s == '\t')
			s++;
		while (e > s && strchr(" \t\r\n", e[-1]))
			*--e = '\0';
		if (!*s || *s == '#' || *s == ';')
			continue;
		if (n < max)
			snprintf(lines[n], sizeof(lines[n]), "%s", s);
		n++;
	}
	fclose(f);
	return n;
}

/*
 * Each binfmt.d file of tools/testing/data/binfmt/ holds exactly one
 * registration, the line of its case; each update-binfmts file names
 * its case's interpreter.
 */
UNIT_TEST(data_files)
{
	static char lines[4][1024];
	size_t i, files = 0;

	for (i = 0; i < ARRAY_SIZE(binfmt_line_cases); i++) {
		const struct binfmt_line_case *c = &binfmt_line_cases[i];
		char want[1024];
		int n;

		if (!c->file)
			continue;
		files++;
		unit_case("%s", c->file);
		n = registrations(c->file, lines, 4);
		CHECK(n >= 1, "cannot read %s/%s (%d)", DATA_DIR, c->file, n);
		if (n < 1)
			continue;
		if (strstr(c->file, "update-binfmts")) {
			snprintf(want, sizeof(want), "interpreter %s",
				 c->want_interpreter);
			CHECK(n == 8, "%d keys, want 8", n);
			CHECK(!strcmp(lines[1], want), "'%s', want '%s'",
			      lines[1], want);
			continue;
		}
		snprintf(want, sizeof(want), "%s", c->line);
		want[strcspn(want, "\n")] = '\0';
		CHECK(n == 1, "%d registrations, want 1", n);
		CHECK(!strcmp(lines[0], want), "file has\n%s\ntable has\n%s",
		      lines[0], want);
	}
	unit_case("all");
	CHECK(files == 7, "%zu cases with a file, want 7", files);
}

/* Every accepted line, formatted as config_show() does, parses back. */
UNIT_TEST(round_trip)
{
	char buf[512];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(binfmt_line_cases); i++) {
		const struct binfmt_line_case *c = &binfmt_line_cases[i];
		struct xlate_binfmt_line a, b;
		const char *why = "";
		char *line, *again;
		int len;

		if (c->want_ret)
			continue;
		unit_case("%s", c->name);
		line = dup_exact(c->line);
		CHECK(!xlate_binfmt_line_parse(line, &a, &why), "%s", why);
		len = xlate_binfmt_line_format(buf, sizeof(buf), a.name,
					       a.interpreter, a.preserve_argv0,
					       a.open_binary, a.credentials);
		free(line);
		CHECK(len > 0 && (size_t)len == strlen(buf) &&
		      buf[len - 1] == '\n', "len %d: '%s'", len, buf);
		again = dup_exact(buf);
		CHECK(!xlate_binfmt_line_parse(again, &b, &why), "'%s': %s",
		      buf, why);
		CHECK(!strcmp(b.name, c->want_name) &&
		      !strcmp(b.interpreter, c->want_interpreter),
		      "name '%s' interpreter '%s'", b.name, b.interpreter);
		CHECK(b.preserve_argv0 == c->p && b.open_binary == c->o &&
		      b.credentials == c->c && b.fix_binary,
		      "modes changed: %s", buf);
		free(again);
	}
}

/* ':' in the name or the interpreter: another delimiter is chosen. */
UNIT_TEST(delimiter)
{
	static const struct {
		const char *name, *interpreter;
		char want;
	} d[] = {
		{ "qemu", "/usr/bin/qemu", ':' },
		{ "a:b", "/q", '|' },
		{ "a", "/opt/x:y", '|' },
		{ "a:|", "/q", '#' },
		{ "a", "/:|#!,;%&+=@^~", ':' },	/* none left: not parsable */
	};
	char buf[512];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(d); i++) {
		struct xlate_binfmt_line out;
		const char *why = "";
		char *line;
		int ret;

		unit_case("%zu", i);
		xlate_binfmt_line_format(buf, sizeof(buf), d[i].name,
					 d[i].interpreter, false, true, false);
		CHECK(buf[0] == d[i].want, "delimiter '%c', want '%c'", buf[0],
		      d[i].want);
		line = dup_exact(buf);
		ret = xlate_binfmt_line_parse(line, &out, &why);
		if (i + 1 < ARRAY_SIZE(d))
			CHECK(!ret && !strcmp(out.interpreter, d[i].interpreter),
			      "%s: %s", buf, why);
		else
			CHECK(ret, "parsed: %s", buf);
		free(line);
	}
}

/*
 * A buffer too small gives a NUL-terminated prefix of the whole line,
 * writes nothing past @size, and the whole length.
 */
UNIT_TEST(truncated)
{
	static const char *const paths[] = { "/usr/bin/qemu-x86_64-static",
					     "/opt/a:b/FEX" };
	char full[512];
	size_t p, size;

	for (p = 0; p < ARRAY_SIZE(paths); p++) {
		int len = xlate_binfmt_line_format(full, sizeof(full), "load",
						   paths[p], true, true, false);

		unit_case("%s", paths[p]);
		CHECK(len > 0 && (size_t)len == strlen(full), "len %d", len);
		CHECK(xlate_binfmt_line_format(NULL, 0, "load", paths[p], true,
					       true, false) == len,
		      "size 0");
		for (size = 1; size <= (size_t)len + 1; size++) {
			char *buf = malloc(size + 1);
			int got;

			if (!buf)
				abort();
			memset(buf, 'Z', size + 1);
			got = xlate_binfmt_line_format(buf, size, "load",
						       paths[p], true, true,
						       false);
			CHECK(got == len, "size %zu: returned %d", size, got);
			CHECK(strnlen(buf, size) < size, "size %zu: no NUL", size);
			CHECK(!strncmp(buf, full, strlen(buf)),
			      "size %zu: '%s' is not a prefix", size, buf);
			CHECK(buf[size] == 'Z', "size %zu: wrote past it", size);
			free(buf);
		}
	}
}

/*
 * xlate_binfmt_selects_x86_64() directly: lengths at the edges, and each
 * ELF-magic mask byte that must be all ones.
 */
UNIT_TEST(selects)
{
	static const unsigned char magic[24] = {
		0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		2, 0, 62, 0, 1, 0, 0, 0,
	};
	unsigned char mask[XLATE_BINFMT_MAGIC_MAX + 1], big[sizeof(mask)];
	size_t i;

	memset(mask, 0xff, sizeof(mask));
	mask[16] = 0xfe;
	memset(big, 0, sizeof(big));
	memcpy(big, magic, sizeof(magic));
	CHECK(xlate_binfmt_selects_x86_64(magic, mask, 20), "qemu-like");
	CHECK(xlate_binfmt_selects_x86_64(magic, mask, 24), "with e_version");
	CHECK(!xlate_binfmt_selects_x86_64(magic, mask, 18), "no e_machine");
	CHECK(!xlate_binfmt_selects_x86_64(magic, mask, 3), "3 bytes");
	CHECK(!xlate_binfmt_selects_x86_64(magic, mask, 0), "0 bytes");
	for (i = 0; i < 4; i++) {
		mask[i] = 0xfe;
		CHECK(!xlate_binfmt_selects_x86_64(magic, mask, 20),
		      "ELF magic byte %zu not all compared", i);
		mask[i] = 0xff;
	}
	memset(mask + 24, 0, sizeof(mask) - 24);
	CHECK(xlate_binfmt_selects_x86_64(big, mask, XLATE_BINFMT_MAGIC_MAX),
	      "128 bytes, zero mask past the header");
	CHECK(!xlate_binfmt_selects_x86_64(big, mask,
					   XLATE_BINFMT_MAGIC_MAX + 1),
	      "129 bytes");
	mask[XLATE_BINFMT_MAGIC_MAX - 1] = 1;
	CHECK(!xlate_binfmt_selects_x86_64(big, mask, XLATE_BINFMT_MAGIC_MAX),
	      "mask bit past the header");
}

/*
 * runtime32 lines: xlate_binfmt_line_parse_x86() takes i386 magic (with
 * i386 set) as well as x86-64's; xlate_binfmt_line_parse() still takes
 * x86-64 only; x32 and arm64 magic are refused by both; the i386 format
 * parses back as i386.
 */
UNIT_TEST(i386_lines)
{
	static const char *const refused[] = {
		":a:M::" X32_MAGIC ":" QEMU_MASK ":/q:",
		":a:M::" ARM64_MAGIC ":" QEMU_MASK ":/q:",
		":a:M::\\x7fELF\\x01::/q:",
		":a:M::\\x7fELF::/q:",
	};
	struct xlate_binfmt_line out, back;
	const char *why = NULL;
	char buf[512], *line;
	size_t i;
	int len;

	unit_case("qemu-i386-parse-x86");
	line = dup_exact(":qemu-i386:M::" I386_MAGIC ":" QEMU_MASK
			 ":/usr/libexec/qemu-binfmt/i386-binfmt-P:OPF\n");
	CHECK(!xlate_binfmt_line_parse_x86(line, &out, &why), "%s", why);
	CHECK(out.i386, "not taken as i386");
	CHECK(!strcmp(out.name, "qemu-i386"), "name %s", out.name);
	CHECK(out.open_binary && out.preserve_argv0 && !out.credentials &&
	      out.fix_binary, "flags");
	free(line);

	unit_case("qemu-i386-parse-64-only");
	line = dup_exact(":qemu-i386:M::" I386_MAGIC ":" QEMU_MASK ":/q:OPF");
	CHECK(xlate_binfmt_line_parse(line, &out, &why) == -EINVAL,
	      "parse() took an i386 line");
	free(line);

	unit_case("qemu-x86_64-not-i386");
	line = dup_exact(":x:M::" QEMU_MAGIC ":" QEMU_MASK ":/q:");
	CHECK(!xlate_binfmt_line_parse_x86(line, &out, &why), "%s", why);
	CHECK(!out.i386, "x86-64 line taken as i386");
	free(line);

	for (i = 0; i < ARRAY_SIZE(refused); i++) {
		unit_case("refused-%zu", i);
		line = dup_exact(refused[i]);
		CHECK(xlate_binfmt_line_parse_x86(line, &out, &why) == -EINVAL,
		      "took '%s'", refused[i]);
		free(line);
	}

	unit_case("format-i386-round-trip");
	len = xlate_binfmt_line_format_i386(buf, sizeof(buf), "FEX-x86",
					    "/usr/bin/FEX", true, true, true);
	CHECK(len > 0 && (size_t)len < sizeof(buf), "len %d", len);
	CHECK(!xlate_binfmt_line_parse_x86(buf, &back, &why), "%s", why);
	CHECK(back.i386 && back.preserve_argv0 && back.open_binary &&
	      back.credentials && !strcmp(back.interpreter, "/usr/bin/FEX"),
	      "parsed back differently");
}

/* xlate_binfmt_selects_i386(): Debian's qemu-i386 magic and mask. */
UNIT_TEST(selects_i386)
{
	unsigned char magic[20] = {
		0x7f, 'E', 'L', 'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		2, 0, 3, 0,
	};
	static const unsigned char mask[20] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xfe, 0xfc,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xfe, 0xff, 0xff, 0xff,
	};

	CHECK(xlate_binfmt_selects_i386(magic, mask, 20), "qemu-i386");
	CHECK(!xlate_binfmt_selects_x86_64(magic, mask, 20), "as x86-64");
	CHECK(!xlate_binfmt_selects_i386(magic, mask, 18), "no e_machine");
	magic[18] = 62;
	CHECK(!xlate_binfmt_selects_i386(magic, mask, 20), "x32");
	magic[4] = 2;
	CHECK(!xlate_binfmt_selects_i386(magic, mask, 20), "x86-64");
}
