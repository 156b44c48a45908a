// SPDX-License-Identifier: GPL-2.0
/*
 * xlatectl import [--dry-run] [FILE | --auto]: configure xlate from the
 * binfmt_misc registrations a runtime's package ships: the x86-64 one
 * and the i386 one (runtime32), each in one write of its line to
 * /sys/kernel/xlate/config.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "import.h"
#include "xlatectl.h"

/* systemd-binfmt's search path, in its order; then binfmt-support's. */
static const char *const binfmt_d_dirs[] = {
	"/etc/binfmt.d", "/run/binfmt.d", "/usr/local/lib/binfmt.d",
	"/usr/lib/binfmt.d", NULL,
};

#define UPDATE_BINFMTS_DIR	"/usr/share/binfmts"
#define MAX_FILES		512

static const char import_usage[] =
	"usage: xlatectl import [--dry-run] [--no-sync] [FILE | --auto]\n"
	"Configure xlate's runtime and hand-off modes from a binfmt_misc\n"
	"registration: the x86-64 one in FILE (binfmt.d or update-binfmts\n"
	"format), or with --auto (the default) the first one an installed\n"
	"runtime ships, searched in /etc/binfmt.d, /run/binfmt.d,\n"
	"/usr/local/lib/binfmt.d, /usr/lib/binfmt.d (*.conf, by file name),\n"
	"then /usr/share/binfmts; and the i386 one the same way, for\n"
	"runtime32.  Each line is written to /sys/kernel/xlate/config in one\n"
	"write (needs CAP_SYS_ADMIN); --dry-run prints them instead.  After a\n"
	"new x86-64 runtime, /proc/cpuinfo is synced to its CPUID (xlatectl\n"
	"cpuinfo sync) unless --no-sync is given.\n";

static const char no_reg[] =
	"has no x86-64 or i386 ELF registration xlate can use";

#define NR_ABIS	2	/* x86-64, then i386 */

/* "P O C" of a registration, or "none". */
static const char *modes(const struct import_reg *r)
{
	static char buf[8];

	snprintf(buf, sizeof(buf), "%s%s%s", r->preserve_argv0 ? " P" : "",
		 r->open_binary ? " O" : "", r->credentials ? " C" : "");
	return *buf ? buf + 1 : "none";
}

/*
 * The x86-64 (@i386: i386) registration of @path (shown as @shown, its
 * name @name for update-binfmts): 1 found, 0 none, -1 unreadable or
 * malformed.  The i386 pass says nothing of a malformed file: the
 * x86-64 pass did.
 */
static int from_file(const char *path, const char *shown, const char *name,
		     bool i386, struct import_reg *reg)
{
	enum import_format fmt;
	char *text;
	int ret;

	ret = import_read_file(path, &text);
	if (ret) {
		if (i386)
			return -1;
		fprintf(stderr, "xlatectl: %s: %s\n", shown,
			ret == -EINVAL ? "holds a NUL byte: not a text file" :
			strerror(-ret));
		return -1;
	}
	fmt = import_detect(text);
	ret = import_text(text, fmt, shown, name, i386, reg,
			  i386 ? NULL : stderr);
	free(text);
	return ret < 0 ? -1 : ret;
}

struct found_file {
	char *name;
	char *dir;
};

static int cmp_found(const void *a, const void *b)
{
	return strcmp(((const struct found_file *)a)->name,
		      ((const struct found_file *)b)->name);
}

static bool seen(const struct found_file *f, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(f[i].name, name))
			return true;
	return false;
}

/* Add the files of @dir (with @suffix) whose names are not in @f yet. */
static int list_dir(struct found_file *f, int n, const char *dir,
		    const char *suffix)
{
	char path[PATH_BUF];
	struct dirent *de;
	DIR *d;

	root_path(path, sizeof(path), dir);
	d = opendir(path);
	if (!d)
		return n;
	while ((de = readdir(d)) && n < MAX_FILES) {
		size_t len = strlen(de->d_name), sl = strlen(suffix);

		if (de->d_name[0] == '.' || len <= sl ||
		    strcmp(de->d_name + len - sl, suffix) ||
		    seen(f, n, de->d_name))
			continue;
		f[n].name = strdup(de->d_name);
		f[n].dir = strdup(dir);
		if (f[n].name && f[n].dir)
			n++;
	}
	closedir(d);
	return n;
}

/* Is @abs (a path on the real system) there, below the root? */
static bool installed(const char *abs)
{
	char path[PATH_BUF];
	struct stat st;

	root_path(path, sizeof(path), abs);
	return !stat(path, &st) && S_ISREG(st.st_mode);
}

/*
 * Try the files @f[0..@n) in order: the first x86-64 (@i386: i386)
 * registration with an installed interpreter.  Return: 1 (@shown set),
 * 0 none.
 */
static int search(struct found_file *f, int n, bool ub, bool i386,
		  struct import_reg *reg, char *shown, size_t size)
{
	char abs[PATH_BUF], path[PATH_BUF];
	int i;

