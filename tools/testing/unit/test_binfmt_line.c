// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of kmod/lib/binfmt_line.c: the binfmt_misc
 * registration lines /sys/kernel/xlate/config takes, what it makes of
 * them, and what it shows.  Every line is parsed from a heap buffer of
 * exactly its size, so AddressSanitizer catches a read past its end.
 * The case table is kmod/tests/binfmt_line_cases.h, shared with KUnit;
 * its real lines must be those of tools/testing/data/binfmt/, and every
 * rule of Documentation/binfmt-line.rst must have a line binfmt_misc
 * (or, for the x86-* rules, xlate) accepts and one it refuses.
 * test_binfmt_ref.c checks the same lines against a model of the
 * kernel's own parser.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../../kmod/lib/runtime_lines.h"
#include "../../../kmod/tests/binfmt_line_cases.h"

static char *dup_exact(const char *s, size_t n)
{
	char *p = malloc(n ? n : 1);

	if (!p)
		abort();
	return memcpy(p, s, n);
}

static struct xlate_binfmt_line *new_line(void)
{
	struct xlate_binfmt_line *l = malloc(sizeof(*l));

	if (!l)
		abort();
	return l;
}

/* The repository's top directory, from this file's path. */
static const char *top(void)
{
	static char dir[1024];
	const char *end = strstr(__FILE__, "/tools/testing/unit/");

	snprintf(dir, sizeof(dir), "%.*s", end ? (int)(end - __FILE__) : 1,
		 end ? __FILE__ : ".");
	return dir;
}

UNIT_TEST(table)
{
	struct xlate_binfmt_line *l = new_line();
	size_t i;

	CHECK(ARRAY_SIZE(binfmt_line_cases) >= 100, "only %zu cases",
	      ARRAY_SIZE(binfmt_line_cases));
	for (i = 0; i < ARRAY_SIZE(binfmt_line_cases); i++) {
		const struct binfmt_line_case *c = &binfmt_line_cases[i];
		unsigned int n = binfmt_case_len(c);
		char *line = dup_exact(c->line, n);
		const char *why = NULL;
		int ret, abi;

		unit_case("%s", c->name);
		ret = xlate_binfmt_parse(l, line, n, &why);
		CHECK(ret == c->ret, "ret %d, want %d (why: %s)", ret, c->ret,
		      ret ? why : "-");
		CHECK(!ret || (why && *why), "refused without a reason");
		if (!ret && !c->ret) {
			why = NULL;
			abi = xlate_binfmt_line_abi(l, &why);
			CHECK(abi == (c->abi ? c->abi : -EINVAL),
			      "abi %d, want %d (why: %s)", abi, c->abi,
			      why ? why : "-");
			CHECK(abi > 0 || (why && *why), "no reason");
		}
		if (!ret && c->want_name) {
			CHECK(!strcmp(l->name, c->want_name), "name '%s'",
			      l->name);
			CHECK(!strcmp(l->interpreter, c->want_interpreter),
			      "interpreter '%s'", l->interpreter);
			CHECK(l->interpreter_len == strlen(c->want_interpreter),
			      "interpreter_len %zu", l->interpreter_len);
			CHECK(l->preserve_argv0 == c->p &&
			      l->open_binary == c->o &&
			      l->credentials == c->c && l->fix_binary == c->f,
			      "flags P%d O%d C%d F%d, want P%d O%d C%d F%d",
			      l->preserve_argv0, l->open_binary,
			      l->credentials, l->fix_binary, c->p, c->o, c->c,
			      c->f);
		}
		free(line);
	}
	free(l);
}

/*
 * The rules of Documentation/binfmt-line.rst's tables: each first
 * column entry ``rule-id``.  Returns how many were found.
 */
