// SPDX-License-Identifier: GPL-2.0
/*
 * xlatectl import's file reading (import.c): the real registration files
 * of tools/testing/data/binfmt/ give the lines of the shared case table
 * (kmod/tests/binfmt_line_cases.h), update-binfmts files converted as
 * update-binfmts would register them; malformed files are refused with
 * the line that is wrong.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "import.h"
#include "../../kmod/tests/binfmt_line_cases.h"

/* The tests run in userhelper/. */
#define DATA	"../tools/testing/data/binfmt/"

static void real_files(void)
{
	char path[256], name[128], want[1024];
	struct import_reg reg;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(binfmt_line_cases); i++) {
		const struct binfmt_line_case *c = &binfmt_line_cases[i];
		enum import_format fmt;
		char *text;
		int ret;

		if (!c->file)
			continue;
		snprintf(name, sizeof(name), "import/file/%s", c->file);
		snprintf(path, sizeof(path), DATA "%s", c->file);
		if (!check(name, !import_read_file(path, &text),
			   "cannot read %s", path))
			continue;
		fmt = import_detect(text);
		ret = import_text(text, fmt, path, c->want_name,
				  c->abi == XLATE_ELF_I386, &reg, NULL);
		free(text);
		snprintf(want, sizeof(want), "%s", c->line);
		want[strcspn(want, "\n")] = '\0';
		check(name, ret == 1 && !strcmp(reg.line, want) &&
		      !strcmp(reg.interpreter, c->want_interpreter) &&
		      reg.preserve_argv0 == c->p && reg.open_binary == c->o &&
		      reg.credentials == c->c &&
		      (fmt == IMPORT_UPDATE_BINFMTS) ==
		      !!strstr(c->file, "update-binfmts"),
		      "ret %d format %d line\n%s\nwant\n%s", ret, fmt, reg.line,
		      want);
	}
}

struct text_case {
	const char *name;
	const char *text;
	int ret;
	/* found: the interpreter; refused: the line number in the message */
	const char *interpreter;
	int lineno;
	bool i386;	/* look for the i386 registration */
};

#define LINE(n, rest)	":" n ":M::" QEMU_MAGIC ":" QEMU_MASK ":" rest

