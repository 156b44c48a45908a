// SPDX-License-Identifier: GPL-2.0
/*
 * xlatectl status [--json]: is the module loaded, its configuration and
 * where it came from, cpuinfo profile and counters, and the binfmt_misc
 * registrations that would also take x86-64 ELF files.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "binfmt.h"
#include "dirlist.h"
#include "xlatectl.h"

#define BINFMT_DIR	"/proc/sys/fs/binfmt_misc"
#define BINFMT_NOTE	"xlate is asked first (unless binfmt_misc was loaded after it: see dmesg); this registration is then used only while xlate is disabled or has no runtime"
#define MAX_CLAIMS	32

struct claim {
	char *name;
	char *interpreter;
	char *flags;
};

struct status {
	bool loaded;
	char version[256];
	int config_state;	/* 1 a line, 0 empty (no runtime), -1 no file */
	char config[VALUE_BUF];
	char source[VALUE_BUF];
	bool source_is_line;	/* source is the name of a line written */
	struct kv_list params;
	struct kv_list cpuinfo;
	struct kv_list stats;
	int binfmt_state;	/* 1 enabled, 0 disabled, -1 not mounted */
	int nclaims;
	struct claim claims[MAX_CLAIMS];
};

static int cmp_claim(const void *a, const void *b)
{
	return strcmp(((const struct claim *)a)->name,
		      ((const struct claim *)b)->name);
}