static int doc_rules(char rules[][32], int max)
{
	char path[1100], buf[512];
	int n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/Documentation/binfmt-line.rst", top());
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(buf, sizeof(buf), f)) {
		char *end;

		/* a table row: ``rule-id`` and two spaces */
		if (strncmp(buf, "``", 2))
			continue;
		end = strstr(buf + 2, "``");
		if (!end || end - buf - 2 >= 32 || n >= max ||
		    strncmp(end + 2, "  ", 2) ||
		    strspn(buf + 2, "abcdefghijklmnopqrstuvwxyz0123456789-") !=
		    (size_t)(end - buf - 2))
			continue;
		snprintf(rules[n++], 32, "%.*s", (int)(end - buf - 2), buf + 2);
	}
	fclose(f);
	return n;
}

/*
 * Every rule of the documentation has a line binfmt_misc accepts and one
 * it refuses (the x86-* rules: one xlate takes and one it does not), and
 * every case's rule is in the documentation.
 */
UNIT_TEST(rules)
{
	static char rules[64][32];
	int n = doc_rules(rules, 64), r;
	size_t i;

	CHECK(n >= 20, "%d rules in Documentation/binfmt-line.rst", n);
	for (r = 0; r < n; r++) {
		bool x86 = !strncmp(rules[r], "x86-", 4);
		int yes = 0, no = 0;

		unit_case("%s", rules[r]);
		for (i = 0; i < ARRAY_SIZE(binfmt_line_cases); i++) {
			const struct binfmt_line_case *c = &binfmt_line_cases[i];

			if (strcmp(c->rule, rules[r]))
				continue;
			if (x86 ? (!c->ret && c->abi) : !c->ret)
				yes++;
			else if (x86 ? !c->ret : c->ret)
				no++;
		}
		CHECK(yes && no, "%d accepted and %d refused lines", yes, no);
	}
	for (i = 0; i < ARRAY_SIZE(binfmt_line_cases); i++) {
		const char *rule = binfmt_line_cases[i].rule;

		unit_case("documented/%s", binfmt_line_cases[i].name);
		for (r = 0; r < n && strcmp(rules[r], rule); r++)
			;
		CHECK(r < n || !strcmp(rule, "real"),
		      "rule %s is not in Documentation/binfmt-line.rst", rule);
	}
}

/* The file's registration lines, stripped and without comments. */
static int registrations(const char *file, char lines[][1024], int max)
{
	char path[1200], buf[1024];
	int n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/tools/testing/data/binfmt/%s", top(),
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
		CHECK(n >= 1, "cannot read tools/testing/data/binfmt/%s (%d)",
		      c->file, n);
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
	CHECK(files == 16, "%zu cases with a file, want 16", files);
}

/*
 * Every line xlate takes, formatted as the config file shows a
 * configuration, parses back to the same magic, mask, interpreter and
 * modes, with F.
 */
