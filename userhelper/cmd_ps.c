// SPDX-License-Identifier: GPL-2.0
/*
 * xlatectl ps [--all] [--json]: the tasks that carry the personality
 * marker.
 *
 * The marker lives in the personality, which /proc/PID/personality shows
 * (as hex) only to the task's owner and to ptrace-capable callers (mode
 * 0400, ptrace access check).  Tasks xlatectl cannot inspect are counted
 * and reported; --all lists them with "?".
 *
 * For a task marked by a translated exec it also shows the runtime and
 * the program.  The runtime is the file mapped at the task's start of
 * code (/proc/PID/stat, /proc/PID/maps): the ELF the kernel loaded,
 * which /proc/PID/exe names too unless xlate's exe switch made that the
 * program.  The program is the first string of /proc/PID/cmdline, or
 * the second when the first is the runtime (xlate's cmdline switch off,
 * or a runtime it does not apply to).  Both need the same access as the
 * personality; "?" otherwise.
 *
 * --json prints one object, {"tasks": [...], "not_inspected": N}, a task
 * being {"pid", "personality" (a number), "x86", "translated", "comm",
 * "runtime", "program"}; what could not be read, or does not apply (the
 * runtime and program of a task that is not translated), is null.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xlatectl.h"

static const char ps_usage[] =
	"usage: xlatectl ps [--all] [--json]\n"
	"List the tasks that see the x86 view (personality marker set): pid,\n"
	"personality, the x86-view and translated bits, the command name and,\n"
	"for translated tasks, the runtime and the x86-64 program it runs.\n"
	"Without root, only your own tasks can be inspected; --all also lists\n"
	"the tasks that could not be inspected, and tasks without the marker.\n"
	"--json: the same as one JSON object (xlatectl(8)).\n";

/* One line of the listing; NULL strings are unknown or do not apply. */
struct ps_row {
	long pid;
	bool inspected;
	unsigned long per;
	const char *comm, *runtime, *program;
};

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