	for (i = 0; i < n; i++) {
		snprintf(abs, sizeof(abs), "%s/%s", f[i].dir, f[i].name);
		root_path(path, sizeof(path), abs);
		if (from_file(path, abs, ub ? f[i].name : "", i386, reg) <= 0)
			continue;
		if (installed(reg->interpreter)) {
			snprintf(shown, size, "%s", abs);
			return 1;
		}
		fprintf(stderr,
			"xlatectl: %s:%d: interpreter %s is not installed, skipped\n",
			abs, reg->lineno, reg->interpreter);
	}
	return 0;
}

static void free_found(struct found_file *f, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(f[i].name);
		free(f[i].dir);
	}
}

/* --auto: 1 found (@shown set), 0 none. */
static int auto_search(bool i386, struct import_reg *reg, char *shown,
		       size_t size)
{
	static struct found_file f[MAX_FILES];
	int i, n = 0, ret;

	for (i = 0; binfmt_d_dirs[i]; i++)
		n = list_dir(f, n, binfmt_d_dirs[i], ".conf");
	qsort(f, n, sizeof(f[0]), cmp_found);
	ret = search(f, n, false, i386, reg, shown, size);
	free_found(f, n);
	if (ret)
		return ret;
	n = list_dir(f, 0, UPDATE_BINFMTS_DIR, "");
	qsort(f, n, sizeof(f[0]), cmp_found);
	ret = search(f, n, true, i386, reg, shown, size);
	free_found(f, n);
	return ret;
}

/* The name update-binfmts gives the registration of @path: its file name. */
static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/**
 * cmd_import() - xlatectl import: configure from a runtime's registration
 * @argc: number of arguments, the command name included
 * @argv: the arguments; @argv[0] is "import"
 *
 * Return: the exit code (xlatectl.8, EXIT STATUS).
 */
int cmd_import(int argc, char **argv)
{
	static struct import_reg reg[NR_ABIS];
	static const char *const abi_word[NR_ABIS] = { "", "runtime32 " };
	char shown[NR_ABIS][PATH_BUF], path[PATH_BUF];
	const char *file = NULL;
	bool dry_run = false, autom = false, sync = true;
	bool have[NR_ABIS] = { false };
	bool at_open;
	int i, ret, err;

	for (i = 1; i < argc; i++) {
		if (is_help(argv[i])) {
			fputs(import_usage, stdout);
			return EXIT_OK;
		}
		if (!strcmp(argv[i], "--dry-run")) {
			dry_run = true;
			continue;
		}
		if (!strcmp(argv[i], "--auto")) {
			autom = true;
			continue;
		}
		if (!strcmp(argv[i], "--no-sync")) {
			sync = false;
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1])
			return usage_error("import", "unknown option '%s'",
					   argv[i]);
		if (file)
			return usage_error("import", "more than one FILE");
		file = argv[i];
	}
	if (file && autom)
		return usage_error("import", "FILE and --auto exclude each other");
	if (!dry_run && !module_loaded())
		return not_loaded();
	for (i = 0; i < NR_ABIS; i++) {
		if (!file) {
			have[i] = auto_search(i, &reg[i], shown[i],
					      sizeof(shown[i]));
			continue;
		}
		snprintf(shown[i], sizeof(shown[i]), "%s", file);
		ret = from_file(file, file, base_name(file), i, &reg[i]);
		if (ret < 0) {
			fprintf(stderr,
				"xlatectl: import: %s is malformed or unreadable; nothing changed\n",
				file);
			return EXIT_FAIL;
		}
		have[i] = ret;
	}
	if (!have[0] && !have[1]) {
		if (file)
			fprintf(stderr, "xlatectl: import: %s %s; nothing changed\n",
				file, no_reg);
		else
			fprintf(stderr, "xlatectl: import: %s; nothing changed\n",
				"no installed runtime ships an x86-64 or i386 ELF registration (searched /etc/binfmt.d, /run/binfmt.d, /usr/local/lib/binfmt.d, /usr/lib/binfmt.d, /usr/share/binfmts)");
		return EXIT_FAIL;
	}
	for (i = 0; i < NR_ABIS; i++) {
		if (!have[i])
			continue;
		if (dry_run) {
			printf("%s\n", reg[i].line);
			fprintf(stderr,
				"xlatectl: import: dry run, from %s: %sruntime %s, modes %s; nothing written\n",
				shown[i], abi_word[i], reg[i].interpreter,
				modes(&reg[i]));
			continue;
		}
		/* One write per ABI: each is atomic, the pair is not. */
		sys_path(path, sizeof(path), XLATE_SYSFS_CONFIG);
		err = write_value(path, reg[i].line, &at_open);
		if (err) {
			char what[PATH_BUF + 32];

			snprintf(what, sizeof(what), "import %s%s", shown[i],
				 i && have[0] ? " (x86-64 done, i386 not)" : "");
			report_write_error(what, -err, at_open, config_errmsg);
			return EXIT_FAIL;
		}
		printf("configured %sfrom %s: runtime %s, modes %s\n",
		       abi_word[i], shown[i], reg[i].interpreter,
		       modes(&reg[i]));
	}
	/* the x86-64 runtime's CPUID, which the kernel ties the profile to */
	if (!dry_run && have[0] && sync) {
		fflush(stdout);
		cpuinfo_sync_after("import");
	}
	return fflush(stdout) ? EXIT_FAIL : EXIT_OK;
}