UNIT_TEST(round_trip)
{
	struct xlate_binfmt_line *a = new_line(), *b = new_line();
	char buf[4096];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(binfmt_line_cases); i++) {
		const struct binfmt_line_case *c = &binfmt_line_cases[i];
		const char *why = "";
		int len;

		if (c->ret || !c->abi)
			continue;
		unit_case("%s", c->name);
		CHECK(!xlate_binfmt_parse(a, c->line, binfmt_case_len(c), &why),
		      "%s", why);
		len = xlate_binfmt_format(buf, sizeof(buf), a->name, &a->m,
					  a->interpreter, a->preserve_argv0,
					  a->open_binary, a->credentials);
		CHECK(len > 0 && (size_t)len == strlen(buf) &&
		      buf[len - 1] == '\n', "len %d: '%s'", len, buf);
		if (len > (int)XLATE_BINFMT_REGISTER_MAX)
			continue;	/* longer once escaped: not a line */
		CHECK(!xlate_binfmt_parse(b, buf, len, &why), "'%s': %s", buf,
		      why);
		CHECK(!strcmp(b->name, a->name) &&
		      !strcmp(b->interpreter, a->interpreter),
		      "name '%s' interpreter '%s'", b->name, b->interpreter);
		CHECK(b->m.offset == a->m.offset && b->m.size == a->m.size &&
		      b->m.has_mask == a->m.has_mask &&
		      !memcmp(b->m.magic, a->m.magic, a->m.size) &&
		      !memcmp(b->m.mask, a->m.mask, a->m.size),
		      "magic or mask changed: %s", buf);
		CHECK(b->preserve_argv0 == a->preserve_argv0 &&
		      b->open_binary == a->open_binary &&
		      b->credentials == a->credentials && b->fix_binary,
		      "modes changed: %s", buf);
		CHECK(xlate_binfmt_line_abi(b, &why) == c->abi, "abi: %s", why);
	}
	free(a);
	free(b);
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
	struct xlate_binfmt_line *l = new_line(), *q = new_line();
	const char *why = "";
	char buf[512];
	size_t i;

	CHECK(!xlate_binfmt_parse(q, ":q" QEMU_MID "/q:",
				  strlen(":q" QEMU_MID "/q:"), &why), "%s", why);
	for (i = 0; i < ARRAY_SIZE(d); i++) {
		int ret, len;

		unit_case("%zu", i);
		len = xlate_binfmt_format(buf, sizeof(buf), d[i].name, &q->m,
					  d[i].interpreter, false, true, false);
		CHECK(buf[0] == d[i].want, "delimiter '%c', want '%c'", buf[0],
		      d[i].want);
		ret = xlate_binfmt_parse(l, buf, len, &why);
		if (i + 1 < ARRAY_SIZE(d))
			CHECK(!ret && !strcmp(l->interpreter, d[i].interpreter),
			      "%s: %s", buf, why);
		else
			CHECK(ret, "parsed: %s", buf);
	}
	free(l);
	free(q);
}

/*
 * A buffer too small gives a NUL-terminated prefix of the whole line,
 * writes nothing past @size, and the whole length.
 */
UNIT_TEST(truncated)
{
	static const char *const paths[] = { "/usr/bin/qemu-x86_64-static",
					     "/opt/a:b/FEX" };
	static const char qemu[] = ":q:M:7:" QEMU_MAGIC ":" QEMU_MASK ":/q:";
	struct xlate_binfmt_line *q = new_line();
	const char *why = "";
	char full[512];
	size_t p, size;

	CHECK(!xlate_binfmt_parse(q, qemu, strlen(qemu), &why), "%s", why);
	for (p = 0; p < ARRAY_SIZE(paths); p++) {
		int len = xlate_binfmt_format(full, sizeof(full), "load", &q->m,
					      paths[p], true, true, false);

		unit_case("%s", paths[p]);
		CHECK(len > 0 && (size_t)len == strlen(full), "len %d", len);
		CHECK(xlate_binfmt_format(NULL, 0, "load", &q->m, paths[p],
					  true, true, false) == len, "size 0");
		for (size = 1; size <= (size_t)len + 1; size++) {
			char *buf = malloc(size + 1);
			int got;

			if (!buf)
				abort();
			memset(buf, 'Z', size + 1);
			got = xlate_binfmt_format(buf, size, "load", &q->m,
						  paths[p], true, true, false);
			CHECK(got == len, "size %zu: returned %d", size, got);
			CHECK(strnlen(buf, size) < size, "size %zu: no NUL", size);
			CHECK(!strncmp(buf, full, strlen(buf)),
			      "size %zu: '%s' is not a prefix", size, buf);
			CHECK(buf[size] == 'Z', "size %zu: wrote past it", size);
			free(buf);
		}
	}
	free(q);
}