static void scan_binfmt(struct status *st)
{
	char dir[PATH_BUF], path[PATH_BUF], text[VALUE_BUF];
	struct binfmt_entry e;
	struct dirent *de;
	DIR *d;

	proc_path(dir, sizeof(dir), BINFMT_DIR);
	snprintf(path, sizeof(path), "%s/status", dir);
	if (read_value(path, text, sizeof(text))) {
		st->binfmt_state = -1;
		return;
	}
	st->binfmt_state = !strcmp(text, "enabled");
	d = opendir(dir);
	if (!d)
		return;
	while ((de = readdir(d)) && st->nclaims < MAX_CLAIMS) {
		struct claim *c = &st->claims[st->nclaims];

		if (de->d_name[0] == '.' || !strcmp(de->d_name, "status") ||
		    !strcmp(de->d_name, "register"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (read_value(path, text, sizeof(text)) ||
		    binfmt_parse(text, &e) || !e.enabled ||
		    !binfmt_claims_x86_64(&e))
			continue;
		c->name = strdup(de->d_name);
		c->interpreter = strdup(e.interpreter);
		c->flags = strdup(e.flags);
		if (c->name && c->interpreter && c->flags)
			st->nclaims++;
	}
	closedir(d);
	qsort(st->claims, st->nclaims, sizeof(st->claims[0]), cmp_claim);
}

/*
 * /sys/kernel/xlate/config: the configuration as a registration line;
 * config_source: where it came from.  A line written to config is
 * named by its own name.
 */
static void read_config(struct status *st)
{
	char path[PATH_BUF], del[2] = "";
	size_t n;

	sys_path(path, sizeof(path), XLATE_SYSFS_CONFIG);
	st->config_state = -1;
	if (read_value(path, st->config, sizeof(st->config)))
		return;
	st->config_state = !!st->config[0];
	if (!st->config_state)
		return;
	sys_path(path, sizeof(path), XLATE_SYSFS_CONFIG_SOURCE);
	if (read_value(path, st->source, sizeof(st->source)))
		snprintf(st->source, sizeof(st->source), "unknown");
	if (strcmp(st->source, "config"))
		return;
	del[0] = st->config[0];
	n = strcspn(st->config + 1, del);
	snprintf(st->source, sizeof(st->source), "%.*s", (int)n,
		 st->config + 1);
	st->source_is_line = true;
}

/* What a configuration's source means. */
static const char *source_kind(const struct status *st)
{
	static const struct {
		const char *name, *kind;
	} kinds[] = {
		{ "load", "runtime= at load" },
		{ "autodetect", "found at load" },
		{ "parameters", "module parameters" },
		{ "default", "built-in default" },
	};
	size_t i;

	if (st->source_is_line)
		return "binfmt line";
	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		if (!strcmp(st->source, kinds[i].name))
			return kinds[i].kind;
	return "unknown";
}

static void gather(struct status *st)
{
	char dir[PATH_BUF];

	memset(st, 0, sizeof(*st));
	st->loaded = module_loaded();
	if (st->loaded) {
		if (module_version(st->version, sizeof(st->version)))
			st->version[0] = '\0';
		read_config(st);
		sys_path(dir, sizeof(dir), XLATE_SYSFS_PARAMS);
		kv_read_dir(&st->params, dir, param_names, NULL);
		sys_path(dir, sizeof(dir), XLATE_SYSFS_CPUINFO);
		kv_read_dir(&st->cpuinfo, dir, cpuinfo_fields,
			    cpuinfo_write_only);
		sys_path(dir, sizeof(dir), XLATE_SYSFS_STATS);
		kv_read_dir(&st->stats, dir, stat_names, NULL);
	}
	scan_binfmt(st);
}

static bool is_switch(const char *name)
{
	int i;

	for (i = 0; switch_names[i]; i++)
		if (!strcmp(switch_names[i], name))
			return true;
	return false;
}

/* The kernel prints bools as Y/N. */
static const char *onoff(const char *v)
{
	if (!strcmp(v, "Y") || !strcmp(v, "1"))
		return "on";
	if (!strcmp(v, "N") || !strcmp(v, "0"))
		return "off";
	return v;
}

static bool is_number(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static void print_text(const struct status *st)
{
	int i;

	if (!st->loaded) {
		printf("xlate: not loaded\n");
	} else {
		printf("xlate: loaded, version %s\n",
		       *st->version ? st->version : "unknown");
		for (i = 0; i < st->params.n; i++) {
			const struct kv *p = &st->params.kv[i];

			if (!strcmp(p->name, "runtime32")) {
				printf("  %-22s %s\n", "runtime32:", *p->value ?
				       p->value : "(none: i386 programs fail with ENOEXEC)");
				continue;
			}
			if (strcmp(p->name, "runtime")) {
				printf("  %-22s %s\n", p->name, onoff(p->value));
				continue;
			}
			printf("  %-22s %s\n", "runtime:", *p->value ?
			       p->value : "(none: x86-64 programs fail with ENOEXEC)");
			if (st->config_state > 0)
				printf("  %-22s %s (%s)\n", "source:", st->source,
				       source_kind(st));
		}
		printf("cpuinfo profile:\n");
		for (i = 0; i < st->cpuinfo.n; i++)
			printf("  %-22s %s\n", st->cpuinfo.kv[i].name,
			       st->cpuinfo.kv[i].value);
		printf("counters:\n");
		for (i = 0; i < st->stats.n; i++)
			printf("  %-22s %s\n", st->stats.kv[i].name,
			       st->stats.kv[i].value);
	}
	if (st->binfmt_state < 0) {
		printf("binfmt_misc: not mounted\n");
	} else if (!st->binfmt_state) {
		printf("binfmt_misc: disabled\n");
	} else if (!st->nclaims) {
		printf("binfmt_misc: no registration claims x86-64 ELF files\n");
	} else {
		printf("binfmt_misc registrations that also claim x86-64 ELF files:\n");
		for (i = 0; i < st->nclaims; i++) {
			printf("  %s: interpreter %s, flags %s\n",
			       st->claims[i].name, st->claims[i].interpreter,
			       *st->claims[i].flags ? st->claims[i].flags : "none");
			if (st->loaded)
				printf("    %s\n", BINFMT_NOTE);
		}
	}
}

static void json_kv(const char *key, const struct kv_list *l, bool numbers,
		    bool switches)
{
	int i;

	printf(",\"%s\":{", key);
	for (i = 0; i < l->n; i++) {
		const char *v = l->kv[i].value;

		printf("%s", i ? "," : "");
		json_string(l->kv[i].name);
		putchar(':');
		if (numbers && is_number(v))
			printf("%s", v);
		else if (switches && is_switch(l->kv[i].name) &&
			 strcmp(onoff(v), v))
			printf("%s", strcmp(onoff(v), "on") ? "false" : "true");
		else
			json_string(v);
	}
	putchar('}');
}

static void print_json(const struct status *st)
{
	static const char *const state[] = { "not mounted", "disabled",
					     "enabled" };
	int i;

	printf("{\"loaded\":%s", st->loaded ? "true" : "false");
	if (st->loaded) {
		printf(",\"version\":");
		json_string(st->version);
		json_kv("parameters", &st->params, false, true);
		if (st->config_state >= 0) {
			printf(",\"config\":{\"line\":");
			json_string(st->config);
			printf(",\"source\":");
			if (st->config_state)
				json_string(st->source);
			else
				printf("null");
			printf(",\"source_kind\":");
			if (st->config_state)
				json_string(source_kind(st));
			else
				printf("null");
			putchar('}');
		}
		json_kv("cpuinfo", &st->cpuinfo, false, false);
		json_kv("stats", &st->stats, true, false);
	}
	printf(",\"binfmt_misc\":{\"state\":\"%s\",\"x86_64_claims\":[",
	       state[st->binfmt_state + 1]);
	for (i = 0; i < st->nclaims; i++) {
		printf("%s{\"name\":", i ? "," : "");
		json_string(st->claims[i].name);
		printf(",\"interpreter\":");
		json_string(st->claims[i].interpreter);
		printf(",\"flags\":");
		json_string(st->claims[i].flags);
		if (st->loaded) {
			printf(",\"note\":");
			json_string(BINFMT_NOTE);
		}
		putchar('}');
	}
	printf("]}}\n");
}

static void free_status(struct status *st)
{
	int i;

	kv_free(&st->params);
	kv_free(&st->cpuinfo);
	kv_free(&st->stats);
	for (i = 0; i < st->nclaims; i++) {
		free(st->claims[i].name);
		free(st->claims[i].interpreter);
		free(st->claims[i].flags);
	}
}

static const char status_usage[] =
	"usage: xlatectl status [--json]\n"
	"Show whether xlate is loaded, its version, runtime and modes and\n"
	"where they came from, the cpuinfo profile, the counters, and\n"
	"binfmt_misc registrations that would also take x86-64 ELF files.\n"
	"Exit status 3 if not loaded.\n";

/**
 * cmd_status() - xlatectl status: module, configuration, counters
 * @argc: number of arguments, the command name included
 * @argv: the arguments; @argv[0] is "status"
 *
 * Return: the exit code (xlatectl.8, EXIT STATUS).
 */
int cmd_status(int argc, char **argv)
{
	static struct status st;
	bool json = false;
	int i, ret;

	for (i = 1; i < argc; i++) {
		if (is_help(argv[i])) {
			fputs(status_usage, stdout);
			return EXIT_OK;
		}
		if (!strcmp(argv[i], "--json"))
			json = true;
		else
			return usage_error("status", "unknown argument '%s'",
					   argv[i]);
	}
	gather(&st);
	if (json)
		print_json(&st);
	else
		print_text(&st);
	ret = st.loaded ? EXIT_OK : EXIT_NOT_LOADED;
	free_status(&st);
	return fflush(stdout) ? EXIT_FAIL : ret;
}