static int cmp_pid(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* The numeric entries of /proc, sorted; *n set to the count. */
static long *list_pids(size_t *n)
{
	char dir[PATH_BUF];
	size_t cap = 256;
	long *pids = malloc(cap * sizeof(*pids));
	struct dirent *de;
	DIR *d;

	*n = 0;
	proc_path(dir, sizeof(dir), "/proc");
	d = opendir(dir);
	if (!d || !pids) {
		if (d)
			closedir(d);
		free(pids);
		return NULL;
	}
	while ((de = readdir(d))) {
		if (!all_digits(de->d_name))
			continue;
		if (*n == cap) {
			long *more = realloc(pids, 2 * cap * sizeof(*pids));

			if (!more)
				break;
			pids = more;
			cap *= 2;
		}
		pids[(*n)++] = strtol(de->d_name, NULL, 10);
	}
	closedir(d);
	qsort(pids, *n, sizeof(*pids), cmp_pid);
	return pids;
}

/* @pid's /proc file @name, whole, into @buf; its length, or 0. */
static size_t read_proc(long pid, const char *name, char *buf, size_t size)
{
	char path[PATH_BUF];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%ld/%s", proc_root(), pid, name);
	f = fopen(path, "r");
	if (!f)
		return 0;
	n = fread(buf, 1, size - 1, f);
	fclose(f);
	buf[n] = '\0';
	return n;
}

/* The file mapped at @pid's start of code, into @rt; -1 if unknown. */
static int mapped_runtime(long pid, char *rt, size_t rt_size)
{
	static char maps[1 << 20];
	char stat[1024];
	unsigned long code;

	if (!read_proc(pid, "stat", stat, sizeof(stat)) ||
	    stat_field(stat, 26, &code) || !code ||
	    !read_proc(pid, "maps", maps, sizeof(maps)))
		return -1;
	return maps_file_at(maps, code, rt, rt_size);
}

/*
 * The runtime and the program of translated task @pid, into @rt and
 * @prog; each false when it cannot be read.  An empty program is "".
 */
static void runtime_and_program(long pid, char *rt, size_t rt_size,
				bool *rt_ok, char *prog, size_t prog_size,
				bool *prog_ok)
{
	char path[PATH_BUF], buf[8192];
	const char *first, *pick;
	size_t n;
	ssize_t got;

	*rt_ok = true;
	if (mapped_runtime(pid, rt, rt_size)) {
		snprintf(path, sizeof(path), "%s/%ld/exe", proc_root(), pid);
		got = readlink(path, rt, rt_size - 1);
		if (got < 0)
			*rt_ok = false;
		rt[got < 0 ? 0 : got] = '\0';
	}
	*prog_ok = false;
	prog[0] = '\0';
	n = read_proc(pid, "cmdline", buf, sizeof(buf));
	if (!n)
		return;
	first = buf;
	pick = first;
	if (*rt_ok && !strcmp(first, rt) && strlen(first) + 1 < n)
		pick = first + strlen(first) + 1;
	snprintf(prog, prog_size, "%s", pick);
	*prog_ok = true;
}

static const char ps_format[] = "%7s %-11s %-3s %-10s %-15s %-27s %s\n";

static void print_row_text(const struct ps_row *r)
{
	char pid[32], per[32];

	snprintf(pid, sizeof(pid), "%ld", r->pid);
	if (!r->inspected) {
		printf(ps_format, pid, "?", "?", "?", r->comm, "?", "?");
		return;
	}
	snprintf(per, sizeof(per), "0x%08lx ", r->per);
	printf(ps_format, pid, per, r->per & XLATE_PER_X86 ? "yes" : "no",
	       r->per & XLATE_PER_TRANSLATED ? "yes" : "no", r->comm,
	       !(r->per & XLATE_PER_TRANSLATED) ? "-" :
	       r->runtime ? r->runtime : "?",
	       !(r->per & XLATE_PER_TRANSLATED) ? "-" :
	       !r->program ? "?" : *r->program ? r->program : "\"\"");
}

static void json_or_null(const char *s)
{
	if (s)
		json_string(s);
	else
		fputs("null", stdout);
}

static void print_row_json(const struct ps_row *r, bool first)
{
	printf("%s{\"pid\":%ld,\"personality\":", first ? "" : ",", r->pid);
	if (r->inspected)
		printf("%lu,\"x86\":%s,\"translated\":%s", r->per,
		       r->per & XLATE_PER_X86 ? "true" : "false",
		       r->per & XLATE_PER_TRANSLATED ? "true" : "false");
	else
		fputs("null,\"x86\":null,\"translated\":null", stdout);
	fputs(",\"comm\":", stdout);
	json_string(r->comm);
	fputs(",\"runtime\":", stdout);
	json_or_null(r->runtime);
	fputs(",\"program\":", stdout);
	json_or_null(r->program);
	putchar('}');
}

/**
 * cmd_ps() - xlatectl ps: list tasks that carry the marker
 * @argc: number of arguments, the command name included
 * @argv: the arguments; @argv[0] is "ps"
 *
 * Return: the exit code (xlatectl.8, EXIT STATUS).
 */
int cmd_ps(int argc, char **argv)
{
	char path[PATH_BUF], val[64], comm[64], rt[PATH_BUF], prog[PATH_BUF];
	size_t i, n, shown = 0, hidden = 0;
	bool all = false, json = false, rt_ok, prog_ok;
	struct ps_row row;
	long *pids;
	int err;

	for (i = 1; i < (size_t)argc; i++) {
		if (is_help(argv[i])) {
			fputs(ps_usage, stdout);
			return EXIT_OK;
		}
		if (!strcmp(argv[i], "--all"))
			all = true;
		else if (!strcmp(argv[i], "--json"))
			json = true;
		else
			return usage_error("ps", "unknown argument '%s'",
					   argv[i]);
	}
	pids = list_pids(&n);
	if (!pids) {
		fprintf(stderr, "xlatectl: ps: cannot read %s\n", proc_root());
		return EXIT_FAIL;
	}
	if (json)
		fputs("{\"tasks\":[", stdout);
	else
		printf(ps_format, "PID", "PERSONALITY", "X86", "TRANSLATED",
		       "COMM", "RUNTIME", "PROGRAM");
	for (i = 0; i < n; i++) {
		char *end;

		memset(&row, 0, sizeof(row));
		row.pid = pids[i];
		row.comm = comm;
		snprintf(path, sizeof(path), "%s/%ld/comm", proc_root(),
			 pids[i]);
		if (read_value(path, comm, sizeof(comm)))
			continue;	/* gone */
		snprintf(path, sizeof(path), "%s/%ld/personality", proc_root(),
			 pids[i]);
		err = read_value(path, val, sizeof(val));
		if (err == -ENOENT || err == -ESRCH)
			continue;
		if (err) {
			hidden++;
			if (!all)
				continue;
		} else {
			row.inspected = true;
			row.per = strtoul(val, &end, 16);
			if (!(row.per & XLATE_PER_MARKER) && !all)
				continue;
		}
		if (row.inspected && row.per & XLATE_PER_TRANSLATED) {
			runtime_and_program(pids[i], rt, sizeof(rt), &rt_ok,
					    prog, sizeof(prog), &prog_ok);
			row.runtime = rt_ok ? rt : NULL;
			row.program = prog_ok ? prog : NULL;
		}
		if (json)
			print_row_json(&row, !shown);
		else
			print_row_text(&row);
		shown++;
	}
	free(pids);
	if (json)
		printf("],\"not_inspected\":%zu}\n", hidden);
	if (hidden)
		fprintf(stderr,
			"xlatectl: ps: %zu task(s) not inspected: /proc/PID/personality is readable only by the task's owner or with CAP_SYS_PTRACE (run as root to see them)\n",
			hidden);
	return fflush(stdout) ? EXIT_FAIL : EXIT_OK;
}