/* xlate_binfmt_header_abi(): the ELF magic, EI_CLASS and e_machine. */
UNIT_TEST(header_abi)
{
	unsigned char h[XLATE_BINFMT_BUF_SIZE] = {
		0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		2, 0, 62, 0,
	};

	CHECK(xlate_binfmt_header_abi(h) == XLATE_ELF_X86_64, "x86-64");
	h[5] = 2;
	h[16] = 0x7f;
	CHECK(xlate_binfmt_header_abi(h) == XLATE_ELF_X86_64,
	      "other bytes are the line's to judge");
	h[4] = 1;
	CHECK(xlate_binfmt_header_abi(h) == XLATE_ELF_OTHER, "x32");
	h[18] = 3;
	CHECK(xlate_binfmt_header_abi(h) == XLATE_ELF_I386, "i386");
	h[19] = 1;
	CHECK(xlate_binfmt_header_abi(h) == XLATE_ELF_OTHER, "e_machine 259");
	h[19] = 0;
	h[4] = 2;
	CHECK(xlate_binfmt_header_abi(h) == XLATE_ELF_OTHER, "class 64, EM_386");
	h[18] = 183;
	CHECK(xlate_binfmt_header_abi(h) == XLATE_ELF_OTHER, "arm64");
	h[18] = 62;
	h[3] = 'f';
	CHECK(xlate_binfmt_header_abi(h) == XLATE_ELF_OTHER, "no ELF magic");
	memset(h, 0, sizeof(h));
	CHECK(xlate_binfmt_header_abi(h) == XLATE_ELF_OTHER, "empty file");
}

/* xlate_binfmt_match(): masked bytes decide, from the offset on. */
UNIT_TEST(match)
{
	static const char off2[] = ":q:M:2:\\x10\\x20:\\xf0\\xff:/q:";
	static const char exact[] = ":q:M::\\x01\\x02::/q:";
	struct xlate_binfmt_line *l = new_line();
	unsigned char h[XLATE_BINFMT_BUF_SIZE] = { 0 };
	const char *why = "";

	CHECK(!xlate_binfmt_parse(l, off2, strlen(off2), &why), "%s", why);
	h[2] = 0x1f;
	h[3] = 0x20;
	CHECK(xlate_binfmt_match(&l->m, h), "low nibble not compared");
	h[3] = 0x21;
	CHECK(!xlate_binfmt_match(&l->m, h), "byte 3 compared in full");
	CHECK(!xlate_binfmt_parse(l, exact, strlen(exact), &why), "%s", why);
	h[0] = 1;
	h[1] = 2;
	CHECK(xlate_binfmt_match(&l->m, h), "exact");
	h[1] = 3;
	CHECK(!xlate_binfmt_match(&l->m, h), "no mask: every bit");
	free(l);
}

/*
 * The lines the module gives the runtimes it knows (runtime_lines.h)
 * are the lines of the case table, which are the data files'.
 */
UNIT_TEST(known_lines)
{
	static const struct {
		const char *line, *file;
	} k[] = {
		{ XLATE_LINE_QEMU_X86_64, "qemu-user-static_7.2.binfmt.d.conf" },
		{ XLATE_LINE_QEMU_X86_64, "qemu-user_10.0.binfmt.d.conf" },
		{ XLATE_LINE_QEMU_I386,
		  "qemu-user-static_7.2.qemu-i386.binfmt.d.conf" },
		{ XLATE_LINE_QEMU_I386, "qemu-user_10.0.qemu-i386.binfmt.d.conf" },
		{ XLATE_LINE_BOX64, "box64_0.3.4.binfmt.d.conf" },
		{ XLATE_LINE_BOX64, "box64_0.4.3.binfmt.d.conf" },
		{ XLATE_LINE_BOX86, "box86.conf" },
		{ XLATE_LINE_FEX_X86_64, "FEX-x86_64.conf" },
		{ XLATE_LINE_FEX_X86, "FEX-x86.conf" },
		{ XLATE_LINE_ROSETTA, "rosetta.update-binfmts" },
	};
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(k); i++) {
		const struct binfmt_line_case *c = NULL;

		unit_case("%s", k[i].file);
		for (j = 0; j < ARRAY_SIZE(binfmt_line_cases); j++)
			if (binfmt_line_cases[j].file &&
			    !strcmp(binfmt_line_cases[j].file, k[i].file))
				c = &binfmt_line_cases[j];
		CHECK(c, "no case for %s", k[i].file);
		if (!c)
			continue;
		CHECK(strlen(k[i].line) == strcspn(c->line, "\n") &&
		      !strncmp(k[i].line, c->line, strlen(k[i].line)),
		      "\n%s\nis not\n%s", k[i].line, c->line);
	}
}