static const struct text_case text_cases[] = {
	{ "import/text/comments-blank-space",
	  "# c\n; c\n\n   \t\n  " LINE("q", "/q:PF") "  \r\n",
	  .ret = 1, .interpreter = "/q" },
	{ "import/text/i386-then-x86_64",
	  LINE("i", "/i:") "\n:qemu-i386:M::" I386_MAGIC ":" QEMU_MASK
	  ":/usr/bin/qemu-i386:F\n" LINE("x", "/x:P") "\n",
	  .ret = 1, .interpreter = "/i" },
	{ "import/text/first-of-two", LINE("a", "/a:") "\n" LINE("b", "/b:"),
	  .ret = 1, .interpreter = "/a" },
	{ "import/text/only-i386",
	  ":qemu-i386:M::" I386_MAGIC ":" QEMU_MASK ":/usr/bin/qemu-i386:F\n",
	  .ret = 0 },
	{ "import/i386/only-i386",
	  ":qemu-i386:M::" I386_MAGIC ":" QEMU_MASK ":/usr/bin/qemu-i386:F\n",
	  .ret = 1, .interpreter = "/usr/bin/qemu-i386", .i386 = true },
	{ "import/i386/after-x86_64",
	  LINE("x", "/x:P") "\n:qemu-i386:M::" I386_MAGIC ":" QEMU_MASK
	  ":/usr/bin/qemu-i386:F\n", .ret = 1,
	  .interpreter = "/usr/bin/qemu-i386", .i386 = true },
	{ "import/i386/first-of-two",
	  ":a:M::" I386_MAGIC ":" QEMU_MASK ":/a:\n:b:M::" I386_MAGIC ":"
	  QEMU_MASK ":/b:\n", .ret = 1, .interpreter = "/a", .i386 = true },
	{ "import/i386/none-in-x86_64-file", LINE("x", "/x:P"), .ret = 0,
	  .i386 = true },
	{ "import/i386/x32-not-used",
	  ":x:M::" X32_MAGIC ":" QEMU_MASK ":/x:\n", .ret = 0, .i386 = true },
	{ "import/i386/ub",
	  "package p\ninterpreter /u\nmagic " I386_MAGIC "\nmask " QEMU_MASK
	  "\n", .ret = 1, .interpreter = "/u", .i386 = true },
	{ "import/i386/malformed-still-refused",
	  ":a:M::" I386_MAGIC ":" QEMU_MASK ":/a:PX\n", .ret = -EINVAL,
	  .lineno = 1, .i386 = true },
	{ "import/text/extension", ":wine:E::exe::/usr/bin/wine:\n", .ret = 0 },
	{ "import/text/empty", "", .ret = 0 },
	{ "import/text/any-elf-not-used", ":a:M::\\x7fELF::/a:\n", .ret = 0 },
	{ "import/text/offset-not-used",
	  ":a:M:4:\\x02\\x01\\x01:\\xff\\xff\\xff:/a:\n", .ret = 0 },
	{ "import/text/bad-line-3", "# c\n" LINE("a", "/a:") "\nnonsense\n",
	  .ret = -EINVAL, .lineno = 3 },
	{ "import/text/unknown-flag", LINE("a", "/a:PX"),
	  .ret = -EINVAL, .lineno = 1 },
	{ "import/text/trailing-delimiter", "\n" LINE("a", "/a:P:"),
	  .ret = -EINVAL, .lineno = 2 },
	{ "import/text/escape-one-digit",
	  ":a:M::\\x7fELF\\x2:\\xff\\xff\\xff\\xff\\xff:/a:",
	  .ret = -EINVAL, .lineno = 1 },
	{ "import/text/mask-longer",
	  ":a:M::" QEMU_MAGIC ":" QEMU_MASK "\\xff:/a:",
	  .ret = -EINVAL, .lineno = 1 },
	{ "import/text/empty-interpreter", LINE("a", ":"),
	  .ret = -EINVAL, .lineno = 1 },
	{ "import/text/name-slash", LINE("a/b", "/a:"),
	  .ret = -EINVAL, .lineno = 1 },
	{ "import/text/type-X", ":a:X::" QEMU_MAGIC "::/a:",
	  .ret = -EINVAL, .lineno = 1 },
	{ "import/text/offset-text", ":a:M:z:" QEMU_MAGIC "::/a:",
	  .ret = -EINVAL, .lineno = 1 },
	{ "import/ub/minimal",
	  "package p\ninterpreter /u\nmagic " QEMU_MAGIC "\nmask " QEMU_MASK
	  "\n", .ret = 1, .interpreter = "/u" },
	{ "import/ub/comment-unknown-key",
	  "# c\npackage p\nfoo bar\ninterpreter /u\nmagic " QEMU_MAGIC
	  "\nmask " QEMU_MASK "\npreserve yes\n",
	  .ret = 1, .interpreter = "/u" },
	{ "import/ub/colon-in-interpreter",
	  "package p\ninterpreter /a:b\nmagic " QEMU_MAGIC "\nmask " QEMU_MASK
	  "\n", .ret = 1, .interpreter = "/a:b" },
	{ "import/ub/extension",
	  "package p\ninterpreter /w\nextension exe\n", .ret = 0 },
	{ "import/ub/detector",
	  "package p\ninterpreter /u\nmagic " QEMU_MAGIC "\nmask " QEMU_MASK
	  "\ndetector /d\n", .ret = 0 },
	{ "import/ub/no-interpreter",
	  "package p\nmagic " QEMU_MAGIC "\nmask " QEMU_MASK "\n",
	  .ret = -EINVAL },
	{ "import/ub/magic-and-extension",
	  "package p\ninterpreter /u\nmagic " QEMU_MAGIC "\nextension x\n",
	  .ret = -EINVAL, .lineno = 3 },
	{ "import/ub/twice",
	  "package p\ninterpreter /u\ninterpreter /v\nmagic " QEMU_MAGIC "\n",
	  .ret = -EINVAL, .lineno = 3 },
	{ "import/ub/preserve-maybe",
	  "package p\ninterpreter /u\nmagic " QEMU_MAGIC "\nmask " QEMU_MASK
	  "\npreserve maybe\n", .ret = -EINVAL, .lineno = 5 },
	{ "import/ub/mask-shorter",
	  "package p\ninterpreter /u\nmagic " QEMU_MAGIC "\nmask \\xff\n",
	  .ret = -EINVAL, .lineno = 2 },
};

static void texts(void)
{
	char msg[1024], where[64];
	struct import_reg reg;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(text_cases); i++) {
		const struct text_case *c = &text_cases[i];
		FILE *diag = tmpfile();
		int ret;

		if (!diag)
			abort();
		ret = import_text(c->text, import_detect(c->text), "F", "n",
				  c->i386, &reg, diag);
		rewind(diag);
		msg[fread(msg, 1, sizeof(msg) - 1, diag)] = '\0';
		fclose(diag);
		if (!check(c->name, ret == c->ret, "ret %d, want %d: %s", ret,
			   c->ret, msg))
			continue;
		if (c->interpreter)
			check(c->name, !strcmp(reg.interpreter, c->interpreter),
			      "interpreter %s", reg.interpreter);
		if (ret == -EINVAL) {
			if (c->lineno)
				snprintf(where, sizeof(where),
					 "xlatectl: F:%d: ", c->lineno);
			else
				snprintf(where, sizeof(where), "xlatectl: F: ");
			check(c->name, !strncmp(msg, where, strlen(where)),
			      "message '%s', want '%s...'", msg, where);
			check(c->name, !reg.line[0], "a line was kept");
		}
	}
}

static void formats(void)
{
	check("import/detect/binfmt.d",
	      import_detect("# x\n:a:M::b::/c:\n") == IMPORT_BINFMT_D, "wrong format");
	check("import/detect/update-binfmts",
	      import_detect("\n# x\npackage qemu\n") == IMPORT_UPDATE_BINFMTS,
	      "wrong format");
	check("import/detect/key-prefix-is-not-a-key",
	      import_detect("packages x\n") == IMPORT_BINFMT_D, "wrong format");
}

/**
 * main() - run the import tests
 *
 * Return: 0 if all passed, else 1.
 */
int main(void)
{
	real_files();
	texts();
	formats();
	return check_exit();
}
